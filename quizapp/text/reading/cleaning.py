"""Turn the text of an article, as pasted or uploaded, into clean paragraphs.

Teachers copy articles out of web pages, wire feeds and word processors, so
the text arrives with invisible characters, odd spaces, hard line wraps, a
wire-service dateline, a reading-level label and, often, the whole article
pasted twice. Everything later in the pipeline (parsing, readability, the
glossary) counts what it is given, so the mess is removed here, once.

The paragraphs we keep are the reader's text: typography (curly quotes,
apostrophes, dashes) is kept exactly as it came; only whitespace, invisible
characters and Unicode composition (NFC) are normalised.
"""

from __future__ import annotations

import re
import unicodedata

from quizapp.text.errors import InputError
from quizapp.text.reading import bounds as caps
from quizapp.text.types import CleanArticle

# News agencies recognised in a dateline, keyed by their case-folded name.
AGENCIES = {
    name.casefold(): name
    for name in (
        "Reuters",
        "AP",
        "Associated Press",
        "AFP",
        "Agence France-Presse",
        "Bloomberg",
        "PA",
        "Press Association",
        "UPI",
        "dpa",
        "ANSA",
        "EFE",
        "Xinhua",
        "Kyodo",
        "Yonhap",
        "PTI",
        "Anadolu",
    )
}

HEADLINE_MAX_WORDS = 15
WRAP_WIDTH = 100  # hard-wrapped text rarely has lines longer than this
MIN_WRAPPED_LINE = 40  # ...and its lines are full, unlike a heading above a paragraph

EMPTY_MESSAGE = "The article is empty: paste or upload the text of a news article."

# Lower-case words that may appear inside a place name ("Rio de Janeiro").
_PLACE_PARTICLES = {"al", "el", "de", "del", "da", "do", "du", "la", "le", "of", "on", "upon"}
_SENTENCE_END = ".!?…"
_CLAUSE_END = ":;,"  # a line ending so runs on into the next: not a headline
_CLOSERS = "\"'”’»)]"
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
# Control characters, and the invisible junk of web copy: soft hyphen, zero-width
# space, word joiner, BOM. ZWJ/ZWNJ stay: they change how some scripts and emoji look.
_REMOVED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a newline, NBSP included
_LEVEL = re.compile(
    r"(?P<level>elementary|advanced|(?:(?P<prefix>pre|upper)[\s\-‐‑–—]?)?intermediate)\s*",
    re.IGNORECASE,
)
_PARENTHESISED_DATELINE = re.compile(
    r"(?:(?P<place>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})"
    r"(?:, (?P<date>[^,()]*\d[^,()]*?))? ?)?"
    r"\((?P<source>[^()]{1,40})\)"
    r"(?: ?(?:--?|[–—:]) ?(?P<rest>.*))?"
)
_COMMA_DATELINE = re.compile(r"(?P<first>[^,:]{2,40}), ?(?P<second>[^,:]{2,40}?) ?: ?(?P<rest>.*)")
_QUOTE_FOLD = str.maketrans("‘’‚‛′`´“”„‟″«»", "'''''''\"\"\"\"\"\"\"")
_DASHES = re.compile(r"[‐‑‒–—―−]|--")


def clean(raw: str, title_hint: str | None = None, bounds: caps.Bounds = caps.DEFAULT) -> CleanArticle:
    """Split an article into its title, metadata and de-duplicated paragraphs.

    ``title`` is the article's headline when its first paragraph is one, else
    ``title_hint`` (tidied), else "" so that a later stage can derive one.
    Raises ``InputError`` when there is no article text to work with, and
    ``bounds.TooLong`` when it is over ``bounds`` (checked once the paragraphs
    are split and a text pasted twice is counted once, before the slower steps).
    """
    paragraphs, removed = _dedupe(_split_paragraphs(_normalise(raw)))
    bounds.check(paragraphs)
    level, paragraphs = _take_level(paragraphs)
    source, dateline, paragraphs = _take_dateline(paragraphs)
    hint = _tidy_hint(title_hint or "")
    title, paragraphs = _take_title(paragraphs, hint)
    below = _take_dateline(paragraphs)  # the dateline may sit under the headline, or one above and below
    source, dateline, paragraphs = source or below[0], dateline or below[1], below[2]
    paragraphs, also_removed = _dedupe(paragraphs)  # the first paragraph, its dateline gone, may be a repeat
    if not paragraphs:
        raise InputError("The article has a title or label but no text: paste the body of the article too.")
    return CleanArticle(
        title=title or hint,
        paragraphs=tuple(paragraphs),
        source=source,
        dateline=dateline,
        level=level,
        removed_duplicates=removed + also_removed,
    )


def _normalise(raw: str) -> str:
    """Tidy characters and whitespace line by line, refusing text with nothing to read."""
    text = _REMOVED.sub("", _LINE_BREAKS.sub("\n", raw))
    text = "\n".join(_tidy_line(line) for line in text.split("\n")).strip()
    if not text:
        raise InputError(EMPTY_MESSAGE)
    if not any(char.isalpha() for char in text):
        raise InputError("The article has no letters in it: paste or upload the text of a news article.")
    return unicodedata.normalize("NFC", text)


def _tidy_hint(hint: str) -> str:
    """The title a teacher typed, held to the same rules as the text: one line, nothing invisible."""
    one_line = _REMOVED.sub("", _LINE_BREAKS.sub("\n", hint)).replace("\n", " ")
    return _tidy_line(unicodedata.normalize("NFC", one_line))


def _tidy_line(line: str) -> str:
    """Collapse runs of spaces, tabs and NBSPs into one space and trim the ends."""
    return _SPACES.sub(" ", line).strip()


