"""The native formats: readable YAML, JSON that fits its schema, and what the importer forgives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from quizapp.interchange import FORMAT, dump, load, load_pack
from quizapp.interchange.document import from_pack, validator
from quizapp.interchange.files import guess_format
from quizapp.interchange.validate import Problem, problems, question_problems, tidy_question
from quizapp.text.pack import Pack, PackArticle, PackSettings
from quizapp.text.question import QUESTION_TYPES, Question

PACK = Pack(
    title="Syria: a new phase",
    description="For Year 10.\nRead the article first.",
    level="Year 10",
    article=PackArticle(
        title="Syria’s war has entered a new phase",
        source="Reuters",
        dateline="Beirut",
        text="Syria’s war has entered a new phase.\n\nBacked by Russia and Iran, the government hopes.",
    ),
    settings=PackSettings(shuffle_questions=True, feedback="end", attempts=2),
    questions=(
        Question(
            id="q1",
            type="short",
            prompt="Who backs the government?",
            answer=(("Russia", "Russians"), ("Iran",)),
            distractors=("Iraq",),
            evidence="Backed by Russia and Iran, the government hopes.",
        ),
        Question(
            id="q2", type="choice", prompt="Which country?", answer=(("Iran",),), choices=("Iran", "Iraq")
        ),
    ),
)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(validator().schema)
    assert validator().schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_names_the_same_question_types_the_app_has():
    """A pack file may use every type a teacher can make, and no other (one list: ``QUESTION_TYPES``)."""
    schema = validator().schema
    kinds = json.dumps(schema)
    assert '"enum": ["short", "choice", "multi", "truefalse", "cloze"]' in kinds
    assert QUESTION_TYPES == ("short", "choice", "multi", "truefalse", "cloze")


def test_exported_json_is_the_document_and_fits_the_schema():
    document = json.loads(dump(PACK, "json"))
    assert document == from_pack(PACK)
    validator().validate(document)


def test_yaml_is_block_style_unicode_and_in_schema_order():
    text = dump(PACK, "yaml")
    assert text.startswith(
        "format: quizapp-pack/1\ntitle: 'Syria: a new phase'\ndescription: |-\n  For Year 10.\n"
    )
    assert "Syria’s war" in text and "\\u" not in text
    assert "  text: |-\n    Syria’s war has entered a new phase.\n\n    Backed by" in text
    assert "  answer:\n  - [Russia, Russians]\n  - [Iran]\n" in text
    assert list(yaml.safe_load(text)) == [
        "format",
        "title",
        "description",
        "level",
        "settings",
        "article",
        "questions",
    ]
    assert yaml.safe_load(text) == json.loads(dump(PACK, "json"))


def test_empty_lists_and_texts_are_left_out_of_questions():
    question = from_pack(PACK)["questions"][1]
    assert list(question) == ["id", "type", "prompt", "answer", "choices", "skill", "difficulty"]


def test_a_hand_written_yaml_pack_needs_only_the_essentials():
    text = (
        "format: quizapp-pack/1\ntitle: Syria\narticle:\n  title: A new phase\n  text: |\n    One.\n\n    Two.\n"
        "questions:\n- type: truefalse\n  prompt: Russia backs the government.\n  answer: [['true']]\n"
        "- id: q1\n  type: cloze\n  prompt: 'Syria is at _____.'\n  answer: [[war]]\n"
        "- type: short\n  prompt: '  Who?  '\n  answer: [[' Russia ']]\n"
    )
    pack = load(text, name="syria.yaml").pack
    assert [q.id for q in pack.questions] == ["q2", "q1", "q3"]  # q1 was taken
    assert pack.article.text == "One.\n\nTwo." and pack.settings == PackSettings()
    assert (pack.questions[2].prompt, pack.questions[2].answer) == ("Who?", (("Russia",),))


def test_yaml_dates_and_windows_line_endings_are_read_as_written():
    text = (
        f"format: {FORMAT}\r\ntitle: Syria\r\narticle:\r\n  title: A new phase\r\n  dateline: 2017-08-13\r\n"
        '  text: "One.\\r\\n\\r\\nTwo."\r\nquestions: []\r\n'
    )
    article = load(text.encode(), "yaml").pack.article
    assert (article.dateline, article.text) == ("2017-08-13", "One.\n\nTwo.")


def test_a_draft_pack_may_have_an_article_without_text():
    draft = Pack(title="Draft", article=PackArticle(title="To be attached", text=""))
    assert load(dump(draft, "yaml"), "yaml").pack == draft


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("p.json", "anything", "json"),
        ("p.YAML", "{", "yaml"),
        ("p.yml", "", "yaml"),
        ("p.gift", "{", "gift"),
        ("p.txt", '{"format": "quizapp-pack/1"}', "json"),
        ("pack", "format: quizapp-pack/1\n", "yaml"),
        ("pack", "---\ntitle: x\n", "yaml"),
        ("moodle.txt", "// question: 1\n::q::Who? {=x}", "gift"),
        ("pack", "::q1::Who? {=x}", "gift"),
        ("pack", "$CATEGORY: x\n", "gift"),
        ("pack", "Who? {=x}", "gift"),
        ("pack", "hello", "yaml"),
    ],
)
def test_the_format_is_guessed_from_the_name_then_the_content(name, text, fmt):
    assert guess_format(text, name) == fmt


def test_load_pack_reads_a_file_and_load_keeps_the_notes(tmp_path):
    path = tmp_path / "syria.gift"
    path.write_text("::a::Discuss. {}\n\n::b::Who? {=Russia}\n", encoding="utf-8")
    assert [q.id for q in load_pack(path).questions] == ["b"]
    assert len(load(path.read_bytes(), name=path.name).skipped) == 2


def test_utf16_with_a_byte_order_mark_is_read():
    assert load(dump(PACK, "yaml").encode("utf-16"), name="p.yaml").pack == PACK


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            Question(id="q", type="choice", prompt="Which?", answer=(("Iraq",),), choices=("Iran", "Syria")),
            [
                Problem(
                    "answer[0][0]",
                    "'Iraq' is not among the choices; add it to choices or correct the spelling",
                )
            ],
        ),
        (
            Question(
                id="q",
                type="choice",
                prompt="Which?",
                answer=(("Iran",), ("Syria",)),
                choices=("Iran", "Syria"),
            ),
            [Problem("answer", "a choice question has one answer part: the options that count as right")],
        ),
        (
            Question(
                id="q",
                type="multi",
                prompt="Which?",
                answer=(("Iran",), ("Iran",)),
                choices=("Iran", "Syria"),
            ),
            [Problem("answer[1][0]", "'Iran' is already another part of the answer")],
        ),
        (
            Question(id="q", type="short", prompt="Who?", answer=(("Russia\nIran",),)),
            [Problem("answer[0][0]", "holds a line break; keep it to one line")],
        ),
        (
            Question(id="q", type="short", prompt="Who?\x07", answer=(("Russia",),)),
            [Problem("prompt", "holds the control character U+0007; remove it")],
        ),
        (
            Question(id=" q", type="short", prompt="Who?", answer=(("Russia",),)),
            [Problem("id", "must not start or end with spaces")],
        ),
        (
            Question(id="q", type="short", prompt="Who?", answer=(("Russia",),), choices=("a", "a")),
            [Problem("choices[1]", "'a' is listed twice")],
        ),
        (
            Question(id="q", type="short", prompt="Who?", answer=(("Russia",),), extra={"when": {1, 2}}),
            [
                Problem(
                    "extra.when", "must be plain data: text, a number, true/false, null, a list or a mapping"
                )
            ],
        ),
        (
            Question(id="q", type="short", prompt="Who?", answer=(("Russia",),), extra={"prompt": "shadow"}),
            [Problem("extra.prompt", "is a question field, not an extra")],
        ),
        (Question(id="q", type="truefalse", prompt="War?", answer=(("True",),)), []),
    ],
)
def test_question_rules_for_the_pack_editor(question, expected):
    assert question_problems(question) == expected


def test_tidy_question_trims_what_a_form_would_send():
    messy = Question(
        id=" q1 ", type="short", prompt=" Who?\r\nName one. ", answer=((" Russia ",),), choices=(" a ",)
    )
    assert tidy_question(messy) == Question(
        id="q1", type="short", prompt="Who?\nName one.", answer=(("Russia",),), choices=("a",)
    )


def test_settings_and_article_rules():
    pack = Pack(
        title="",
        article=PackArticle(title="t", text="", source=""),
        settings=PackSettings(feedback="never", attempts=-1),
    )
    assert [str(p) for p in problems(pack)] == [
        "title: required",
        "article.source: required",
        "settings.feedback: must be one of immediate, end, not 'never'",
        "settings.attempts: must be a whole number, 0 or more (0: no limit)",
    ]


def test_the_example_in_docs_packs_md_loads():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "packs.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    pack = load(example, name="example.yaml").pack
    assert {q.type for q in pack.questions} == {"short", "choice", "multi", "truefalse", "cloze"}
