"""URL rules of homework, under /teacher: set a pack (or a story at its levels) as homework, move a due date."""

from flask import Blueprint

from quizapp.web.homework import views

bp = Blueprint("homework", __name__, url_prefix="/teacher")

bp.add_url_rule("/packs/<int:pack_id>/homework", view_func=views.new, methods=["GET", "POST"])
bp.add_url_rule("/stories/<int:story_id>/homework", view_func=views.new_levelled, methods=["GET", "POST"])
bp.add_url_rule("/sessions/<int:session_id>/due", view_func=views.change_due, methods=["POST"])
