"""Comprehension questions written from an article's relations: overgenerate, then rank.

The design follows Heilman & Smith (2010), "Good Question! Statistical
ranking for question generation": turn the statements the text makes into
questions, with the question word chosen from the answer's kind (who, which
country, which town), then score the candidates and keep the best. Our
statements are the relations the glossary already extracted from the parse
(who backs whom, what was captured, whose stronghold a region is, what each
actor does), so every question is grounded in one sentence of the article,
which it keeps as its evidence.

Each underlying *fact* can be asked several ways (typed, multiple choice,
true/false); only one way is kept, chosen to give the set a balance of
types, because two questions about the same fact give each other away.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.question import Question
from quizapp.text.questions import checks, families, giveaways
from quizapp.text.questions.families.base import Candidate
from quizapp.text.questions.families.base import sentences as parsed_sentences
from quizapp.text.questions.templates import templates
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_QUESTIONS = 12
SMALL_SET, SMALL_SET_GAPS = 8, 5  # below eight questions, up to five name gaps
MAX_SAME_ANSWER = 2  # one name answers at most two questions
MAX_PER_SENTENCE = 2  # questions resting on one evidence sentence
PREFERRED = 1  # a template's preferred way wins unless its type is already asked this many times more
LONG_SENTENCE = 25  # words: such a sentence may carry one more
FAMILY_LIMITS = {
    "family:cloze": 2,
    "family:vocabulary": 1,
    "family:statement": 3,
    "family:number": 3,
    "family:reason": 3,
    "family:main-idea": 1,
    "family:paragraph-idea": 3,
    "family:according": 2,
    "family:statement-like": 4,
}
FAMILY_CAP = 2  # at most this many entity clozes, and this many vocabulary clozes
REPEAT_PENALTY = 0.15  # per question already answered by the same name
PARAGRAPH_PENALTY = 0.05  # per question already asked about the same paragraph
BEYOND_LITERAL = {"family:reason", "family:main-idea", "family:paragraph-idea"}
BEYOND_WANTED = 2  # why and main-idea questions a set should have where the article gives them
TYPE_EASE = {"truefalse": 0.15, "choice": 0.25, "multi": 0.4, "short": 0.45, "cloze": 0.5}


def generate(
    analysis: Analysis, docs: Sequence[Doc] | None = None, limit: int = MAX_QUESTIONS
) -> tuple[Question, ...]:
    """The best ``limit`` well-formed questions about the article, best first.

    ``docs`` is spaCy's parse of each paragraph (as ``pipeline.analyse``
    made it). With it, the question families read the parse and every
    who-question's key is checked against it; without it (an analysis
    loaded from JSON) only the relation templates run, unchecked.
    """
    sentences = parsed_sentences(analysis, docs) if docs is not None else []
    found = list(templates(analysis, sentences))
    if docs is not None:
        found += families.candidates(analysis, docs)
    folded = (
        " " + lexicon.fold(analysis.article.text) + " "
    )  # folded once: checking each candidate stays O(1) in n
    title = " " + lexicon.fold(analysis.article.title.rstrip(" …")) + " "
    candidates = [
        c
        for c in found
        if checks.well_formed(c.question, analysis, folded) and not checks.in_title(c.question, title)
    ]
    kinds = checks.actor_kinds(analysis)
    candidates = [
        fair for c in candidates if (fair := checks.fair_options(checks.with_kind(c, kinds))) is not None
    ]
    chosen = _choose(candidates, limit)
    return tuple(_finish(c.question, analysis, i) for i, c in enumerate(chosen))


def _choose(candidates: list[Candidate], limit: int) -> list[Candidate]:
    """One way per fact, the best facts first, a set rather than a list.

    Greedy: each round takes the best remaining fact, its score lowered for
    every question already chosen with the same answer and from the same
    paragraph, so that the set spreads over the article and a story about
    one person is not ten questions answered by that name. Hard limits: one
    question per evidence sentence, one name answers at most two questions,
    at most half the prompts start with "Who", no question gives another's
    answer away.
    """
    by_fact: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_fact.setdefault(c.fact, []).append(c)
    state = _SetState(limit)
    remaining = dict(by_fact)
    _fill(state, remaining, limit)
    if (
        len(state.chosen) < SMALL_SET
    ):  # a short or quote-heavy article: allow more name gaps, all else unchanged
        state.limits = {**FAMILY_LIMITS, "family:cloze": SMALL_SET_GAPS}
        _fill(state, remaining, SMALL_SET)
    state = _beyond_literal(state, remaining)
    return _at_most_half_who(_diversify(state.chosen, by_fact, state))


def _beyond_literal(state: _SetState, remaining: dict[str, list[Candidate]]) -> _SetState:
    """Make room for a second why or main-idea question where the article has one.

    Ranked greedily, these lose to the statements and gaps their options
    would give away (a main idea offers whole sentences). A teacher wants
    at least two questions beyond the literal, so the best such question
    takes the place of the lowest-ranked literal one (or two) that block
    it, and the set is filled again; the set never ends up smaller.
    """
    waiting = sorted(
        (w for ways in remaining.values() for w in ways if w.tags & BEYOND_LITERAL),
        key=lambda w: -w.score,
    )
    for way in waiting:
        if state.beyond >= BEYOND_WANTED:
            break
        if way.fact not in remaining:
            continue  # another way of this fact is already asked
        swapped = _swap_in(state, way, remaining)
        if swapped is not None:
            state = swapped
    return state


def _swap_in(state: _SetState, way: Candidate, remaining: dict[str, list[Candidate]]) -> _SetState | None:
    """The set with ``way`` in place of the lowest-ranked literal questions that block it, refilled; or None."""
    literal = [c for c in reversed(state.chosen) if not c.tags & BEYOND_LITERAL]
    for size in (1, 2):
        for out in itertools.combinations(literal, size):
            trial = _SetState(state.limit)
            trial.limits = state.limits
            for kept in state.chosen:
                if all(kept is not o for o in out):
                    trial.take(kept)
            if not trial.allows(way):
                continue
            trial.take(way)
            left = {f: ways for f, ways in remaining.items() if f != way.fact}
            left.update({o.fact: [o] for o in out})
            _fill(trial, left, max(len(state.chosen), SMALL_SET))
            if len(trial.chosen) >= len(state.chosen):
                remaining.clear()
                remaining.update(left)
                return trial
    return None


def _fill(state: _SetState, remaining: dict[str, list[Candidate]], limit: int) -> None:
    """Take the best allowed way of the best remaining fact until ``limit`` or nothing is allowed."""
    while remaining and len(state.chosen) < limit:
        open_ways = {fact: [w for w in ways if state.allows(w)] for fact, ways in remaining.items()}
        open_ways = {fact: ways for fact, ways in open_ways.items() if ways}
        if not open_ways:
            break
        fact = max(open_ways, key=lambda f: max(state.score(w) for w in open_ways[f]))
        asked = (
            _asked_about(remaining, fact)
            if any("offers-sentences" in w.tags for w in open_ways[fact])
            else {}
        )
        best = min(
            open_ways[fact],
            key=lambda w: (
                state.counts.get(w.question.type, 0) - (PREFERRED if w.preferred else 0),
                sum(asked.get(c, 0) for c in w.question.choices) if asked else 0,
                -w.score,
            ),
        )
        del remaining[fact]
        state.take(best)


def _asked_about(remaining: dict[str, list[Candidate]], taking: str) -> dict[str, int]:
    """How many other facts still waiting rest on each sentence: a main idea offering one would block them.

    Of a main-idea question's variants the chooser takes the one whose
    wrong options are sentences nothing else asks about, so that the set
    keeps its other questions.
    """
    counts: dict[str, int] = {}
    for fact, ways in remaining.items():
        if fact != taking:
            for sentence in {w.question.evidence.strip() for w in ways}:
                counts[sentence] = counts.get(sentence, 0) + 1
    return counts


class _SetState:
    """What the questions chosen so far use up: types, families, names, sentences, paragraphs."""

    def __init__(self, limit: int):
        self.limit = limit
        self.limits = FAMILY_LIMITS
        self.chosen: list[Candidate] = []
        self.counts: dict[str, int] = {}
        self.names: dict[str, float] = {}
        self.answers: dict[tuple[str, ...], int] = {}
        self.paragraphs: dict[int, int] = {}
        self.prompts: set[str] = set()
        self.sentences: dict[str, int] = {}
        self.who = 0
        self.beyond = 0  # why and main-idea questions chosen
        self.restated: set[str] = set()
        self.answered: dict[str, set[str]] = {}  # evidence sentence -> the names it already answers
        self.truths: dict[str, int] = {}  # true/false statements chosen, by their answer

    def score(self, way: Candidate) -> float:
        used = self.answers.get(_answer_key(way), 0)
        span = way.question.evidence_span
        here = self.paragraphs.get(span.paragraph, 0) if span else 0
        return way.score - REPEAT_PENALTY * used - PARAGRAPH_PENALTY * here

    def allows(self, way: Candidate) -> bool:
        q = way.question
        if q.prompt in self.prompts or self.sentences.get(q.evidence, 0) >= _sentence_limit(q.evidence):
            return False
        if q.evidence in self.restated or ("restates" in way.tags and q.evidence in self.sentences):
            return False  # a true/false statement restating a sentence gives away whatever else it answers
        if set(_names(way)) & self.answered.get(q.evidence, set()):
            return False  # the same answer from the same sentence: one fact asked twice
        if any(self.names.get(n, 0) + share > MAX_SAME_ANSWER for n, share in _names(way).items()):
            return False
        if _is_who(q) and self.who >= self.limit // 2:
            return False
        if q.type == "truefalse" and self._one_sided(q):
            return (
                False  # "true" in every true/false box must not score much: trues and falses stay within two
            )
        if not all(
            self.counts.get(t, 0) < self.limits.get(t, FAMILY_CAP)
            for t in way.tags
            if t.startswith("family:")
        ):
            return False
        return not giveaways.reveals(way, self.chosen)

    def _one_sided(self, q: Question) -> bool:
        """This statement would put its answer three ahead of the other among the true/false questions."""
        truth = q.answer[0][0]
        return self.truths.get(truth, 0) > self.truths.get("false" if truth == "true" else "true", 0) + 1

    def take(self, way: Candidate) -> None:
        q = way.question
        if q.type == "truefalse":
            self.truths[q.answer[0][0]] = self.truths.get(q.answer[0][0], 0) + 1
        for key in [q.type, *(t for t in way.tags if t.startswith("family:"))]:
            self.counts[key] = self.counts.get(key, 0) + 1
        for n, share in _names(way).items():
            self.names[n] = self.names.get(n, 0) + share
        self.answers[_answer_key(way)] = self.answers.get(_answer_key(way), 0) + 1
        if q.evidence_span:
            self.paragraphs[q.evidence_span.paragraph] = self.paragraphs.get(q.evidence_span.paragraph, 0) + 1
        self.who += _is_who(q)
        self.beyond += bool(way.tags & BEYOND_LITERAL)
        self.prompts.add(q.prompt)
        self.sentences[q.evidence] = self.sentences.get(q.evidence, 0) + 1
        self.answered.setdefault(q.evidence, set()).update(_names(way))
        if "restates" in way.tags:
            self.restated.add(q.evidence)
        self.chosen.append(way)


def _answer_key(way: Candidate) -> tuple[str, ...]:
    """The whole answer, for lowering the score of a fact whose exact answer is already asked."""
    return tuple(part[0] for part in way.question.answer) if way.question.type != "truefalse" else ("tf",)


def _names(way: Candidate) -> dict[str, float]:
    return _names_of(way.question.type, way.question.answer)


@functools.lru_cache(maxsize=4096)
def _names_of(kind: str, parts: tuple[tuple[str, ...], ...]) -> dict[str, float]:
    """The answers' shown forms, folded, with the share of the question each one answers.

    "One name answers at most two questions" is there so that typing one
    name in every box does not score; a name that is one of two parts of an
    answer scores half a point alone, so it counts half.
    """
    if kind == "truefalse":
        return {}
    # One person under any of their forms ("Assad", "Bashar al-Assad"): the shortest folded form names them.
    return {min((lexicon.fold(f) for f in part), key=lambda f: (len(f), f)): 1 / len(parts) for part in parts}


def _sentence_limit(sentence: str) -> int:
    """Questions one sentence may carry: a long one states several facts (the seed's 40-word leads)."""
    return MAX_PER_SENTENCE + (len(sentence.split()) >= LONG_SENTENCE)


def _is_who(question: Question) -> bool:
    return question.prompt.split(" ", 1)[0] == "Who"


def _at_most_half_who(chosen: list[Candidate]) -> list[Candidate]:
    """Drop the lowest-ranked who-questions while they are more than half the set."""
    chosen = list(chosen)
    while sum(_is_who(c.question) for c in chosen) * 2 > len(chosen):
        last = max(i for i, c in enumerate(chosen) if _is_who(c.question))
        del chosen[last]
    return chosen


def _diversify(
    chosen: list[Candidate], by_fact: dict[str, list[Candidate]], state: _SetState | None = None
) -> list[Candidate]:
    """Make sure every type the article supports is asked at least once.

    Balancing as we go can still leave a type out (the true/false forms of
    facts that were better asked as typed questions); ask the lowest-ranked
    such fact that way instead, if its current type is asked elsewhere too.
    """
    for kind in ("truefalse", "multi", "choice", "short", "cloze"):
        types = [c.question.type for c in chosen]
        if kind in types:
            continue
        for i in range(len(chosen) - 1, -1, -1):
            other = [w for w in by_fact[chosen[i].fact] if w.question.type == kind]
            if other and types.count(chosen[i].question.type) > 1 and not chosen[i].preferred:
                chosen[i] = max(other, key=lambda w: w.score)
                break
    return chosen


def _finish(question: Question, analysis: Analysis, rank: int) -> Question:
    """Give the question its difficulty and a unique id."""
    grade = _sentence_grade(question.evidence, analysis)
    difficulty = TYPE_EASE[question.type] + (0.2 if question.skill == "inference" else 0.0)
    difficulty += min(max((grade - 6) / 40, 0.0), 0.25)
    slug = "-".join(lexicon.fold(question.prompt).split()[:5]) or "question"
    return Question(
        **{**question.__dict__, "id": f"q{rank + 1}-{slug}", "difficulty": round(min(difficulty, 1.0), 2)}
    )


def _sentence_grade(sentence: str, analysis: Analysis) -> float:
    """The evidence sentence's grade if it is among the hard ones, else the article's."""
    for hard in analysis.readability.hard_sentences:
        if hard.text.strip() == sentence.strip():
            return hard.grade
    return analysis.readability.flesch_kincaid_grade
