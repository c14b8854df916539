"""What a saved news page says about itself, and where its article body really starts.

A news page puts a section label ("World news"), the headline, a standfirst
(the one-sentence summary under the headline), a byline and a date above
the first paragraph. ``trafilatura`` reads all of them from the page's
metadata (``<meta property="og:…">``, JSON-LD, ``<title>``), but on many
layouts its extracted text starts with them too. Left there, the cleaner
took the section label for the headline (issue 16: an article titled "World
news"), and the real headline and standfirst became body text that
questions were made from. So the details come from the metadata, and the
body starts after the last of them found at its top.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

HEADER_LINES = 8  # the headline, if it is in the text, is among its first few lines
LABEL_MAX_WORDS = 12  # a byline, a date or a section label is short
_SENTENCE_END = ".!?…"
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_BYLINE = re.compile(r"^(by|words by|reporting by)\s", re.IGNORECASE)


@dataclass(frozen=True)
class PageDetails:
    """The page's own account of the article: all optional, as many pages leave some out."""

    standfirst: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: date | None = None

    def to_dict(self) -> dict[str, str | None]:
        """JSON-friendly form (the date as ISO text), for a job waiting in the queue."""
        return {
            "standfirst": self.standfirst,
            "author": self.author,
            "site_name": self.site_name,
            "published": self.published.isoformat() if self.published else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PageDetails:
        """Back from ``to_dict``; None or a missing key is "not known"."""
        data = data or {}
        return cls(
            data.get("standfirst"),
            data.get("author"),
            data.get("site_name"),
            parse_date(data.get("published")),
        )


def parse_date(value: object) -> date | None:
    """An ISO date (trafilatura's ``YYYY-MM-DD``, or a timestamp starting so), else None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def body_and_details(paragraphs: list[str], found: object) -> tuple[list[str], str | None, PageDetails]:
    """The body paragraphs, the title and the details of trafilatura's ``found`` extraction.

    The title is the page's headline from its metadata. The lines above the
    body (label, headline, standfirst, byline, date) are dropped; the
    standfirst is kept as a detail unless it is really the first paragraph
    (many sites reuse the lead paragraph as their description).
    """
    title = _tidy(getattr(found, "title", None))
    description = _tidy(getattr(found, "description", None))
    author = _tidy(getattr(found, "author", None))
    site = _tidy(getattr(found, "sitename", None))
    sections = [*(getattr(found, "categories", None) or []), *(getattr(found, "tags", None) or [])]
    labels = {_fold(label) for label in [site, *sections] if isinstance(label, str) and label.strip()}
    body = _after_header(paragraphs, title, description, author, labels)
    standfirst = description if description and not _in_body(description, body) else None
    return body, title, PageDetails(standfirst, author, site, parse_date(getattr(found, "date", None)))


def _after_header(
    paragraphs: list[str], title: str | None, description: str | None, author: str | None, labels: set[str]
) -> list[str]:
    """``paragraphs`` from the first one that is neither the headline nor one of the lines around it."""
    start = 0
    if title:
        headline = next(
            (i for i, p in enumerate(paragraphs[:HEADER_LINES]) if _fold(p) == _fold(title)), None
        )
        if headline is not None:
            start = headline + 1
            if description:  # the standfirst sits under the headline, perhaps after the byline
                start = _skip(paragraphs, start, lambda p: _is_label(p, author, labels))
                if start < len(paragraphs) and _same_start(paragraphs[start], description):
                    start += 1
    start = _skip(paragraphs, start, lambda p: _is_label(p, author, labels))
    return paragraphs[start:] if start < len(paragraphs) else paragraphs


def _skip(paragraphs: list[str], start: int, skippable: Callable[[str], bool]) -> int:
    """The first index from ``start`` whose paragraph is not ``skippable``."""
    while start < len(paragraphs) and skippable(paragraphs[start]):
        start += 1
    return start


def _is_label(paragraph: str, author: str | None, labels: set[str]) -> bool:
    """A section label, the site's name, a byline or a date: short, and not a sentence."""
    words = paragraph.split()
    if len(words) > LABEL_MAX_WORDS or paragraph.rstrip("\"'”’)").endswith(tuple(_SENTENCE_END)):
        return False
    return bool(
        _fold(paragraph) in labels
        or _BYLINE.match(paragraph)
        or (author and _fold(author) in _fold(paragraph))
        or _MONTH.search(paragraph)
        or _CLOCK.search(paragraph)
    )


def _same_start(paragraph: str, description: str) -> bool:
    """The paragraph is the description, or the description cut short ("…") is its start."""
    cut = _fold(description).rstrip(".…")
    return bool(cut) and _fold(paragraph).startswith(cut)


def _in_body(description: str, body: list[str]) -> bool:
    """The description is one of the body's first paragraphs (a lead paragraph reused as the summary)."""
    return any(_same_start(paragraph, description) for paragraph in body[:2])


def _fold(text: str) -> str:
    """Compare ignoring case, spacing and the style of quotes."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _tidy(value: object) -> str | None:
    """One line of text, or None for nothing."""
    return " ".join(value.split()) or None if isinstance(value, str) else None
