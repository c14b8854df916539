"""Property tests for the importers: any file gives a whole pack or one clear PackFormatError.

test_bad_input.py fuzzes ``load`` with random text and bytes and with real
pack files cut and overwritten at random; here the damage is aimed deeper:

* a valid pack's document with a value swapped for the wrong type (null,
  true/false, huge or fractional numbers, NaN, text, lists, mappings, very
  deep nesting), or a key dropped or added, written as JSON and as YAML;
* GIFT put together from its own marks (``:: { } ~ = # % -> //``) with
  ``// quizapp`` comments that hold the wrong JSON;
* YAML bombs, deep nesting and huge numbers.

For every input: ``load`` returns a pack or raises ``PackFormatError`` with a
one-line message (a line number, when it gives one, is a line of the file);
nothing else escapes. A pack that loads is a valid pack (``problems`` finds
nothing) and survives export and import in every format unchanged.
"""

from __future__ import annotations

import copy
import json
import math
import re

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from properties import examples  # the fixed-seed profile for `make test` (tests/properties.py)

from quizapp.interchange import PackFormatError, dump, load
from quizapp.interchange.document import from_pack
from quizapp.interchange.errors import MAX_MESSAGE
from quizapp.interchange.validate import problems
from quizapp.text.pack import Pack

from .strategies import packs
from .test_bad_input import SAMPLE  # one question of each type: drawing packs costs more than damaging them
from .test_roundtrip import gift_can_hold

PROPERTY = examples(80)
_LINE = re.compile(r"^line (\d+)(?:, column (\d+))?")


# --- strategies ------------------------------------------------------------------------------------


def nested(depth: int):
    """A list inside a list ``depth`` times: deep enough to break a recursive reader."""
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


flat_values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.sampled_from([10**400, -1, 0, 1, 2])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
    | st.sampled_from(
        ["", " ", "\n", "\t x", "_____", "quizapp-pack/2", "choice", "true", "end", "\x00", "\ud800"]
    )
    | st.lists(st.none() | st.integers() | st.text(max_size=3), max_size=3)
    | st.dictionaries(st.text(max_size=4), st.none() | st.integers() | st.text(max_size=3), max_size=2)
)
wrong_values = flat_values | st.integers(15, 120).map(nested)  # deeper than extras and than YAML allow


def paths(value, prefix=()):
    """Every place in a document: each key and list index, as a tuple of steps."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))


@st.composite
def damaged_documents(draw) -> tuple[dict, tuple]:
    """A valid pack's document with one value replaced, one key dropped or one key added; and where."""
    pack = draw(st.sampled_from([SAMPLE, SAMPLE, SAMPLE]) | packs(max_questions=2))
    document = copy.deepcopy(from_pack(pack))  # extra values are the pack's own: damage a copy
    where = draw(st.sampled_from([p for p in paths(document) if p]))
    *parents, last = where
    container = document
    for step in parents:
        container = container[step]
    action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
    if action == "drop":
        del container[last]
    elif action == "add" and isinstance(container, dict):
        container[draw(st.sampled_from(["answers", "choice", "x-note", "", "format"]))] = draw(wrong_values)
    else:
        container[last] = draw(wrong_values)
    return document, where


GIFT_TOKENS = (
    "::",
    "::q1::",
    "{",
    "}",
    "~",
    "=",
    "#",
    "####",
    "%50%",
    "%-100%",
    "%150%",
    "->",
    "\\",
    "\\{",
    "\\n",
    "T",
    "FALSE",
    "[html]",
    "<p>",
    "&amp;",
    "$CATEGORY:",
    "Who?",
    "Russia",
    "Iran",
    "_____",
    " ",
    "\t",
    "é中😀",
)
COMMENTS = st.builds(
    lambda label, value: f"// {label}: {json.dumps(value)}",
    st.sampled_from(["quizapp", "quizapp-pack"]),
    st.dictionaries(
        st.sampled_from(
            [
                "format",
                "title",
                "article",
                "type",
                "answer",
                "choices",
                "id",
                "difficulty",
                "settings",
                "evidence_span",
                "skill",
                "prompt",
            ]
        ),
        flat_values | st.integers(20, 300).map(nested),
        max_size=3,
    )
    | st.sampled_from([{"format": "quizapp-pack/1"}, [], "x", None]),
)
gift_lines = st.lists(st.sampled_from(GIFT_TOKENS), max_size=8).map("".join) | COMMENTS | st.just("")
gift_texts = st.lists(gift_lines, min_size=1, max_size=10).map("\n".join)


# --- helpers -----------------------------------------------------------------------------------


def loaded_or_refused(text: str, fmt: str | None) -> Pack | None:
    """The pack ``text`` holds, or None after checking the refusal is one readable line."""
    try:
        return load(text, fmt).pack
    except PackFormatError as error:
        assert_clear(str(error), text)
        return None


def assert_clear(message: str, text: str) -> None:
    """One line, not empty, not huge; a line number points into the file, a column into its line."""
    assert message and "\n" not in message and len(message) <= MAX_MESSAGE
    where = _LINE.match(message)
    if where:
        lines = text.splitlines() or [""]
        assert 1 <= int(where[1]) <= len(lines) + 1, message
        if where[2]:
            assert int(where[2]) >= 1, message


def assert_a_whole_pack(pack: Pack) -> None:
    """A pack that loaded is valid, and survives export and import in every format."""
    assert problems(pack) == []
    for fmt in ("json", "yaml", "gift", "xml"):
        if fmt == "gift" and not gift_can_hold(pack):
            continue
        assert load(dump(pack, fmt), fmt).pack == pack, fmt


