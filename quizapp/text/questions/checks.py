"""Checks on each candidate question before the set is chosen: well formed, fair options, the answer's kind.

Split from ``questions.py`` (which chooses the set): a candidate is kept
only if it is grounded and grammatical in shape, gives nothing away (not in
its prompt, not in the title), and every option it offers the grader marks
wrong; a typed answer also tells the grader what it names.
"""

from __future__ import annotations

import re

from quizapp.text.actors import lexicon
from quizapp.text.grading import grader as grading
from quizapp.text.question import BLANK, Question
from quizapp.text.questions.families.base import Candidate
from quizapp.text.types import Analysis

MAX_PROMPT_WORDS = 22


def well_formed(question: Question, analysis: Analysis, folded: str | None = None) -> bool:
    """Grounded, grammatical in shape, and not giving its answer away."""
    prompt = question.prompt
    if question.type == "cloze":
        if prompt.count(BLANK) != 1:
            return False
    elif question.type == "truefalse" and prompt.startswith("True or false: "):
        if not prompt.endswith("."):
            return False
    elif not prompt.endswith("?") or len(prompt.split()) > MAX_PROMPT_WORDS + (40 if BLANK in prompt else 0):
        return False
    if not question.evidence or question.evidence not in analysis.article.text:
        return False
    if not _quotes_balanced(prompt) or re.search(r"\(\s*\)|[,:;]\s*\?$", prompt):
        return False  # a phrase cut inside a quotation, an emptied bracket, "models:?"
    if question.type in {"choice", "multi"}:
        firsts = {part[0] for part in question.answer}
        if not firsts <= set(question.choices) or len(set(question.choices)) != len(question.choices):
            return False
    if question.type != "truefalse" and _gives_away(question):
        return False
    return question.type == "truefalse" or _in_text(
        question, folded or " " + lexicon.fold(analysis.article.text) + " "
    )


MIN_CHOICES = 3  # a choice question left with fewer options is hardly a question


def actor_kinds(analysis: Analysis) -> dict[str, str]:
    """The grader's kind for each glossary name and alias, folded: "person" for people, "name" for the rest."""
    return {
        lexicon.fold(name): "person" if actor.kind == "person" else "name"
        for actor in analysis.actors
        for name in (actor.name, *actor.aliases)
    }


def with_kind(candidate: Candidate, kinds: dict[str, str]) -> Candidate:
    """Tell the grader what a typed answer names, when the glossary knows it.

    Left to itself the grader guesses from the prompt: a "Who …?" answer is
    a person, so "Motors" would pass for General Motors, and a gap that a
    person fills is a plain name, so "Blackett" would fail for Andy Blackett.
    """
    question = candidate.question
    if question.type not in {"short", "cloze"} or question.answer_kind:
        return candidate
    kind: str | None  # never None once found: a None among the kinds returns early
    if "family:number" in candidate.tags:
        kind = "number"
    else:
        found = {kinds.get(lexicon.fold(part[0])) for part in question.answer}
        if len(found) != 1 or None in found:
            return candidate
        (kind,) = found
    return Candidate(
        candidate.fact,
        Question(**{**question.__dict__, "answer_kind": kind}),
        candidate.score,
        candidate.preferred,
        candidate.tags,
    )


def fair_options(candidate: Candidate) -> Candidate | None:
    """The candidate without the distractors the grader would not mark wrong; None if too few options stay.

    A distractor must never be another form, a part or a superset of the
    answer, nor also true ("Ethiopians" beside "the Ethiopian government"):
    the grader is the judge of what a pupil's answer means, so a distractor
    it does not mark incorrect is dropped, from the options too. The key
    depends on the distractors, so the check runs again until nothing changes.
    """
    question = candidate.question
    if question.type == "truefalse" or not (question.distractors or question.choices):
        return candidate
    right = {form for part in question.answer for form in part}
    while True:
        wrong = [
            d
            for d in dict.fromkeys((*question.distractors, *(c for c in question.choices if c not in right)))
        ]
        unfair = {
            d
            for d in wrong
            if grading.grade(question, [d] if question.type == "multi" else d).verdict != "incorrect"
        }
        if not unfair:
            return (
                candidate
                if question is candidate.question
                else Candidate(candidate.fact, question, candidate.score, candidate.preferred, candidate.tags)
            )
        choices = tuple(c for c in question.choices if c not in unfair)
        if question.choices and len(choices) < MIN_CHOICES:
            return None
        question = Question(
            **{
                **question.__dict__,
                "choices": choices,
                "distractors": tuple(d for d in question.distractors if d not in unfair),
            }
        )


def in_title(question: Question, title: str) -> bool:
    """Whether the article's title, shown above the quiz, gives the answer away.

    A corpus text without a headline gets its first sentence's main clause
    as title ("Prince Harry has flown out of Afghanistan"), so a gap for
    "Afghanistan", a true/false restating that sentence, or a main idea that
    is that sentence is answered before it is read.
    """
    if not title.strip():
        return False
    if question.type == "truefalse" or (question.skill == "inference" and question.type == "choice"):
        said = (
            question.prompt.removeprefix("True or false: ")
            if question.type == "truefalse"
            else question.answer[0][0]
        )
        return title.strip() in lexicon.fold(said)
    return any(f" {lexicon.fold(part[0])} " in title for part in question.answer if lexicon.fold(part[0]))


def _quotes_balanced(text: str) -> bool:
    """Quotes and brackets closed: a phrase cut inside "(MIT" or a quotation is not a question."""
    return (
        text.count("“") == text.count("”") and text.count('"') % 2 == 0 and text.count("(") == text.count(")")
    )


def _gives_away(question: Question) -> bool:
    """Whether any accepted form of the answer stands in the prompt."""
    prompt = " " + lexicon.fold(question.prompt.replace(BLANK, " ")) + " "
    return any(
        f" {lexicon.fold(form)} " in prompt for part in question.answer for form in part if lexicon.fold(form)
    )


def _in_text(question: Question, text: str) -> bool:
    """Every answer part is named in the article (by one of its forms); ``text`` is the folded article."""
    return all(any(f" {lexicon.fold(form)} " in text for form in part) for part in question.answer)
