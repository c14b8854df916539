"""Property tests for the cleaner and the decoders: whatever a teacher pastes or uploads.

Two kinds of input are generated: any text at all (control characters,
NUL, lone surrogates, every kind of line break) and article-shaped text
built from the pieces real pastes are made of (headlines, level labels,
wire datelines, sentences pasted twice with other quotes or dashes, hard
wraps, blank lines, HTML fragments). For both, ``clean`` returns an article
or raises ``InputError``, and an article keeps the promises below.

Invariants, as the app relies on them (the services re-clean an article as
``f"{title}\\n\\n{text}"`` when it is copied from a seed or a pack):

* every paragraph is one trimmed, non-empty line with no control characters;
* no paragraph appears twice (compared as the cleaner compares them: spaces,
  quote and dash styles ignored);
* cleaning the cleaned article (title, then the body) gives it back;
* words are only ever dropped, never invented or changed: each paragraph (and
  a headline taken from the text) is a stretch of the input, spaces aside; and
  each word of the input is kept, or was in a repeated paragraph, or stood
  before the body (the level label, the datelines).
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st
from properties import examples  # the fixed-seed profile for `make test` (tests/properties.py)

from quizapp.text.errors import InputError
from quizapp.text.reading import documents, sources
from quizapp.text.reading.cleaning import clean

FAST = examples(100)

# What the cleaner documents it removes (docs: cleaning.py) and what counts as a line break.
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")
QUOTES = str.maketrans("‘’‚‛′`´“”„‟″«»", "'''''''\"\"\"\"\"\"\"")
DASHES = re.compile(r"[‐‑‒–—―−]|--")
LEVEL = re.compile(r"(elementary|advanced|((pre|upper)[\s\-‐‑–—]?)?intermediate)", re.I)

# --- strategies -------------------------------------------------------------------------

SENTENCES = (
    "The army took the town of al-Sukhna on Saturday after a week of fighting.",
    "Residents said the streets were quiet by the evening and shops had reopened.",
    "Assad’s army said: “We will win.”",
    'Assad\'s army said: "We will win."',
    "The truce – agreed in July – held.",
    "The truce -- agreed in July -- held.",
    "Will the truce hold?",
    "Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias in",
    "the attack on Islamic State’s last major Syrian stronghold, the Deir al-Zor region.",
    "Café society in Zürich; naïve résumés, 中文 and עברית, 😀.",
)
HEADLINES = (
    "Syria enters a new phase",
    "Teff goes global",
    "“We will win”",
    "Advanced students read",
    "Reuters",
    "Intermediate",
    "Will drones deliver our parcels?",
)
LABELS = ("Elementary", "Intermediate", "ADVANCED", "Pre-intermediate", "upper intermediate", "Advanced")
DATELINES = (
    "BEIRUT (Reuters) - ",
    "LONDON, May 3 (AP) — ",
    "(Reuters) - ",
    "Reuters, Beirut :",
    "Beirut, Reuters: ",
    "WASHINGTON (CNN) - ",
    "NEW YORK (Reuters) -- ",
    "Apple (AAPL) - ",
)
HTML = ("<p>", "</p>", "<b>bold</b>", "<script>alert(1)</script>", "&amp;", "<br/>", "<!doctype html>")
JUNK = (
    "\x00",
    "\x01",
    "\x1c",
    "\x7f",
    "\x85",
    "\u00ad",
    "\u200b",
    "\u2060",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\t",
    "\v",
    "\f",
    "e\u0301",
    "\u200d",
    "\ud800",
    "   ",
)
BREAKS = ("\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n\n\n", "\u2029")


@st.composite
def lines(draw) -> str:
    """One line of an article paste: a sentence, a headline, a label, a dateline, HTML or junk."""
    kind = draw(st.sampled_from(["sentence", "sentence", "headline", "label", "dateline", "html", "junk"]))
    if kind == "dateline":
        return draw(st.sampled_from(DATELINES)) + draw(st.just("") | st.sampled_from(SENTENCES))
    pool = {"sentence": SENTENCES, "headline": HEADLINES, "label": LABELS, "html": HTML, "junk": JUNK}[kind]
    parts = draw(st.lists(st.sampled_from(pool + JUNK[:3]), min_size=1, max_size=3))
    return draw(st.sampled_from([" ", "", "  \t"])).join(parts)


@st.composite
def articles(draw) -> str:
    """Article-shaped text: lines joined by mixed line breaks, some pasted again."""
    body = draw(st.lists(lines(), min_size=1, max_size=6))
    if draw(st.booleans()):  # pasted twice, maybe only the end of it
        body += body[draw(st.integers(0, len(body) - 1)) :]
    joined = ""
    for line in body:
        joined += line + draw(st.sampled_from(BREAKS))
    return joined


any_text = st.text(st.characters() | st.characters(categories=["Cs"]), max_size=300)  # lone surrogates too
raw_texts = articles() | any_text
hints = st.none() | st.text(max_size=40) | st.sampled_from(HEADLINES)


# --- helpers --------------------------------------------------------------------------------


def cleaned(raw: str, hint: str | None = None):
    """The article, or None when the cleaner refused the text with a message for a person."""
    try:
        return clean(raw, title_hint=hint)
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message
        return None


def input_words(raw: str) -> list[str]:
    """The input's words as a reader sees them: invisible characters gone, composed (NFC)."""
    return unicodedata.normalize("NFC", INVISIBLE.sub("", raw)).split()


