"""Self-study: anyone picks an article or a public pack, answers, tries the missed questions again.

No Flask here. The web layer keeps the pupil's progress (a signed cookie,
see ``quizapp.web.study.progress``) and hands it in as plain ``Attempt``
tuples; this module says what may be studied, in which order the questions
and their choices come, how a submission is graded (as the quiz grades it:
``services.quiz``) and what the progress adds up to.

Who may study what: the articles a reader may read (``services.articles``:
the seeds, plus a logged-in teacher's own), and the packs that are public:
seed packs (no owner) and packs a teacher marked ``public``. A teacher's
private pack is not listed and not reachable here, even by its owner (who
has the pack editor's preview).

An *arrangement* (seed, round, only) fixes the page: the same arrangement
always gives the same questions in the same order with the same choice
order, so the page's form and the grader agree without storing anything.
Round 0 is the first try; each "try again" is the next round, asking only
the questions missed, each choice list reshuffled from the order shown in
the round before.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion
from quizapp.services import articles, packs
from quizapp.services import quiz as quiz_service
from quizapp.services.transactions import reading
from quizapp.text.errors import InputError
from quizapp.text.question import Question
from quizapp.text.types import Analysis

KINDS = ("article", "pack")
MAX_ROUNDS = 50  # more "try again"s than any pupil makes; bounds the work a hand-made link can ask for
MAX_SEED = 2**31 - 1
MAX_ATTEMPTS = 30  # progress keeps the latest attempts only: enough for a chart, small enough for a cookie
TITLE_CHARS = 80  # titles are cut in progress records: they are labels, and the cookie must stay small


class MaterialNotFound(LookupError):
    """No article or public pack by that slug or id (the web layer answers 404)."""


class BadArrangement(InputError):
    """A study link's question list, seed or round is not one this material can have."""