def _split_paragraphs(text: str) -> list[str]:
    """One paragraph per line, unless blank lines separate hard-wrapped paragraphs."""
    blocks = [block.split("\n") for block in re.split(r"\n{2,}", text)]
    if _is_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    """Whether the blocks look like paragraphs wrapped at a fixed width.

    Pages copied from the web put each paragraph on one (long) line, with or
    without blank lines between them; joining their lines would merge
    paragraphs. Wrapped text has blank lines between blocks whose inner lines
    are all short, and mostly full lines broken off mid-sentence (a heading
    or a one-line paragraph is neither).
    """
    inner = [line for block in blocks for line in block[:-1]]
    broken = [line for line in inner if len(line) >= MIN_WRAPPED_LINE and not _ends_sentence(line)]
    return (
        len(blocks) > 1
        and bool(inner)
        and max(map(len, inner)) <= WRAP_WIDTH
        and len(broken) > len(inner) / 2
    )


def _ends_sentence(line: str) -> bool:
    """Whether the line ends as a sentence does, closing quotes aside."""
    return line.rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END))


def _dedupe(paragraphs: list[str]) -> tuple[list[str], int]:
    """Keep the first of each repeated paragraph; articles are often pasted twice."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        key = _fold(paragraph)
        if key not in seen:
            seen.add(key)
            kept.append(paragraph)
    return kept, len(paragraphs) - len(kept)


def _fold(text: str) -> str:
    """A comparison key that ignores whitespace and the style of quotes and dashes.

    The same paragraph copied from two places differs in exactly these ways
    (one site curls its quotes, another uses hyphens for dashes).
    """
    folded = _DASHES.sub("-", text.translate(_QUOTE_FOLD)).replace("…", "...")
    return re.sub(r"\s+", "", folded)


def _take_level(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Move a leading reading-level label ("Intermediate") out of the text."""
    match = _LEVEL.fullmatch(paragraphs[0])
    if not match:
        return None, paragraphs
    prefix = match["prefix"]
    level = f"{prefix.lower()}-intermediate" if prefix else match["level"].lower()
    return level, paragraphs[1:]


def _take_title(paragraphs: list[str], hint: str) -> tuple[str, list[str]]:
    """Move a leading headline out of the text; return "" when there is none.

    A first paragraph equal to the hint is the title too, whatever it looks
    like: the teacher typed the title and pasted the article with it.
    """
    if len(paragraphs) < 2:
        return "", paragraphs
    first = paragraphs[0]
    if _is_headline(first) or (hint and _fold(first) == _fold(hint)):
        return first, paragraphs[1:]
    return "", paragraphs


def _is_headline(paragraph: str) -> bool:
    """Short, and not ending like a sentence: a headline, not a lead paragraph."""
    return (
        len(paragraph.split()) <= HEADLINE_MAX_WORDS
        and any(char.isalpha() for char in paragraph)
        and not paragraph.rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END + _CLAUSE_END))
    )


def _take_dateline(paragraphs: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Split datelines off the first paragraph, dropping the paragraph if that was all.

    A paste can carry two, a site's "Reuters, Beirut :" line above the wire's
    "BEIRUT (Reuters) - ...": each is taken, the first one's source and place kept.
    """
    source = dateline = None
    while paragraphs:
        found = _parenthesised_dateline(paragraphs[0]) or _comma_dateline(paragraphs[0])
        if found is None:
            break
        source, dateline = source or found[0], dateline or found[1]
        paragraphs = ([found[2]] if found[2] else []) + paragraphs[1:]
    return source, dateline, paragraphs


def _parenthesised_dateline(paragraph: str) -> tuple[str, str | None, str] | None:
    """ "BEIRUT (Reuters) - ...", "LONDON, May 3 (AP) — ...", "(Reuters) - ...".

    Returns (source, dateline, rest). An agency we don't know is accepted
    only after a place in capitals, the classic shape ("WASHINGTON (CNN) -").
    """
    match = _PARENTHESISED_DATELINE.fullmatch(paragraph)
    place = match and match["place"]
    if not match or (place and not _looks_like_place(place)):
        return None
    source = AGENCIES.get(match["source"].strip().casefold())
    if source is None and place and place.isupper() and match["source"][:1].isupper():
        source = match["source"].strip()
    if source is None:
        return None
    dateline = place and _place_case(place)
    if dateline and match["date"]:
        dateline = f"{dateline}, {match['date'].strip()}"
    return source, dateline, match["rest"] or ""


def _comma_dateline(paragraph: str) -> tuple[str, str | None, str] | None:
    """ "Reuters, Beirut :" or "Beirut, Reuters: ...": one side must be a known agency."""
    match = _COMMA_DATELINE.fullmatch(paragraph)
    if not match:
        return None
    first, second = match["first"].strip(), match["second"].strip()
    for agency, place in ((first, second), (second, first)):
        source = AGENCIES.get(agency.casefold())
        if source and _looks_like_place(place):
            return source, _place_case(place), match["rest"]
    return None


def _looks_like_place(text: str) -> bool:
    """Capitalised words, at most four: "Beirut", "NEW YORK", "Deir al-Zor"."""
    words = [word for word in re.split(r"[\s-]+", text.strip()) if word]
    return (
        0 < len(words) <= 4
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word.lower() in _PLACE_PARTICLES for word in words)
    )


def _place_case(place: str) -> str:
    """ "BEIRUT" -> "Beirut": wire services shout the place; readers don't need that."""
    place = place.strip()
    return place.title() if place.isupper() else place
