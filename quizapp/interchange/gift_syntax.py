"""The small print of Moodle's GIFT syntax: escapes, finding unescaped marks, text formats.

GIFT's marks ``~ = # { } :`` are literal when written with a backslash
(``\\~``); ``\\\\`` is a backslash and ``\\n`` a line break, as in Moodle's
own reader and writer. A backslash before any other character is kept as
it is. Structure is always found on the escaped text, and each leaf
(a prompt, an answer, a feedback) is unescaped last, so an escaped mark can
never be taken for structure.
"""

from __future__ import annotations

import html
import re

SPECIAL = "~=#{}:"
_ESCAPABLE = SPECIAL + "\\n"
# Moodle reads "[html]", "[moodle]", "[plain]" or "[markdown]" at the start of a text as its format.
FORMAT_MARK = re.compile(r"\[(html|moodle|plain|markdown)\]")
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</p\s*>\s*<p\b[^>]*>", re.I)


def escape(text: str) -> str:
    """``text`` with every GIFT mark, backslash and line break escaped."""
    out = text.replace("\\", "\\\\")
    for mark in SPECIAL:
        out = out.replace(mark, "\\" + mark)
    return out.replace("\r\n", "\\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    """Undo ``escape``; a backslash before any other character stays a backslash."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            following = text[i + 1]
            out.append("\n" if following == "n" else following)
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def find(text: str, mark: str, start: int = 0, end: int | None = None) -> int:
    """Index of the first unescaped ``mark`` in ``text[start:end]``, or -1."""
    end = len(text) if end is None else end
    i = start
    while i < end:
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            i += 2
        elif text.startswith(mark, i) and i + len(mark) <= end:
            return i
        else:
            i += 1
    return -1


def find_last(text: str, mark: str) -> int:
    """Index of the last unescaped ``mark`` in ``text``, or -1."""
    last, i = -1, find(text, mark)
    while i >= 0:
        last, i = i, find(text, mark, i + 1)
    return last


def split(text: str, marks: str) -> list[tuple[int, str]]:
    """Split at each unescaped character of ``marks``, keeping it: ``[(offset, "~wrong"), ...]``.

    The first piece is whatever comes before the first mark (often "").
    """
    pieces, begin, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            i += 2
            continue
        if text[i] in marks:
            pieces.append((begin, text[begin:i]))
            begin = i
        i += 1
    pieces.append((begin, text[begin:]))
    return pieces


def read_text(raw: str) -> tuple[str, bool]:
    """A leaf text as quizapp keeps it, and whether HTML formatting had to be dropped.

    A ``[html]`` text becomes plain text (tags removed, paragraphs and <br>
    as line breaks, entities decoded); other format marks are just removed.
    """
    mark = FORMAT_MARK.match(raw)
    body = unescape(raw[mark.end() :] if mark else raw)
    if not mark or mark[1] != "html":
        return body.strip(), False
    text = html_to_text(body)
    return text, text != body.strip()


def html_to_text(body: str) -> str:
    """HTML as plain text: tags removed, paragraphs and ``<br>`` as line breaks, entities decoded.

    Moodle XML's ``format="html"`` texts are read the same way as GIFT's ``[html]``.
    """
    flat = _BREAK_TAG.sub("\n", re.sub(r"[ \t\r\n]+", " ", body))
    text = html.unescape(_TAG.sub("", flat))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def write_text(text: str) -> str:
    """``text`` escaped for a place where Moodle reads a format mark (prompts, options, feedback).

    A text that itself starts like a format mark is prefixed with ``[plain]``
    so that the mark is read as text.
    """
    return ("[plain]" if FORMAT_MARK.match(text) else "") + escape(text)
