"""The pupil's side of a session run with a class: pick your name from the list to join.

A pupil types the code and their name on the usual join form. If the
session has a class and the name is free on its list, they join as that
name at once (``join_from_list``); otherwise they are sent to the list
to pick theirs, or to join with the name they typed, which the teacher
can later merge into the list. The list is shown only to a browser that
has just typed that open code (a mark in the signed cookie), so it is
no way to look up codes or pupils' names.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, session, url_for

from quizapp.services import classroom, homework, roster_sessions
from quizapp.web.classes.forms import PickNameForm
from quizapp.web.common import clock

PICKING = "picking_name"  # cookie key: {"code": ..., "typed": ...} while a pupil picks their name


def join_from_list(code: str, typed: str):
    """For a session with a class: join as the typed name if it is free on the list, else go and pick one.

    None for a session without a class (or not open): the usual join goes on.
    """
    choices = roster_sessions.names_for_join(code)
    if choices is None:
        return None
    match = roster_sessions.matching_name(choices, typed)
    if match is not None and not match.taken:
        return _join_as(code, match.pupil_id)
    session[PICKING] = {"code": code, "typed": typed}
    return redirect(url_for("classes.pick_name", code=code), 303)


def pick_name(code: str):
    """GET: the class list to pick from. POST: join as the name picked, or as the name typed."""
    code = classroom.normalise_code(code)
    picking = session.get(PICKING) or {}
    choices = roster_sessions.names_for_join(code)
    if picking.get("code") != code or choices is None:
        return redirect(url_for("join.join_code", code=code), 303)
    form = PickNameForm()
    problem = ""
    if form.validate_on_submit():
        try:
            homework.check_join(code, clock.now())
            if form.pupil.data == "typed":
                return _join_typed(code, picking.get("typed", ""))
            return _join_as(code, _number(form.pupil.data or ""))
        except classroom.ClassroomError as error:
            problem = str(error)
        choices = roster_sessions.names_for_join(code) or ()
    elif form.is_submitted():
        problem = " ".join(form.pupil.errors) or "The page had expired: please pick your name again."
    refused = bool(problem)
    typed = picking.get("typed", "")
    match = roster_sessions.matching_name(choices, typed)
    if match is not None and match.taken and not problem:  # their own name, already picked: say so first
        problem = str(roster_sessions.NameTaken(match.name))
    typed_on_list = match is not None
    page = render_template(
        "classes/pick_name.html",
        code=code,
        choices=choices,
        typed=typed,
        typed_on_list=typed_on_list,
        form=form,
        problem=problem,
    )
    return page, 422 if refused else 200


def _number(value: str) -> int:
    """A picked name's id; 400 for anything else (the form only sends ids)."""
    try:
        return int(value)
    except ValueError:
        abort(400)


def _join_as(code: str, pupil_id: int):
    """Join as a name on the list; to the class page."""
    from quizapp.web.join import (
        views as join_views,  # the join blueprint's cookie helpers; it imports this module
    )

    try:
        joined = roster_sessions.join_as(
            code,
            pupil_id,
            idle_after=join_views.idle_time(),
            max_pupils=current_app.config["MAX_PUPILS_PER_SESSION"],
        )
    except LookupError:
        abort(400)
    return _joined(code, joined.token)


def _join_typed(code: str, typed: str):
    """Join with the name the pupil typed (not on the list: the teacher can merge it later)."""
    from quizapp.web.join import views as join_views

    joined = classroom.join(
        code,
        typed,
        idle_after=join_views.idle_time(),
        max_pupils=current_app.config["MAX_PUPILS_PER_SESSION"],
    )
    return _joined(code, joined.token)


def _joined(code: str, token: str):
    """Keep the pupil's token, forget the picking, and open the class page."""
    from quizapp.web.join import views as join_views

    join_views.remember(code, token)
    session.pop(PICKING, None)
    return redirect(url_for("join.class_page", code=code), 303)
