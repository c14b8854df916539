"""URL rules of classes (rosters): the teacher's under /teacher/classes, and the pupil's name list at /join.

The name list's POST counts against the join limits like the join form.
"""

from flask import Blueprint

from quizapp.web.classes import levels, pupils, views
from quizapp.web.join import limits

bp = Blueprint("classes", __name__)

bp.add_url_rule("/teacher/classes", view_func=views.index, methods=["GET", "POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>", view_func=views.show)
bp.add_url_rule("/teacher/classes/<int:class_id>/pupils", view_func=views.add_names, methods=["POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>/pupils/<int:pupil_id>", view_func=views.pupil)
bp.add_url_rule(
    "/teacher/classes/<int:class_id>/pupils/<int:pupil_id>/rename", view_func=views.rename, methods=["POST"]
)
bp.add_url_rule(
    "/teacher/classes/<int:class_id>/pupils/<int:pupil_id>/remove", view_func=views.remove, methods=["POST"]
)
bp.add_url_rule("/teacher/classes/<int:class_id>/levels", view_func=levels.levels, methods=["GET", "POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>/rename", view_func=views.rename_class, methods=["POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>/delete", view_func=views.delete, methods=["GET", "POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>/merge", view_func=views.merge, methods=["POST"])
bp.add_url_rule(
    "/teacher/classes/<int:class_id>/unlisted/<int:participant_id>", view_func=views.link, methods=["POST"]
)
bp.add_url_rule("/teacher/classes/<int:class_id>/sessions", view_func=views.start, methods=["POST"])
bp.add_url_rule("/teacher/classes/<int:class_id>/term.csv", view_func=views.term_csv)
bp.add_url_rule("/join/<code>/names", view_func=limits.join_limits(pupils.pick_name), methods=["GET", "POST"])
