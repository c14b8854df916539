"""Request handlers of a teacher's classes: parse the request, call ``services.roster*``, render.

Every service takes the teacher's id, so another teacher's class is a
LookupError, answered here with 404 (``or_404``): ids reveal nothing.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import login_required
from werkzeug.wrappers import Response as BaseResponse  # what redirect() returns

from quizapp.services import packs, roster_reports, roster_sessions, rosters
from quizapp.text.errors import InputError
from quizapp.web.auth import logged_in_teacher_id
from quizapp.web.classes import display, forms

CSV_TYPE = "text/csv; charset=utf-8"


def class_or_404(class_id: int) -> rosters.ClassList:
    """The logged-in teacher's class with its names; 404 for anyone else's."""
    found = rosters.owned_class(class_id, logged_in_teacher_id())
    if found is None:
        abort(404)
    return found


def or_404(call, *args):
    """``call(*args)``; 404 if it says the class, name or pupil is not the teacher's."""
    try:
        return call(*args)
    except LookupError:
        abort(404)


def back(class_id: int, anchor: str = "") -> BaseResponse:
    """To the class page (at ``anchor``)."""
    return redirect(url_for("classes.show", class_id=class_id, _anchor=anchor or None), 303)


@login_required
def index():
    """GET: the teacher's classes and the form for a new one. POST: make it."""
    form = forms.NewClassForm()
    if form.validate_on_submit():
        try:
            class_id = rosters.create_class(logged_in_teacher_id(), form.name.data, form.names.data or "")
        except rosters.RosterError as error:
            form.form_errors.append(str(error))
        else:
            flash(
                "Class saved. Start a session for it below: its pupils pick their names to join.", "success"
            )
            return back(class_id)
    status = 422 if form.is_submitted() else 200
    return render_template(
        "classes/index.html", classes=rosters.owned_classes(logged_in_teacher_id()), form=form
    ), status


@login_required
def show(class_id: int):
    """The class: its term (chart, skills, CSV), sessions, names, and the forms that change them."""
    found = class_or_404(class_id)
    teacher = logged_in_teacher_id()
    pupils = [(p.id, p.name) for p in found.pupils]
    merge = forms.MergeForm()
    merge.drop.choices = merge.keep.choices = pupils
    start = forms.StartForm()
    start.pack.choices = [(p.id, p.title) for p in packs.owned_packs(teacher)]
    link = forms.LinkForm()
    link.pupil.choices = [*pupils, (0, "Someone new: add them to the list")]
    return render_template(
        "classes/show.html",
        found=found,
        term=or_404(roster_reports.term, class_id, teacher),
        unlisted=or_404(roster_sessions.unlisted, class_id, teacher),
        merge=merge,
        start=start,
        link=link,
        add=forms.AddNamesForm(),
        class_name=forms.ClassNameForm(data={"name": found.name}),
        percent=display.percent,
        width=display.bar_width,
    )


@login_required
def add_names(class_id: int):
    """POST names to add to the list."""
    class_or_404(class_id)
    form = forms.AddNamesForm()
    if not form.validate_on_submit():
        flash(" ".join(form.names.errors) or "The page had expired: please try again.", "error")
        return back(class_id, "add")
    try:
        added = rosters.add_pupils(class_id, logged_in_teacher_id(), form.names.data or "")
    except rosters.RosterError as error:
        flash(str(error), "error")
        return back(class_id, "add")
    message = f"Added {len(added.added)} {'name' if len(added.added) == 1 else 'names'}."
    if added.already:
        message += " Already on the list: " + ", ".join(added.already) + "."
    flash(message, "success")
    return back(class_id, "pupils")


@login_required
def rename(class_id: int, pupil_id: int):
    """POST a new spelling for one name on the list."""
    class_or_404(class_id)
    form = forms.RenameForm()
    if form.validate_on_submit():
        try:
            name = or_404(rosters.rename_pupil, class_id, logged_in_teacher_id(), pupil_id, form.name.data)
            flash(f"Renamed to {name}.", "success")
        except rosters.RosterError as error:
            flash(str(error), "error")
    else:
        flash(" ".join(form.name.errors) or "The page had expired: please try again.", "error")
    return back(class_id, "pupils")


