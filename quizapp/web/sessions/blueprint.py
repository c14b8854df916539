"""URL rules of a teacher's class sessions, under /teacher/sessions; every page needs the teacher who started it.

The start button lives on the pack's page, so its rule is the packs blueprint's
(``POST /teacher/packs/<pack_id>/sessions``).
"""

from flask import Blueprint

from quizapp.web.sessions import levels, views

bp = Blueprint("sessions", __name__, url_prefix="/teacher/sessions")

bp.add_url_rule("", view_func=views.index)
bp.add_url_rule("/<int:session_id>", view_func=views.show)
bp.add_url_rule("/<int:session_id>/live", view_func=views.live)
bp.add_url_rule("/<int:session_id>/qr.svg", view_func=views.qr)
bp.add_url_rule("/<int:session_id>/close", view_func=views.close, methods=["POST"])
bp.add_url_rule("/<int:session_id>/reopen", view_func=views.reopen, methods=["POST"])
bp.add_url_rule("/<int:session_id>/delete", view_func=views.delete, methods=["GET", "POST"])
bp.add_url_rule("/<int:session_id>/participants/<int:participant_id>", view_func=levels.pupil)
bp.add_url_rule(
    "/<int:session_id>/participants/<int:participant_id>/answers/<int:number>/override",
    view_func=views.override,
    methods=["POST"],
)
bp.add_url_rule(
    "/<int:session_id>/questions/<int:number>/accept", view_func=views.accept_for_everyone, methods=["POST"]
)
bp.add_url_rule(
    "/<int:session_id>/participants/<int:participant_id>/level", view_func=levels.assign, methods=["POST"]
)
bp.add_url_rule("/<int:session_id>/answers.csv", view_func=views.answers_csv)
bp.add_url_rule("/<int:session_id>/summary.csv", view_func=views.summary_csv)
