"""The article library: the seed articles on disk and their analyses, computed once.

Analysing an article loads spaCy and parses every paragraph (a second or more),
so each analysis is cached twice: in memory for this process, and as JSON in the
instance folder so that a restart or a second worker reuses it. The cache key is
the slug, the sha256 of the raw bytes, the model name and the pipeline version
(``PIPELINE_VERSION`` plus a digest of the ``quizapp/text`` sources): editing a
seed, switching model or changing the pipeline's code all miss the old entry
instead of serving a stale one, even if nobody remembers to bump the constant.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizapp.text.types import Analysis

# Bump when the cached format changes; code changes in quizapp/text are caught by pipeline_version().
PIPELINE_VERSION = "1"
TEXT_PACKAGE = Path(__file__).resolve().parent.parent / "text"

log = logging.getLogger(__name__)


class ArticleNotFound(LookupError):
    """No seed article has this slug (the web layer answers 404)."""


@dataclass(frozen=True)
class Article:
    """One article of the library; ``analysis`` is None in a listing until it is cached."""

    slug: str
    analysis: Analysis | None

    @property
    def title(self) -> str:
        """The cleaned title; else (no headline in the text, or not analysed yet) the slug made readable."""
        if self.analysis is not None and self.analysis.article.title:
            return self.analysis.article.title
        return " ".join(word[:1].upper() + word[1:] for word in self.slug.replace("_", "-").split("-") if word)


def run_pipeline(raw: str, model: str) -> Analysis:
    """Analyse ``raw`` with the spaCy pipeline ``model``: the slow step the cache exists for.

    Imported lazily so that listing articles or serving a cached one never
    imports spaCy; module-level so that tests can count or replace it.
    """
    from quizapp.text import nlp, pipeline

    return pipeline.analyse(raw, nlp.load(model))


@functools.cache
def pipeline_version() -> str:
    """``PIPELINE_VERSION`` and a digest of the pipeline's source files, computed once per process."""
    digest = hashlib.sha256()
    for path in sorted(TEXT_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(TEXT_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{PIPELINE_VERSION}-{digest.hexdigest()[:12]}"


def decode(raw: bytes, slug: str) -> str:
    """The article's text, decoded as ``quizapp analyze`` decodes files (BOMs, cp1252, refusals)."""
    from quizapp.text import sources

    return sources.decode(raw, name=f"{slug}.txt")


class ArticleLibrary:
    """The ``*.txt`` articles in ``seeds_dir`` (slug = file stem) and their cached analyses."""

    def __init__(self, seeds_dir: Path, cache_dir: Path, model: str):
        self.seeds_dir = Path(seeds_dir)
        self.cache_dir = Path(cache_dir)
        self.model = model
        self._memory: dict[tuple[str, str], Analysis] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def slugs(self) -> list[str]:
        """The slugs of the articles on disk, sorted; read each time so new seeds show up."""
        return sorted(self._files())

    def listing(self) -> list[Article]:
        """Every article with its analysis if cached: listing never runs the pipeline."""
        files = self._files()
        return [Article(slug, self._cached(slug, files[slug].read_bytes())) for slug in sorted(files)]

    def article(self, slug: str) -> Article:
        """The article ``slug``, analysed at most once per text, model and pipeline version."""
        return Article(slug, self.prepare(slug)[0])

    def prepare(self, slug: str) -> tuple[Analysis, bool]:
        """Return ``(analysis, was_cached)``, computing and storing the analysis on a miss.

        A per-slug lock stops two threads of one process analysing the same
        article at once; the second waits and then finds the first one's result.
        """
        raw = self._read(slug)
        with self._lock(slug):
            cached = self._cached(slug, raw)
            if cached is not None:
                return cached, True
            analysis = run_pipeline(decode(raw, slug), self.model)
            self._store(slug, raw, analysis)
            return analysis, False

    def prepare_all(self) -> Iterator[tuple[Article, bool, Exception | None]]:
        """Yield ``(article, was_cached, error)`` per article, so a caller can report progress.

        One unreadable article must not stop the others being prepared.
        """
        for slug in self.slugs():
            try:
                analysis, was_cached = self.prepare(slug)
            except (ValueError, OSError) as exc:  # InputError is a ValueError
                yield Article(slug, None), False, exc
            else:
                yield Article(slug, analysis), was_cached, None

    def _files(self) -> dict[str, Path]:
        """Slug -> path of every ``*.txt`` file in the seeds folder."""
        if not self.seeds_dir.is_dir():
            return {}
        return {p.stem: p for p in self.seeds_dir.glob("*.txt") if p.is_file()}

    def _read(self, slug: str) -> bytes:
        """The raw bytes of ``slug``: a slug from a URL is looked up, never joined into a path."""
        path = self._files().get(slug)
        if path is None:
            raise ArticleNotFound(slug)
        return path.read_bytes()

    def _key(self, raw: bytes) -> str:
        """The cache key of one article text under the current model and pipeline version."""
        text_sha = hashlib.sha256(raw).hexdigest()
        return hashlib.sha256(f"{text_sha}\0{self.model}\0{pipeline_version()}".encode()).hexdigest()

    def _path(self, slug: str, key: str) -> Path:
        """One folder per slug, so that a new entry can prune the slug's stale ones."""
        return self.cache_dir / slug / f"{key[:32]}.json"

    def _cached(self, slug: str, raw: bytes) -> Analysis | None:
        """The analysis from memory, else from disk (then kept in memory), else None."""
        key = self._key(raw)
        if (slug, key) in self._memory:
            return self._memory[slug, key]
        analysis = self._load(self._path(slug, key))
        if analysis is not None:
            self._memory[slug, key] = analysis
        return analysis

    def _load(self, path: Path) -> Analysis | None:
        """Read one cache file; a missing or unreadable one is a miss, not an error."""
        try:
            return Analysis.from_dict(json.loads(path.read_text(encoding="utf-8"))["analysis"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Ignoring unreadable cache file %s: %s", path, exc)
            return None

    def _store(self, slug: str, raw: bytes, analysis: Analysis) -> None:
        """Keep the analysis in memory and write it to disk atomically, pruning older entries."""
        key = self._key(raw)
        self._memory[slug, key] = analysis
        path = self._path(slug, key)
        record = {
            "slug": slug,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "model": self.model,
            "pipeline_version": pipeline_version(),
            "analysis": analysis.to_dict(),
        }
        _write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1))
        for stale in path.parent.glob("*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)

    def _lock(self, slug: str) -> threading.Lock:
        """The lock for one slug, created on first use."""
        with self._locks_guard:
            return self._locks.setdefault(slug, threading.Lock())


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and ``os.replace`` so no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
