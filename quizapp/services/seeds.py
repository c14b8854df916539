"""What the app starts with: ``seeds/*.txt`` articles and ``seeds/packs/`` packs, loaded into the database.

``quizapp prepare`` calls these after migrating. A seed article is analysed
only when it is new, its text changed, or the analysis was made by another
model or pipeline version; otherwise the stored one stands, so running
prepare again is cheap. A seed is updated in place (same id), so packs built
on it keep their article.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Pack
from quizapp.services import articles
from quizapp.services import packs as pack_service
from quizapp.services.transactions import reading, writing
from quizapp.text import pack as plain
from quizapp.text.errors import InputError
from quizapp.text.reading.bounds import Bounds

ADDED, UPDATED, UNCHANGED, FAILED = "added", "updated", "unchanged", "failed"


@dataclass(frozen=True)
class SeedResult:
    """What loading one seed file did, for a progress line."""

    name: str
    status: str  # ADDED, UPDATED, UNCHANGED or FAILED
    title: str = ""
    error: Exception | None = None
    seconds: float = 0.0


def article_files(folder: Path) -> dict[str, Path]:
    """Slug -> path of every ``*.txt`` in ``folder`` (none if it is missing); the file name is the URL."""
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in folder.glob("*.txt") if path.is_file()}


def sync_articles(folder: Path, model: str, bounds: Bounds | None = None) -> Iterator[SeedResult]:
    """Load each seed article (by slug) and yield what happened; one bad file does not stop the rest."""
    files = article_files(folder)
    for slug in sorted(files):
        started = time.perf_counter()
        try:
            status, title = _sync_article(slug, files[slug], model, bounds)
        except (ValueError, OSError) as exc:  # InputError (not an article, slug taken) is a ValueError
            yield SeedResult(slug, FAILED, error=exc, seconds=time.perf_counter() - started)
        else:
            yield SeedResult(slug, status, title, seconds=time.perf_counter() - started)


def _sync_article(slug: str, path: Path, model: str, bounds: Bounds | None = None) -> tuple[str, str]:
    """Store or refresh one seed; ``(status, title)``."""
    from quizapp.text.reading import sources

    raw = sources.decode(path.read_bytes(), name=path.name)  # as `quizapp analyze` reads files
    key = articles.analysis_key(model)
    with reading():
        row = db.session.scalars(sa.select(Article).where(Article.slug == slug)).first()
        stored = None if row is None else (row.id, row.owner_id, row.raw_text, row.analysis_key, row.title)
    if stored is None:
        return ADDED, articles.add_article(raw, model=model, slug=slug, bounds=bounds).title
    article_id, owner_id, stored_raw, stored_key, title = stored
    if owner_id is not None:
        raise articles.SlugTaken(f"{path.name}: a teacher's article already has the address {slug!r}.")
    if (stored_raw, stored_key) == (raw, key):
        return UNCHANGED, title
    return UPDATED, articles.update_article(article_id, raw, model=model, bounds=bounds).title


# ---- seed packs ----------------------------------------------------------------------------------


def load_pack(path: Path) -> plain.Pack:
    """One pack file read by the pack formats (JSON, YAML or GIFT); ``PackFormatError`` says what is wrong."""
    from quizapp import interchange

    return interchange.load_pack(path)


def pack_files(folder: Path) -> list[Path]:
    """The files in ``folder`` (none if it is missing), leaving out hidden files and READMEs."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.upper().startswith("README")
    )


def sync_packs(
    folder: Path, model: str, load: Callable[[Path], plain.Pack] = load_pack
) -> Iterator[SeedResult]:
    """Load each seed pack file in ``folder`` and yield what happened; nothing at all if there is no folder."""
    for path in pack_files(folder):
        started = time.perf_counter()
        try:
            data = load(path)
            status = store_seed_pack(data, model)
        except (ValueError, OSError) as exc:  # PackFormatError is an InputError, so a ValueError
            yield SeedResult(path.name, FAILED, error=exc, seconds=time.perf_counter() - started)
        else:
            yield SeedResult(path.name, status, data.title, seconds=time.perf_counter() - started)


def store_seed_pack(data: plain.Pack, model: str) -> str:
    """Store a seed pack (no owner), matched to existing ones by title; ADDED, UPDATED or UNCHANGED.

    Its article is the seed article with the same text; if there is none,
    the pack's article is added as a new seed (and analysed).
    """
    article_id = _seed_article_for(data.article, model)
    with reading():
        row = db.session.scalars(
            sa.select(Pack).where(Pack.owner_id.is_(None), Pack.title == data.title)
        ).first()
        existing = None if row is None else (row.id, row.article_id, pack_service.to_plain(row))
    if existing is None:
        pack_service.create_pack(data, article_id=article_id, owner_id=None)
        return ADDED
    pack_id, stored_article_id, stored = existing
    if replace(stored, article=data.article) == data and stored_article_id == article_id:
        return UNCHANGED
    with writing():
        row = db.session.get(Pack, pack_id, with_for_update=True)
        if row is None:  # deleted since it was read: this file fails, the others still load
            raise InputError(
                f"The seed pack {data.title!r} was deleted while it was being updated: run the seeding again."
            )
        row.article_id = article_id
        pack_service.fill(row, data)
    return UPDATED


def _seed_article_for(article: plain.PackArticle, model: str) -> int:
    """The id of the seed article whose cleaned text is ``article.text``, adding it if there is none."""
    wanted = _words(article.text)
    with reading():
        for row in db.session.scalars(sa.select(Article).where(Article.owner_id.is_(None))):
            if _words("\n\n".join(row.analysis_data.get("paragraphs", []))) == wanted:
                return row.id
    return articles.add_article(f"{article.title}\n\n{article.text}", model=model).id


def _words(text: str) -> list[str]:
    """Text compared without its line breaks and spacing."""
    return text.split()


# ---- seed stories (the sample library) -----------------------------------------------------------


def story_folders(folder: Path) -> list[Path]:
    """The story folders in ``folder`` (none if it is missing): each sub-folder holding ``*.txt`` versions."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and article_files(p))


def sync_stories(folder: Path, model: str, bounds: Bounds | None = None) -> Iterator[SeedResult]:
    """Load each story folder: its versions as seed articles (analysed only when new or changed), then linked.

    The story takes its versions' title (the easiest file's, by name, if
    they differ). One bad folder does not stop the rest.
    """
    from quizapp.services import stories

    for path in story_folders(folder):
        started = time.perf_counter()
        files = article_files(path)
        try:
            results = [_sync_article(slug, files[slug], model, bounds) for slug in sorted(files)]
            title = results[0][1]
            linked = stories.sync_seed_story(title, sorted(files))
        except (ValueError, OSError) as exc:  # InputError and StoryError are ValueErrors
            yield SeedResult(path.name, FAILED, error=exc, seconds=time.perf_counter() - started)
            continue
        changed = any(status != UNCHANGED for status, _ in results) or linked != UNCHANGED
        status = linked if linked != UNCHANGED else (UPDATED if changed else UNCHANGED)
        yield SeedResult(
            path.name, status, f"{title} ({len(files)} versions)", seconds=time.perf_counter() - started
        )
