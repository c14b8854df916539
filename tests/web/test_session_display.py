"""The session pages' small helpers, without an app: the code as read aloud, the QR code, names, answers."""

import xml.etree.ElementTree as ET

import pytest

from quizapp.services.session_admin import AnswerRow
from quizapp.text.question import Question
from quizapp.web.sessions import display

TF = Question("q3", "truefalse", "Is Assad in danger?", (("false",),))
MULTI = Question(
    "q4", "multi", "Who backs the government?", (("Russia",), ("Iran",)), choices=("Russia", "Iran", "France")
)


def row(question, response, answered=True):
    return AnswerRow(
        1, question, answered, response, "incorrect" if answered else None, 0.0, "", False, None, 1, None
    )


@pytest.mark.parametrize("code, shown", [("JVGCXA", "JVG CXA"), ("ACD3", "ACD3"), ("ACDEFGHJ", "ACDE FGHJ")])
def test_a_code_is_shown_in_two_halves(code, shown):
    assert display.spaced_code(code) == shown


@pytest.mark.parametrize(
    "url, host",
    [
        ("http://127.0.0.1:5000/join/ABC", "127.0.0.1"),
        ("http://localhost/join/ABC", "localhost"),
        ("http://[::1]:8000/join/ABC", "::1"),
        ("http://127.1.2.3/join", "127.1.2.3"),
        ("http://quizapp.school.lan/join/ABC", None),
        ("https://192.168.1.20/join/ABC", None),
    ],
)
def test_only_addresses_of_this_computer_are_flagged(url, host):
    assert display.unreachable_host(url) == host


def test_csv_file_names_are_ascii_and_say_what_is_inside():
    assert (
        display.csv_filename("Syria's war: “new” phase", "JVGCXA", "answers")
        == "syrias-war-new-phase-JVGCXA-answers.csv"
    )
    assert display.csv_filename("", "JVGCXA", "summary") == "article-JVGCXA-summary.csv"


def test_the_qr_code_is_a_scalable_svg_with_a_title():
    svg = display.qr_svg("http://quizapp.school.lan/join/JVGCXA")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "viewBox" in root.attrib and "width" not in root.attrib  # the page's CSS decides its size
    assert (
        root.find("{http://www.w3.org/2000/svg}title").text
        == "QR code for http://quizapp.school.lan/join/JVGCXA"
    )


def test_answers_are_shown_as_the_pupils_page_showed_them():
    assert display.shown_response(row(TF, "true")) == "Yes"  # a question: Yes/No, as on the pupil's page
    assert display.shown_response(row(MULTI, ["Russia", "France"])) == "Russia, France"
    assert display.shown_response(row(MULTI, [])) == "No answer given"
    assert display.shown_response(row(TF, None, answered=False)) == "No answer given"
    assert display.expected_answer(TF) == "No"
    assert display.expected_answer(MULTI) == "Russia and Iran"
