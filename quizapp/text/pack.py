"""A question pack as plain data: an article, its ordered questions, and how to run them.

This is what the pack formats (``quizapp.interchange``: JSON, YAML, GIFT)
read and write and what the storage layer saves; it knows nothing of either.
Equality is exact, so "export then import gives back an identical pack" is a
plain ``==``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.text.actors.glossary_edits import Correction
from quizapp.text.question import Question

MAX_TITLE_CHARS = 200  # a pack's title, as stored (PostgreSQL refuses longer; SQLite kept them)
MAX_LEVEL_CHARS = 50
FEEDBACK_MODES = ("immediate", "end")  # after each question, or only when the pupil finishes


@dataclass(frozen=True)
class PackSettings:
    """How a class meets the pack."""

    shuffle_questions: bool = False
    shuffle_choices: bool = False
    feedback: str = "immediate"
    attempts: int = 0  # 0: as many as the pupil likes


@dataclass(frozen=True)
class PackArticle:
    """The article the questions are about, as the teacher approved it."""

    title: str
    text: str  # cleaned paragraphs separated by a blank line
    source: str | None = None
    dateline: str | None = None
    glossary: tuple[Correction, ...] = ()  # the teacher's glossary corrections, replayed after import


@dataclass(frozen=True)
class Pack:
    """A teacher's question pack."""

    title: str
    article: PackArticle
    questions: tuple[Question, ...] = ()
    description: str = ""
    level: str = ""
    settings: PackSettings = field(default_factory=PackSettings)
