"""Question families a teacher writes, each read off the parse of one sentence (or the whole article).

Each module yields ``Candidate`` questions with their evidence sentence:
why (``reasons``), how many and which year (``numbers``), true/false
(``statements``), what a named speaker says (``according``), the main
idea (``main_idea``) and vocabulary in context (``vocabulary``).
``questions.generate`` ranks them with the relation-based templates.
Every family walks the article's sentences once.
"""

from __future__ import annotations

from quizapp.text.questions.families import (
    according,
    base,
    main_idea,
    numbers,
    reasons,
    statements,
    vocabulary,
)

FAMILIES = (reasons, numbers, main_idea, according, statements, vocabulary)


def candidates(analysis, docs):
    """Every candidate the families find in the parsed article ``docs``."""
    sentences = base.sentences(analysis, docs)
    for family in FAMILIES:
        yield from family.candidates(sentences, analysis)