@dataclass(frozen=True)
class Material:
    """Something to study: an article's own questions, or a pack's, with the article's text."""

    kind: str  # "article" or "pack"
    ref: str  # the article's slug, or the pack's id as text
    title: str
    analysis: Analysis  # the article; its ``questions`` are this material's, in stored order
    shuffle_questions: bool = False
    shuffle_choices: bool = False

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions in their stored order (numbered 1.. in links)."""
        return self.analysis.questions


@dataclass(frozen=True)
class PackChoice:
    """A public pack as the study page lists it."""

    id: int
    title: str
    description: str
    level: str
    questions: int
    article_title: str


@dataclass(frozen=True)
class Catalogue:
    """What the study page offers."""

    articles: list[articles.ArticleSummary]
    packs: list[PackChoice]


@dataclass(frozen=True)
class Arrangement:
    """Which questions a page asks and how they are shuffled; see the module docstring."""

    seed: int = 0
    round: int = 0
    only: tuple[int, ...] = ()  # stored numbers (1-based), in page order; () asks every question


@dataclass(frozen=True)
class Arranged:
    """The page's questions (choices in page order) and each one's stored number."""

    questions: tuple[Question, ...]
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Attempt:
    """One graded submission, as progress keeps it."""

    kind: str
    ref: str
    title: str
    score: float
    total: int
    when: datetime
    retry: bool = False  # a "try again" on missed questions, not the whole set

    @property
    def percent(self) -> float:
        """The score as a share of the points available, 0-100, to one decimal."""
        return round(100 * self.score / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Done:
    """One article or pack the pupil has answered, summed over their attempts."""

    kind: str
    ref: str
    title: str
    attempts: int
    best_percent: float
    last: Attempt


# ---- what may be studied ---------------------------------------------------------------------------


def _public() -> sa.ColumnElement[bool]:
    """The SQL condition "anyone may study this pack": a seed pack, or one its teacher made public."""
    return sa.or_(Pack.owner_id.is_(None), Pack.public.is_(True))


def catalogue(reader_id: int | None = None) -> Catalogue:
    """The articles ``reader_id`` may read and the public packs that have questions, seeds first."""
    counts = (
        sa.select(sa.func.count(PackQuestion.id))
        .where(PackQuestion.pack_id == Pack.id)
        .correlate(Pack)
        .scalar_subquery()
    )
    query = (
        sa.select(Pack, Article.title, counts)
        .join(Pack.article)
        .where(_public())
        .order_by(Pack.owner_id.is_not(None), Pack.title, Pack.id)
    )
    with reading():
        listed = [
            PackChoice(row.id, row.title, row.description, row.level, count, article_title)
            for row, article_title, count in db.session.execute(query)
            if count
        ]
    return Catalogue(articles.listing(reader_id), listed)


def article_material(slug: str, reader_id: int | None = None) -> Material:
    """The article ``slug`` with its own questions, as stored."""
    try:
        view = articles.get_article(slug, reader_id)
    except articles.ArticleNotFound as exc:
        raise MaterialNotFound(slug) from exc
    return Material("article", view.slug, view.title, view.analysis)


def pack_material(pack_id: int) -> Material:
    """The public pack ``pack_id``: its questions and settings, on its article's stored text.

    Read in one transaction with the visibility check, so a pack made
    private meanwhile is never half-shown; ``packs.to_plain`` is what
    ``packs.get_pack`` returns.
    """
    with reading():
        row = db.session.scalars(sa.select(Pack).where(Pack.id == pack_id, _public())).first()
        if row is None:
            raise MaterialNotFound(pack_id)
        plain = packs.to_plain(row)
        analysis = replace(row.article.analysis, questions=plain.questions)
    settings = plain.settings
    return Material(
        "pack",
        str(pack_id),
        plain.title,
        analysis,
        shuffle_questions=settings.shuffle_questions,
        shuffle_choices=settings.shuffle_choices,
    )


# ---- arranging a page ------------------------------------------------------------------------------


def new_seed() -> int:
    """A fresh seed for a first try (tests replace this, or put ``seed`` in the link)."""
    return secrets.randbelow(MAX_SEED)


def arrange(material: Material, arrangement: Arrangement) -> Arranged:
    """The questions a page with ``arrangement`` asks, in its order, each with its choices in page order.

    Raises ``BadArrangement`` for a link this material cannot have had (a
    question number it does not have, asked twice, a round out of range):
    usually a pack edited since the link was made.
    """
    questions = material.questions
    if not 0 <= arrangement.round <= MAX_ROUNDS or not 0 <= arrangement.seed <= MAX_SEED:
        raise BadArrangement("This link asks for a round or an order that does not exist.")
    numbers = arrangement.only or first_order(len(questions), arrangement.seed, material.shuffle_questions)
    if len(set(numbers)) != len(numbers) or not all(1 <= n <= len(questions) for n in numbers):
        raise BadArrangement(
            "This link asks for questions that are not there: the questions may have changed."
        )
    shown = tuple(_with_choices(questions[n - 1], n, material.shuffle_choices, arrangement) for n in numbers)
    return Arranged(shown, tuple(numbers))


def first_order(count: int, seed: int, shuffle: bool) -> tuple[int, ...]:
    """Stored numbers 1..count, shuffled by ``seed`` if the pack says so."""
    numbers = list(range(1, count + 1))
    if shuffle:
        random.Random(f"{seed}:questions").shuffle(numbers)
    return tuple(numbers)


def _with_choices(question: Question, number: int, shuffle: bool, arrangement: Arrangement) -> Question:
    """``question`` with its choices in the order its page shows them (only choice and multi have choices)."""
    if question.type not in ("choice", "multi") or len(question.choices) < 2:
        return question
    return replace(
        question,
        choices=choice_order(question.choices, f"{arrangement.seed}:{number}", shuffle, arrangement.round),
    )


def choice_order(choices: Sequence[str], key: str, shuffle_first: bool, rounds: int) -> tuple[str, ...]:
    """The choices as shown in round ``rounds``: each round reshuffles the order shown in the round before.

    Round 0 keeps the stored order unless the pack shuffles choices. From
    three choices up a reshuffle always changes the order (a pupil who
    remembers "the second one" must read again); two choices are left to
    chance, or the right one would always swap sides. Worked out from round 0
    each time, so a page needs only the seed and the round to be rebuilt.
    """
    order = list(choices)
    if shuffle_first:
        random.Random(f"{key}:0").shuffle(order)
    for round_number in range(1, rounds + 1):
        order = reshuffled(order, random.Random(f"{key}:{round_number}"))
    return tuple(order)


def reshuffled(order: list[str], rng: random.Random) -> list[str]:
    """``order`` shuffled by ``rng``; rotated by one if the shuffle gave it back unchanged (3+ items)."""
    new = rng.sample(order, len(order))
    if len(new) >= 3 and new == order:
        new = new[1:] + new[:1]
    return new


# ---- grading and trying again ----------------------------------------------------------------------


def page_analysis(material: Material, arranged: Arranged) -> Analysis:
    """The article with the page's questions, in page order: what the grader and the evidence marks number."""
    return replace(material.analysis, questions=arranged.questions)


