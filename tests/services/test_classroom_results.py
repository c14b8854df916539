"""The teacher's view of a session: the dashboard's counts, shares and misconceptions, and the CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from classroom_factories import RIGHT, WRONG, answer_all, join_pupil, start_class_session

from quizapp.services import classroom, classroom_results
from quizapp.services.classroom_results import PupilAnswer, common_wrong_answers, safe_cell

pytestmark = pytest.mark.db


@pytest.fixture
def lesson(app):
    """A session with four pupils: Ann all right, Ben all wrong, Cat one partial answer, Dan nothing yet."""
    lesson = start_class_session(app)
    ann, ben, cat, _ = (join_pupil(app, lesson.code, name) for name in ("Ann", "Ben", "Cat", "Dan"))
    answer_all(app, lesson.code, ann.token, RIGHT)
    answer_all(app, lesson.code, ben.token, WRONG)
    answer_all(app, lesson.code, cat.token, {1: "Russia", 2: "Beirut"})
    return lesson


def board(app, session_id):
    with app.app_context():
        return classroom_results.dashboard(session_id)


def test_the_dashboard_lists_each_pupil_with_progress_and_score(app, lesson):
    data = board(app, lesson.session_id)
    pupils = [(p.display_name, p.answered, p.score, p.finished) for p in data.participants]
    assert pupils == [
        ("Ann", 4, 4.0, False),
        ("Ben", 4, 0.0, False),
        ("Cat", 2, 0.5, False),
        ("Dan", 0, 0, False),
    ]
    assert (data.code, data.is_open, data.question_count) == (lesson.code, True, 4)
    assert data.participants[2].answers[1].response == "Russia"


def test_each_question_counts_right_partial_wrong_and_unanswered(app, lesson):
    first, second, third, fourth = board(app, lesson.session_id).questions
    assert first.counts == {"correct": 1, "partial": 1, "incorrect": 1, "unanswered": 1}
    assert first.shares == {"correct": 25, "partial": 25, "incorrect": 25, "unanswered": 25}
    assert second.counts == {"correct": 1, "partial": 0, "incorrect": 2, "unanswered": 1}
    assert second.shares == {"correct": 25, "partial": 0, "incorrect": 50, "unanswered": 25}
    assert third.counts == fourth.counts == {"correct": 1, "partial": 0, "incorrect": 1, "unanswered": 2}
    assert (second.prompt, second.answer) == (
        "Which town did the government capture on Saturday?",
        "al-Sukhna",
    )


def test_the_most_common_wrong_answers_come_first(app, lesson):
    second = board(app, lesson.session_id).questions[1]
    assert [(w.text, w.count) for w in second.wrong_answers] == [("Beirut", 2)]
    first = board(app, lesson.session_id).questions[0]
    assert [(w.text, w.count) for w in first.wrong_answers] == [("Turkey", 1), ("Russia", 1)]


def wrong(text, minute):
    from datetime import datetime

    return PupilAnswer(1, text, 0.0, "incorrect", False, datetime(2026, 1, 1, 9, minute))


def test_wrong_answers_are_grouped_as_the_grader_reads_them_and_capped_at_three():
    answers = [
        wrong("the Russians", 1),
        wrong("Russians!", 2),
        wrong("Iraq", 3),
        wrong("russians", 4),
        wrong("Iraq", 5),
        wrong("Turkey", 6),
        wrong("Egypt", 7),
        wrong("", 8),
    ]
    found = [(w.text, w.count) for w in common_wrong_answers(answers)]
    assert found == [("the Russians", 3), ("Iraq", 2), ("Turkey", 1)]


def test_an_override_counts_as_correct_on_the_dashboard(app, lesson):
    data = board(app, lesson.session_id)
    ben = data.participants[1]
    with app.app_context():
        classroom.override(lesson.session_id, ben.participant_id, 2, True)
    data = board(app, lesson.session_id)
    assert data.participants[1].score == 1.0
    assert data.questions[1].counts["correct"] == 2
    assert [w.text for w in data.questions[1].wrong_answers] == ["Beirut"]  # Cat's is still wrong
    assert data.questions[1].wrong_answers[0].count == 1


def test_an_empty_session_has_zero_shares_not_an_error(app):
    lesson = start_class_session(app)
    data = board(app, lesson.session_id)
    assert data.participants == ()
    assert data.questions[0].shares == {"correct": 0, "partial": 0, "incorrect": 0, "unanswered": 0}


def test_a_missing_session_is_a_lookup_error(app):
    with app.app_context(), pytest.raises(LookupError):
        classroom_results.dashboard(404)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_answers_csv_has_a_row_per_pupil_and_question(app, lesson):
    with app.app_context():
        rows = read_csv(classroom_results.answers_csv(lesson.session_id))
    assert len(rows) == 16
    assert list(rows[0]) == [
        "name",
        "question number",
        "question",
        "answer",
        "score",
        "verdict",
        "overridden",
        "answered_at",
        "pupil total",
    ]
    cat = [r for r in rows if r["name"] == "Cat"]
    assert [(r["question number"], r["answer"], r["score"], r["verdict"]) for r in cat] == [
        ("1", "Russia", "0.5", "partial"),
        ("2", "Beirut", "0.0", "incorrect"),
        ("3", "", "0", "unanswered"),
        ("4", "", "0", "unanswered"),
    ]
    assert {r["pupil total"] for r in cat} == {"0.5"}  # by hand: 0.5 + 0 + 0 + 0, on each of Cat's rows
    ann = [r for r in rows if r["name"] == "Ann"]
    assert ann[2]["answer"] == "Russia, Iran"
    assert ann[0]["answered_at"][:2] == "20" and "T" in ann[0]["answered_at"]


def test_the_summary_csv_has_a_row_per_question(app, lesson):
    with app.app_context():
        rows = read_csv(classroom_results.summary_csv(lesson.session_id))
    assert [r["question number"] for r in rows] == ["1", "2", "3", "4"]
    assert (rows[1]["correct"], rows[1]["incorrect"], rows[1]["incorrect %"]) == ("1", "2", "50")
    assert rows[1]["most common wrong answers"] == "Beirut (2)"


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Sam", "Sam"),
        ("", ""),
        (None, ""),
        (0.5, "0.5"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_made_text(value, cell):
    assert safe_cell(value) == cell


def test_a_hostile_name_and_answer_reach_the_csv_as_text(app):
    lesson = start_class_session(app)
    pupil = join_pupil(app, lesson.code, "=cmd|' /C calc'!A0")
    answer_all(app, lesson.code, pupil.token, {1: "@SUM(1+1)"})
    with app.app_context():
        row = read_csv(classroom_results.answers_csv(lesson.session_id))[0]
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["answer"] == "'@SUM(1+1)"
