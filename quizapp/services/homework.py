"""Homework: a class session pupils do at their own pace between an opening time and a due date.

No Flask here. Homework is a class session like any other (the same code,
link, answers and dashboard) with a ``homework`` row beside it; this module
sets and changes its times and says, for a pupil's join or save, whether it
may happen *now*. "Now" is a parameter everywhere, never the wall clock, so
a test can stand before, between and after the two times without sleeping.
The pure rules (reading times, the words pupils see) are ``homework_rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Homework, Participant
from quizapp.services import classroom, session_levels, shared_levels
from quizapp.services.homework_rules import (
    HomeworkError,
    HomeworkTimes,
    NotOpenYet,
    PastDue,
    check_times,
    not_open_yet,
    parse_local,
    past_due,
    refuse_outside,
    zone,
)
from quizapp.services.transactions import reading, writing

# What callers import from here that is defined in homework_rules (mypy --strict exports only what is listed).
__all__ = [
    "HomeworkError",
    "HomeworkTimes",
    "NotOpenYet",
    "PastDue",
    "check_times",
    "not_open_yet",
    "parse_local",
    "past_due",
    "refuse_outside",
    "zone",
]


@dataclass(frozen=True)
class Progress:
    """Who has done what, for the teacher: names in the order pupils joined."""

    not_started: tuple[str, ...]
    in_progress: tuple[str, ...]
    handed_in: tuple[str, ...]


def start_homework(pack_id: int, owner_id: int, *, opens: str, due: str, timezone: str, now: datetime) -> int:
    """Start a session of the pack as homework; its id. Every time is checked before anything is written.

    ``opens`` and ``due`` are what the form's ``datetime-local`` inputs sent,
    in ``timezone`` (the teacher's); an empty ``opens`` means now. Raises
    ``HomeworkError`` for a time that cannot be read or is in the wrong
    order, and whatever ``classroom.start_session`` raises (``LookupError``
    for another teacher's pack).
    """
    return _set(
        lambda: classroom.start_session(pack_id, owner_id), opens=opens, due=due, timezone=timezone, now=now
    )


def start_levelled_homework(
    story_id: int,
    owner_id: int,
    *,
    opens: str,
    due: str,
    timezone: str,
    now: datetime,
    pupils_choose: bool = False,
) -> int:
    """Set the story ``story_id`` as homework at its levels: each pupil does the version that suits them.

    The session is the one a levelled lesson starts (``session_levels``), so
    giving a pupil a level, letting pupils choose and the dashboard's results
    by level work as in class. Raises what ``start_homework`` does, and what
    ``session_levels.start_levelled_session`` raises (``StoryError`` for a
    story with one version, ``ClassroomError`` naming a version without
    questions, ``LookupError`` for a story she may not use).
    """
    return _set(
        lambda: session_levels.start_levelled_session(story_id, owner_id, pupils_choose),
        opens=opens,
        due=due,
        timezone=timezone,
        now=now,
    )


def start_shared_homework(
    story_id: int,
    owner_id: int,
    pack_id: int,
    *,
    opens: str,
    due: str,
    timezone: str,
    now: datetime,
    pupils_choose: bool = False,
) -> shared_levels.SharedStart:
    """Set the story as homework at its levels, every level asked the pack's questions all versions can answer.

    What ``shared_levels.start_shared_session`` returns (the session, and
    the questions left out); raises what it and ``start_homework`` raise.
    """
    started: list[shared_levels.SharedStart] = []

    def start() -> int:
        started.append(shared_levels.start_shared_session(story_id, owner_id, pack_id, pupils_choose))
        return started[-1].session_id

    _set(start, opens=opens, due=due, timezone=timezone, now=now)
    return started[-1]


def _set(start: Callable[[], int], *, opens: str, due: str, timezone: str, now: datetime) -> int:
    """Check the times, ``start()`` the session and give it the times; the session's id.

    The session and its times are two transactions (starting a session is
    the classroom's own); if the second fails, the first is undone, so no
    live lesson is left behind by mistake.
    """
    zone(timezone)
    opens_at = parse_local(opens, timezone, "opening time") if (opens or "").strip() else now
    due_at = parse_local(due, timezone, "due date")
    check_times(opens_at, due_at, now)
    session_id = start()
    try:
        with writing():
            db.session.add(
                Homework(session_id=session_id, opens_at=opens_at, due_at=due_at, timezone=timezone)
            )
    except BaseException:
        classroom.delete_session(session_id)
        raise
    return session_id


def times_for(session_id: int) -> HomeworkTimes | None:
    """Session ``session_id``'s homework times, or None for a live lesson (pages already checked who may ask)."""
    with reading():
        row = db.session.get(Homework, session_id)
        return HomeworkTimes.of(row) if row else None


def owned_times(session_id: int, owner_id: int | None) -> HomeworkTimes | None:
    """The homework times of a session ``owner_id`` started; None for a live lesson or another teacher's."""
    query = (
        sa.select(Homework)
        .join(ClassSession, ClassSession.id == Homework.session_id)
        .where(Homework.session_id == session_id, ClassSession.owner_id == owner_id)
    )
    with reading():
        row = db.session.scalars(query).first()
        return HomeworkTimes.of(row) if row else None


def _times_for_open_code(code: str) -> HomeworkTimes | None:
    """The times of the *open* homework ``code`` names; None for a live lesson, a closed or unknown code.

    Only open sessions: a closed homework must answer a guess exactly as an
    unknown code does ("no open class"), never with its opening time.
    """
    code = classroom.normalise_code(code)
    if not code:
        return None
    query = (
        sa.select(Homework)
        .join(ClassSession, ClassSession.id == Homework.session_id)
        .where(ClassSession.code == code, ClassSession.closed_at.is_(None))
    )
    with reading():
        row = db.session.scalars(query).first()
        return HomeworkTimes.of(row) if row else None


def check_join(code: str, now: datetime) -> None:
    """Raise ``NotOpenYet`` (saying when) or ``PastDue`` if homework ``code`` cannot be joined at ``now``."""
    _check(code, now)


def check_answering(code: str, now: datetime) -> None:
    """Raise ``PastDue`` once homework ``code`` is due (and ``NotOpenYet`` before it opens): no save, no hand-in."""
    _check(code, now)


def _check(code: str, now: datetime) -> None:
    """The one rule both checks apply: homework is done between its two times, live lessons any time."""
    refuse_outside(_times_for_open_code(code), now)


def change_due(session_id: int, owner_id: int, due: str, now: datetime) -> tuple[HomeworkTimes, bool]:
    """Move the due date (usually later); the new times, and whether the session had to be reopened.

    The new date is read in the zone the teacher set the homework in, and
    must be after the opening time and still to come (``HomeworkError``).
    A closed session is reopened (closed by hand, or idle after the old due
    date): a teacher who gives more time means pupils to use it.
    ``LookupError`` for a live lesson or another teacher's session.
    """
    with writing():
        found = db.session.execute(
            sa.select(Homework, ClassSession)
            .join(ClassSession, ClassSession.id == Homework.session_id)
            .where(Homework.session_id == session_id, ClassSession.owner_id == owner_id)
            .with_for_update()
        ).first()
        if found is None:
            raise LookupError(session_id)
        row, session = found
        due_at = parse_local(due, row.timezone, "due date")
        check_times(row.opens_at, due_at, now)
        row.due_at = due_at
        reopened = not session.is_open
        session.closed_at = None
        return HomeworkTimes.of(row), reopened


def progress(session_id: int, owner_id: int) -> Progress:
    """Who joined and has not answered, who is part-way, who handed in; ``LookupError`` if not the teacher's."""
    answered = (
        sa.select(sa.func.count(Answer.id))
        .where(Answer.participant_id == Participant.id)
        .correlate(Participant)
        .scalar_subquery()
    )
    query = (
        sa.select(Participant, answered)
        .join(ClassSession, ClassSession.id == Participant.session_id)
        .where(Participant.session_id == session_id, ClassSession.owner_id == owner_id)
        .order_by(Participant.joined_at, Participant.id)
    )
    with reading():
        if classroom.owned_session(session_id, owner_id) is None:
            raise LookupError(session_id)
        groups: dict[str, list[str]] = {"not_started": [], "in_progress": [], "handed_in": []}
        for pupil, count in db.session.execute(query):
            key = "handed_in" if pupil.finished_at else "in_progress" if count else "not_started"
            groups[key].append(pupil.display_name)
    return Progress(*(tuple(groups[k]) for k in ("not_started", "in_progress", "handed_in")))
