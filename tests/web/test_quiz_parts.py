"""The quiz's pure parts: the form factory, evidence marking and what the results page writes."""

import html as html_lib
import re
from dataclasses import replace

import pytest
from factories import SEED_PARAGRAPHS, seed_analysis
from werkzeug.datastructures import MultiDict

from quizapp.services.quiz import grade_answers
from quizapp.text.question import Question
from quizapp.text.types import Span
from quizapp.web.common import answer_forms as forms
from quizapp.web.common import evidence, results
from quizapp.web.common.evidence import EvidenceMark

SHORT = Question("s", "short", "Who backs the government?", (("Russia",), ("Iran",)))
CLOZE = Question("c", "cloze", "Backed by _____ and Iran.", (("Russia",),))
CHOICE = Question("p", "choice", "Which region?", (("Deir al-Zor",),), choices=("al-Sukhna", "Deir al-Zor"))
MULTI = Question("m", "multi", "Which two?", (("Russia",), ("Iran",)), choices=("Iran", "Iraq", "Russia"))
TRUTH = Question("t", "truefalse", "Does Iran back the government?", (("true",),))
STATEMENT = replace(TRUTH, id="t2", prompt="Iran backs the government.")
QUIZ = (SHORT, CLOZE, CHOICE, MULTI, TRUTH)


# ---- the form ------------------------------------------------------------------------------------


def bound_form(app, data):
    """A quiz form over QUIZ bound to ``data`` as if POSTed (CSRF off: that is tested on the page)."""
    ctx = app.test_request_context(method="POST", data=MultiDict(data))
    ctx.push()
    form = forms.quiz_form(QUIZ)(meta={"csrf": False})
    ctx.pop()
    return form


def test_the_factory_makes_one_field_per_question_named_by_position(app):
    form = bound_form(app, {})
    assert [item.field.name for item in form.items()] == ["q1", "q2", "q3", "q4", "q5"]
    assert [item.field.type for item in form.items()] == [
        "StringField",
        "StringField",
        "OptionalRadioField",
        "CheckboxesField",
        "OptionalRadioField",
    ]
    assert [item.number for item in form.items()] == [1, 2, 3, 4, 5]
    assert [c.value for c in form.items()[2].field.choices] == ["al-Sukhna", "Deir al-Zor"]


def test_each_quiz_gets_its_own_form_class():
    assert forms.quiz_form([SHORT]) is not forms.quiz_form([SHORT])
    assert not hasattr(forms.quiz_form([CHOICE]), "q2")


def test_responses_are_keyed_by_question_id_and_blank_is_valid(app):
    form = bound_form(app, {})
    assert form.validate()
    responses = form.responses()
    assert list(responses) == ["s", "c", "p", "m", "t"] and not any(responses.values())
    data = MultiDict(
        [("q1", "Russia"), ("q3", "Deir al-Zor"), ("q4", "Iran"), ("q4", "Russia"), ("q5", "false")]
    )
    form = bound_form(app, data)
    assert form.validate()
    assert form.responses() == {
        "s": "Russia",
        "c": None,
        "p": "Deir al-Zor",
        "m": ["Iran", "Russia"],
        "t": "false",
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"q1": "x" * 501}, "q1"),
        ({"q3": "Atlantis"}, "q3"),
        ({"q4": "Narnia"}, "q4"),
        ({"q5": "perhaps"}, "q5"),
    ],
)
def test_too_long_or_unknown_options_are_refused(app, data, field):
    form = bound_form(app, data)
    assert not form.validate() and list(form.errors) == [field]


def test_cloze_is_split_at_its_blank():
    assert forms.cloze_parts(CLOZE) == ("Backed by ", " and Iran.")
    assert forms.cloze_parts(SHORT) is None


def test_true_false_options_answer_the_prompt_as_asked():
    assert forms.truth_labels(TRUTH) == {"true": "Yes", "false": "No"}
    assert forms.truth_labels(STATEMENT) == {"true": "True", "false": "False"}


# ---- evidence in the article ---------------------------------------------------------------------

TEXTS = ("One. Two three.", "Four five. Six.")


def ask(evidence_span=None, evidence=""):
    """A question resting on ``evidence_span`` (or quoting ``evidence``)."""
    return replace(SHORT, evidence_span=evidence_span, evidence=evidence)


def test_questions_on_the_same_sentence_share_one_mark():
    marks = evidence.evidence_marks(TEXTS, [ask(Span(0, 5, 15)), ask(Span(1, 0, 10)), ask(Span(0, 5, 15))])
    assert marks == [EvidenceMark(Span(0, 5, 15), (1, 3)), EvidenceMark(Span(1, 0, 10), (2,))]


