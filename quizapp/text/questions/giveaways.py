"""Which questions of a set give each other's answers away.

A set is read together: a gap's missing word standing in another prompt,
a main idea offering whole the sentence a statement rests on, or two
statements where one holds the other each hand the pupil an answer. The
chooser (generator.py) refuses a question that would do so beside one
already chosen.
"""

from __future__ import annotations

import functools

from quizapp.text.actors import lexicon
from quizapp.text.question import BLANK, Question
from quizapp.text.questions.families.base import Candidate


def reveals(way: Candidate, chosen: list[Candidate]) -> bool:
    """Whether this question and one already chosen would give each other's answer away.

    "Who wants Assad to leave power in a negotiated transition?" beside a
    gap whose missing word is "negotiated" hands the pupil that word; a
    true/false statement holding a how-many question's number, from the
    same sentence, hands over the number.
    """
    return any(
        _gives_away_to(way.question, other)
        or _gives_away_to(other.question, way)
        or _same_statement(way, other)
        or _offered(way, other)
        or _offered(other, way)
        for other in chosen
    )


def _offered(summary: Candidate, other: Candidate) -> bool:
    """Whether a main-idea question offers, as an option, the sentence another question is about."""
    return "offers-sentences" in summary.tags and other.question.evidence.strip() in summary.question.choices


def _same_statement(one: Candidate, other: Candidate) -> bool:
    """Two true/false statements where one sentence holds the other ("The UN is involved …" said twice)."""
    if "restates" not in one.tags or "restates" not in other.tags:
        return False
    a, b = one.question.evidence.strip(" ."), other.question.evidence.strip(" .")
    return a in b or b in a


def _gives_away_to(asked: Question, answered: Candidate) -> bool:
    """Whether the prompt of ``asked`` holds the answer of ``answered`` where it helps the pupil.

    A missing word is given away wherever it stands. Any other answer when
    both questions rest on the same sentence ("Why did the government lose
    £32 billion?" answers "Who lost £32 billion?"). A name asked about one
    sentence may stand in a prompt about another: the article the pupil has
    open holds it anyway, and finding which sentence says it is the task.
    """
    target = answered.question
    if target.type == "truefalse":
        return False
    if target.skill != "vocabulary" and asked.evidence != target.evidence:
        return False
    prompt = _folded(asked.prompt)
    forms = (
        form for part in target.answer for form in (part if asked.evidence == target.evidence else part[:1])
    )
    return any(f" {lexicon.fold(form)} " in prompt for form in forms if len(lexicon.fold(form)) > 2)


@functools.lru_cache(maxsize=4096)
def _folded(prompt: str) -> str:
    """A prompt folded for word matching, once: the chooser compares each candidate every round."""
    return " " + lexicon.fold(prompt.replace(BLANK, " ")) + " "
