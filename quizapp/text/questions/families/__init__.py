"""Question families a teacher writes, each read off the parse of one sentence (or the whole article).

Each module yields ``Candidate`` questions with their evidence sentence:
why (``reasons``), how many and which year (``numbers``), true/false
(``statements``), what a named speaker says (``according``), the main
idea (``main_idea``) and vocabulary in context (``vocabulary``).
``questions.generate`` ranks them with the relation-based templates.
Every family walks the article's sentences once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from quizapp.text.questions.families import (
    according,
    base,
    main_idea,
    numbers,
    reasons,
    statements,
    vocabulary,
)
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

FAMILIES = (reasons, numbers, main_idea, according, statements, vocabulary)


def candidates(analysis: Analysis, docs: Sequence[Doc]) -> Iterator[base.Candidate]:
    """Every candidate the families find in the parsed article ``docs``."""
    sentences = base.sentences(analysis, docs)
    for family in FAMILIES:
        yield from family.candidates(sentences, analysis)
