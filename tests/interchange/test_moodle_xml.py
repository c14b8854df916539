"""Moodle XML: a hand-written Moodle export read as a teacher expects, every quizapp type written as the Moodle
type that fits, and hostile XML refused before it can cost anything.

The fixture ``tests/data/moodle/syria-quiz.xml`` is written by hand in the
shape of Moodle 4's "Export questions" (HTML texts in CDATA, a category, a
description, an essay); the expected pack below was worked out from it by
hand, not copied from the reader's output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from properties import examples

from quizapp.interchange import PackFormatError, dump, load, load_pack
from quizapp.interchange.errors import MAX_MESSAGE
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "moodle" / "syria-quiz.xml"
SEED_PACK = Path(__file__).resolve().parents[2] / "seeds" / "packs" / "reuters-syria-new-phase.yaml"


def question(**fields) -> Question:
    return Question.from_dict(fields)


def test_a_moodle_export_keeps_its_feedback_partial_credit_and_article():
    result = load(FIXTURE.read_bytes(), name="syria-quiz.xml")
    pack = result.pack
    assert pack.title == "syria quiz"  # Moodle files have no pack title: the file's name, as for GIFT
    assert pack.article == PackArticle(
        title="Reading: Syria's war",  # the description's name; its two HTML paragraphs, &amp; decoded
        text="Syria's war has entered a new phase.\n\nBacked by Russia & Iran, the government hopes to steal a march.",
    )
    assert pack.questions == (
        question(
            id="town",
            type="choice",
            prompt="Which town did the government capture on Saturday?",
            answer=[["al-Sukhna"]],
            choices=["al-Sukhna", "Deir al-Zor", "Damascus"],
            distractors=["Deir al-Zor", "Damascus"],
            general_feedback="The article names al-Sukhna.",
            feedback={"al-Sukhna": "Yes!", "Deir al-Zor": "Not yet: that is where they are marching."},
        ),
        question(
            id="backers",
            type="multi",
            prompt="Which countries back the Syrian government? Tick both.",
            answer=[["Russia"], ["Iran"]],
            choices=["Russia", "Iran", "Turkey"],
            distractors=["Turkey"],
            weights={"Turkey": -100},  # quizapp would take off 50 (one of two parts): Moodle's -100 is kept
            feedback={"Turkey": "Turkey backs the rebels."},
        ),
        question(
            id="unthinkable",
            type="truefalse",
            prompt="Two years ago, a march on Deir al-Zor was unthinkable.",
            answer=[["true"]],
            feedback={"true": "Right: the article says so.", "false": "Read the third paragraph again."},
        ),
        question(
            id="president",
            type="short",
            prompt="Who is the president of Syria?",
            answer=[["Bashar al-Assad", "Assad"]],
            distractors=["Putin"],
            weights={"Bashar": 50},
            feedback={"Bashar": "His surname, please."},
        ),
        question(
            id="truces",
            type="cloze",
            prompt="Assad is using firepower freed by Russian-backed _____ in western Syria.",
            answer=[["truces"]],
        ),
        question(
            id="years",
            type="short",
            prompt="How many years ago was the march unthinkable?",
            answer=[["2"]],
            answer_kind="number",
        ),
    )
    notes = "\n".join(result.skipped)
    assert "question 7 ('opinion'): Moodle essay questions have no quizapp type; skipped" in notes
    assert "category '$course$/top/Syria' ignored" in notes
    assert "'Bashar' 50%" in notes and "quizapp accepts only the full-mark answers" in notes


def test_the_imported_moodle_pack_goes_back_to_moodle_with_its_fractions_and_feedback():
    pack = load(FIXTURE.read_bytes(), name="syria-quiz.xml").pack
    root = ET.fromstring(dump(pack, "xml"))
    by_name = {q.findtext("name/text"): q for q in root.iter("question")}
    backers = by_name["backers"]
    assert [(a.findtext("text"), a.get("fraction")) for a in backers.iter("answer")] == [
        ("Russia", "50"),
        ("Iran", "50"),
        ("Turkey", "-100"),
    ]
    president = by_name["president"]
    assert [
        (a.findtext("text"), a.get("fraction"), a.findtext("feedback/text") or "")
        for a in president.iter("answer")
    ] == [
        ("Bashar al-Assad", "100", ""),
        ("Assad", "100", ""),
        ("Bashar", "50", "His surname, please."),
        ("Putin", "0", ""),
    ]
    assert by_name["town"].findtext("generalfeedback/text") == "The article names al-Sukhna."
    assert load(dump(pack, "xml"), "xml").pack == pack


def test_every_quizapp_type_becomes_the_moodle_type_that_fits():
    pack = load_pack(SEED_PACK)
    extra = (
        question(
            id="count", type="short", prompt="How many schools closed?", answer=[["12"]], answer_kind="number"
        ),
        question(
            id="count-words",
            type="short",
            prompt="How many?",
            answer=[["twelve", "12"]],
            answer_kind="number",
        ),
    )
    pack = Pack(
        title=pack.title, article=pack.article, questions=pack.questions + extra, settings=pack.settings
    )
    root = ET.fromstring(dump(pack, "xml"))
    kinds = {q.findtext("name/text"): (q.get("type"), q.findtext("single")) for q in root.iter("question")}
    by_type = {q.id: q.type for q in pack.questions}
    expected = {
        "choice": ("multichoice", "true"),
        "multi": ("multichoice", "false"),
        "short": ("shortanswer", None),
        "cloze": ("shortanswer", None),
        "truefalse": ("truefalse", None),
    }
    for qid, kind in by_type.items():
        if qid not in ("count", "count-words"):
            assert kinds[qid] == expected[kind], qid
    assert kinds["count"] == ("numerical", None)  # a number, and only numbers: Moodle's numerical
    assert kinds["count-words"] == ("shortanswer", None)  # "twelve" is no number Moodle's numerical reads
    assert kinds[f"Article: {pack.article.title}"] == ("description", None)
    assert load(dump(pack, "xml"), "xml").pack == pack


def test_a_cloze_keeps_its_gap_in_moodle_as_gift_does():
    pack = load_pack(SEED_PACK)
    cloze = next(q for q in pack.questions if q.type == "cloze")
    root = ET.fromstring(dump(pack, "xml"))
    written = next(q for q in root.iter("question") if q.findtext("name/text") == cloze.id)
    assert written.findtext("questiontext/text") == cloze.prompt and "_____" in cloze.prompt
    assert [a.findtext("text") for a in written.iter("answer") if a.get("fraction") == "100"] == list(
        cloze.answer[0]
    )


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']>\n<quiz><question type="shortanswer"><name><text>&i;</text></name></question></quiz>'
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<quiz><question type="shortanswer"><name><text>&secret;</text></name></question></quiz>'
)
DTD_ONLY = '<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.invalid/quiz.dtd">\n<quiz/>'


@pytest.mark.parametrize(
    "text, message",
    [
        (BILLION_LAUGHS, "declares a DTD or entities"),
        (XXE, "declares a DTD or entities"),
        (DTD_ONLY, "declares a DTD or entities"),
        (
            "<quiz><question type='shortanswer'>",
            r"^line 1, column \d+: no element found \(the file is not well-formed XML\)",
        ),
        ("<?xml version='1.0'?>\n<quiz>\n<question></quiz>", r"^line 3, column 13: mismatched tag"),
        ("<html><body>Quiz</body></html>", r"outer element is <html>, not <quiz>"),
        ("<quiz></quiz>", r"nothing to import: quiz.xml holds no Moodle questions"),
        (
            '<quiz><question type="essay"><name><text>e</text></name></question></quiz>',
            r"nothing to import: quiz.xml holds only Moodle essay questions",
        ),
        (
            (
                '<quiz><question type="multichoice"><name><text>m</text></name><questiontext><text>Who?</text>'
                '</questiontext><answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer>'
                "</question></quiz>"
            ),
            r"question 'm': no answer is right",
        ),
        (
            (
                '<quiz><question type="shortanswer"><name><text>s</text></name><questiontext><text>Who?</text>'
                '</questiontext><answer fraction="lots"><text>a</text></answer></question></quiz>'
            ),
            r"the answer fraction 'lots' must be a number from -100 to 100",
        ),
        ("<quiz>" + "<x>" * 5000 + "</x>" * 5000 + "</quiz>", r"nothing to import"),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "external-dtd",
        "unfinished",
        "mismatched",
        "not-moodle",
        "empty",
        "only-essays",
        "nothing-right",
        "bad-fraction",
        "deep",
    ],
)
def test_hostile_or_broken_xml_is_refused_with_one_clear_line(text, message):
    with pytest.raises(PackFormatError) as refused:
        load(text, name="quiz.xml")
    assert re.search(message, str(refused.value)), str(refused.value)
    assert "\n" not in str(refused.value) and len(str(refused.value)) <= MAX_MESSAGE


def test_the_format_is_known_by_its_suffix_or_its_first_character():
    text = FIXTURE.read_text(encoding="utf-8")
    by_suffix, by_look, by_name = (
        load(text, name="export.xml"),
        load(text, name="export"),
        load(text, fmt="xml"),
    )
    assert by_suffix.pack.questions == by_look.pack.questions == by_name.pack.questions
    assert len(by_suffix.pack.questions) == 6


TOKENS = (
    "<quiz>",
    "</quiz>",
    '<question type="multichoice">',
    '<question type="shortanswer">',
    '<question type="truefalse">',
    '<question type="numerical">',
    '<question type="description">',
    "</question>",
    "<name><text>q</text></name>",
    "<questiontext><text>Who _____?</text></questiontext>",
    '<answer fraction="100"><text>true</text></answer>',
    '<answer fraction="-50"><text>x</text></answer>',
    '<answer fraction="33.3"><text>y</text><feedback><text>f</text></feedback></answer>',
    "<single>false</single>",
    '<!-- quizapp: {"skill": "inference"} -->',
    "<!-- quizapp: [] -->",
    '<!-- quizapp-pack: {"format": "quizapp-pack/1", "title": "T", "article": {"title": "A"}} -->',
    "<![CDATA[<p>x</p>]]>",
    "&amp;",
    "&bogus;",
    "<",
    "\n",
    "é中😀",
)
xml_texts = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@examples(300)
@given(text=xml_texts)
@example(
    text='<quiz><question type="truefalse"><answer fraction="100"><text>true</text></answer></question></quiz>'
)
def test_any_moodle_like_xml_gives_a_pack_or_a_clear_error(text):
    try:
        pack = load(text, "xml").pack
    except PackFormatError as refused:
        assert str(refused) and "\n" not in str(refused) and len(str(refused)) <= MAX_MESSAGE
        return
    assert load(dump(pack, "xml"), "xml").pack == pack
