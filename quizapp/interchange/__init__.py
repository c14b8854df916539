"""Question packs in and out: quizapp's own JSON and YAML, Moodle's GIFT and Moodle XML.

``dump(pack, fmt)`` writes a pack; ``load(data, fmt=None, name=...)`` reads
one back as an ``ImportResult``: the whole pack, and notes on whatever the
file held that has no place in a quizapp pack (a Moodle essay question, a
partial-credit weight). Loading either returns a valid pack or raises
``PackFormatError`` with a one-line message that says where (a line, or a
field path such as ``questions[2].answer[0]``) and what to change. Export
then import gives back an equal pack in every format. See docs/packs.md.

Pure: no Flask, no database; tests/test_layers.py checks that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizapp.interchange import files, gift_read, gift_write, moodle_read, moodle_write, native
from quizapp.interchange.document import FORMAT, from_pack, to_pack
from quizapp.interchange.errors import PackFormatError
from quizapp.interchange.validate import problems
from quizapp.text.pack import Pack

__all__ = [
    "FORMAT",
    "FORMATS",
    "MAX_PACK_BYTES",
    "ImportResult",
    "PackFormatError",
    "dump",
    "load",
    "load_pack",
]

MAX_PACK_BYTES = 2 * 1024 * 1024
FORMATS = ("json", "yaml", "gift", "xml")  # xml: Moodle XML
_ALIASES = {"yml": "yaml"}


@dataclass(frozen=True)
class ImportResult:
    """A loaded pack and the notes on what the file held that did not map (empty for JSON and YAML)."""

    pack: Pack
    skipped: list[str] = field(default_factory=list)


def dump(pack: Pack, fmt: str) -> str:
    """``pack`` as the text of a ``fmt`` file ("json", "yaml", "gift" or "xml", Moodle XML).

    An invalid pack is refused rather than written, since it could not be
    imported back; so is a question GIFT cannot hold (see docs/packs.md).
    """
    fmt = _format(fmt)
    found = problems(pack)
    if found:
        raise PackFormatError(f"cannot export this pack: {found[0]}")
    if fmt == "gift":
        return gift_write.write(pack)
    if fmt == "xml":
        return moodle_write.write(pack)
    document = from_pack(pack)
    return native.write_json(document) if fmt == "json" else native.write_yaml(document)


def load(text: str | bytes, fmt: str | None = None, name: str = "pack") -> ImportResult:
    """Read a pack from the contents of a file called ``name``.

    The format is ``fmt``, or else guessed from the name's suffix (.json,
    .yaml/.yml, .gift, .xml), or else from the text. The size is checked against
    ``MAX_PACK_BYTES`` before anything is decoded or parsed.
    """
    name = " ".join(str(name).split()) or "pack"  # a file name must not break the one-line message
    files.size_check(text, name, MAX_PACK_BYTES)
    fmt = _format(fmt) if fmt is not None else None
    text = files.decode(text, name)
    fmt = fmt or files.guess_format(text, name)
    if fmt in ("gift", "xml"):
        pack, notes = (gift_read if fmt == "gift" else moodle_read).read(text, name)
        return ImportResult(pack, notes)
    document = native.parse_json(text) if fmt == "json" else native.parse_yaml(text)
    return ImportResult(to_pack(document))


def load_pack(path: str | Path) -> Pack:
    """The pack in the file at ``path``; raises ``PackFormatError`` if it cannot be imported.

    Notes on what did not map are dropped: use ``load`` to show them.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_PACK_BYTES:  # refused before a byte is read
        raise files.too_big(path.name, size, MAX_PACK_BYTES)
    return load(path.read_bytes(), name=path.name).pack


def _format(fmt: str) -> str:
    """The canonical format name for ``fmt`` ("yml" is "yaml"); an unknown one is refused."""
    name = _ALIASES.get(str(fmt).lower(), str(fmt).lower())
    if name not in FORMATS:
        raise PackFormatError(f"unknown pack format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return name
