"""Turn the bytes of an uploaded or local file into text for the cleaner.

Teachers upload whatever their computer saved: UTF-8 with or without a BOM,
UTF-16 from Notepad's "Unicode" option, Windows-1252 from older Word
exports, and now and then a PDF or an image by mistake. Each failure is an
``InputError`` naming the file, on one line, saying what to do instead.
"""

from __future__ import annotations

import codecs
import math

import charset_normalizer

from quizapp.text.errors import InputError

MEGABYTE = 1024 * 1024
MAX_ARTICLE_BYTES = 2 * MEGABYTE
BINARY_CONTROL_SHARE = 0.1  # text has almost no control characters; binaries are full of them
SAMPLE_BYTES = 64 * 1024

# Byte order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Files people upload by mistake, told apart by their first bytes.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or a Word/OpenDocument file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
)
# Without a BOM, UTF-16/32 text is full of NUL bytes and is refused as binary
# before detection, so the detector must not "find" it in NUL-free bytes.
_NO_BOM_UNICODE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# C0 control bytes other than tab, newline, vertical tab, form feed and return.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}


def decode(data: bytes, name: str = "input", max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Decode an article file, refusing what is too big, empty, binary or unreadable."""
    name = " ".join(name.split()) or "input"  # a file name must not break the one-line message
    if len(data) > max_bytes:
        raise InputError(
            f"{name} is {_megabytes_up(len(data)):.1f} MB; "
            f"articles up to {max_bytes / MEGABYTE:.1f} MB are accepted."
        )
    bom, encoding = _bom(data)
    if len(data) == len(bom):
        raise InputError(f"{name} is empty: choose a file that contains the text of the article.")
    if encoding is None:
        _refuse_binary(data, name)
    text = _decode(data, encoding)
    if text is None and encoding:
        label = encoding.removesuffix("-sig").upper()
        raise InputError(f"{name} is marked as {label} text but is damaged: save it again as UTF-8.")
    if text is None:
        raise InputError(
            f"{name} is in a character encoding we cannot read: save it as UTF-8 text and try again."
        )
    if encoding is not None:  # a BOM vouched for the encoding, not for the content
        _refuse_binary(text.encode("utf-8"), name)
    return text


def _megabytes_up(size: int) -> float:
    """Size in MB rounded up to a tenth, so a file just over the limit never reads "2.0 MB"."""
    return math.ceil(size * 10 / MEGABYTE) / 10


def _bom(data: bytes) -> tuple[bytes, str | None]:
    """The byte order mark the data starts with and the codec it announces, if any."""
    return next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), (b"", None))


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise if the bytes are a binary file: a known format, NUL bytes, or mostly controls."""
    kind = next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)
    sample = data[:SAMPLE_BYTES]
    controls = sum(byte in _CONTROL_BYTES for byte in sample)
    if kind or b"\x00" in data or controls > BINARY_CONTROL_SHARE * len(sample):
        what = f" ({kind})" if kind else ""
        raise InputError(
            f"{name} looks like a binary file, not text{what}: "
            "save the article as plain text (.txt) or paste it in."
        )


def _decode(data: bytes, encoding: str | None) -> str | None:
    """Decode with the BOM's codec, else as UTF-8, else with the detected encoding.

    A BOM names the encoding outright; bytes that then fail to decode are a
    damaged file, and guessing another encoding would only produce garbage.
    """
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        return None if encoding else _detect(data)


def _detect(data: bytes) -> str | None:
    """Guess a legacy encoding, preferring Windows-1252 among equally good guesses.

    On short English text the detector often cannot tell Windows-1252 from
    its Central European or even EBCDIC cousins ("café" as "cafĂ©"); our
    readers' files are overwhelmingly Western, so the tie goes to cp1252.
    """
    matches = charset_normalizer.from_bytes(data, cp_exclusion=_NO_BOM_UNICODE)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and "cp1252" in match.could_be_from_charset:
            return data.decode("cp1252")
    return str(best)
