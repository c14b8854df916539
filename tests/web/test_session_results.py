"""What a teacher does with a session's results: one pupil's answers, overrides, close, reopen, delete, CSV."""

import csv
import io

import pytest
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Pack, Participant
from quizapp.services import classroom

from .session_setup import QUESTIONS, ann, answered, count, ids, rows_by_name, started, stored_answer, text

pytestmark = pytest.mark.db


# ---- one pupil, and overriding a grade ---------------------------------------------------------


def test_the_pupil_page_lists_every_answer_with_its_verdict(answered, ann):
    session_id, _, pupils = answered
    page = parse(ann.get(f"/teacher/sessions/{session_id}/participants/{pupils['Ali']}"))
    assert page.find("h1").clean_text() == "Ali"
    answers = page.find_all(**{"data-testid": "answer"})
    assert "Not answered yet" in answers[0].clean_text()
    assert answers[1].find(**{"data-testid": "response"}).clean_text() == "Damascus"
    assert (
        answers[2].find(**{"data-testid": "response"}).clean_text() == "True"
    )  # the option's label, not "true"
    assert "Incorrect" in answers[1].clean_text()
    assert answers[1].find("button").clean_text() == "Accept this answer for question 2"
    assert answers[0].find("form") is None  # nothing to accept


def test_accepting_an_answer_makes_it_correct_and_the_score_follows_and_undo_restores_it(app, answered, ann):
    session_id, _, pupils = answered
    base = f"/teacher/sessions/{session_id}/participants/{pupils['Ali']}"
    response = ann.post(f"{base}/answers/2/override", {"accept": "1"})
    assert response.headers["Location"] == f"{base}#answer-2"
    row = stored_answer(app, pupils["Ali"], 2)
    assert (row.overridden, row.score, row.verdict, row.graded_verdict) == (True, 1.0, "correct", "incorrect")

    page = parse(ann.get(base))
    assert page.find(**{"data-testid": "pupil-score"}).clean_text() == "1"
    assert "Accepted by you" in page.find_all(**{"data-testid": "answer"})[1].clean_text()
    live = parse(ann.get(f"/teacher/sessions/{session_id}/live"))
    assert rows_by_name(live)["Ali"].find(**{"data-testid": "score"}).clean_text() == "1"
    assert (
        live.find_all(**{"data-testid": "question-stat"})[1]
        .find(**{"data-testid": "count-correct"})
        .clean_text()
        == "2 (100%)"
    )

    ann.post(f"{base}/answers/2/override", {"accept": "0"})
    row = stored_answer(app, pupils["Ali"], 2)
    assert (row.overridden, row.score, row.verdict) == (False, 0.0, "incorrect")
    assert parse(ann.get(base)).find(**{"data-testid": "pupil-score"}).clean_text() == "0"


def test_an_override_needs_a_saved_answer_and_a_clear_choice(answered, ann):
    session_id, _, pupils = answered
    base = f"/teacher/sessions/{session_id}/participants/{pupils['Ali']}"
    assert ann.post(f"{base}/answers/1/override", {"accept": "1"}).status_code == 404  # not answered
    assert ann.post(f"{base}/answers/9/override", {"accept": "1"}).status_code == 404
    assert ann.post(f"{base}/answers/2/override", {"accept": "maybe"}).status_code == 400
    assert ann.get(f"/teacher/sessions/{session_id}/participants/999999").status_code == 404


# ---- close, reopen, delete ---------------------------------------------------------------------


def test_closing_refuses_later_answers_and_reopening_takes_them_again(app, answered, ann):
    session_id, code, _ = answered
    with app.app_context():
        late = classroom.join(code, "Late")
    response = ann.post(f"/teacher/sessions/{session_id}/close", follow_redirects=True)
    assert "The session is closed" in text(response)
    with app.app_context():
        assert db.session.get(ClassSession, session_id).closed_at is not None
        with pytest.raises(classroom.SessionClosed):
            classroom.save_answer(code, late.token, 1, "Russia and Iran")
    assert "Reopen the session" in text(response) and "Close the session" not in text(response)

    response = ann.post(f"/teacher/sessions/{session_id}/reopen", follow_redirects=True)
    assert "Close the session" in text(response)
    with app.app_context():
        assert db.session.get(ClassSession, session_id).closed_at is None
        assert classroom.save_answer(code, late.token, 1, "Russia and Iran").verdict == "correct"


