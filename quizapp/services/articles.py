"""The article library: articles in the database, each analysed once, when it is added or its text changes.

Analysing loads spaCy and parses every paragraph (a second or more), so it
never happens while a page is served: pages read the stored analysis. Each
article records the model and pipeline version that analysed it
(``analysis_key``: the model name, ``PIPELINE_VERSION`` and a digest of the
``quizapp/text`` sources), so ``quizapp prepare`` notices a changed pipeline
even if nobody remembers to bump the constant.

Who reads what: a seed article (no owner) is for everyone; a teacher's own
article only for that teacher, until packs share it with a class.

Pages get plain data (``ArticleView``, ``ArticleSummary``), copied out of the
database inside a transaction that ends before the page renders (see
``services.transactions``). Nothing slow runs inside a transaction: the
pipeline runs first, the row is written after.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services.ownership import ArticleNotFound as ArticleNotFound  # the web catches it from here
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError
from quizapp.text.reading.bounds import DEFAULT as DEFAULT_BOUNDS
from quizapp.text.reading.bounds import Bounds
from quizapp.text.reading.web_page import PageDetails
from quizapp.text.types import Analysis

# Bump when the stored format changes; code changes in quizapp/text are caught by pipeline_version().
PIPELINE_VERSION = "1"
TEXT_PACKAGE = Path(__file__).resolve().parent.parent / "text"
SLUG_ATTEMPTS = 5  # two teachers adding the same title at once: the loser takes the next number


class SlugTaken(InputError):
    """The slug asked for belongs to another article."""


@dataclass(frozen=True)
class ArticleView:
    """One article as the reading and quiz pages show it: plain data, no database behind it."""

    id: int
    slug: str
    title: str
    owner_id: int | None
    analysis: Analysis
    details: PageDetails = field(default_factory=PageDetails)

    @classmethod
    def of(cls, row: Article) -> ArticleView:
        """Copy ``row`` out, decoding its stored analysis."""
        return cls(row.id, row.slug, row.title, row.owner_id, row.analysis, details_of(row))


def details_of(row: Article) -> PageDetails:
    """The web page's details stored on ``row`` (all None for a pasted text)."""
    return PageDetails(row.standfirst, row.author, row.site_name, row.published)


@dataclass(frozen=True)
class ArticleSummary:
    """What a list of articles shows, read from the stored JSON without rebuilding the whole analysis."""

    id: int
    slug: str
    title: str
    source: str | None
    dateline: str | None
    owner_id: int | None
    band: str
    words: int
    reading_minutes: float
    created_at: datetime | None = None

    @classmethod
    def of(cls, row: Article) -> ArticleSummary:
        """Copy ``row``'s listing fields out."""
        readability = row.analysis_data.get("readability", {})
        return cls(
            row.id,
            row.slug,
            row.title,
            row.source,
            row.dateline,
            row.owner_id,
            readability.get("band", ""),
            readability.get("words", 0),
            readability.get("reading_minutes", 0.0),
            row.created_at,
        )


def run_pipeline(
    raw: str, model: str, title_hint: str | None = None, bounds: Bounds | None = None
) -> Analysis:
    """Analyse ``raw`` with the spaCy pipeline ``model``: the slow step done once per text.

    Imported lazily so that serving pages never imports spaCy; module-level so
    that tests can count or replace it. ``bounds`` None: the pipeline's default caps.
    """
    from quizapp.text import pipeline
    from quizapp.text.reading import nlp

    options = {"bounds": bounds} if bounds else {}
    return pipeline.analyse(raw, nlp.load(model), title_hint=title_hint, **options)


def pipeline_options(title_hint: str | None = None, bounds: Bounds | None = None) -> dict[str, Any]:
    """``run_pipeline``'s optional arguments, only those that change something, so stand-ins need not take them.

    Bounds equal to the pipeline's default are left out: they change nothing.
    """
    bounds = None if bounds == DEFAULT_BOUNDS else bounds
    return {name: value for name, value in (("title_hint", title_hint), ("bounds", bounds)) if value}


def check_text(raw: str, bounds: Bounds | None = None, title_hint: str | None = None) -> str:
    """The title the article would get ("" if it has none yet), or the cleaner's ``InputError``.

    The cleaner alone, without spaCy: fast enough for a request (under a
    second for the largest upload), so empty, binary or oversized text is
    refused on the form before anything is queued.
    """
    from quizapp.text.reading import cleaning

    options = {"bounds": bounds} if bounds else {}
    return cleaning.clean(raw, title_hint=title_hint, **options).title