def as_yaml(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


# --- properties ------------------------------------------------------------------------------------


@PROPERTY
@given(damaged=damaged_documents(), fmt=st.sampled_from(["json", "yaml"]))
@example(
    damaged=(
        {
            "format": "quizapp-pack/1",
            "title": "x",
            "article": {"title": "a", "text": ""},
            "questions": [],
            "settings": {"attempts": 3.0},
        },
        ("settings", "attempts"),
    ),
    fmt="json",
)
def test_a_damaged_document_gives_a_pack_or_a_clear_error(damaged, fmt):
    document, _where = damaged
    try:
        text = json.dumps(document, ensure_ascii=False) if fmt == "json" else as_yaml(document)
    except (RecursionError, ValueError):  # the document is too deep for the writer itself
        return
    pack = loaded_or_refused(text, fmt)
    if pack is not None:
        assert_a_whole_pack(pack)


@PROPERTY
@given(text=gift_texts)
@example(text='::q1::Who? {=Russia ~Iran}\n// quizapp: {"evidence_span": {"paragraph": 1e400}}')
@example(text='// quizapp-pack: {"format": "quizapp-pack/1", "settings": []}\n\n::q::Who? {=a}')
def test_any_gift_gives_a_pack_or_a_clear_error(text):
    pack = loaded_or_refused(text, "gift")
    if pack is not None:
        assert_a_whole_pack(pack)


@PROPERTY
@given(
    text=st.text(st.characters() | st.characters(categories=["Cs"]), max_size=200),  # lone surrogates too
    fmt=st.sampled_from([None, "json", "yaml", "gift", "xml"]),
)
@example(text="a: \ud800", fmt="yaml")  # regression: libyaml's depth check raised UnicodeEncodeError
def test_any_text_gives_a_pack_or_an_error_that_points_into_the_file(text, fmt):
    pack = loaded_or_refused(text, fmt)
    if pack is not None:
        assert_a_whole_pack(pack)


HEAD = 'format: quizapp-pack/1\ntitle: Syria\narticle: {title: A new phase, text: "War."}\n'
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BOMB, r"^line 2: aliases \(\*name\) are not allowed"),
        ("[" * 2_000 + "]" * 2_000, r"^line 1: the YAML is nested too deeply"),
        ("- " * 3_000 + "x\n", r"^line 1: the YAML is nested too deeply"),
        ("".join(f"{'  ' * i}k{i}:\n" for i in range(500)), r"^line 101: the YAML is nested too deeply"),
        ("{a: " * 3_000 + "1" + "}" * 3_000, r"^line 1: the YAML is nested too deeply"),
        (HEAD + "settings: {attempts: " + "9" * 5_000 + "}\nquestions: []\n", r"number too long"),
        (
            HEAD + "settings: {attempts: 1e400}\nquestions: []\n",
            r"^settings\.attempts: must be a whole number",
        ),
        (
            HEAD + "settings: {attempts: .inf}\nquestions: []\n",
            r"^settings\.attempts: must be a whole number",
        ),
        (
            HEAD + "questions:\n- {type: short, prompt: Who, answer: [[x]], difficulty: .nan}\n",
            r"^questions\[0\]\.difficulty: must be a number from 0 to 1",
        ),
        (
            HEAD + "questions: !!binary aGVsbG8=\n",
            r"the tag .*binary.* is not allowed|questions: must be a list",
        ),
        (HEAD + "questions: !!set {a, b}\n", r"the tag .*set.* is not allowed|questions: must be a list"),
        (HEAD + "<<: {questions: []}\n", r"^line 4: a key must be a name"),
    ],
    ids=[
        "billion-laughs",
        "deep-flow",
        "deep-block-list",
        "deep-block-mapping",
        "deep-flow-mapping",
        "huge-integer",
        "huge-float",
        "infinity",
        "nan",
        "binary",
        "set",
        "merge-key",
    ],
)
def test_yaml_bombs_and_monsters_are_refused_clearly(text, expected):
    with pytest.raises(PackFormatError) as error:
        load(text, "yaml")
    assert_clear(str(error.value), text)
    assert re.search(expected, str(error.value)), str(error.value)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "json",
            '{"format": "quizapp-pack/1", "title": "x", "article": {"title": "a", "text": ""}, "questions": [],'
            ' "settings": {"attempts": 1e308}}',
        ),
        ("yaml", HEAD + "questions: []\nsettings: {attempts: 3.0}\n"),
    ],
)
def test_a_whole_number_written_as_a_float_is_read_as_one(fmt, text):
    pack = load(text, fmt).pack
    assert isinstance(pack.settings.attempts, int) and not math.isnan(pack.settings.attempts)
    assert_a_whole_pack(pack)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("".join(f"{'  ' * i}k{i}:\n" for i in range(150)), 101),
        ("[" * 150, 1),
        ("a:\n" + "- " * 150 + "x\n", 2),
    ],
    ids=["block-mapping", "flow", "block-list"],
)
def test_without_libyaml_yaml_is_refused_at_the_same_depth(text, line, monkeypatch):
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    with pytest.raises(PackFormatError, match=rf"^line {line}: the YAML is nested too deeply to be a pack"):
        load(text, "yaml")
    monkeypatch.undo()
    with pytest.raises(PackFormatError, match=rf"^line {line}: the YAML is nested too deeply to be a pack"):
        load(text, "yaml")
