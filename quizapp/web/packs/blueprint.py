"""URL rules of the pack editor, under /teacher/packs; every page needs a teacher who owns the pack."""

from flask import Blueprint

from quizapp.web.packs import views

bp = Blueprint("packs", __name__, url_prefix="/teacher/packs")

bp.add_url_rule("/new", view_func=views.new, methods=["GET", "POST"])
bp.add_url_rule("/import", view_func=views.import_pack, methods=["GET", "POST"])
bp.add_url_rule("/<int:pack_id>", view_func=views.review, methods=["GET", "POST"])
bp.add_url_rule("/<int:pack_id>/sessions", view_func=views.start_session, methods=["POST"])
bp.add_url_rule("/<int:pack_id>/public", view_func=views.share, methods=["POST"])
bp.add_url_rule("/<int:pack_id>/duplicate", view_func=views.duplicate, methods=["POST"])
bp.add_url_rule("/<int:pack_id>/delete", view_func=views.delete, methods=["GET", "POST"])
bp.add_url_rule("/<int:pack_id>/export/<fmt>", view_func=views.export)
bp.add_url_rule("/<int:pack_id>/questions/new", view_func=views.edit_question, methods=["GET", "POST"])
bp.add_url_rule("/<int:pack_id>/questions/preview", view_func=views.preview, methods=["POST"])
bp.add_url_rule(
    "/<int:pack_id>/questions/<int:number>/edit", view_func=views.edit_question, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/<int:pack_id>/questions/<int:number>/delete", view_func=views.delete_question, methods=["GET", "POST"]
)
bp.add_url_rule("/<int:pack_id>/questions/<int:number>/move", view_func=views.move_question, methods=["POST"])
