"""A teacher fixes her articles: edit the text, delete one, and not add the same text twice.

Editing the text means analysing it again, so an edit is an ``ArticleJob``
like an addition (``replaces_id`` names the article) and the background
worker stores it with ``store_edit``: same id, slug and packs. A pack's
questions were written for the old text; each question whose evidence
sentence is no longer in the new text flags its pack ``needs_review``, so the
teacher is told, and pupils never get a question whose proof has vanished
without anyone noticing. (Evidence that merely moved is re-based when the
pack is read: ``packs.anchored``.)

Deleting is refused while a live lesson uses the article. Otherwise an
article no pack or past lesson uses is removed outright; one they still use
leaves the teacher's library (``deleted_at``) and stays for them, so a pack
keeps its text and keeps working.

Each function a teacher's page calls takes her id and checks the article
(or pack) is hers (issue 13): another teacher's, a seed, a deleted one or
none is ``ArticleNotFound`` (``PackNotFound``). ``store_edit`` is the
worker's, for a job whose owner was checked when it was handed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, ArticleJob, ClassSession, Pack, SessionLevel
from quizapp.models.article_job import PENDING
from quizapp.models.columns import utcnow
from quizapp.services import article_editing, article_jobs
from quizapp.services.articles import ArticleNotFound, ArticleView
from quizapp.services.ownership import owned_article, owned_pack
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError
from quizapp.text.reading.bounds import Bounds
from quizapp.text.types import Analysis


class ArticleInUse(InputError):
    """A live lesson reads this article: it cannot be deleted now (the message says which)."""


@dataclass(frozen=True)
class Duplicate:
    """The teacher's article that already has the text she is adding."""

    id: int
    slug: str
    title: str
    created_at: datetime


@dataclass(frozen=True)
class Uses:
    """What uses an article: what the delete page tells the teacher before she confirms."""

    packs: tuple[str, ...]  # their titles
    past_sessions: int
    live_sessions: tuple[str, ...]  # their codes

    @property
    def kept(self) -> bool:
        """Packs or past lessons still need the text: deleting keeps it for them."""
        return bool(self.packs or self.past_sessions)


@dataclass(frozen=True)
class ReviewPack:
    """A pack on the article whose questions an edit may have broken."""

    id: int
    title: str


def editable_text(article_id: int, owner_id: int) -> str:
    """The teacher's article's body as she edits it: its paragraphs, a blank line between them."""
    with reading():
        row = owned_article(article_id, owner_id)
        return "\n\n".join(row.analysis_data.get("paragraphs", []))


def submit_edit(article_id: int, text: str, *, owner_id: int, bounds: Bounds, per_hour: int) -> int:
    """Queue the article's new text for analysis; the job's id (the caller queues it).

    The title is put above the text (and given as the hint), so the cleaner
    keeps it and never takes the first short paragraph for a new headline.
    ``InputError`` if the text is unchanged, or is what the cleaner refuses.
    """
    view = article_editing.editable(article_id, owner_id)
    if _fold(text) == _fold("\n\n".join(view.analysis.article.paragraphs)):
        raise InputError("The text is as it was: change it, or go back to your articles.")
    return article_jobs.submit(
        f"{view.title}\n\n{text}",
        owner_id=owner_id,
        title_hint=view.title,
        bounds=bounds,
        per_hour=per_hour,
        replaces_id=article_id,
    )


def store_edit(
    article_id: int, raw: str, analysis: Analysis, *, key: str, then: Callable[[Article], None]
) -> ArticleView:
    """Store the re-analysed text on the article and flag the packs it breaks, with ``then`` in one transaction.

    The teacher's corrections of the title, source and dateline survive:
    the text came without them.
    """
    with writing():
        row = db.session.get(Article, article_id, with_for_update=True)
        if row is None:
            raise ArticleNotFound(article_id)
        old = row.analysis.article
        article = replace(
            analysis.article,
            title=old.title,
            source=analysis.article.source or old.source,
            dateline=analysis.article.dateline or old.dateline,
        )
        row.raw_text, row.analysis_key, row.analysis = raw, key, replace(analysis, article=article)
        _flag_packs(article_id, article.paragraphs)
        db.session.flush()
        then(row)
        view = ArticleView.of(row)
    return view


