"""Join codes cannot be guessed (issue 14, item 3): the class page is no oracle and is rate-limited like the
join form, unknown and closed codes get the same answer, and classes nobody uses close by themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from classroom_factories import RIGHT, join_client, join_pupil, start_class_session
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Participant
from quizapp.models.columns import utcnow
from quizapp.services import classroom

pytestmark = pytest.mark.db


@pytest.fixture
def lesson(app):
    return start_class_session(app)


@pytest.fixture
def closed(app):
    """A second session, closed by its teacher."""
    other = start_class_session(app, email="bob@school.example", slug="syria-2")
    with app.app_context():
        classroom.close_session(other.session_id)
    return other


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def test_the_class_page_answers_alike_for_open_closed_and_unknown_codes(client, lesson, closed):
    """It used to be 303 for a real code and 404 for an unknown one: 327 guesses a second, told apart."""
    codes = (lesson.code, closed.code, "NOPE99")
    answers, forms = [], []
    for code in codes:
        answers.append(client.get(f"/class/{code}"))
        forms.append(text(client.get(answers[-1].headers["Location"])).replace(code, "CODE"))
    assert [r.status_code for r in answers] == [303, 303, 303]
    assert [r.headers["Location"] for r in answers] == [f"/join/{code}" for code in codes]
    assert forms[0] == forms[1] == forms[2] and "Join the class first" in forms[0]


def test_joining_an_unknown_or_a_closed_code_gets_the_same_words(app, client, lesson, closed):
    refused = [join_client(app.test_client(), code, "Sam") for code in (closed.code, "NOPE99")]
    assert [r.status_code for r in refused] == [422, 422]
    assert [text(r).replace(code, "CODE") for r, code in zip(refused, (closed.code, "NOPE99"))] == [
        text(refused[0]).replace(closed.code, "CODE")
    ] * 2
    assert "There is no open class with that code." in text(refused[0])


@pytest.fixture
def strict(app):
    app.config.update(JOIN_FAILURES_PER_ADDRESS="3 per minute", JOIN_FAILURES_PER_CODE="100 per minute")
    return app


def test_guessing_class_pages_meets_the_join_forms_limit(strict, client, lesson):
    for guess in ("AAAAAA", "CCCCCC", "DDDDDD"):
        assert client.get(f"/class/{guess}").status_code == 303
    refused = client.get(f"/class/{lesson.code}")  # even the right one, once the limit is reached
    assert refused.status_code == 429 and "Please wait" in text(refused) and "Retry-After" in refused.headers
    assert join_client(client, lesson.code, "Sam").status_code == 429  # one count for both ways of guessing


def test_a_pupil_reloading_their_own_class_page_is_never_counted(strict, app, lesson):
    pupil = app.test_client()
    assert join_client(pupil, lesson.code, "Sam").status_code == 303
    assert {pupil.get(f"/class/{lesson.code}").status_code for _ in range(6)} == {200}


def test_failed_class_pages_on_one_code_are_limited_whoever_asks(app, lesson):
    app.config.update(JOIN_FAILURES_PER_ADDRESS="100 per minute", JOIN_FAILURES_PER_CODE="2 per minute")
    for _ in range(2):
        assert app.test_client().get("/class/AAAAAA").status_code == 303
    assert app.test_client().get("/class/AAAAAA").status_code == 429
    assert app.test_client().get(f"/class/{lesson.code}").status_code == 303  # another code: its own count


# ---- classes nobody uses close --------------------------------------------------------------------


def age(app, session_id: int, hours: float, answered_hours_ago: float | None = None) -> None:
    """Make session ``session_id`` look started (and joined) ``hours`` ago, its answers saved later if given."""
    then = utcnow() - timedelta(hours=hours)
    with app.app_context():
        db.session.execute(
            sa.update(ClassSession)
            .where(ClassSession.id == session_id)
            .values(created_at=then, updated_at=then)
        )
        db.session.execute(
            sa.update(Participant).where(Participant.session_id == session_id).values(joined_at=then)
        )
        answered = utcnow() - timedelta(hours=answered_hours_ago if answered_hours_ago is not None else hours)
        db.session.execute(
            sa.update(Answer)
            .where(Answer.session_id == session_id)
            .values(answered_at=answered, updated_at=answered)
        )
        db.session.commit()


def is_open(app, session_id: int) -> bool:
    with app.app_context():
        return db.session.get(ClassSession, session_id).closed_at is None


def test_a_class_unused_for_the_idle_time_is_closed_before_anyone_can_join_it(app, client, lesson):
    app.config["CLASS_IDLE_HOURS"] = 24
    busy = start_class_session(app, email="bob@school.example", slug="syria-2")
    pupil = join_pupil(app, busy.code, "Sam")
    with app.app_context():
        classroom.save_answer(busy.code, pupil.token, 1, RIGHT[1])
    age(app, lesson.session_id, hours=25)
    age(app, busy.session_id, hours=25, answered_hours_ago=1)  # started long ago, answered an hour ago

    refused = join_client(client, lesson.code, "Sam")
    assert refused.status_code == 422 and "There is no open class with that code." in text(refused)
    assert not is_open(app, lesson.session_id)
    assert (
        is_open(app, busy.session_id) and join_client(app.test_client(), busy.code, "Alex").status_code == 303
    )

    with app.app_context():
        classroom.reopen_session(lesson.session_id)  # the teacher reopens it: a fresh idle time
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 303


def test_the_idle_time_is_a_setting_and_zero_means_never(app, client, lesson):
    app.config["CLASS_IDLE_HOURS"] = 0
    age(app, lesson.session_id, hours=24 * 365)
    assert join_client(client, lesson.code, "Sam").status_code == 303
    app.config["CLASS_IDLE_HOURS"] = 2
    age(app, lesson.session_id, hours=3)
    assert join_client(app.test_client(), lesson.code, "Alex").status_code == 422