def squashed(raw: str) -> str:
    """The input's words joined by single spaces: line breaks and runs of spaces are one space."""
    return " ".join(input_words(raw))


def fold(paragraph: str) -> str:
    """How the cleaner compares paragraphs (docs: "_fold"): spaces, quote and dash styles ignored."""
    folded = DASHES.sub("-", paragraph.translate(QUOTES)).replace("…", "...")
    return re.sub(r"\s+", "", folded)


def rendered(article) -> str:
    """The article as the app writes it back for cleaning again: title, blank line, body."""
    return f"{article.title}\n\n{article.text}" if article.title else article.text


def bare(word: str) -> str:
    """A word compared with metadata: case and the dateline's punctuation ignored."""
    return word.strip("()-–—:,").casefold()


# --- properties of clean ----------------------------------------------------------------------
# One test draws the input and checks every promise: Hypothesis spends its time making inputs.

SAMPLE_SENTENCE = SENTENCES[0]


@examples(150)
@given(raw=raw_texts, hint=hints)
@example(raw="", hint=None)
@example(raw="\x00\ud800\n\r\u2029", hint="\ud800")
@example(raw="a" * 100_000, hint=None)  # one huge line
@example(raw="<p>Hello <b>world</b></p>\r\n<p>Again</p>", hint="<b>")
@example(raw="Pre-intermediate\nThe army advanced.", hint=None)
@example(raw="Reuters, Beirut :The army advanced.\nIt took the town.", hint=None)
# Regressions: the typed title kept its control characters and line breaks;
@example(raw="A", hint="Syria\x1b enters\r\na new\u200b phase\x00")
# a dateline hid a repeat of the paragraph below it;
@example(raw=f"BEIRUT (Reuters) - {SAMPLE_SENTENCE}\n{SAMPLE_SENTENCE}", hint=None)
# a second dateline stayed in the body, below the first or below the headline.
@example(raw=f"Reuters, Beirut :\nBEIRUT (Reuters) - {SAMPLE_SENTENCE}", hint=None)
@example(raw=f"Reuters, Beirut :\nSyria enters a new phase\nBEIRUT (Reuters) - {SAMPLE_SENTENCE}", hint=None)
@example(raw=f"{HEADLINES[0]} {HEADLINES[0]}\nBEIRUT (Reuters) - \n{HEADLINES[0]}", hint=None)
def test_clean_gives_a_tidy_article_or_a_clear_error(raw, hint):
    article = cleaned(raw, hint)
    if article is None:
        return
    assert_tidy(article)
    assert_no_repeats(article)
    assert_stretches_of_the_input(article, raw, hint)
    assert_words_kept(article, raw)
    assert_cleaning_again_changes_nothing(article)


