"""Homework through the web: the teacher sets it and moves its due date; pupils joining early are told when
it opens, and late answers are refused calmly (409) with their earlier answers kept.

The time is set by the test (``app.config["CLOCK"]``), never read from the wall clock; the times and
their Berlin wording were worked out by hand (Berlin is UTC+1 in December).
"""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from classroom_factories import RIGHT, csrf_token, join_client
from homework_factories import (
    AFTER,
    BEFORE,
    DUE,
    DURING,
    OPENS,
    make_pack_for,
    set_homework,
)
from html_tree import parse
from records import make_teacher

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Homework, Participant

from .session_setup import Teacher

pytestmark = pytest.mark.db
HTMX = {"HX-Request": "true"}


class Clock:
    """The time the app sees; a test moves it by setting ``now``."""

    def __init__(self, now: datetime):
        self.now = now


@pytest.fixture
def clock(app):
    """The app's clock, starting the Friday before the homework opens."""
    clock = Clock(BEFORE)
    app.config["CLOCK"] = lambda: clock.now
    return clock


@pytest.fixture
def work(app, clock):
    """Ann's four-question pack set as homework, from Monday 09:00 to Friday 17:00, Berlin time."""
    return set_homework(app)


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def teacher(app, owner_id: int) -> Teacher:
    return Teacher(app, owner_id)


def pupil_saves(client, code: str, number: int, response, htmx=True):
    token = csrf_token(client.get(f"/join/{code}").get_data(as_text=True))
    return client.post(
        f"/class/{code}/answers/{number}",
        data={"response": response, "csrf_token": token},
        headers=HTMX if htmx else {},
    )


def saved(app) -> list:
    with app.app_context():
        return [(a.number, a.response) for a in db.session.scalars(sa.select(Answer).order_by(Answer.number))]


# ---- the teacher sets homework -----------------------------------------------------------------


def test_the_pack_page_offers_homework_and_the_form_sets_it_in_the_teachers_zone(app, clock):
    owner_id, pack_id = make_pack_for(app)
    app.config["SCHOOL_TIMEZONE"] = "Europe/Berlin"
    ann = teacher(app, owner_id)
    link = parse(ann.get(f"/teacher/packs/{pack_id}")).find("a", href=f"/teacher/packs/{pack_id}/homework")
    assert link.clean_text() == "Set as homework"

    form_page = parse(ann.get(f"/teacher/packs/{pack_id}/homework"))
    assert form_page.find(**{"data-testid": "zone-note"}).clean_text() == "Times are in Europe/Berlin time."
    assert [
        i.attrs["type"] for i in form_page.find_all("input") if i.attrs.get("name") in ("opens", "due")
    ] == ["datetime-local", "datetime-local"]

    response = ann.post(
        f"/teacher/packs/{pack_id}/homework", data={"opens": OPENS, "due": DUE, "timezone": "Europe/Berlin"}
    )
    with app.app_context():
        session_id = db.session.scalars(sa.select(ClassSession.id)).one()
        row = db.session.get(Homework, session_id)
        assert (row.opens_at, row.due_at) == (datetime(2026, 12, 7, 8), datetime(2026, 12, 11, 16))
    assert response.headers["Location"] == f"/teacher/sessions/{session_id}"
    page = parse(ann.get(response.headers["Location"]))
    assert (
        page.find(**{"data-testid": "opens"}).clean_text()
        == "Monday 7 December 2026 at 09:00 (Europe/Berlin)"
    )
    assert (
        page.find(**{"data-testid": "due"}).clean_text() == "Friday 11 December 2026 at 17:00 (Europe/Berlin)"
    )
    assert "Not open yet" in page.find(**{"data-testid": "homework-state"}).clean_text()
    assert page.find("input", name="due").attrs["value"] == DUE  # the extend form starts from the due date


def test_impossible_times_are_refused_with_a_message_and_nothing_is_set(app, clock):
    owner_id, pack_id = make_pack_for(app)
    ann = teacher(app, owner_id)
    response = ann.post(
        f"/teacher/packs/{pack_id}/homework",
        data={"opens": "2026-12-11T09:00", "due": "2026-12-10T09:00", "timezone": "UTC"},
    )
    assert response.status_code == 422
    assert "The due date must be after the opening time." in text(response)
    missing = ann.post(f"/teacher/packs/{pack_id}/homework", data={"opens": OPENS, "timezone": "UTC"})
    assert missing.status_code == 422 and "Give the date and time it is due." in text(missing)
    with app.app_context():
        assert db.session.scalars(sa.select(ClassSession)).all() == []


def test_another_teacher_cannot_set_or_move_someone_elses_homework(app, work):
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
    bob = teacher(app, bob_id)
    assert bob.get(f"/teacher/packs/{work.pack_id}/homework").status_code == 404
    assert (
        bob.post(f"/teacher/packs/{work.pack_id}/homework", data={"due": DUE, "timezone": "UTC"}).status_code
        == 404
    )
    assert (
        bob.post(f"/teacher/sessions/{work.session_id}/due", data={"due": "2026-12-18T17:00"}).status_code
        == 404
    )
    with app.app_context():
        assert db.session.get(Homework, work.session_id).due_at == datetime(2026, 12, 11, 16)


