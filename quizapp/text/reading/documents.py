"""Turning what a teacher brings (a pasted text, a .txt, .md or saved .html page) into article text.

A saved web page is mostly not the article: navigation, adverts, related
links, cookie notices, scripts. ``trafilatura`` is a maintained main-content
extractor built for news pages; it returns the headline, standfirst,
author, site name and date from the page's metadata and the article's
paragraphs as plain text, so nothing from the page's markup (scripts, event
handlers, styles) survives; ``web_page`` starts the body after the lines
that repeat that metadata. Markdown is rendered to plain
paragraphs with ``markdown-it-py`` for the same reason: the result is text,
never markup. Everything then goes through the usual cleaner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from quizapp.text.errors import InputError
from quizapp.text.reading import sources
from quizapp.text.reading.web_page import PageDetails, body_and_details

if TYPE_CHECKING:
    from markdown_it.token import Token

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
MIN_ARTICLE_WORDS = 20
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class Document:
    """Article text ready for ``cleaning.clean``, with what the page said about itself."""

    text: str
    title: str | None = None
    author: str | None = None
    details: PageDetails = field(
        default_factory=PageDetails
    )  # a web page's standfirst, author, site name and date


def from_upload(data: bytes, filename: str) -> Document:
    """Read an uploaded file by its suffix; a clear ``InputError`` for anything else."""
    filename = " ".join(filename.split()) or "the file"  # a file name must not break the one-line message
    suffix = PurePath(filename).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted({s for s in SUFFIXES if len(s) <= 4}))
        raise InputError(f"{filename}: quizapp reads {allowed} files; save the article in one of those.")
    return from_text(sources.decode(data, name=filename), kind, name=filename)


def from_paste(text: str) -> Document:
    """Pasted text; pasted HTML (a page's source) is extracted like a saved page."""
    return from_text(text, "html" if _HTML_START.match(text) else "text", name="the pasted text")


def from_text(text: str, kind: str, name: str = "the article") -> Document:
    """Dispatch on the kind of text."""
    if kind == "html":
        return _from_html(text, name)
    if kind == "markdown":
        return _from_markdown(text)
    return Document(text=text)


def _from_html(html: str, name: str) -> Document:
    import trafilatura  # imported when needed: it pulls in lxml and friends

    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu or a cookie banner is all a bare page yields
        raise InputError(
            f"No article text found in {name}: save the news page itself "
            "(File → Save Page As…) or paste the article's text."
        )
    body, title, details = body_and_details(
        [line.strip() for line in text.split("\n") if line.strip()], found
    )
    # The headline goes back on top, alone: the cleaner takes a first line equal to the title it is
    # given as the headline, where a short line under it ("Reuters, Beirut") would otherwise win.
    return Document(
        text="\n\n".join([title, *body] if title else body),
        title=title,
        author=details.author,
        details=details,
    )


def _from_markdown(text: str) -> Document:
    """Markdown as plain paragraphs: the first heading becomes the title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks, title, heading = [], None, False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.content.strip():
            words = _plain_inline(token)
            if heading and title is None:
                title = words
            else:
                blocks.append(words)
    return Document(text="\n\n".join(blocks), title=title)


def _plain_inline(token: Token) -> str:
    """The words of an inline token, with emphasis, links and code reduced to their text."""
    parts = []
    for child in token.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return re.sub(r"\s+", " ", "".join(parts)).strip()
