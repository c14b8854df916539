"""A pupil picks the version of the story that suits them, in a class whose teacher lets pupils choose.

Only before their first answer: the answers are numbered by the questions
of the level they were given at (``services.session_levels``).
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for

from quizapp.services import classroom, session_levels
from quizapp.web.join import views
from quizapp.web.join.cookie import remembered


def choose(code: str):
    """Switch this pupil to the level posted as ``level`` and show the class page at it; 409 saying why not."""
    code = classroom.normalise_code(code)
    pupil = views.pupil_or_join(code)  # 403 first for a browser that has not joined, whatever it posted
    token = remembered().get(code)
    level_id = request.form.get("level", type=int)
    if level_id is None:
        abort(400)
    try:
        session_levels.choose_level(code, token or "", level_id)
    except classroom.NotJoined:
        abort(403)
    except LookupError:
        abort(404)
    except classroom.ClassroomError as exc:  # the teacher chooses, or the pupil has answered already: 409
        return views.render_class(pupil, problem=str(exc), status_code=409)
    flash("Your text and questions changed to the level you chose.", "success")
    return redirect(url_for("join.class_page", code=code), 303)
