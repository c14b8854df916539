"""Request handlers of homework: set a pack, or a story at its levels, as homework; move its due date. Parse, call ``services.homework``, render.

The rest of a homework's life is a class session's: the projector page,
the dashboard and the pupil's pages, which show its times (``context``).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quizapp.services import classroom, homework, packs, roster_sessions, rosters, shared_levels, stories
from quizapp.text.errors import InputError
from quizapp.web.auth import logged_in_teacher_id
from quizapp.web.common import clock
from quizapp.web.homework.forms import DueForm, HomeworkForm, LevelledHomeworkForm


def pack_or_404(pack_id: int):
    """The logged-in teacher's pack ``pack_id`` (its summary); 404 for anyone else's."""
    found = [p for p in packs.owned_packs(logged_in_teacher_id()) if p.id == pack_id]
    if not found:
        abort(404)
    return found[0]


@login_required
def new(pack_id: int):
    """GET: the form. POST: start the pack as homework and open its session page."""
    pack = pack_or_404(pack_id)
    form = _prepared(HomeworkForm())

    def start(times: dict) -> int:
        return homework.start_homework(pack_id, logged_in_teacher_id(), **times)

    done = _set_from(form, start)
    if done is not None:
        return done
    page = render_template(
        "homework/new.html",
        form=form,
        title=pack.title,
        back=url_for("packs.review", pack_id=pack.id),
        action=url_for("homework.new", pack_id=pack.id),
    )
    return page, 422 if form.is_submitted() else 200


@login_required
def new_levelled(story_id: int):
    """GET: the form. POST: set the story as homework at its levels (a version per pupil), open its session page."""
    try:
        story = stories.get_story(story_id, logged_in_teacher_id())
    except LookupError:
        abort(404)
    form = _prepared(LevelledHomeworkForm())
    form.offer_packs(shared_levels.packs_for_story(story, logged_in_teacher_id()))
    notes: list[str] = []  # which questions one pack for every level left out, told once it is all set

    def start(times: dict) -> int:
        choose = bool(form.pupils_choose.data)
        if not form.pack.data:
            return homework.start_levelled_homework(
                story_id, logged_in_teacher_id(), pupils_choose=choose, **times
            )
        started = homework.start_shared_homework(
            story_id, logged_in_teacher_id(), form.pack.data, pupils_choose=choose, **times
        )
        notes.append(started.summary)
        return started.session_id

    done = _set_from(form, start)
    if done is not None:
        for note in notes:
            flash(note, "success")
        return done
    page = render_template(
        "homework/new.html",
        form=form,
        title=story.title,
        story=story,
        back=url_for("stories.show", story_id=story.id),
        action=url_for("homework.new_levelled", story_id=story.id),
    )
    return page, 422 if form.is_submitted() else 200


def _prepared(form: HomeworkForm) -> HomeworkForm:
    """The form with the teacher's class lists offered (one preselected from a class page) and a zone."""
    form.offer_classes(rosters.owned_classes(logged_in_teacher_id()))
    wanted = request.args.get("class", type=int)  # "set as homework" from a class page
    if not form.school_class.data and wanted:
        form.school_class.data = wanted
    if not form.timezone.data:
        form.timezone.data = current_app.config["SCHOOL_TIMEZONE"]
    return form


def _set_from(form: HomeworkForm, start: Callable[[dict], int]):
    """On a valid POST, ``start`` the homework with the form's times and run it with its class.

    The redirect to the new session's page; None to show the form again
    (a GET, or a refusal now among ``form.form_errors``).
    """
    if not form.validate_on_submit():
        return None
    times = {
        "opens": form.opens.data or "",
        "due": form.due.data or "",
        "timezone": form.timezone.data,
        "now": clock.now(),
    }
    try:
        session_id = start(times)
        # The session is deleted again if this fails: no homework without its class.
        if form.school_class.data:
            roster_sessions.link_session(session_id, form.school_class.data, logged_in_teacher_id())
    except LookupError:
        abort(404)
    except InputError as error:  # a time, a version without questions, a one-version story
        form.form_errors.append(str(error))
        return None
    flash("Homework set. Give pupils the code or the link below.", "success")
    return redirect(url_for("sessions.show", session_id=session_id))


@login_required
def change_due(session_id: int):
    """POST a new due date: pupils can answer until then (a closed session is reopened)."""
    if classroom.owned_session(session_id, logged_in_teacher_id()) is None:
        abort(404)
    form = DueForm()
    if not form.validate_on_submit():
        flash(" ".join(form.due.errors) or "The form had expired: please try again.", "error")
        return redirect(url_for("sessions.show", session_id=session_id, _anchor="homework"))
    try:
        times, reopened = homework.change_due(
            session_id, logged_in_teacher_id(), form.due.data or "", clock.now()
        )
    except LookupError:
        abort(404)
    except homework.HomeworkError as error:
        flash(str(error), "error")
        return redirect(url_for("sessions.show", session_id=session_id, _anchor="homework"))
    flash(f"Now due on {times.due_text}." + (" The session is open again." if reopened else ""), "success")
    return redirect(url_for("sessions.show", session_id=session_id, _anchor="homework"))


def teacher_context(session_id: int) -> dict:
    """What the session page and its dashboard show of homework (nothing for a live lesson)."""
    times = homework.owned_times(session_id, logged_in_teacher_id())
    if times is None:
        return {"homework": None}
    return {
        "homework": times,
        "homework_state": times.state(clock.now()),
        "due_form": DueForm(due=times.due_input),
        "homework_progress": homework.progress(session_id, logged_in_teacher_id()),
    }


def pupil_context(session_id: int) -> dict:
    """What a pupil's class page shows of homework, and whether its due date now locks the answers."""
    times = homework.times_for(session_id)
    state = times.state(clock.now()) if times else ""
    return {"homework": times, "homework_state": state, "homework_due": state == "due"}