@login_required
def remove(class_id: int, pupil_id: int):
    """POST: take one name off the list (its answers stay in the sessions)."""
    class_or_404(class_id)
    if not _csrf_ok():
        abort(400)
    name = or_404(rosters.remove_pupil, class_id, logged_in_teacher_id(), pupil_id)
    flash(f"{name} is off the list. Their answers stay in each session.", "success")
    return back(class_id, "pupils")


def _csrf_ok() -> bool:
    """Whether the POST carried a valid CSRF token (a form with only a button)."""
    return forms.ButtonForm().validate_on_submit()


@login_required
def rename_class(class_id: int):
    """POST a new name for the class."""
    class_or_404(class_id)
    form = forms.ClassNameForm()
    if form.validate_on_submit():
        try:
            or_404(rosters.rename_class, class_id, logged_in_teacher_id(), form.name.data)
            flash("Class renamed.", "success")
        except rosters.RosterError as error:
            flash(str(error), "error")
    else:
        flash(" ".join(form.name.errors) or "The page had expired: please try again.", "error")
    return back(class_id)


@login_required
def delete(class_id: int):
    """GET: are you sure? POST: delete the class list; its sessions and their answers stay."""
    found = class_or_404(class_id)
    if forms.ButtonForm().validate_on_submit():
        or_404(rosters.delete_class, class_id, logged_in_teacher_id())
        flash(f"The class list “{found.name}” was deleted. Its sessions and answers are kept.", "success")
        return redirect(url_for("classes.index"), 303)
    return render_template("classes/delete.html", found=found)


@login_required
def merge(class_id: int):
    """POST two names on the list that are one pupil."""
    class_or_404(class_id)
    form = forms.MergeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        name = or_404(rosters.merge_pupils, class_id, logged_in_teacher_id(), form.keep.data, form.drop.data)
        flash(f"Merged: {name} now has both names’ sessions.", "success")
    except rosters.RosterError as error:
        flash(str(error), "error")
    return back(class_id, "pupils")


@login_required
def link(class_id: int, participant_id: int):
    """POST which name on the list a pupil who typed their name is (0: add them to the list as they typed it)."""
    class_or_404(class_id)
    form = forms.LinkForm()
    if not form.validate_on_submit():
        abort(400)
    teacher = logged_in_teacher_id()
    try:
        if form.pupil.data:
            name = or_404(
                roster_sessions.link_participant, class_id, teacher, participant_id, form.pupil.data
            )
        else:
            name = or_404(roster_sessions.add_and_link, class_id, teacher, participant_id)
        flash(f"Merged: those answers are now {name}’s.", "success")
    except rosters.RosterError as error:
        flash(str(error), "error")
    return back(class_id, "unlisted")


@login_required
def start(class_id: int):
    """POST a pack: start a live session of it for the class and open its projector page."""
    class_or_404(class_id)
    form = forms.StartForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        session_id = or_404(roster_sessions.start_for_class, class_id, logged_in_teacher_id(), form.pack.data)
    except InputError as error:
        flash(str(error), "error")
        return back(class_id, "start")
    return redirect(url_for("sessions.show", session_id=session_id), 303)


@login_required
def pupil(class_id: int, pupil_id: int):
    """One pupil's history: a row for each of the class's sessions, with their score or "not there"."""
    found = class_or_404(class_id)
    name, rows = or_404(roster_reports.history, class_id, logged_in_teacher_id(), pupil_id)
    return render_template("classes/pupil.html", found=found, name=name, rows=rows, percent=display.percent)


@login_required
def term_csv(class_id: int):
    """The whole class and term as one spreadsheet: a row per pupil per session, and each pupil's total."""
    found = class_or_404(class_id)
    text = or_404(roster_reports.term_csv, class_id, logged_in_teacher_id())
    return Response(
        text,
        content_type=CSV_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{display.csv_filename(found.name)}"',
            "Cache-Control": "private, no-store",
        },
    )


def session_context(session_id: int) -> dict:
    """What the session page shows of its class: ``session_class`` is ``(id, name)``, or None."""
    return {"session_class": roster_sessions.class_of_session(session_id, logged_in_teacher_id())}
