"""Question packs: stored rows <-> the plain ``quizapp.text.pack.Pack`` the pack formats read and write.

A pack row points at its article; the plain pack carries the article's
title and cleaned text instead (``PackArticle``), so a file exported from
one school and imported at another needs no database ids.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion
from quizapp.services.ownership import PackNotFound, owned_pack
from quizapp.services.transactions import reading, writing
from quizapp.text import pack as plain
from quizapp.text.actors.glossary_edits import apply_corrections, corrections
from quizapp.text.question import Question
from quizapp.text.types import Analysis, Span

IMPORT_NOTES = "import_notes"  # the analysis extra holding what an import could not carry over


@dataclass(frozen=True)
class PackSummary:
    """What a list of packs shows."""

    id: int
    title: str
    level: str
    questions: int
    article_slug: str
    article_title: str
    updated_at: datetime


@dataclass(frozen=True)
class TeacherPack:
    """A teacher's own pack as her pages show it: the plain pack, and what only its owner sees."""

    id: int
    pack: plain.Pack
    public: bool  # offered in self-study
    needs_review: bool  # an edit of the article broke some of its questions


def pack_article(article: Article) -> plain.PackArticle:
    """The article as a pack carries it: title, cleaned paragraphs, byline, the teacher's glossary corrections."""
    paragraphs = article.analysis_data.get("paragraphs", [])
    return plain.PackArticle(
        title=article.title,
        text="\n\n".join(paragraphs),
        source=article.source,
        dateline=article.dateline,
        glossary=corrections(article.analysis),
    )


def with_corrections(analysis: Analysis, data: plain.Pack) -> Analysis:
    """The imported article's analysis with the pack's glossary corrections made again.

    Ids may differ in the new analysis, so corrections name entries by name;
    one whose entry is not there is skipped, and the notes saying so are kept
    with the analysis (``IMPORT_NOTES``) for the glossary page and the CLI.
    """
    if not data.article.glossary:
        return analysis
    analysis, notes = apply_corrections(analysis, data.article.glossary)
    return replace(analysis, extras={**analysis.extras, IMPORT_NOTES: notes}) if notes else analysis


def to_plain(row: Pack) -> plain.Pack:
    """A stored pack as plain data (for export, and for pages that run it)."""
    settings = plain.PackSettings(
        shuffle_questions=row.shuffle_questions,
        shuffle_choices=row.shuffle_choices,
        feedback=row.feedback,
        attempts=row.attempts,
    )
    article = pack_article(row.article)
    paragraphs = article.text.split("\n\n")
    return plain.Pack(
        title=row.title,
        article=article,
        questions=tuple(anchored(q.question, paragraphs) for q in row.questions),
        description=row.description,
        level=row.level,
        settings=settings,
    )


def anchored(question: Question, paragraphs: list[str]) -> Question:
    """``question`` with its evidence span pointing at its evidence in the article as it is now.

    An article can change under its packs (an admin updates a seed and runs
    ``quizapp prepare``): a span made for the old text may then point past
    the new one, and such a pack could not be exported. A span that still
    marks the evidence stays; otherwise the evidence sentence is looked for
    and the span moved to it, or dropped (the sentence itself is kept).
    """
    span, evidence = question.evidence_span, question.evidence
    if span is None:
        return question
    inside = 0 <= span.paragraph < len(paragraphs) and 0 <= span.start <= span.end <= len(
        paragraphs[span.paragraph]
    )
    if inside and (not evidence or paragraphs[span.paragraph][span.start : span.end] == evidence):
        return question
    for number, paragraph in enumerate(paragraphs):
        at = paragraph.find(evidence) if evidence else -1
        if at >= 0:
            return replace(question, evidence_span=Span(number, at, at + len(evidence)))
    return replace(question, evidence_span=None)


def fill(row: Pack, data: plain.Pack) -> Pack:
    """Copy everything but the article from ``data`` onto ``row``; its questions replace the old ones, in order."""
    row.title, row.description, row.level = data.title, data.description, data.level
    row.shuffle_questions = data.settings.shuffle_questions
    row.shuffle_choices = data.settings.shuffle_choices
    row.feedback, row.attempts = data.settings.feedback, data.settings.attempts
    row.questions = [
        PackQuestion(question=question) for question in data.questions
    ]  # ordering_list numbers them
    return row


def create_pack(data: plain.Pack, *, article_id: int, owner_id: int | None) -> int:
    """Store ``data`` as a new pack on the article ``article_id``; its id."""
    with writing():
        row = fill(Pack(article_id=article_id, owner_id=owner_id), data)
        db.session.add(row)
        db.session.flush()
        pack_id = row.id
    return pack_id


def replace_pack(pack_id: int, data: plain.Pack) -> None:
    """Overwrite a pack's settings and questions with ``data`` (the article stays)."""
    with writing():
        row = db.session.get(Pack, pack_id, with_for_update=True)
        if row is None:
            raise PackNotFound(pack_id)
        fill(row, data)


def get_pack(pack_id: int) -> plain.Pack:
    """Any pack ``pack_id`` as plain data: for the admin's CLI (``quizapp pack export``), which may read every pack.

    A teacher's page reads her pack with ``teacher_pack``, which checks it is hers.
    """
    with reading():
        row = db.session.get(Pack, pack_id)
        if row is None:
            raise PackNotFound(pack_id)
        return to_plain(row)


def teacher_pack(pack_id: int, owner_id: int) -> TeacherPack:
    """The teacher's pack ``pack_id`` as plain data; ``PackNotFound`` if it is not hers (or is a seed)."""
    with reading():
        row = owned_pack(pack_id, owner_id)
        return TeacherPack(row.id, to_plain(row), row.public, row.needs_review)


def check_owned(pack_id: int, owner_id: int) -> None:
    """``PackNotFound`` unless the pack is the teacher's: for a page of hers that reads nothing of it (a preview)."""
    with reading():
        owned_pack(pack_id, owner_id)


def owned_packs(owner_id: int) -> list[PackSummary]:
    """A teacher's packs, most recently changed first (their dashboard)."""
    counts = (
        sa.select(sa.func.count(PackQuestion.id))
        .where(PackQuestion.pack_id == Pack.id)
        .correlate(Pack)
        .scalar_subquery()
    )
    query = (
        sa.select(Pack, Article.slug, Article.title, counts)
        .join(Pack.article)
        .where(Pack.owner_id == owner_id)
        .order_by(Pack.updated_at.desc(), Pack.id.desc())
    )
    with reading():
        return [
            PackSummary(row.id, row.title, row.level, count, slug, title, row.updated_at)
            for row, slug, title, count in db.session.execute(query)
        ]