def grade(
    material: Material, arranged: Arranged, responses: Mapping[str, quiz_service.Response]
) -> quiz_service.QuizResult:
    """Grade the page's questions as the quiz does; results are numbered as the page numbered them."""
    return quiz_service.grade_answers(page_analysis(material, arranged), responses)


def missed(result: quiz_service.QuizResult, arranged: Arranged) -> tuple[int, ...]:
    """Stored numbers of the questions not fully right (partly right, wrong or unanswered), in page order."""
    return tuple(
        n for n, r in zip(arranged.numbers, result.results, strict=True) if r.grade.verdict != "correct"
    )


def try_again(arrangement: Arrangement, missed_numbers: tuple[int, ...]) -> Arrangement | None:
    """The next round, asking only ``missed_numbers``; None when nothing was missed or rounds ran out."""
    if not missed_numbers or arrangement.round >= MAX_ROUNDS:
        return None
    return Arrangement(arrangement.seed, arrangement.round + 1, missed_numbers)


# ---- progress --------------------------------------------------------------------------------------


def attempt_of(
    material: Material, result: quiz_service.QuizResult, *, retry: bool, when: datetime | None = None
) -> Attempt:
    """The progress record of ``result``, stamped now (UTC, to the second) unless ``when`` is given."""
    when = when or datetime.now(UTC).replace(microsecond=0)
    return Attempt(
        material.kind, material.ref, material.title[:TITLE_CHARS], result.score, result.total, when, retry
    )


def add_attempt(history: Sequence[Attempt], attempt: Attempt) -> tuple[Attempt, ...]:
    """``history`` with ``attempt`` added last, keeping the latest ``MAX_ATTEMPTS``."""
    return (*history, attempt)[-MAX_ATTEMPTS:]


def done(history: Sequence[Attempt]) -> list[Done]:
    """Each article or pack answered, most recently answered first, with its best score."""
    by_material: dict[tuple[str, str], list[Attempt]] = {}
    for attempt in history:
        by_material.setdefault((attempt.kind, attempt.ref), []).append(attempt)
    summaries = [
        Done(kind, ref, tries[-1].title, len(tries), max(a.percent for a in tries), tries[-1])
        for (kind, ref), tries in by_material.items()
    ]
    return sorted(summaries, key=lambda d: d.last.when, reverse=True)


def to_records(history: Sequence[Attempt]) -> list[list[object]]:
    """Attempts as short JSON lists (kind, ref, title, score, total, unix time, retry): a cookie is small."""
    return [
        [a.kind, a.ref, a.title, a.score, a.total, int(a.when.timestamp()), int(a.retry)] for a in history
    ]


def from_records(data: object) -> tuple[Attempt, ...]:
    """Attempts back from ``to_records``' shape; anything that does not fit it is dropped, not trusted."""
    if not isinstance(data, list):
        return ()
    read = (_attempt(item) for item in data[-MAX_ATTEMPTS:])
    return tuple(attempt for attempt in read if attempt is not None)


def _attempt(item: Any) -> Attempt | None:  # anything a cookie held: checked field by field
    """One record, or None if it is not a well-formed one."""
    try:
        kind, ref, title, score, total, stamp, retry = item
        valid = (
            kind in KINDS
            and isinstance(ref, str)
            and isinstance(title, str)
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in (score, total, stamp))
            and 0 <= score <= total <= 1000
            and total == int(total)
            and 0 <= stamp < 2**40
        )
        if not valid:
            return None
        when = datetime.fromtimestamp(stamp, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return Attempt(kind, ref[:200], title[:TITLE_CHARS], float(score), int(total), when, bool(retry))
