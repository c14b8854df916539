"""Bad files get one clear line that says where and what to change: never a traceback, never half a pack."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from properties import examples  # the fixed-seed profile for `make test` (tests/properties.py)

import quizapp.interchange as interchange
from quizapp.interchange import (
    MAX_PACK_BYTES,
    PackFormatError,
    dump,
    files,
    gift_read,
    load,
    load_pack,
    native,
)
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question

HEAD = "format: quizapp-pack/1\ntitle: Syria\narticle:\n  title: A new phase\n  text: Syria's war has entered a new phase.\n"


def yaml_pack(questions: str = "questions: []\n", head: str = HEAD) -> str:
    return head + questions


def refused(data, fmt=None, name="pack") -> str:
    """The message ``load`` refuses ``data`` with; it must be one line."""
    with pytest.raises(PackFormatError) as caught:
        load(data, fmt, name)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message and len(message) < 700
    return message


@pytest.mark.parametrize(
    ("data", "fmt", "expected"),
    [
        ("", None, r"^pack is empty: choose a pack file"),
        ("   \n\t \n", None, r"^pack is empty"),
        (b"", "yaml", r"is empty"),
        (b"\xef\xbb\xbf", None, r"is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, r"looks like a binary file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "json", r"looks like a binary file"),
        (b"\x00\x01\x02\x03" * 20, "gift", r"looks like a binary file"),
        ("format: quizapp-pack/1\x00\x01", "yaml", r"looks like a binary file"),
        ("caf\xe9 au lait".encode("cp1252"), "yaml", r"is not UTF-8 text \(byte 4\): save it as UTF-8"),
    ],
    ids=[
        "empty",
        "whitespace",
        "empty-bytes",
        "only-bom",
        "png",
        "zip",
        "control-bytes",
        "nul-in-text",
        "cp1252",
    ],
)
def test_files_that_are_no_text_are_refused(data, fmt, expected):
    assert re.search(expected, refused(data, fmt))


def test_whole_file_messages_name_the_file():
    assert refused("", name="my pack.yaml").startswith("my pack.yaml is empty")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "quizapp-pack/1",\n "title": "x"\n "article": {}}',
            r"^line 3, column 2: Expecting ',' delimiter",
        ),
        ('{"format": "quizapp-pack/1", "title": "x",}', r"^line 1, column 43: .*not valid JSON"),
        ('{"format": "quizapp-pack/1", "title": \'x\'}', r"^line 1, column 39"),
        ('{"format": "quizapp-pack/1", "title": NaN}', r"NaN is not a number a pack can hold"),
        ('{"format": "quizapp-pack/1", "title": "a", "title": "b"}', r"the key 'title' appears twice"),
        ("[" * 100_000, r"nested too deeply"),
        ('{"format": "quizapp-pack/1", "attempts": ' + "9" * 5000 + "}", r"number too long"),
        ("[1, 2]", r"the file holds a list, not a pack"),
        ('"a pack"', r"holds only the text 'a pack', not a pack"),
    ],
    ids=[
        "missing-comma",
        "trailing-comma",
        "single-quotes",
        "nan",
        "duplicate-key",
        "deep",
        "huge-number",
        "list",
        "string",
    ],
)
def test_invalid_json_says_line_and_column(text, expected):
    assert re.search(expected, refused(text, "json"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "format: quizapp-pack/1\ntitle: x\narticle:\n\ttitle: y\n",
            r"^line 4, column 1: a tab character; indent YAML with spaces",
        ),
        ("format: quizapp-pack/1\ntitle: [unclosed\n", r"^line 3, column 1: .*not valid YAML"),
        ("format: quizapp-pack/1\n  title: x\n", r"^line 2, column \d+: mapping values are not allowed"),
        (
            "- Russia\n- Iran\n",
            r"^the file holds a list, not a pack: a pack is a mapping that starts with 'format: quizapp-pack/1'",
        ),
        ("just some words\n", r"^the file holds only the text 'just some words', not a pack"),
        ("42\n", r"^the file holds a single value, not a pack"),
        ("# nothing but a comment\n", r"holds nothing \(it is empty or only comments\)"),
        (
            "format: quizapp-pack/1\ntitle: !!python/object/apply:os.system [echo hacked]\n",
            r"^line 2, column 8: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "format: quizapp-pack/1\ntitle: !!python/name:os.system\n",
            r"^line 2, column 8: the tag .*python/name",
        ),
        (
            "format: quizapp-pack/1\ntitle: &t Syria\ndescription: *t\n",
            r"^line 3: aliases \(\*name\) are not allowed",
        ),
        ("format: quizapp-pack/1\ntitle: a\ntitle: b\n", r"^line 3: the key 'title' appears twice; keep one"),
        ("format: quizapp-pack/1\n1: a\n", r"^line 2: a key must be a name"),
        (
            "format: quizapp-pack/1\n---\nformat: quizapp-pack/1\n",
            r"^line 2, column 1: expected a single document in the stream, but found another document",
        ),
        ("[" * 5_000, r"nested too deeply"),
        ("format: quizapp-pack/1\ntitle: x\x1b\n", r"^line 2: the character U\+001B is not allowed in YAML"),
    ],
    ids=[
        "tab",
        "unclosed-flow",
        "bad-indent",
        "list",
        "string",
        "number",
        "only-comment",
        "python-object",
        "python-name",
        "alias",
        "duplicate-key",
        "number-key",
        "two-documents",
        "deep",
        "escape-character",
    ],
)
def test_invalid_yaml_says_the_line(text, expected):
    assert re.search(expected, refused(text, "yaml"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "format: quizapp-pack/2\ntitle: From the future\n",
            r"^quizapp-pack/2: this file was written by a newer quizapp; update quizapp to import it$",
        ),
        ("format: quizapp-pack/10\n", r"^quizapp-pack/10: this file was written by a newer quizapp"),
        (
            "format: moodle\ntitle: x\n",
            r"^format: 'moodle' is not a quizapp pack format \(expected quizapp-pack/1\)",
        ),
        ("title: x\n", r"^format: missing; a pack starts with 'format: quizapp-pack/1'"),
        ("format: quizapp-pack/1\ntitle: x\nquestions: []\n", r"^article: required$"),
        ("format: quizapp-pack/1\narticle: {title: a, text: b}\nquestions: []\n", r"^title: required$"),
        (yaml_pack("questions: []\nshuffle: true\n"), r"^shuffle: unknown field"),
        (
            yaml_pack("questions: []\nsettings: {shuffle_question: true}\n"),
            r"^settings.shuffle_question: unknown field \(did you mean 'shuffle_questions'\?\)",
        ),
        (
            yaml_pack("questions: []\nsettings: {feedback: later}\n"),
            r"^settings.feedback: must be one of immediate, end, not 'later'",
        ),
        (yaml_pack("questions: []\nsettings: {attempts: -1}\n"), r"^settings.attempts: must be 0 or more"),
        (
            yaml_pack("questions: []\nsettings: {attempts: 1.5}\n"),
            r"^settings.attempts: must be a whole number",
        ),
        (yaml_pack("questions: []\ntitle2: x\n"), r"^title2: unknown field \(did you mean 'title'\?\)"),
        (
            "format: quizapp-pack/1\ntitle: 2024\narticle: {title: a, text: b}\nquestions: []\n",
            r"^title: must be text \(put it in quotes\)",
        ),
        (
            "format: quizapp-pack/1\ntitle: '  '\narticle: {title: a, text: b}\nquestions: []\n",
            r"^title: must not be empty",
        ),
    ],
    ids=[
        "version-2",
        "version-10",
        "other-format",
        "no-format",
        "no-article",
        "no-title",
        "unknown-top-field",
        "typo-setting",
        "feedback-mode",
        "negative-attempts",
        "fractional-attempts",
        "typo-title",
        "number-title",
        "blank-title",
    ],
)
def test_the_pack_itself_is_checked(text, expected):
    assert re.search(expected, refused(text, "yaml"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "type: choice\n  prompt: Which country?\n  answer: [[Iraq]]\n  choices: [Iran, Syria]",
            r"^questions\[2\].answer\[0\]\[0\]: 'Iraq' is not among the choices; add it to choices or correct the spelling$",
        ),
        (
            "type: choice\n  prompt: Which?\n  answer: [[Iran]]\n  choices: [Iran]",
            r"^questions\[2\].choices: a choice question needs at least two choices",
        ),
        (
            "type: multi\n  prompt: Which?\n  answer: [[Iran], [Iraq]]\n  choices: [Iran, Syria]",
            r"^questions\[2\].answer\[1\]\[0\]: 'Iraq' is not among the choices",
        ),
        (
            "type: multi\n  prompt: Which?\n  answer: [[Iran]]\n  choices: [Iran]",
            r"multi question needs at least two choices",
        ),
        (
            "type: truefalse\n  prompt: War?\n  answer: [[maybe]]",
            r'^questions\[2\].answer: a true/false answer is \[\["true"\]\]',
        ),
        (
            "type: cloze\n  prompt: Syria is at war.\n  answer: [[war]]",
            r"^questions\[2\].prompt: a cloze prompt marks its gap with exactly one _____ \(found 0\)",
        ),
        ("type: cloze\n  prompt: _____ and _____\n  answer: [[war]]", r"exactly one _____ \(found 2\)"),
        (
            "type: short\n  prompt: Syria is at _____.\n  answer: [[war]]",
            r"_____ marks a gap: make this question a cloze",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [Russia]",
            r"^questions\[2\].answer\[0\]: must be a non-empty list of texts$",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: []",
            r"^questions\[2\].answer: must be a non-empty list of parts",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[Russia, '']]",
            r"^questions\[2\].answer\[0\]\[1\]: must not be empty",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[true]]",
            r"^questions\[2\].answer\[0\]\[0\]: must be text \(put it in quotes\)",
        ),
        (
            "type: essay\n  prompt: Discuss.\n  answer: [[x]]",
            r"^questions\[2\].type: must be one of short, choice, multi, truefalse, cloze, not 'essay'",
        ),
        ("type: short\n  answer: [[x]]", r"^questions\[2\].prompt: required$"),
        ("type: short\n  prompt: '   '\n  answer: [[x]]", r"^questions\[2\].prompt: must not be empty"),
        (
            "type: short\n  prompt: Who?\n  answer: [[x]]\n  difficulty: 2",
            r"^questions\[2\].difficulty: must be a number from 0 to 1",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[x]]\n  skill: memory",
            r"^questions\[2\].skill: must be one of recall",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[x]]\n  evidence_span: {paragraph: 3, start: 0, end: 5}",
            r"^questions\[2\].evidence_span.paragraph: the article has no paragraph 3 \(it has 1, counted from 0\)",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[x]]\n  evidence_span: {paragraph: 0, start: 9, end: 5}",
            r"^questions\[2\].evidence_span: start and end must lie within paragraph 0",
        ),
        (
            "id: q1\n  type: short\n  prompt: Who?\n  answer: [[x]]",
            r"^questions\[2\].id: 'q1' is already the id of questions\[0\]",
        ),
        (
            "type: short\n  prompt: Who?\n  answer: [[x]]\n  note: .nan",
            r"^questions\[2\].extra.note: must be a finite number",
        ),
    ],
    ids=[
        "choice-answer-not-offered",
        "one-choice",
        "multi-part-not-offered",
        "multi-one-choice",
        "truefalse-maybe",
        "cloze-no-gap",
        "cloze-two-gaps",
        "short-with-gap",
        "part-not-a-list",
        "no-parts",
        "empty-form",
        "boolean-form",
        "essay-type",
        "no-prompt",
        "blank-prompt",
        "difficulty",
        "skill",
        "span-paragraph",
        "span-order",
        "duplicate-id",
        "nan-extra",
    ],
)
def test_questions_are_checked_with_their_field_path(question, expected):
    text = yaml_pack(
        "questions:\n- {id: q1, type: short, prompt: 'Who?', answer: [[Assad]]}\n"
        "- {type: truefalse, prompt: 'War?', answer: [['true']]}\n- " + question + "\n"
    )
    assert re.search(expected, refused(text, "yaml"))


def test_a_long_list_of_problems_shows_the_first_few():
    questions = "questions:\n" + "".join(f"- {{type: short, prompt: Q{i}}}\n" for i in range(6))
    message = refused(yaml_pack(questions), "yaml")
    assert message.startswith("questions[0].answer: required; questions[1].answer: required; ")
    assert message.endswith("(and 3 more)")


def test_problems_in_json_have_the_same_paths():
    document = {
        "format": "quizapp-pack/1",
        "title": "x",
        "article": {"title": "a", "text": "b"},
        "questions": [
            {"type": "choice", "prompt": "Which?", "answer": [["Iraq"]], "choices": ["Iran", "Syria"]}
        ],
    }
    assert refused(json.dumps(document), "json").startswith(
        "questions[0].answer[0][0]: 'Iraq' is not among the choices"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "::q1::Who? {=Russia\n\n::q2::Where? {=Beirut}\n",
            r"^line 1: '\{' is never closed: end the answers with '\}'",
        ),
        ("// a comment\n\n::q1::Who?\n{=Russia\n=Iran\n", r"^line 4: '\{' is never closed"),
        ("::q1::Who? =Russia}\n", r"^line 1: '\}' without an opening '\{'"),
        ("::q1::Who?\n{=Russia}\nand {=Iran}\n", r"^line 3: a second answer block"),
        ("::q1::Who? {=Russia {=Iran}}\n", r"^line 1: '\{' inside the answers"),
        (
            "::q1::Pick\n{\n~Iran\n~Iraq\n}\n",
            r"^line 3 \('q1'\): no option is right: give the right options a positive weight|^line 3: no option is right",
        ),
        ("::q1::Pick {=%150%Iran ~Iraq}\n", r"^line 1: the weight %150% must be from -100% to 100%"),
        ("::q1::Pick {=%50%Iran =%50%Iraq}\n", r"^line 1: no answer earns full marks"),
        ("::q1::Pick {=Iran ~ ~Iraq}\n", r"^line 1: an empty answer after '~'"),
        ("::q1::Pick {~Iran =Iran ~Iraq}\n", r"^line 1 \('q1'\) choices\[1\]: 'Iran' is listed twice"),
        ("::q1::{=Iran}\n", r"^line 1 \('q1'\) prompt: must not be empty"),
        (
            '::q1::Who? {=Iran}\n\n::q2::Where? {=Tehran}\n\n::q1::Again? {=Iraq}\n\n// quizapp: {"difficulty": 7}\n::q4::Why? {=x}\n',
            r"^line 8 \('q4'\) difficulty: must be a number from 0 to 1",
        ),
        (
            "// quizapp: {broken\n::q1::Who? {=Iran}\n",
            r"^line 1: the quizapp comment is not valid JSON .*correct it or delete the line",
        ),
        ("// quizapp: [1]\n::q1::Who? {=Iran}\n", r"^line 1: the quizapp comment must hold a JSON object"),
        (
            '// quizapp-pack: {"format": "quizapp-pack/2"}\n\n::q1::Who? {=Iran}\n',
            r"^line 1, quizapp-pack comment: quizapp-pack/2: this file was written by a newer quizapp",
        ),
        (
            '// quizapp-pack: {"format": "quizapp-pack/1", "title": "x"}\n\n::q1::Who? {=Iran}\n',
            r"^line 1, quizapp-pack comment: article: required",
        ),
    ],
    ids=[
        "unclosed",
        "unclosed-later-line",
        "close-without-open",
        "two-blocks",
        "nested",
        "no-right-option",
        "weight-out-of-range",
        "no-full-marks",
        "empty-option",
        "duplicate-choice",
        "empty-prompt",
        "bad-meta-value",
        "broken-meta",
        "meta-not-object",
        "newer-header",
        "header-without-article",
    ],
)
def test_invalid_gift_says_the_line(text, expected):
    assert re.search(expected, refused(text, "gift"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "::q1::Discuss the war. {}\n\n::q2::How many? {#3:1}\n\n::q3::Match {=Assad -> Syria =Putin -> Russia}\n",
            r"^nothing to import: pack holds only Moodle essay, matching and numerical questions \(3\), which have no quizapp type$",
        ),
        ("// only a comment\n\n// and another\n", r"^nothing to import: pack holds no GIFT questions"),
        ("Just a description without answers.\n", r"only Moodle description questions \(1\)"),
    ],
    ids=["only-unsupported", "only-comments", "only-description"],
)
def test_gift_with_nothing_quizapp_can_use_is_refused(text, expected):
    assert re.search(expected, refused(text, "gift"))


def test_gift_mixing_supported_and_unsupported_imports_the_supported_and_names_the_rest():
    text = (
        "$CATEGORY: $course$/Syria\n\n"
        "::essay::Discuss the war. {}\n\n"
        "::who::Who backs the government? {=Russia =Russians}\n\n"
        "::count::How many years? {#2}\n\n"
        "::pairs::Match {=Assad -> Syria =Putin -> Russia}\n\n"
        "::war::Syria is at war. {T}\n\n"
        "A description only.\n"
    )
    result = load(text, "gift", name="syria.gift")
    assert [q.id for q in result.pack.questions] == ["who", "war"]
    assert result.skipped == [
        "line 1: $CATEGORY '$course$/Syria' ignored: a pack has no categories",
        "question 1 (essay, line 3): Moodle essay questions have no quizapp type; skipped",
        "question 3 (numeric, line 7): Moodle numerical questions have no quizapp type; skipped",
        "question 4 (matching, line 9): Moodle matching questions have no quizapp type; skipped",
        "question 6 (description, line 13): Moodle description questions have no quizapp type; skipped",
        "no article: syria.gift has no quizapp-pack comment, so the pack's article text is empty; "
        "attach the article before pupils use the pack",
    ]


@pytest.mark.parametrize("fmt", [None, "json", "yaml", "gift"])
@pytest.mark.parametrize("kind", [str, bytes])
def test_a_file_over_the_limit_is_refused_before_it_is_decoded_or_parsed(monkeypatch, fmt, kind):
    def never(*args, **kwargs):
        raise AssertionError("a file over the limit reached the decoder or a parser")

    for module, name in (
        (files, "decode"),
        (files, "guess_format"),
        (native, "parse_json"),
        (native, "parse_yaml"),
        (gift_read, "read"),
    ):
        monkeypatch.setattr(module, name, never)
    data = "format: quizapp-pack/1\n" + "x" * (3 * 1024 * 1024)
    message = refused(data.encode() if kind is bytes else data, fmt, name="big.yaml")
    assert message == "big.yaml is 3.0 MB; packs up to 2 MB can be imported"


def test_the_limit_counts_bytes_not_characters():
    text = "é" * (MAX_PACK_BYTES // 2 + 1)  # fewer characters than the limit, more bytes
    assert "MB; packs up to 2 MB" in refused(text, "yaml")


def test_load_pack_refuses_a_big_file_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_PACK_BYTES + 1))
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(PackFormatError, match=r"^big.json is 2.0 MB; packs up to 2 MB"):
        load_pack(path)


def test_an_unknown_format_name_is_refused():
    assert refused("format: quizapp-pack/1", "docx") == (
        "unknown pack format 'docx': choose one of json, yaml, gift, xml"
    )


def test_an_invalid_pack_is_not_exported():
    question = Question(
        id="q1", type="choice", prompt="Which?", answer=(("Iraq",),), choices=("Iran", "Syria")
    )
    pack = Pack(title="x", article=PackArticle(title="a", text="b"), questions=(question,))
    with pytest.raises(
        PackFormatError, match=r"^cannot export this pack: questions\[0\].answer\[0\]\[0\]: 'Iraq'"
    ):
        dump(pack, "yaml")


FUZZ = examples(200)
FORMATS = st.sampled_from([None, "json", "yaml", "gift"])


def loads_or_refuses(data, fmt) -> None:
    """The contract: a result, or a one-line PackFormatError; any other exception fails the test."""
    try:
        result = load(data, fmt)
    except PackFormatError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, interchange.ImportResult)


@FUZZ
@given(st.text(), FORMATS)
def test_any_text_gives_a_pack_or_a_pack_format_error(text, fmt):
    loads_or_refuses(text, fmt)


@FUZZ
@given(st.binary(), FORMATS)
def test_any_bytes_give_a_pack_or_a_pack_format_error(data, fmt):
    loads_or_refuses(data, fmt)


MARKS = "{}[]:~=#%-\\\"'\n\t &*!|>@`,?/_T"
SAMPLE = Pack(
    title="Syria",
    article=PackArticle(title="A new phase", text="Syria's war.\n\nRussia and Iran.", source="Reuters"),
    questions=(
        Question(
            id="q1",
            type="choice",
            prompt="Who?",
            answer=(("Russia",),),
            choices=("Iran", "Russia"),
            extra={"feedback": {"Iran": "No"}},
        ),
        Question(id="q2", type="cloze", prompt="Syria's _____.", answer=(("war",),), distractors=("peace",)),
        Question(
            id="q3",
            type="multi",
            prompt="Which?",
            answer=(("Russia",), ("Iran",)),
            choices=("Iran", "Iraq", "Russia"),
        ),
        Question(
            id="q4", type="truefalse", prompt="War?", answer=(("true",),), skill="inference", difficulty=0.2
        ),
        Question(id="q5", type="short", prompt="Who backs it?", answer=(("Russia", "Russians"), ("Iran",))),
    ),
)
DUMPS = {fmt: dump(SAMPLE, fmt) for fmt in ("json", "yaml", "gift")}


@FUZZ
@given(st.sampled_from(sorted(DUMPS)), st.data())
def test_a_damaged_pack_file_gives_a_pack_or_a_pack_format_error(fmt, data):
    """Near-valid files reach deep into each reader: cut, repeat or overwrite a stretch of a real one."""
    text = DUMPS[fmt]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    middle = data.draw(st.sampled_from(["", text[start:end] * 2]) | st.text(MARKS, max_size=6))
    loads_or_refuses(text[:start] + middle + text[end:], data.draw(st.sampled_from([None, fmt])))