def _flag_packs(article_id: int, paragraphs: tuple[str, ...]) -> None:
    """Mark ``needs_review`` each pack on the article with a question whose evidence is not in ``paragraphs``."""
    for pack in db.session.scalars(sa.select(Pack).where(Pack.article_id == article_id)):
        evidence = (question.data.get("evidence") or "" for question in pack.questions)
        if any(sentence and not any(sentence in p for p in paragraphs) for sentence in evidence):
            pack.needs_review = True


def packs_to_review(article_id: int, owner_id: int) -> list[ReviewPack]:
    """The teacher's packs on the article flagged by an edit, by title."""
    query = (
        sa.select(Pack.id, Pack.title)
        .where(Pack.article_id == article_id, Pack.owner_id == owner_id, Pack.needs_review)
        .order_by(Pack.title)
    )
    with reading():
        return [ReviewPack(row.id, row.title) for row in db.session.execute(query)]


def mark_reviewed(pack_id: int, owner_id: int) -> None:
    """The teacher has checked her pack's questions against the edited text; ``PackNotFound`` if not hers."""
    with writing():
        owned_pack(pack_id, owner_id, lock=True).needs_review = False


def uses(article_id: int, owner_id: int) -> Uses:
    """The packs and lessons that use the teacher's article."""
    with reading():
        owned_article(article_id, owner_id)
        packs = tuple(
            db.session.scalars(
                sa.select(Pack.title).where(Pack.article_id == article_id).order_by(Pack.title)
            )
        )
        sessions = db.session.execute(
            sa.select(ClassSession.code, ClassSession.closed_at).where(ClassSession.article_id == article_id)
        ).all()
    live = tuple(code for code, closed in sessions if closed is None)
    return Uses(packs, len(sessions) - len(live), live)


def delete(article_id: int, owner_id: int) -> bool:
    """Delete the teacher's article; True if it was kept for its packs and past lessons (out of the library only).

    ``ArticleInUse`` while a session using it is open: pupils are reading it.
    """
    with writing():
        row = owned_article(article_id, owner_id, lock=True)
        # A lesson at several levels reads it as one of its levels (issue 15) as well as its own article.
        in_lesson = sa.or_(
            ClassSession.article_id == article_id,
            ClassSession.id.in_(
                sa.select(SessionLevel.session_id).where(SessionLevel.article_id == article_id)
            ),
        )
        live = db.session.scalars(
            sa.select(ClassSession.code).where(in_lesson, ClassSession.closed_at.is_(None))
        ).all()
        if live:
            raise ArticleInUse(
                f"A lesson is using this article now (code {', '.join(live)}): end it from "
                "its session page, then delete the article."
            )
        used = db.session.scalar(
            sa.select(sa.func.count(Pack.id)).where(Pack.article_id == article_id)
        ) or db.session.scalar(sa.select(sa.func.count(ClassSession.id)).where(in_lesson))
        db.session.execute(
            sa.delete(ArticleJob).where(ArticleJob.replaces_id == article_id, ArticleJob.status == PENDING)
        )
        if used:
            row.deleted_at = utcnow()
        else:
            db.session.delete(row)
    return bool(used)


def duplicate_of(text: str, owner_id: int) -> Duplicate | None:
    """The teacher's article (not deleted) with this text, spacing aside; None if it is new.

    Compared in Python over her own texts: a teacher's library is tens of
    articles, and the text as stored is exactly what adding the same page
    or paste again produces.
    """
    wanted = _fold(text)
    query = (
        sa.select(Article.id, Article.slug, Article.title, Article.created_at, Article.raw_text)
        .where(Article.owner_id == owner_id, Article.deleted_at.is_(None))
        .order_by(Article.id)
    )
    with reading():
        for row in db.session.execute(query):
            if _fold(row.raw_text) == wanted:
                return Duplicate(row.id, row.slug, row.title, row.created_at)
    return None


def _fold(text: str) -> str:
    """Text compared without regard to spacing and line breaks."""
    return re.sub(r"\s+", " ", text).strip()
