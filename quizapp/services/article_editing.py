"""A teacher's own articles: copy a seed, correct the title and other details, correct the glossary.

Corrections change the stored analysis, never the text, so nothing is
analysed again and the generated questions stay as they were (questions
live in packs, which copied them when they were made). Each function is one
transaction (``writing``): the row is read, changed and written under its
lock, so two tabs saving at once cannot undo each other's edit. Each takes
the teacher's id and checks the article is hers (issue 13): another
teacher's, a seed, a deleted one or none is ``ArticleNotFound``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services.articles import ArticleNotFound, ArticleView, store_article
from quizapp.services.ownership import owned_article
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError
from quizapp.text.reading.web_page import PageDetails
from quizapp.text.types import Analysis

MAX_TITLE_LENGTH = 200
MAX_DETAIL_LENGTH = 120


@dataclass(frozen=True)
class SeedChoice:
    """A seed article a teacher may copy: its id and title, for a select."""

    id: int
    title: str


def seed_choices() -> list[SeedChoice]:
    """The seed articles, by title."""
    query = sa.select(Article.id, Article.title).where(Article.owner_id.is_(None)).order_by(Article.title)
    with reading():
        return [SeedChoice(row.id, row.title) for row in db.session.execute(query)]


def copy_seed(seed_id: int, owner_id: int) -> ArticleView:
    """The seed ``seed_id`` stored again as ``owner_id``'s own, with its analysis (no re-analysis)."""
    with reading():
        seed = db.session.scalars(
            sa.select(Article).where(Article.id == seed_id, Article.owner_id.is_(None))
        ).first()
        if seed is None:
            raise ArticleNotFound(seed_id)
        raw, analysis, key = seed.raw_text, seed.analysis, seed.analysis_key
    return store_article(raw, analysis, key=key, owner_id=owner_id)


def editable(article_id: int, owner_id: int) -> ArticleView:
    """The teacher's article as its edit page shows it."""
    with reading():
        return ArticleView.of(owned_article(article_id, owner_id))


def edit_details(
    article_id: int,
    owner_id: int,
    *,
    title: str,
    source: str | None,
    dateline: str | None,
    page: PageDetails | None = None,
) -> ArticleView:
    """Correct the title, source and dateline (empty source or dateline: none), and ``page``'s details if given.

    ``page``: the standfirst, author, site name and date shown on the reading
    page (a web page's, or typed by the teacher); empty texts are none.
    """
    title = " ".join(title.split())
    if not title:
        raise InputError("The title cannot be empty.")
    if len(title) > MAX_TITLE_LENGTH:
        raise InputError(f"Keep the title under {MAX_TITLE_LENGTH} characters.")
    source, dateline = (
        " ".join((value or "").split())[:MAX_DETAIL_LENGTH] or None for value in (source, dateline)
    )

    def details(analysis: Analysis) -> Analysis:
        return replace(
            analysis, article=replace(analysis.article, title=title, source=source, dateline=dateline)
        )

    if page is None:
        return edit_analysis(article_id, owner_id, details)
    with writing():
        row = owned_article(article_id, owner_id, lock=True)
        row.analysis = details(row.analysis)
        row.standfirst, row.author, row.site_name = (
            " ".join((value or "").split()) or None
            for value in (page.standfirst, page.author, page.site_name)
        )
        row.published = page.published
        db.session.flush()
        view = ArticleView.of(row)
    return view


def edit_analysis(article_id: int, owner_id: int, edit: Callable[[Analysis], Analysis]) -> ArticleView:
    """Apply ``edit`` (e.g. a ``text.glossary_edits`` function) to the stored analysis, in one transaction.

    The edit's own errors (``GlossaryEditError``) roll the transaction back
    and reach the caller unchanged.
    """
    with writing():
        row = owned_article(article_id, owner_id, lock=True)
        row.analysis = edit(row.analysis)
        db.session.flush()
        view = ArticleView.of(row)
    return view
