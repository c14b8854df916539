"""From an uploaded file to text: the size limit, the encoding, and which format it is.

Nothing here parses: the size is checked on the raw data first, so a huge
upload costs no parsing at all.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from quizapp.interchange.errors import PackFormatError

MEGABYTE = 1024 * 1024
SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".gift": "gift", ".xml": "xml"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # controls no text file holds (ESC \x1b aside)
_YAML_START = re.compile(r"^(?:---|format\s*:)", re.M)


def size_check(data: str | bytes, name: str, limit: int) -> None:
    """Refuse data over ``limit`` bytes (text counted as UTF-8) before anything reads it."""
    size = len(data) if isinstance(data, bytes) else len(data) if len(data) > limit else _utf8_size(data)
    if size > limit:
        raise too_big(name, size, limit)


def too_big(name: str, size: int, limit: int) -> PackFormatError:
    """The error for a file of ``size`` bytes over the limit."""
    return PackFormatError(
        f"{name} is {size / MEGABYTE:.1f} MB; packs up to {limit / MEGABYTE:.0f} MB can be imported"
    )


def _utf8_size(text: str) -> int:
    """The size of ``text`` saved as UTF-8 (lone surrogates counted, not refused)."""
    return len(text.encode("utf-8", "surrogatepass"))


def decode(data: str | bytes, name: str) -> str:
    """The text of a pack file: UTF-8 (or UTF-16/32 with a byte order mark), not empty, not binary."""
    text = data if isinstance(data, str) else _decode(data, name)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise PackFormatError(f"{name} is empty: choose a pack file (JSON, YAML or GIFT)")
    if _BINARY.search(text[:65536]):
        raise PackFormatError(
            f"{name} looks like a binary file, not a pack: choose a JSON, YAML or GIFT file"
        )
    return text


def _decode(data: bytes, name: str) -> str:
    """Decode with the byte order mark's codec, else as UTF-8; NUL bytes without a BOM are binary."""
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8")
    if b"\x00" in data and encoding == "utf-8":
        raise PackFormatError(
            f"{name} looks like a binary file, not a pack: choose a JSON, YAML or GIFT file"
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PackFormatError(
            f"{name} is not UTF-8 text (byte {exc.start + 1}): save it as UTF-8 and import it again"
        ) from exc


def guess_format(text: str, name: str) -> str:
    """The format named by the file's suffix, else the one its first characters look like."""
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = text.lstrip()
    if head.startswith("<"):
        return "xml"
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("//", "::", "$CATEGORY")):
        return "gift"
    if _YAML_START.search(text):
        return "yaml"
    return "gift" if "{" in text and "}" in text else "yaml"
