"""Issue 16, item 8: "accept this answer for everyone", from the dashboard or a pupil's page.

Before, an answer the grader was too strict about had to be accepted pupil
by pupil, a click each.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from classroom_factories import RIGHT, answer_all, csrf_token, join_pupil, start_class_session
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, Participant
from quizapp.services import classroom

pytestmark = pytest.mark.db


@pytest.fixture
def lesson(app):
    """Four pupils' answers to question 1 (which wants Russia and Iran): two say Turkey, one Iraq, one is right."""
    lesson = start_class_session(app)
    for name, response in (("Sam", "Turkey"), ("Ali", "the TURKEY!"), ("Kim", "Iraq"), ("Jo", RIGHT[1])):
        answer_all(app, lesson.code, join_pupil(app, lesson.code, name).token, {1: response})
    return lesson


def teacher(app, owner_id: int):
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"], cookie["_fresh"] = str(owner_id), True
    return client


def marks(app) -> dict[str, tuple]:
    """Pupil name -> (verdict, score, overridden) of question 1."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(Participant.name, Answer.verdict, Answer.score, Answer.overridden)
            .join(Answer, Answer.participant_id == Participant.id)
            .where(Answer.number == 1)
        )
        return {name: (verdict, score, overridden) for name, verdict, score, overridden in rows}


def accept(client, lesson, answer, **fields):
    page = client.get(f"/teacher/sessions/{lesson.session_id}").get_data(as_text=True)
    return client.post(
        f"/teacher/sessions/{lesson.session_id}/questions/1/accept",
        data={"csrf_token": csrf_token(page), "answer": answer, **fields},
    )


def test_the_dashboard_offers_it_beside_each_common_wrong_answer(app, lesson):
    page = parse(teacher(app, lesson.owner_id).get(f"/teacher/sessions/{lesson.session_id}"))
    wrong = page.by_id("stat-1").find(class_="wrong-answers")
    forms = wrong.find_all("form", class_="accept-all-form")
    assert [f.find("input", name="answer").attrs["value"] for f in forms] == ["Turkey", "Iraq"]
    assert forms[0].find("button").clean_text() == "Accept for everyone: “Turkey” to question 1"


def test_accepting_turkey_accepts_it_for_each_pupil_who_gave_it_and_no_one_else(app, lesson):
    client = teacher(app, lesson.owner_id)
    response = accept(client, lesson, "Turkey")
    assert response.headers["Location"].endswith(f"/teacher/sessions/{lesson.session_id}#stat-1")
    assert (
        "Question 1: “Turkey” accepted for 2 pupils."
        in parse(client.get(response.headers["Location"])).clean_text()
    )
    # By hand: Sam's "Turkey" and Ali's "the TURKEY!" are the same answer; Kim's Iraq is not; Jo was right already.
    assert marks(app) == {
        "Sam": ("correct", 1.0, True),
        "Ali": ("correct", 1.0, True),
        "Kim": ("incorrect", 0.0, False),
        "Jo": ("correct", 1.0, False),
    }


def test_from_a_pupils_page_it_goes_back_to_that_pupil(app, lesson):
    client = teacher(app, lesson.owner_id)
    with app.app_context():
        kim = db.session.scalar(sa.select(Participant.id).where(Participant.name == "Kim"))
    page = parse(client.get(f"/teacher/sessions/{lesson.session_id}/participants/{kim}"))
    assert page.find("input", name="answer").attrs["value"] == "Iraq"
    response = accept(client, lesson, "Iraq", pupil=str(kim))
    assert response.headers["Location"].endswith(f"/participants/{kim}#answer-1")
    assert marks(app)["Kim"] == ("correct", 1.0, True)


def test_the_teacher_undoes_it_pupil_by_pupil(app, lesson):
    accept(teacher(app, lesson.owner_id), lesson, "Turkey")
    with app.app_context():
        sam = db.session.scalar(sa.select(Participant.id).where(Participant.name == "Sam"))
    with app.app_context():
        classroom.override(lesson.session_id, sam, 1, accept=False)
    assert marks(app)["Sam"] == ("incorrect", 0.0, False) and marks(app)["Ali"][0] == "correct"


@pytest.mark.parametrize("number, answer, status", [(1, "", 400), (9, "Turkey", 404), (0, "Turkey", 404)])
def test_a_request_that_cannot_work_changes_nothing(app, lesson, number, answer, status):
    client = teacher(app, lesson.owner_id)
    page = client.get(f"/teacher/sessions/{lesson.session_id}").get_data(as_text=True)
    before = marks(app)
    response = client.post(
        f"/teacher/sessions/{lesson.session_id}/questions/{number}/accept",
        data={"csrf_token": csrf_token(page), "answer": answer},
    )
    assert response.status_code == status and marks(app) == before


def test_another_teacher_cannot_accept_answers_in_this_session(app, lesson):
    other = start_class_session(app, email="bob@school.example", slug="bob-article")
    client = teacher(app, other.owner_id)
    page = client.get(f"/teacher/sessions/{other.session_id}").get_data(as_text=True)
    response = client.post(
        f"/teacher/sessions/{lesson.session_id}/questions/1/accept",
        data={"csrf_token": csrf_token(page), "answer": "Turkey"},
    )
    assert response.status_code == 404 and marks(app)["Sam"][0] == "incorrect"
