"""Homework as the service keeps it: times read in the teacher's zone, joins and saves refused at the
wrong time with words a pupil understands, the due date moved, and who has not started.

Every "now" is a fixed time passed in (tests/homework_factories.py): no test sleeps or reads the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from classroom_factories import RIGHT, answer_all, join_pupil, rows
from homework_factories import (
    AFTER,
    BEFORE,
    DUE,
    DUE_UTC,
    DURING,
    OPENS,
    OPENS_UTC,
    ZONE,
    make_pack_for,
    set_homework,
)

from quizapp.extensions import db
from quizapp.models import ClassSession, Homework
from quizapp.services import classroom, classroom_idle, homework
from quizapp.services.homework_rules import local_text, parse_local

pytestmark = pytest.mark.db


@pytest.fixture
def ctx(app):
    """An app context for tests that call the service directly."""
    with app.app_context():
        yield


# ---- times ------------------------------------------------------------------------------------


def test_times_typed_in_the_teachers_zone_are_stored_in_utc(app):
    work = set_homework(app)
    with app.app_context():
        times = homework.times_for(work.session_id)
    # Berlin is UTC+1 in December (CET): 09:00 there is 08:00 UTC, 17:00 is 16:00.
    assert (times.opens_at, times.due_at, times.timezone) == (OPENS_UTC, DUE_UTC, ZONE)
    assert times.opens_text == "Monday 7 December 2026 at 09:00 (Europe/Berlin)"
    assert times.due_text == "Friday 11 December 2026 at 17:00 (Europe/Berlin)"
    assert times.due_input == DUE


def test_summer_time_is_applied_from_the_zone_not_a_fixed_offset():
    # London is UTC+1 in July (BST) and UTC+0 in January (GMT): the same wall clock, two UTC times.
    assert parse_local("2027-07-01T09:00", "Europe/London", "x") == datetime(2027, 7, 1, 8, 0)
    assert parse_local("2027-01-04T09:00", "Europe/London", "x") == datetime(2027, 1, 4, 9, 0)
    assert (
        local_text(datetime(2027, 7, 1, 8, 0), "Europe/London")
        == "Thursday 1 July 2027 at 09:00 (Europe/London)"
    )


def test_an_empty_opening_time_means_it_opens_at_once(app):
    owner_id, pack_id = make_pack_for(app)
    with app.app_context():
        session_id = homework.start_homework(pack_id, owner_id, opens="", due=DUE, timezone=ZONE, now=BEFORE)
        assert homework.times_for(session_id).opens_at == BEFORE


@pytest.mark.parametrize(
    "opens, due, zone_name, message",
    [
        (OPENS, "", ZONE, "Give the due date as a date and a time"),
        ("next monday", DUE, ZONE, "Give the opening time as a date and a time"),
        (OPENS, "2026-12-07T09:00", ZONE, "The due date must be after the opening time."),
        ("", "2026-12-01T09:00", ZONE, "The due date has already passed"),
        (OPENS, DUE, "Mars/Olympus", "“Mars/Olympus” is not a time zone"),
        (OPENS, DUE, "", "is not a time zone"),
    ],
)
def test_impossible_times_are_refused_and_no_session_is_left_behind(app, opens, due, zone_name, message):
    owner_id, pack_id = make_pack_for(app)
    with app.app_context():
        with pytest.raises(homework.HomeworkError, match=message):
            homework.start_homework(pack_id, owner_id, opens=opens, due=due, timezone=zone_name, now=BEFORE)
        assert rows(ClassSession) == [] and rows(Homework) == []


def test_another_teachers_pack_cannot_be_set_as_homework(app):
    _, pack_id = make_pack_for(app)
    other_id, _ = make_pack_for(app, email="bob@school.example", slug="other")
    with app.app_context():
        with pytest.raises(LookupError):
            homework.start_homework(pack_id, other_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE)
        assert rows(ClassSession) == []


# ---- joining and answering at the right time ---------------------------------------------------


def test_joining_before_it_opens_says_when_it_opens(app):
    work = set_homework(app)
    with app.app_context():
        with pytest.raises(
            homework.NotOpenYet, match=r"opens on Monday 7 December 2026 at 09:00 \(Europe/Berlin\)"
        ):
            homework.check_join(work.code, BEFORE)
        homework.check_join(work.code.lower(), DURING)  # as typed: any case


def test_after_the_due_date_joining_saving_and_handing_in_are_refused(app):
    work = set_homework(app)
    joined = join_pupil(app, work.code, "Sam")
    with app.app_context():
        homework.check_answering(work.code, AFTER - timedelta(seconds=1))  # a second before: still fine
        with pytest.raises(homework.PastDue, match="was due on Friday 11 December 2026 at 17:00") as refused:
            homework.check_answering(work.code, AFTER)
        assert "Answers you saved before then are kept" in str(refused.value)
        with pytest.raises(homework.PastDue):
            homework.check_join(work.code, AFTER)
    assert joined.display_name == "Sam"


def test_a_live_lesson_or_an_unknown_or_closed_code_is_never_refused_for_its_times(app):
    work = set_homework(app)
    with app.app_context():
        homework.check_join("ZZZZZZ", AFTER)  # unknown: classroom.join says "no open class"
        classroom.close_session(work.session_id)
        homework.check_join(work.code, BEFORE)  # closed: the same answer as unknown, no opening time given


# ---- the due date moved ------------------------------------------------------------------------


def test_the_teacher_can_extend_the_due_date_and_pupils_can_answer_again(app):
    work = set_homework(app)
    with app.app_context():
        times, reopened = homework.change_due(work.session_id, work.owner_id, "2026-12-14T08:30", AFTER)
        # 08:30 in Berlin on Monday 14 December is 07:30 UTC.
        assert times.due_at == datetime(2026, 12, 14, 7, 30) and not reopened
        homework.check_answering(work.code, AFTER)


def test_extending_reopens_a_closed_homework(app):
    work = set_homework(app)
    with app.app_context():
        classroom.close_session(work.session_id)
        _, reopened = homework.change_due(work.session_id, work.owner_id, "2026-12-14T08:30", AFTER)
        assert reopened and classroom.owned_session(work.session_id, work.owner_id).is_open


@pytest.mark.parametrize(
    "due, now, message",
    [
        ("2026-12-07T08:30", BEFORE, "after the opening time"),  # 07:30 UTC, before it opens at 08:00 UTC
        ("2026-12-10T12:00", AFTER, "already passed"),
        ("soon", AFTER, "date"),
    ],
)
def test_a_due_date_in_the_past_or_before_opening_is_refused_and_nothing_changes(app, due, now, message):
    work = set_homework(app)
    with app.app_context():
        with pytest.raises(homework.HomeworkError, match=message):
            homework.change_due(work.session_id, work.owner_id, due, now)
        assert homework.times_for(work.session_id).due_at == DUE_UTC


def test_another_teacher_cannot_see_or_move_the_homework(app):
    work = set_homework(app)
    other_id, _ = make_pack_for(app, email="bob@school.example", slug="other")
    with app.app_context():
        assert homework.owned_times(work.session_id, other_id) is None
        assert homework.owned_times(work.session_id, work.owner_id).due_at == DUE_UTC
        with pytest.raises(LookupError):
            homework.change_due(work.session_id, other_id, "2026-12-14T08:30", AFTER)
        with pytest.raises(LookupError):
            homework.progress(work.session_id, other_id)
        assert homework.times_for(work.session_id).due_at == DUE_UTC


def test_a_live_lesson_has_no_homework_times(app):
    owner_id, pack_id = make_pack_for(app)
    with app.app_context():
        session_id = classroom.start_session(pack_id, owner_id)
        assert homework.owned_times(session_id, owner_id) is None
        with pytest.raises(LookupError):
            homework.change_due(session_id, owner_id, "2026-12-14T08:30", AFTER)


# ---- who has done what -------------------------------------------------------------------------


def test_progress_lists_who_has_not_started_who_is_working_and_who_handed_in(app):
    work = set_homework(app)
    ada = join_pupil(app, work.code, "Ada")
    join_pupil(app, work.code, "Ben")
    cy = join_pupil(app, work.code, "Cy")
    answer_all(app, work.code, ada.token, {1: RIGHT[1]})
    answer_all(app, work.code, cy.token, RIGHT)
    with app.app_context():
        classroom.finish(work.code, cy.token)
        assert homework.progress(work.session_id, work.owner_id) == homework.Progress(
            ("Ben",), ("Ada",), ("Cy",)
        )


# ---- idle classes ------------------------------------------------------------------------------


def test_homework_set_weeks_ahead_is_not_closed_as_idle_until_it_is_due(app):
    work = set_homework(app, opens="2100-01-04T09:00", due="2100-01-08T17:00")  # far after any real clock
    late = set_homework(
        app,
        email="bob@school.example",
        slug="other",
        opens="2000-01-03T09:00",
        due="2000-01-07T17:00",
        now=datetime(2000, 1, 1),
    )  # due long before any real clock
    with app.app_context():
        db.session.execute(ClassSession.__table__.update().values(updated_at=datetime(1999, 1, 1)))
        db.session.commit()
        classroom_idle.close_idle_sessions(timedelta(hours=72))
        assert classroom.owned_session(work.session_id, work.owner_id).is_open
        assert not classroom.owned_session(late.session_id, late.owner_id).is_open
