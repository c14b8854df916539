"""Closing classroom sessions nobody uses any more, so open join codes do not pile up for guessers.

A session is idle when nothing has happened in it for the idle time: no
start or reopening (``updated_at``), no pupil joining, no answer saved. It
is then closed as the teacher would close it, and the teacher can reopen it
with everything in it. ``classroom.join`` closes idle sessions before it
looks a code up, so every guess (a join) meets only classes in use.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Homework, Participant
from quizapp.models.columns import utcnow
from quizapp.services.transactions import writing


def close_idle_sessions(idle_after: timedelta) -> int:
    """Close every open session idle for ``idle_after`` (its own transaction); how many were closed."""
    with writing():
        return close_idle(idle_after)


def close_idle(idle_after: timedelta) -> int:
    """``close_idle_sessions`` inside the caller's transaction: one UPDATE, no row loaded."""
    now = utcnow()
    cutoff = now - idle_after
    recent_join = sa.exists().where(
        Participant.session_id == ClassSession.id, Participant.joined_at >= cutoff
    )
    recent_answer = sa.exists().where(Answer.session_id == ClassSession.id, Answer.updated_at >= cutoff)
    # Homework set weeks ahead sits unused until it opens: it is not idle until its due date has passed.
    homework_to_do = sa.exists().where(Homework.session_id == ClassSession.id, Homework.due_at > now)
    idle = (
        sa.update(ClassSession)
        .where(
            ClassSession.closed_at.is_(None),
            ClassSession.updated_at < cutoff,
            ~recent_join,
            ~recent_answer,
            ~homework_to_do,
        )
        .values(closed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    result = cast("sa.CursorResult[Any]", db.session.execute(idle))  # an UPDATE's result: it has a rowcount
    return result.rowcount