def test_overlapping_evidence_is_merged_and_adjacent_kept_apart():
    overlapping = evidence.evidence_marks(TEXTS, [ask(Span(0, 0, 8)), ask(Span(0, 5, 15))])
    assert overlapping == [EvidenceMark(Span(0, 0, 15), (1, 2))]
    adjacent = evidence.evidence_marks(TEXTS, [ask(Span(0, 5, 15)), ask(Span(0, 0, 4))])
    assert adjacent == [EvidenceMark(Span(0, 0, 4), (2,)), EvidenceMark(Span(0, 5, 15), (1,))]


def article_text(rendered) -> str:
    """A marked paragraph's words as the article has them: the Q-number links and every tag removed."""
    without_refs = re.sub(r'<span class="evidence-refs">.*?</a></span> ', "", str(rendered))
    return html_lib.unescape(re.sub(r"<[^>]+>", "", without_refs))


def test_spans_are_clipped_and_bad_ones_fall_back_to_the_quoted_text():
    questions = [ask(Span(1, 11, 99)), ask(Span(7, 0, 4), evidence="Two three."), ask(Span(0, 3, 3)), ask()]
    assert evidence.evidence_marks(TEXTS, questions) == [
        EvidenceMark(Span(0, 5, 15), (2,)),
        EvidenceMark(Span(1, 11, 15), (1,)),
    ]


def test_the_marked_article_keeps_its_text_and_anchors_every_located_question():
    analysis = replace(
        seed_analysis(),
        questions=(
            ask(Span(1, 0, 25)),
            ask(evidence=SEED_PARAGRAPHS[3]),
            ask(evidence="Not in the article."),
        ),
    )
    marked = evidence.mark_evidence(analysis)
    assert marked.anchored == {1, 2}
    html = [str(p) for p in marked.paragraphs]
    assert 'id="evidence-1" href="#result-1"' in html[1] and 'id="evidence-2" href="#result-2"' in html[3]
    assert html[1].count("<mark") == html[1].count("</mark>") == 1
    assert [article_text(p) for p in marked.paragraphs] == list(SEED_PARAGRAPHS)
    assert "mention" not in "".join(html)  # no links to a glossary this page does not have


def test_hostile_article_text_stays_escaped_inside_a_mark():
    analysis = replace(seed_analysis(), questions=(ask(Span(0, 0, 40)),))
    analysis = replace(
        analysis, article=replace(analysis.article, paragraphs=("<script>alert(1)</script> hi",))
    )
    html = str(evidence.mark_evidence(analysis).paragraphs[0])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; hi</mark>" in html


# ---- what the results page writes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"), [(7.5, "7.5"), (13, "13"), (0, "0"), (0.3333, "0.33"), (0.9999, "1")]
)
def test_points_are_written_as_a_teacher_writes_them(value, shown):
    assert results.points(value) == shown


def graded(question, response):
    """The one result of a one-question quiz."""
    return grade_answers(replace(seed_analysis(), questions=(question,)), {question.id: response}).results[0]


def test_answers_are_shown_in_the_words_of_the_form():
    assert results.shown_response(graded(TRUTH, "false")) == "No"
    assert results.shown_answer(graded(TRUTH, "false")) == "Yes"
    assert results.shown_answer(graded(STATEMENT, "")) == "True"
    assert results.shown_response(graded(MULTI, ["Iran", " ", "Russia"])) == "Iran, Russia"
    assert results.shown_response(graded(SHORT, "  ")) == "No answer given"
    assert results.shown_answer(graded(SHORT, "")) == "Russia and Iran"


def test_feedback_is_shown_only_when_it_adds_something():
    assert results.shown_feedback(graded(SHORT, "Russia and Iran")) == ""  # the verdict says "Correct"
    assert results.shown_feedback(graded(SHORT, "")) == ""  # "Your answer" says "No answer given"
    assert results.shown_feedback(graded(SHORT, "Russia")).startswith("Partly right")


def test_bars_cover_every_verdict_and_add_up_to_the_whole():
    result = grade_answers(replace(seed_analysis(), questions=QUIZ), {"s": "Russia", "p": "Deir al-Zor"})
    bars = results.bars(result)
    assert [(b.verdict, b.count, b.word) for b in bars] == [
        ("correct", 1, "Correct"),
        ("partial", 1, "Partly correct"),
        ("incorrect", 3, "Incorrect"),
    ]
    assert sum(b.percent for b in bars) == 100
    assert all(b.icon for b in bars)
