"""Decoding uploaded files: the encodings teachers' computers save, and what to refuse."""

import codecs
from pathlib import Path

import pytest

from quizapp.text.errors import InputError
from quizapp.text.reading.cleaning import clean
from quizapp.text.reading.sources import MAX_ARTICLE_BYTES, decode

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "reuters-syria-new-phase.txt"

TEXT = "He said “the café is open” – it’s fine.\nSyria’s war: naïve hopes, £5 résumés."
MB = 1024 * 1024


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # Python writes a BOM, native order
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("utf-32"), TEXT),
        (TEXT.encode("cp1252"), TEXT),  # curly quotes, en dash, é, £: Word on Windows
        ("Café".encode("cp1252"), "Café"),
        (
            "Les élèves ont lu l’article — « très difficile ».".encode("cp1252"),
            "Les élèves ont lu l’article — « très difficile ».",
        ),
        ("Ünïcödé façade, naïve".encode("latin-1"), "Ünïcödé façade, naïve"),
        (
            "Привет, как дела? Это статья о новостях и о школе.".encode("cp1251"),
            "Привет, как дела? Это статья о новостях и о школе.",
        ),
        (b"Plain ASCII text.\r\nSecond line.", "Plain ASCII text.\r\nSecond line."),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16-le",
        "utf16-be",
        "utf32",
        "cp1252",
        "cp1252-short",
        "cp1252-french",
        "latin1",
        "cp1251",
        "ascii-crlf",
    ],
)
def test_decodes_common_encodings(data, expected):
    assert decode(data, name="article.txt") == expected


def test_bom_is_not_left_in_the_text():
    assert not decode(codecs.BOM_UTF8 + b"Text").startswith("\ufeff")
    assert not decode("Text".encode("utf-16")).startswith("\ufeff")


def test_seed_as_utf16_cleans_like_the_original():
    raw = SEED.read_text(encoding="utf-8")
    assert clean(decode(raw.encode("utf-16"), name=SEED.name)) == clean(raw)


def test_file_at_the_limit_is_accepted():
    data = b"a" * MAX_ARTICLE_BYTES
    assert len(decode(data)) == MAX_ARTICLE_BYTES


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (5 * MB, "big.txt is 5.0 MB; articles up to 2.0 MB are accepted."),
        (2 * MB + 1, "big.txt is 2.1 MB; articles up to 2.0 MB are accepted."),
        (int(2.5 * MB), "big.txt is 2.5 MB; articles up to 2.0 MB are accepted."),
    ],
)
def test_too_big_names_the_size(size, message):
    with pytest.raises(InputError) as error:
        decode(b"\x00" * size, name="big.txt")  # binary too: size is checked first
    assert str(error.value) == message


def test_limit_can_be_lowered():
    with pytest.raises(InputError, match="up to 1.0 MB"):
        decode(b"a" * (MB + 1), max_bytes=MB)


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file(data):
    with pytest.raises(InputError, match=r"^notes\.txt is empty"):
        decode(data, name="notes.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "Word/OpenDocument"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    ],
    ids=["png", "pdf", "zip-docx", "jpeg", "gif"],
)
def test_known_binary_formats_are_named(data, kind):
    with pytest.raises(InputError) as error:
        decode(data, name="upload.bin")
    assert str(error.value).startswith("upload.bin looks like a binary file, not text")
    assert kind in str(error.value)


@pytest.mark.parametrize(
    "data",
    [
        b"Some text\x00with a NUL byte",
        bytes(range(1, 32)) * 20,  # mostly control characters
        "a\x00b".encode("utf-16"),  # a BOM does not make NULs text
        "Text".encode("utf-16-le"),  # UTF-16 without a BOM: NUL bytes everywhere
    ],
    ids=["nul", "controls", "utf16-bom-with-nul", "utf16-no-bom"],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError, match=r"^data\.dat looks like a binary file, not text"):
        decode(data, name="data.dat")


def test_a_few_control_characters_are_still_text():
    data = b"The cafe\x01 was shut.\x1c He left."
    assert decode(data) == "The cafe\x01 was shut.\x1c He left."


def test_damaged_utf16_is_refused():
    with pytest.raises(InputError, match="marked as UTF-16 text but is damaged"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b", name="broken.txt")


def test_undecodable_bytes_are_refused():
    with pytest.raises(InputError, match="character encoding we cannot read"):
        decode(bytes(range(0x80, 0x100)) * 4, name="mystery.txt")


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01", b"\x89PNG\r\n\x1a\n", b"\x00" * (3 * MB), codecs.BOM_UTF16_LE + b"a"],
)
def test_messages_are_one_line_and_name_the_file(data):
    with pytest.raises(InputError) as error:
        decode(data, name="my\nfile.txt")  # a hostile upload name cannot break the line
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("my file.txt ")
