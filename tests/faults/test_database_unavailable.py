"""The database stops answering for a while: people get a clear "try again" (503), nothing is half-written,
and the same app serves normally once the database is back.

On SQLite the outage is another connection holding the write lock past the
busy timeout (shortened to 0.3 s here); on PostgreSQL (``make test-postgres``)
it is every connection cut and new ones refused, as when the server is
stopped or restarted (tests/faults/outage.py).
"""

import pytest
import sqlalchemy as sa
from classroom_factories import RIGHT, csrf_token, join_client, join_pupil, start_class_session
from html_tree import Page

from faults.outage import database_down
from faults.serve_process import ServeProcess, http_get
from quizapp.extensions import db
from quizapp.models import Answer
from quizapp.services import classroom

pytestmark = pytest.mark.db


def stored_answers(app) -> list[tuple]:
    """(participant id, number, response) of every stored answer."""
    with app.app_context():
        return db.session.execute(
            sa.select(Answer.participant_id, Answer.number, Answer.response).order_by(Answer.id)
        ).all()


def test_a_page_asked_for_during_an_outage_says_try_again_and_the_app_serves_once_it_is_back(
    fragile_app, seed_article, outage
):
    client = fragile_app.test_client()
    with database_down(outage):
        refused = client.get("/")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "5"
    page = Page(refused.get_data(as_text=True)).root
    assert page.find("h1").clean_text() == "Please try again in a moment"
    assert (
        "could not reach its database just now, so nothing was changed. Try again in 5 seconds"
        in page.find("p", role="alert").clean_text()
    )
    assert "Traceback" not in refused.get_data(as_text=True)

    served = client.get("/")
    assert served.status_code == 200
    assert "Syria’s war has entered a new phase" in Page(served.get_data(as_text=True)).root.clean_text()


def test_an_answer_saved_during_an_outage_leaves_no_row_and_saves_once_it_is_back(fragile_app, app, outage):
    lesson = start_class_session(app)
    pupil = join_pupil(app, lesson.code, "Sam")
    with database_down(outage), fragile_app.app_context(), pytest.raises(sa.exc.OperationalError):
        classroom.save_answer(lesson.code, pupil.token, 1, RIGHT[1])
    assert stored_answers(app) == []

    with fragile_app.app_context():
        saved = classroom.save_answer(lesson.code, pupil.token, 1, RIGHT[1])
    assert saved.verdict == "correct"
    assert stored_answers(app) == [(pupil.participant_id, 1, RIGHT[1])]


def test_a_pupils_autosave_during_an_outage_gets_a_try_again_fragment_and_saves_once_it_is_back(
    fragile_app, app, outage
):
    lesson = start_class_session(app)
    client = fragile_app.test_client()
    assert join_client(client, lesson.code, "Sam").status_code == 303
    token = csrf_token(client.get(f"/class/{lesson.code}").get_data(as_text=True))
    save = {
        "path": f"/class/{lesson.code}/answers/2",
        "headers": {"HX-Request": "true"},
        "data": {"csrf_token": token, "response": RIGHT[2]},
    }

    with database_down(outage):
        refused = client.post(**save)
    assert refused.status_code == 503
    fragment = Page(refused.get_data(as_text=True)).root
    assert fragment.find("h1") is None  # a fragment for the question's status, not a page
    assert (
        fragment.find("p", role="alert").clean_text().startswith("Not saved yet. The server could not reach")
    )
    assert stored_answers(app) == []

    saved = client.post(**save)
    assert saved.status_code == 200
    assert "Saved" in Page(saved.get_data(as_text=True)).root.clean_text()
    assert [(number, response) for _, number, response in stored_answers(app)] == [(2, RIGHT[2])]


def test_a_form_posted_without_javascript_during_an_outage_gets_a_page_that_says_go_back(
    fragile_app, app, outage
):
    lesson = start_class_session(app)
    client = fragile_app.test_client()
    join_client(client, lesson.code, "Sam")
    token = csrf_token(client.get(f"/class/{lesson.code}").get_data(as_text=True))
    with database_down(outage):
        refused = client.post(
            f"/class/{lesson.code}/answers/1", data={"csrf_token": token, "response": RIGHT[1]}
        )
    assert refused.status_code == 503
    text = Page(refused.get_data(as_text=True)).root.clean_text()
    assert (
        "Not saved yet." in text
        and "Go back with your browser’s Back button: what you typed is still there." in text
    )
    assert stored_answers(app) == []


def test_quizapp_serve_starts_without_its_database_keeps_its_workers_and_serves_once_it_is_back(
    database_url, seed_article, outage, tmp_path
):
    env = {"DATABASE_URL": outage.app_url(database_url), "QUIZAPP_SECRET_KEY": "outage-test-key"}
    outage.cut()  # down before the server even starts: workers boot anyway (no connection at start)
    with ServeProcess(env, tmp_path / "serve.log", workers=2) as server:
        workers = server.worker_pids()
        health = http_get(server.base_url + "/healthz", timeout=30)
        page = http_get(server.base_url + "/", timeout=30)  # SQLite: after the 5 s busy timeout
        assert (health.status_code, health.json()["database"]) == (503, "error: OperationalError")
        assert page.status_code == 503 and "Please try again in a moment" in page.text
        outage.restore()
        listing = http_get(server.base_url + "/", timeout=30)
        assert listing.status_code == 200 and "Syria’s war has entered a new phase" in listing.text
        assert http_get(server.base_url + "/healthz", timeout=30).json()["database"] == "ok"
        assert server.worker_pids() == workers  # no worker died and was replaced: no crash loop


def test_a_logged_in_teacher_gets_the_try_again_page_too(fragile_app, app, outage):
    """Issue 14 (6): the 503 page used to load the teacher again (Flask-Login's template context), failed
    a second time inside the handler and left gunicorn's bare 500."""
    from records import logged_in_teacher

    client, _ = logged_in_teacher(fragile_app)
    with database_down(outage):
        refused = client.get("/teacher")
    assert refused.status_code == 503
    page = Page(refused.get_data(as_text=True)).root
    assert page.find("h1").clean_text() == "Please try again in a moment"
    assert refused.headers["Content-Security-Policy"].startswith("default-src 'self'")

    served = client.get("/teacher")
    assert served.status_code == 200 and "Log out" in Page(served.get_data(as_text=True)).root.clean_text()
