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

import re

from quizapp.text import lexicon
from quizapp.text.question import BLANK, Question
from quizapp.text.question_templates import Candidate, templates
from quizapp.text.types import Analysis

MAX_QUESTIONS = 15
MAX_PROMPT_WORDS = 22
FAMILY_CAP = 2  # at most this many entity clozes, and this many vocabulary clozes
REPEAT_PENALTY = 0.15  # per question already answered by the same name
TYPE_EASE = {"truefalse": 0.15, "choice": 0.25, "multi": 0.4, "short": 0.45, "cloze": 0.5}


def generate(analysis: Analysis, limit: int = MAX_QUESTIONS) -> tuple[Question, ...]:
    """The best ``limit`` well-formed questions about the article, best first."""
    candidates = [c for c in templates(analysis) if well_formed(c.question, analysis)]
    chosen = _choose(candidates, limit)
    return tuple(_finish(c.question, analysis, i) for i, c in enumerate(chosen))


def well_formed(question: Question, analysis: Analysis) -> bool:
    """Grounded, grammatical in shape, and not giving its answer away."""
    prompt = question.prompt
    if question.type == "cloze":
        if prompt.count(BLANK) != 1:
            return False
    elif not prompt.endswith("?") or len(prompt.split()) > MAX_PROMPT_WORDS:
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
    return question.type == "truefalse" or _in_text(question, analysis)


def _quotes_balanced(text: str) -> bool:
    """Quotes and brackets closed: a phrase cut inside "(MIT" or a quotation is not a question."""
    return (text.count("“") == text.count("”") and text.count('"') % 2 == 0
            and text.count("(") == text.count(")"))


def _gives_away(question: Question) -> bool:
    """Whether any accepted form of the answer stands in the prompt."""
    prompt = " " + lexicon.fold(question.prompt.replace(BLANK, " ")) + " "
    return any(f" {lexicon.fold(form)} " in prompt for part in question.answer for form in part
               if lexicon.fold(form))


def _in_text(question: Question, analysis: Analysis) -> bool:
    """Every answer part is named in the article (by one of its forms)."""
    text = " " + lexicon.fold(analysis.article.text) + " "
    return all(any(f" {lexicon.fold(form)} " in text for form in part) for part in question.answer)


def _choose(candidates: list[Candidate], limit: int) -> list[Candidate]:
    """One way per fact, the best facts first, types and answers kept in balance.

    Greedy: each round takes the best remaining fact, its score lowered for
    every question already chosen with the same answer, so that a story
    about one person does not become ten questions answered by that name.
    """
    by_fact: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_fact.setdefault(c.fact, []).append(c)
    counts: dict[str, int] = {}
    answers: dict[tuple, int] = {}
    chosen, prompts, used = [], set(), set()
    remaining = dict(by_fact)
    while remaining and len(chosen) < limit:
        open_ways = {fact: [w for w in ways if _allowed(w, prompts, used, counts) and not _reveals(w, chosen)
                            and answers.get(_answer_key(w), 0) < limit // 2]  # no name answers half the quiz
                     for fact, ways in remaining.items()}
        open_ways = {fact: ways for fact, ways in open_ways.items() if ways}
        if not open_ways:
            break
        fact = max(open_ways, key=lambda f: max(w.score - REPEAT_PENALTY * answers.get(_answer_key(w), 0)
                                                 for w in open_ways[f]))
        best = min(open_ways[fact], key=lambda w: (counts.get(w.question.type, 0) - (1 if w.preferred else 0),
                                                   -w.score))
        del remaining[fact]
        for key in [best.question.type, *(t for t in best.tags if t.startswith("family:"))]:
            counts[key] = counts.get(key, 0) + 1
        answers[_answer_key(best)] = answers.get(_answer_key(best), 0) + 1
        prompts.add(best.question.prompt)
        used.add(best.question.evidence)
        chosen.append(best)
    return _diversify(chosen, by_fact)


def _allowed(way: Candidate, prompts: set, used: set, counts: dict) -> bool:
    """Not a repeat, not a cloze of a sentence already asked about, and its family not full."""
    if way.question.prompt in prompts:
        return False
    if "sentence-exclusive" in way.tags and way.question.evidence in used:
        return False
    return all(counts.get(t, 0) < FAMILY_CAP for t in way.tags if t.startswith("family:"))


def _reveals(way: Candidate, chosen: list[Candidate]) -> bool:
    """Whether this question and one already chosen would give each other's answer away.

    "Who wants Assad to leave power in a negotiated transition?" beside a
    cloze whose missing word is "negotiated" hands the pupil that word.
    """
    return any(_gives_away_to(way.question, other.question) or _gives_away_to(other.question, way.question)
               for other in chosen)


def _gives_away_to(asked: Question, answered: Question) -> bool:
    """Whether the prompt of ``asked`` holds the missing word of the vocabulary cloze ``answered``.

    Only a vocabulary cloze can be given away like this: names are in the
    article the pupil has open anyway, but the point of a word cloze is to
    recall the word.
    """
    if answered.skill != "vocabulary":
        return False
    prompt = " " + lexicon.fold(asked.prompt.replace(BLANK, " ")) + " "
    return any(f" {lexicon.fold(part[0])} " in prompt for part in answered.answer if lexicon.fold(part[0]))


def _answer_key(way: Candidate) -> tuple:
    return tuple(part[0] for part in way.question.answer) if way.question.type != "truefalse" else ("tf",)


def _diversify(chosen: list[Candidate], by_fact: dict[str, list[Candidate]]) -> list[Candidate]:
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
    return Question(**{**question.__dict__, "id": f"q{rank + 1}-{slug}",
                       "difficulty": round(min(difficulty, 1.0), 2)})


def _sentence_grade(sentence: str, analysis: Analysis) -> float:
    """The evidence sentence's grade if it is among the hard ones, else the article's."""
    for hard in analysis.readability.hard_sentences:
        if hard.text.strip() == sentence.strip():
            return hard.grade
    return analysis.readability.flesch_kincaid_grade
