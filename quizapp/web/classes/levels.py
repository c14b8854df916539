"""The class list's reading levels: the teacher sets each pupil's CEFR level once, for every levelled session.

Kept beside ``views`` (the class page) as a page of its own: one select per
pupil and one Save, so a class of thirty is set in one go and nothing is
half-saved (``services.roster_levels.set_levels`` is all or nothing).
"""

from __future__ import annotations

from flask import abort, flash, render_template, request
from flask_login import login_required

from quizapp.services import roster_levels, rosters
from quizapp.text.reading.reading_level import CEFR
from quizapp.web.auth import logged_in_teacher_id
from quizapp.web.classes.views import back, class_or_404, or_404

FIELD = "level-"  # each pupil's select is named level-<pupil id>


@login_required
def levels(class_id: int):
    """GET: each pupil's level with a select to change it. POST: save them all, or none and say why."""
    found = class_or_404(class_id)
    problem, status, posted = "", 200, {}
    if request.method == "POST":
        posted = _posted()  # the app's CSRF check has passed: a stale page never gets this far
        try:
            changed = or_404(roster_levels.set_levels, class_id, logged_in_teacher_id(), posted)
        except rosters.RosterError as error:
            problem, status = str(error), 422
        else:
            flash(f"Reading levels saved ({changed} changed).", "success")
            return back(class_id, "pupils")
    chosen = {p.id: posted.get(p.id, p.level or roster_levels.NOT_SET) for p in found.pupils}
    return render_template(
        "classes/levels.html", found=found, chosen=chosen, cefr=CEFR, problem=problem
    ), status


def _posted() -> dict[int, str]:
    """The levels the form sent, by pupil id; 400 for a field name that is not ``level-<number>``."""
    wanted = {}
    for key, value in request.form.items():
        if key.startswith(FIELD):
            number = key.removeprefix(FIELD)
            if not number.isdigit():
                abort(400)
            wanted[int(number)] = value
    return wanted
