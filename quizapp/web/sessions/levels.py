"""One pupil's page for the teacher, and in a session at several levels the version that suits them.

Kept apart from ``views`` (the session as a whole) so the levels read on
one screen; the start button is on the story's page (``web.stories``).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quizapp.services import session_admin, session_levels
from quizapp.services.classroom_rules import ClassroomError
from quizapp.web.sessions import display
from quizapp.web.sessions.views import session_or_404


@login_required
def pupil(session_id: int, participant_id: int):
    """One pupil's answers, each with the grade and a button to accept it (or undo that); and their level."""
    return pupil_page(session_or_404(session_id), participant_id)


def pupil_page(info, participant_id: int, problem: str = "", status: int = 200):
    """The teacher's page of one pupil, with the level form in a session at several levels."""
    answers = session_admin.pupil_answers(info.id, participant_id)
    if answers is None:
        abort(404)
    levels = session_levels.levels(info.id)
    mine = (
        session_levels.pupil_levels(info.id, participant_id, _level_id(info.id, participant_id))
        if levels
        else None
    )
    return render_template(
        "sessions/pupil.html",
        info=info,
        pupil=answers,
        shown=display.shown_response,
        expected=display.expected_answer,
        levels=levels,
        level=mine,
        problem=problem,
    ), status


def _level_id(session_id: int, participant_id: int) -> int | None:
    """The pupil's level as stored (None: the session's own)."""
    return session_admin.pupil_level(session_id, participant_id)


@login_required
def assign(session_id: int, participant_id: int):
    """Give the pupil the level posted as ``level`` (before their first answer); 409 with the reason after it."""
    info = session_or_404(session_id)
    level_id = request.form.get("level", type=int)
    if level_id is None:
        abort(400)
    try:
        session_levels.assign_level(session_id, participant_id, level_id)
    except LookupError:
        abort(404)
    except ClassroomError as exc:
        return pupil_page(info, participant_id, str(exc), 409)
    flash("Level saved: the pupil's page shows that version and its questions.", "success")
    return redirect(url_for("sessions.pupil", session_id=session_id, participant_id=participant_id))