def assert_tidy(article) -> None:
    """Paragraphs and title: trimmed one-line texts, nothing invisible, composed; at least one paragraph."""
    assert article.paragraphs
    for text in article.paragraphs + (article.title,):
        assert text == text.strip() and not INVISIBLE.search(text)
        assert not any(char in text for char in "\n\r\u2028\u2029\x85")
        assert unicodedata.is_normalized("NFC", text)
    assert all(article.paragraphs)


def assert_no_repeats(article) -> None:
    """No paragraph twice, compared as the cleaner compares them."""
    folded = [fold(p) for p in article.paragraphs]
    assert len(set(folded)) == len(folded), article.paragraphs


def assert_stretches_of_the_input(article, raw: str, hint: str | None) -> None:
    """Nothing invented: each paragraph, and a headline taken from the text, is a stretch of the input."""
    text = squashed(raw)
    for paragraph in article.paragraphs:
        assert paragraph in text
    if article.title != " ".join(input_words(hint or "")):
        assert article.title in text


def assert_words_kept(article, raw: str) -> None:
    """Each input word is in the title or body, or was in a repeat, or came before the body (label, dateline)."""
    kept = {bare(w) for p in (article.title, *article.paragraphs) for w in p.split()}
    text = squashed(raw)
    after_title = text.find(article.title) + len(article.title) if article.title in text else 0
    head = {bare(w) for w in text[: text.find(article.paragraphs[0], after_title)].split()}
    body = "".join(fold(p).casefold() for p in (article.title, *article.paragraphs))
    for word in input_words(raw):  # a repeat may differ in its spaces: its letters are in the body
        assert not bare(word) or bare(word) in kept | head or fold(bare(word)) in body, word


def assert_cleaning_again_changes_nothing(article) -> None:
    """The app re-cleans ``title + blank line + body``: same title, same paragraphs, no metadata left.

    Not promised for a title or first paragraph that is only a level word
    ("Advanced"): written first in a text, that is the level label; nor for a
    typed title that reads as one of the paragraphs (spaces aside): written
    above them, that paragraph is a repeat of it.
    """
    if LEVEL.fullmatch(article.title) or LEVEL.fullmatch(article.paragraphs[0]):
        return
    if fold(article.title) in {fold(p) for p in article.paragraphs}:
        return
    again = clean(rendered(article), title_hint=article.title or None)
    assert (again.title, again.paragraphs) == (article.title, article.paragraphs)
    assert again.level is None and again.source is None


# --- the decoders: bytes and pages ------------------------------------------------------------


@FAST
@given(
    data=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    name=st.text(max_size=20),
)
@example(data=b"\xff\xfe" + b"a", name="odd.txt")  # a UTF-16 BOM and half a character
@example(data=b"\xff\xfe\x00\x00\x00\xd8\x00\x00", name="x")  # UTF-32 holding a surrogate
def test_decode_gives_text_or_a_clear_error(data, name):
    try:
        text = sources.decode(data, name=name)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(text, str) and text
    cleaned(text)  # and the cleaner takes whatever the decoder gives


SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".TXT", ".docx", "", ".md.txt"])


@examples(30)
@given(
    text=raw_texts
    | st.lists(st.sampled_from(HTML + SENTENCES + ("# Title", "*", "`x`", "[a](b)")), max_size=12).map(
        " ".join
    ),
    stem=st.text(max_size=10),
    suffix=SUFFIXES,
)
@example(text="<html><body><p>" + "word " * 30 + "</p></body></html>", stem="page", suffix=".html")
@example(
    text="Text", stem="my\nnotes", suffix=".docx"
)  # regression: the file's name broke the message in two
def test_uploads_give_a_document_or_a_clear_error(text, stem, suffix):
    filename = stem + suffix
    try:
        document = documents.from_upload(text.encode("utf-8", "surrogatepass"), filename)
    except InputError as error:
        assert str(error) and "\n" not in str(error)  # one line, whatever the file is called
        return
    assert isinstance(document.text, str)
    cleaned(document.text, document.title)


@examples(30)
@given(text=raw_texts | st.lists(st.sampled_from(HTML + SENTENCES), max_size=12).map("".join))
def test_pasted_text_gives_a_document_or_a_clear_error(text):
    try:
        document = documents.from_paste(text)
    except InputError as error:
        assert str(error)
        return
    cleaned(document.text, document.title)
