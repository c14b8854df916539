"""The judged question set (tests/data/judged_questions.json): what it holds and how it is scored.

Every question the generator makes for the articles in the file was read
by a person beside its article and marked with Heilman & Smith's (2010)
criteria: grammatical, makes sense alone, answerable from the article, key
correct and complete, not vague, not given away, worth asking a
12–16-year-old. A question is identified by its type, prompt, shown key and
options; if generation changes any of them the question is new and must be
judged again (``unjudged``). The figures are reported in docs/questions.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

JUDGED = Path(__file__).resolve().parents[1] / "data" / "judged_questions.json"
BEYOND_LITERAL = ("Why ", "How ", "Which sentence best sums up")
LITERAL_HOW = (
    "How many ",
    "How much ",
    "How long ",
    "How old ",
    "How far ",
)  # counts and amounts are read off


def beyond_literal(prompt: str) -> bool:
    """Why, how (not how many) and main-idea questions, also as someone's words ("According to X, why …")."""
    if prompt.startswith("According to ") and ", " in prompt:
        asked = prompt.split(", ", 1)[1]
        prompt = asked[:1].upper() + asked[1:]
    return prompt.startswith(BEYOND_LITERAL) and not prompt.startswith(LITERAL_HOW)


def identity(question) -> dict:
    """What a judgement is about: the question as the pupil sees it, and its key."""
    return {
        "type": question.type,
        "prompt": question.prompt,
        "key": question.shown_answer,
        "choices": list(question.choices),
    }


def load() -> dict:
    return json.loads(JUDGED.read_text(encoding="utf-8"))


def unjudged(name: str, questions, judged: dict) -> list[dict]:
    """The questions generated for ``name`` that nobody has judged in exactly this form."""
    known = [_strip(j) for j in judged["articles"][name]["questions"]]
    return [identity(q) for q in questions if identity(q) not in known]


def _strip(judgement: dict) -> dict:
    return {k: judgement[k] for k in ("type", "prompt", "key", "choices")}


@dataclass
class Figures:
    """The judged set's figures, as docs/questions.md reports them."""

    articles: int
    questions: int
    acceptable: int
    false_keys: int
    min_acceptable: int
    who: int
    beyond_literal: int

    @property
    def acceptable_share(self) -> float:
        return self.acceptable / self.questions

    @property
    def who_share(self) -> float:
        return self.who / self.questions

    @property
    def beyond_share(self) -> float:
        return self.beyond_literal / self.questions


def figures(judged: dict, names=None) -> Figures:
    """Acceptability, false keys, the worst article, Who prompts and beyond-literal questions."""
    names = list(names or judged["articles"])
    marks = [j for n in names for j in judged["articles"][n]["questions"]]
    per_article = [sum(j["mark"] == "ok" for j in judged["articles"][n]["questions"]) for n in names]
    return Figures(
        articles=len(names),
        questions=len(marks),
        acceptable=sum(j["mark"] == "ok" for j in marks),
        false_keys=sum(j.get("false_key", False) for j in marks),
        min_acceptable=min(per_article),
        who=sum(j["prompt"].startswith("Who ") for j in marks),
        beyond_literal=sum(beyond_literal(j["prompt"]) for j in marks),
    )
