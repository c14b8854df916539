"""An article's paragraphs as HTML: mentions linked to the glossary, hard sentences marked.

Pure (no Flask): takes an ``Analysis`` and returns ``Markup``. Every piece of
article text is untrusted and goes through ``escape``; the only markup made
here is our own tags. Spans come from the pipeline, so they are clipped to
their paragraph and overlaps are resolved rather than trusted:

* hard sentences are the outer layer (``<mark class="hard">``); overlapping
  ones are merged;
* mentions nest inside (``<a class="mention">``); one that crosses a hard
  sentence's edge is split into two links, the second out of the tab order so a
  keyboard user stops once; of two overlapping mentions the earlier (then the
  longer) wins, since a link cannot contain a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol

from markupsafe import Markup, escape

from quizapp.text.types import Actor, Analysis, HardSentence, Mention, Span

_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def anchor_id(actor_id: str) -> str:
    """The HTML id of an actor's glossary entry: ``actor-<id>`` with id-safe characters."""
    return "actor-" + _UNSAFE_ID_CHARS.sub("-", actor_id)


def role_id(actor_id: str) -> str:
    """The HTML id of an actor's role text, which mentions name in ``aria-describedby``."""
    return "role-" + _UNSAFE_ID_CHARS.sub("-", actor_id)


class Spanned(Protocol):
    """What a mark can stand for: anything with a span (a hard sentence, a quiz's evidence)."""

    @property
    def span(self) -> Span: ...


@dataclass(frozen=True)
class _Range:
    """A clipped span of one paragraph and what it stands for (a mark's item, or a Mention)."""

    start: int
    end: int
    item: Any  # a Mention of an actor in ``actors`` (links), or any ``Spanned`` item (marks)

    def covers(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` lies inside this range."""
        return self.start <= start and end <= self.end


def render_article(analysis: Analysis) -> list[Markup]:
    """One ``Markup`` per cleaned paragraph, in order."""
    actors = {actor.id: actor for actor in analysis.actors}
    count = len(analysis.article.paragraphs)
    mentions: list[list[Mention]] = [[] for _ in range(count)]
    hard: list[list[HardSentence]] = [[] for _ in range(count)]
    for mention in analysis.mentions:
        if 0 <= mention.span.paragraph < count:
            mentions[mention.span.paragraph].append(mention)
    for sentence in analysis.readability.hard_sentences:
        if 0 <= sentence.span.paragraph < count:
            hard[sentence.span.paragraph].append(sentence)
    return [
        render_paragraph(text, mentions[i], hard[i], actors)
        for i, text in enumerate(analysis.article.paragraphs)
    ]


def render_paragraph(
    text: str,
    mentions: Sequence[Mention],
    hard_sentences: Sequence[Spanned],
    actors: Mapping[str, Actor],
    open_mark: Callable[[Any], Markup] | None = None,
) -> Markup:
    """One paragraph's HTML; mentions of actors not in ``actors`` stay plain text.

    ``hard_sentences`` may be any items with a ``span``: ``open_mark(item)``
    writes their opening ``<mark>`` (by default a hard sentence's), so another
    page can mark other sentences (the quiz's evidence) with the same nesting.
    """
    hard = _merged(_clipped(hard_sentences, len(text)))
    links = _disjoint(_clipped([m for m in mentions if m.actor in actors], len(text)))
    cuts = sorted({0, len(text)} | {r.start for r in hard + links} | {r.end for r in hard + links})
    writer = _Writer(actors, open_mark or _open_hard)
    for start, end in pairwise(cuts):
        writer.move_to(_covering(hard, start, end), _covering(links, start, end))
        writer.text(text[start:end])
    writer.move_to(None, None)
    return Markup("").join(writer.parts)


def _clipped(items: Iterable[Spanned], length: int) -> list[_Range]:
    """Ranges clipped to ``[0, length)``, empty ones dropped, sorted by start then longest."""
    ranges = []
    for item in items:
        start, end = max(0, item.span.start), min(length, item.span.end)
        if start < end:
            ranges.append(_Range(start, end, item))
    return sorted(ranges, key=lambda r: (r.start, -r.end))


def _merged(ranges: list[_Range]) -> list[_Range]:
    """Overlapping hard sentences become one; the first one's reason is kept."""
    merged: list[_Range] = []
    for r in ranges:
        if merged and r.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = _Range(last.start, max(last.end, r.end), last.item)
        else:
            merged.append(r)
    return merged


def _disjoint(ranges: list[_Range]) -> list[_Range]:
    """Drop mentions that overlap an earlier (or, at the same start, longer) one."""
    kept: list[_Range] = []
    for r in ranges:
        if not kept or r.start >= kept[-1].end:
            kept.append(r)
    return kept


def _covering(ranges: list[_Range], start: int, end: int) -> _Range | None:
    """The range that covers ``[start, end)``; the ranges are disjoint so there is at most one."""
    return next((r for r in ranges if r.covers(start, end)), None)


class _Writer:
    """Emits tags as the current hard sentence and mention change, keeping them nested."""

    def __init__(self, actors: Mapping[str, Actor], open_mark: Callable[[Any], Markup]):
        self.actors = actors
        self.open_mark = open_mark
        self.parts: list[Markup] = []
        self.hard: _Range | None = None
        self.link: _Range | None = None
        self.linked: set[_Range] = set()  # mentions already opened once (split ones)

    def move_to(self, hard: _Range | None, link: _Range | None) -> None:
        """Close and open tags so that ``hard`` and ``link`` are the open ones."""
        if hard is not self.hard:
            self._close_link()
            if self.hard is not None:
                self.parts.append(Markup("</mark>"))
            if hard is not None:
                self.parts.append(self.open_mark(hard.item))
            self.hard = hard
        if link is not self.link:
            self._close_link()
            if link is not None:
                self.parts.append(self._open_link(link))
            self.link = link

    def text(self, chunk: str) -> None:
        """Escaped article text."""
        self.parts.append(escape(chunk))

    def _open_link(self, link: _Range) -> Markup:
        """An opening ``<a>``; a continuation of a split mention is left out of the tab order."""
        actor_id = link.item.actor
        continuation = Markup(' tabindex="-1"') if link in self.linked else Markup("")
        self.linked.add(link)
        return Markup('<a class="mention" href="#{}" aria-describedby="{}"{}>').format(
            anchor_id(actor_id), role_id(actor_id), continuation
        )

    def _close_link(self) -> None:
        """Close the open link with its tooltip (hidden from screen readers, who get the description)."""
        if self.link is None:
            return
        actor = self.actors[self.link.item.actor]
        self.parts.append(
            Markup(
                '<span class="tip" aria-hidden="true"><span class="tip-name">{}</span> {}</span></a>'
            ).format(actor.name, actor.role)
        )
        self.link = None


def _open_hard(sentence: HardSentence) -> Markup:
    """An opening ``<mark>`` for a hard sentence, with its grade and reason on hover."""
    return Markup(
        '<mark class="hard" title="{}"><span class="visually-hidden">Hard sentence: </span>'
    ).format(f"Hard sentence (grade {sentence.grade:.0f}): {sentence.reason}")