@functools.cache
def pipeline_version() -> str:
    """``PIPELINE_VERSION`` and a digest of the pipeline's source and data files, computed once per process.

    Data counts too: a refitted reading-level model (``reading_level.json``) changes every grade.
    """
    digest = hashlib.sha256()
    for path in sorted([*TEXT_PACKAGE.rglob("*.py"), *TEXT_PACKAGE.rglob("*.json")]):
        digest.update(path.relative_to(TEXT_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{PIPELINE_VERSION}-{digest.hexdigest()[:12]}"


def analysis_key(model: str) -> str:
    """What an analysis made now would be stamped with: the model and the pipeline version."""
    return f"{model}@{pipeline_version()}"


def readable_by(reader_id: int | None) -> sa.ColumnElement[bool]:
    """The SQL condition "``reader_id`` may read this article": a seed, or the reader's own, not deleted.

    A deleted article kept for its packs is read through them (by id), never by its slug.
    """
    seed = Article.owner_id.is_(None)
    mine = seed if reader_id is None else sa.or_(seed, Article.owner_id == reader_id)
    return sa.and_(mine, Article.deleted_at.is_(None))


def get_article(slug: str, reader_id: int | None = None) -> ArticleView:
    """The article ``slug`` with its analysis, if ``reader_id`` (None: a pupil) may read it."""
    with reading():
        row = db.session.scalars(
            sa.select(Article).where(Article.slug == slug, readable_by(reader_id))
        ).first()
        if row is None:
            raise ArticleNotFound(slug)
        return ArticleView.of(row)


def listing(reader_id: int | None = None) -> list[ArticleSummary]:
    """The articles ``reader_id`` may read: the seeds, then the reader's own, each by slug."""
    query = (
        sa.select(Article).where(readable_by(reader_id)).order_by(Article.owner_id.is_not(None), Article.slug)
    )
    with reading():
        return [ArticleSummary.of(row) for row in db.session.scalars(query)]


def owned_articles(owner_id: int) -> list[ArticleSummary]:
    """A teacher's own articles, newest first (their dashboard)."""
    query = (
        sa.select(Article)
        .where(Article.owner_id == owner_id, Article.deleted_at.is_(None))
        .order_by(Article.created_at.desc(), Article.id.desc())
    )
    with reading():
        return [ArticleSummary.of(row) for row in db.session.scalars(query)]


def add_article(
    raw: str,
    *,
    model: str,
    owner_id: int | None = None,
    slug: str | None = None,
    title_hint: str | None = None,
    bounds: Bounds | None = None,
) -> ArticleView:
    """Analyse ``raw`` and store it; ``slug`` None makes one from the title.

    ``title_hint`` is the title when the text has no headline of its own (a
    teacher's title field, a saved page's ``<title>``).

    Raises the pipeline's ``InputError`` for text that is not an article (or
    is over ``bounds``), and ``SlugTaken`` if an explicit ``slug`` is in use.
    """
    # Before any transaction: it takes seconds.
    analysis = run_pipeline(raw, model, **pipeline_options(title_hint, bounds))
    return store_article(raw, analysis, key=analysis_key(model), owner_id=owner_id, slug=slug)


def store_article(
    raw: str,
    analysis: Analysis,
    *,
    key: str,
    owner_id: int | None = None,
    slug: str | None = None,
    then: Callable[[Article], None] | None = None,
    details: PageDetails | None = None,
) -> ArticleView:
    """Store an article whose analysis is already made (``add_article``, imports, background jobs, tests).

    ``details``: what the web page it came from said about itself. ``then(row)`` runs in the same transaction once the row has its id (a
    background job records that it is done): both are written, or neither.
    """
    # Only the slug can clash. A made one is made again (two teachers adding the same
    # title at once: the second takes the next number); an explicit one is the caller's to change.
    for _ in range(0 if slug else SLUG_ATTEMPTS - 1):
        try:
            return _insert(raw, analysis, key, owner_id, slug, then, details)
        except sa.exc.IntegrityError:
            continue
    try:
        return _insert(raw, analysis, key, owner_id, slug, then, details)
    except sa.exc.IntegrityError as exc:
        raise SlugTaken(f"The address {slug or slugify(analysis.article.title)!r} is already taken.") from exc


def _insert(
    raw: str,
    analysis: Analysis,
    key: str,
    owner_id: int | None,
    slug: str | None,
    then: Callable[[Article], None] | None = None,
    details: PageDetails | None = None,
) -> ArticleView:
    """One attempt at inserting the article, in its own transaction."""
    details = details or PageDetails()
    with writing():
        row = Article(
            slug=slug or _free_slug(analysis.article.title or "article"),
            raw_text=raw,
            analysis_key=key,
            owner_id=owner_id,
            standfirst=details.standfirst,
            author=details.author,
            site_name=details.site_name,
            published=details.published,
        )
        row.analysis = analysis
        db.session.add(row)
        db.session.flush()
        if then is not None:
            then(row)
        view = ArticleView.of(row)
    return view


def update_article(article_id: int, raw: str, *, model: str, bounds: Bounds | None = None) -> ArticleView:
    """Re-analyse an article with new text (or a new pipeline), keeping its id, slug and packs."""
    analysis = run_pipeline(raw, model, **pipeline_options(bounds=bounds))
    return replace_analysis(article_id, raw, analysis, key=analysis_key(model))


def replace_analysis(article_id: int, raw: str, analysis: Analysis, *, key: str) -> ArticleView:
    """Store new text and its analysis on an existing article."""
    with writing():
        row = db.session.get(Article, article_id, with_for_update=True)
        if row is None:
            raise ArticleNotFound(article_id)
        row.raw_text, row.analysis_key, row.analysis = raw, key, analysis
        db.session.flush()
        view = ArticleView.of(row)
    return view


def slugify(text: str) -> str:
    """A URL-friendly form of ``text``: ``Syria's war: a new phase`` becomes ``syrias-war-a-new-phase``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower().replace("'", "")).split()
    slug = "-".join(words)[:80].strip("-")
    return slug or "article"


def _free_slug(title: str) -> str:
    """``slugify(title)``, or with the first free ``-2``, ``-3`` ... after it."""
    base = slugify(title)
    taken = set(
        db.session.scalars(sa.select(Article.slug).where(Article.slug.startswith(base, autoescape=True)))
    )
    number, slug = 1, base
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