def test_deleting_a_session_removes_its_pupils_and_answers_and_keeps_the_pack(app, ids, answered, ann):
    session_id, *_ = answered
    confirm = ann.get(f"/teacher/sessions/{session_id}/delete")
    assert "2 pupils" in text(confirm) and "cannot be undone" in text(confirm)
    assert count(app, Answer) == 4  # nothing is deleted by looking

    response = ann.post(f"/teacher/sessions/{session_id}/delete")
    assert response.headers["Location"] == "/teacher/sessions"
    assert (count(app, ClassSession), count(app, Participant), count(app, Answer)) == (0, 0, 0)
    with app.app_context():
        assert db.session.get(Pack, ids[2]) is not None
    assert ann.get(f"/teacher/sessions/{session_id}").status_code == 404


# ---- exports -----------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text(response))))


def test_the_answers_csv_has_one_row_per_pupil_and_question(app, answered, ann):
    session_id, code, _pupils = answered
    response = ann.get(f"/teacher/sessions/{session_id}/answers.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["Content-Disposition"] == f'attachment; filename="syria-quiz-war-{code}-answers.csv"'
    )
    rows = read_csv(response)
    assert len(rows) == 6
    got = {(r["name"], r["question number"]): (r["answer"], r["verdict"], float(r["score"])) for r in rows}
    assert got == {
        ("Sam", "1"): ("", "unanswered", 0.0),
        ("Sam", "2"): ("al-Sukhna", "correct", 1.0),
        ("Sam", "3"): ("false", "correct", 1.0),
        ("Ali", "1"): ("", "unanswered", 0.0),
        ("Ali", "2"): ("Damascus", "incorrect", 0.0),
        ("Ali", "3"): ("true", "incorrect", 0.0),
    }
    assert {r["question"] for r in rows} == {q.prompt for q in QUESTIONS}
    # Each pupil's total on each of their rows; by hand from the scores above: Sam 0 + 1 + 1, Ali 0.
    assert {(r["name"], r["pupil total"]) for r in rows} == {("Sam", "2.0"), ("Ali", "0.0")}


def test_cells_a_spreadsheet_would_run_as_formulas_are_prefixed(app, started, ann):
    session_id, code = started
    with app.app_context():
        pupil = classroom.join(code, "=HYPERLINK(1)")
        classroom.save_answer(code, pupil.token, 1, "@SUM(A1)")
    rows = read_csv(ann.get(f"/teacher/sessions/{session_id}/answers.csv"))
    assert rows[0]["name"] == "'=HYPERLINK(1)"
    assert rows[0]["answer"] == "'@SUM(A1)"


def test_the_summary_csv_has_one_row_per_question(answered, ann):
    session_id, code, _ = answered
    response = ann.get(f"/teacher/sessions/{session_id}/summary.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert f"-{code}-summary.csv" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert [r["question number"] for r in rows] == ["1", "2", "3"]
    assert (rows[1]["correct"], rows[1]["incorrect"], rows[1]["unanswered"]) == ("1", "1", "0")
    assert "Damascus" in rows[1]["most common wrong answers"]


def test_a_name_with_semicolons_stays_one_cell_in_a_spreadsheet_that_splits_on_them(app, started, ann):
    """Issue 14 (Low): ``x;=1+1;`` gave a bare ``=1+1`` cell to a spreadsheet splitting on ";"."""
    session_id, code = started
    with app.app_context():
        classroom.join(code, "x;=1+1;")
    for export in ("answers.csv", "summary.csv"):
        raw = ann.get(f"/teacher/sessions/{session_id}/{export}").get_data(as_text=True)
        for delimiter in (";", ",", "\t"):
            cells = [cell for row in csv.reader(io.StringIO(raw), delimiter=delimiter) for cell in row]
            assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))], (export, delimiter)
    assert read_csv(ann.get(f"/teacher/sessions/{session_id}/answers.csv"))[0]["name"] == "x;=1+1;"
