"""Which questions of one version's pack can be asked of every version of a story (issue 15).

Pure: no Flask, no database. A question is shared only when, in *every*
version, some sentence says what its evidence says (the same or nearly
the same words, with as many "not"s) *and* holds its answer, so a pupil
reading the easy version can find the answer where a pupil reading the
hard one can. Precision first: a question left out costs the teacher one
question; a question asked of a text without its answer costs every pupil
at that level a mark they could not earn. A true/false question has no
answer words to find, and one changed word can make it false, so it is
shared only where its evidence is word for word in the version.

Each version gets its own copy of a shared question, with *its* sentence
as the evidence, so results pages point at the text the pupil read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from quizapp.text.question import Question
from quizapp.text.types import Span

NEAR_SAME = 0.85  # difflib's ratio over the two sentences' words: a word or two changed in a long sentence
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "cannot", "n't"})
_WORD = re.compile(r"n't|\w+(?:[-'’]\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a version and where it is."""

    text: str
    span: Span


@dataclass(frozen=True)
class LeftOut:
    """A question that is not asked at every level, and the first version that lacks it."""

    question: Question
    version: str  # the version's short name, e.g. "A2"


@dataclass(frozen=True)
class Sharing:
    """The outcome: each version's copies of the shared questions (in the pack's order), and the rest."""

    per_version: tuple[tuple[Question, ...], ...]
    left_out: tuple[LeftOut, ...]


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, "don't" as "do" + "n't" so a negation is a word of its own."""
    return _WORD.findall(text.lower().replace("’", "'").replace("n't", " n't"))


def split_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """Every sentence of the paragraphs, with its span; a split in the wrong place only shares less."""
    found = []
    for number, paragraph in enumerate(paragraphs):
        start = 0
        for end_mark in [*(m.end() for m in _SENTENCE_END.finditer(paragraph)), len(paragraph)]:
            text = paragraph[start:end_mark].strip()
            if text:
                offset = paragraph.index(text, start)
                found.append(Sentence(text, Span(number, offset, offset + len(text))))
            start = end_mark
    return found


def near_same(evidence: str, sentence: str) -> bool:
    """Whether ``sentence`` says what ``evidence`` says: nearly the same words, and the same negations."""
    a, b = words(evidence), words(sentence)
    if not a or not b:
        return False
    if sorted(w for w in a if w in NEGATIONS) != sorted(w for w in b if w in NEGATIONS):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_SAME


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as consecutive words."""
    size = len(needle)
    return size > 0 and any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def holds_answer(question: Question, sentence: str) -> bool:
    """Whether ``sentence`` holds the question's answer: one form of every part, as whole words.

    A true/false question's key is not words of the text: its evidence must
    be the sentence itself, word for word.
    """
    if question.type == "truefalse":
        return words(question.evidence) == words(sentence)
    said = words(sentence)
    return bool(question.answer) and all(
        any(_contains(said, words(form)) for form in part) for part in question.answer
    )


def evidence_in(question: Question, sentences: Sequence[Sentence]) -> Sentence | None:
    """The version's sentence that says what the question's evidence says and holds its answer, if any."""
    if not question.evidence.strip():
        return None
    return next(
        (s for s in sentences if near_same(question.evidence, s.text) and holds_answer(question, s.text)),
        None,
    )


def share(questions: Sequence[Question], versions: Sequence[tuple[str, Sequence[Sentence]]]) -> Sharing:
    """The questions whose evidence and answer are in every version (``versions``: name, sentences).

    Each shared question is copied per version with that version's sentence
    as its evidence; a question missing from a version is ``LeftOut``,
    naming the first (easiest) version without it.
    """
    copies: list[list[Question]] = [[] for _ in versions]
    left_out = []
    for question in questions:
        found = [evidence_in(question, sentences) for _, sentences in versions]
        hits = [hit for hit in found if hit is not None]
        if len(hits) < len(found):
            left_out.append(LeftOut(question, versions[found.index(None)][0]))
            continue
        for copy, hit in zip(copies, hits, strict=True):
            copy.append(replace(question, evidence=hit.text, evidence_span=hit.span))
    return Sharing(tuple(tuple(c) for c in copies), tuple(left_out))