# ---- pupils at the wrong time ------------------------------------------------------------------


def test_joining_before_it_opens_says_when_it_opens_and_joins_nobody(app, client, work):
    response = join_client(client, work.code, "Sam")
    assert response.status_code == 422
    assert "This homework opens on Monday 7 December 2026 at 09:00 (Europe/Berlin). Come back then." in text(
        response
    )
    with app.app_context():
        assert db.session.scalars(sa.select(Participant)).all() == []


def test_during_the_week_a_pupil_joins_sees_the_due_date_and_answers(app, client, clock, work):
    clock.now = DURING
    assert join_client(client, work.code, "Sam").status_code == 303
    page = text(client.get(f"/class/{work.code}"))
    assert "Homework, due on Friday 11 December 2026 at 17:00 (Europe/Berlin)." in page
    assert pupil_saves(client, work.code, 2, RIGHT[2]).status_code == 200
    assert saved(app) == [(2, "al-Sukhna")]


def test_after_the_due_date_answers_are_refused_calmly_and_earlier_ones_kept(app, client, clock, work):
    clock.now = DURING
    join_client(client, work.code, "Sam")
    pupil_saves(client, work.code, 2, RIGHT[2])
    clock.now = AFTER

    autosave = pupil_saves(client, work.code, 1, RIGHT[1])
    assert autosave.status_code == 409
    assert "This homework was due on Friday 11 December 2026 at 17:00 (Europe/Berlin)" in text(autosave)

    plain = pupil_saves(client, work.code, 1, RIGHT[1], htmx=False)
    assert plain.status_code == 409
    page = parse(plain)
    notice = page.find(**{"data-testid": "homework-due"})
    assert "notice-info" in notice.attrs["class"]  # calm, not an error
    assert "The answers you saved before then are kept" in notice.clean_text()
    assert all("disabled" in box.attrs for box in page.find_all("fieldset", class_="answer-fieldset"))
    assert page.find("form", class_="finish-form") is None
    assert saved(app) == [(2, "al-Sukhna")]

    token = csrf_token(client.get(f"/join/{work.code}").get_data(as_text=True))
    client.post(f"/class/{work.code}/finish", data={"csrf_token": token})
    with app.app_context():
        assert (
            db.session.scalars(sa.select(Participant.finished_at)).one() is None
        )  # a late hand-in is not recorded
    late = join_client(app.test_client(), work.code, "Lee")
    assert late.status_code == 422 and "This homework was due on Friday 11 December 2026" in text(late)


def test_the_teacher_gives_more_time_and_the_pupil_can_answer_again(app, client, clock, work):
    clock.now = DURING
    join_client(client, work.code, "Sam")
    clock.now = AFTER
    ann = teacher(app, work.owner_id)
    page = parse(ann.get(f"/teacher/sessions/{work.session_id}"))
    assert "The due date has passed" in page.find(**{"data-testid": "homework-state"}).clean_text()

    refused = ann.post(
        f"/teacher/sessions/{work.session_id}/due", data={"due": "2026-12-10T17:00"}, follow_redirects=True
    )
    assert "The due date has already passed" in text(refused)
    moved = ann.post(
        f"/teacher/sessions/{work.session_id}/due", data={"due": "2026-12-14T08:30"}, follow_redirects=True
    )
    assert "Now due on Monday 14 December 2026 at 08:30 (Europe/Berlin)." in text(moved)
    assert pupil_saves(client, work.code, 2, RIGHT[2]).status_code == 200
    assert saved(app) == [(2, "al-Sukhna")]


# ---- the dashboard -----------------------------------------------------------------------------


def test_the_dashboard_shows_who_has_not_started_who_is_working_and_who_handed_in(app, clock, work):
    clock.now = DURING
    pupils = {name: app.test_client() for name in ("Ada", "Ben", "Cy")}
    for name, client in pupils.items():
        join_client(client, work.code, name)
    pupil_saves(pupils["Ada"], work.code, 1, RIGHT[1])
    pupil_saves(pupils["Cy"], work.code, 2, RIGHT[2])
    token = csrf_token(pupils["Cy"].get(f"/join/{work.code}").get_data(as_text=True))
    pupils["Cy"].post(f"/class/{work.code}/finish", data={"csrf_token": token})

    live = parse(teacher(app, work.owner_id).get(f"/teacher/sessions/{work.session_id}/live"))
    groups = {
        key: live.find(**{"data-testid": key}).clean_text()
        for key in ("not_started", "in_progress", "handed_in")
    }
    assert groups == {
        "not_started": "Joined, not started: 1 Ben",
        "in_progress": "In progress: 1 Ada",
        "handed_in": "Handed in: 1 Cy",
    }
    statuses = [
        row.find_all("td")[-1].clean_text() for row in live.find_all("tr", **{"data-testid": "pupil-row"})
    ]
    assert statuses == ["Working", "Not started", "✓ Handed in"]
