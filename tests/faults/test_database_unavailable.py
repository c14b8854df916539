"""The database stops answering for a while: people get a clear "try again" (503), nothing is half-written,
and the same app serves normally once the database is back.

On SQLite the outage is another connection holding the write lock past the
busy timeout (shortened to 0.3 s here); on PostgreSQL (``make test-postgres``)
it is every connection cut and new ones refused, as when the server is
stopped or restarted (tests/faults/outage.py).
"""

import pytest
import sqlalchemy as sa
from classroom_factories import RIGHT, join_pupil, start_class_session
from html_tree import Page

from faults.outage import database_down
from quizapp.extensions import db
from quizapp.models import Answer
from quizapp.services import classroom

pytestmark = pytest.mark.db


def stored_answers(app) -> list[tuple]:
    """(participant id, number, response) of every stored answer."""
    with app.app_context():
        return db.session.execute(sa.select(Answer.participant_id, Answer.number, Answer.response)
                                  .order_by(Answer.id)).all()


def test_a_page_asked_for_during_an_outage_says_try_again_and_the_app_serves_once_it_is_back(
        fragile_app, seed_article, outage):
    client = fragile_app.test_client()
    with database_down(outage):
        refused = client.get("/")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "5"
    page = Page(refused.get_data(as_text=True)).root
    assert page.find("h1").clean_text() == "Please try again in a moment"
    assert "could not reach its database just now, so nothing was changed. Try again in 5 seconds" in page.find("p", role="alert").clean_text()
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
