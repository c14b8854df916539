"""URL rules of the teacher's articles; every page needs a logged-in teacher (the views say so)."""

from flask import Blueprint

from quizapp.web.articles import changes, views

bp = Blueprint("articles", __name__, url_prefix="/teacher/articles")

bp.register_error_handler(413, views.too_big)

bp.add_url_rule("", view_func=views.index)
bp.add_url_rule("/new", view_func=views.new, methods=["GET", "POST"])
bp.add_url_rule("/jobs/<int:job_id>", view_func=views.job)
bp.add_url_rule("/jobs/<int:job_id>/status", view_func=views.job_status)
bp.add_url_rule("/<int:article_id>/edit", view_func=views.edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:article_id>/actors/<actor_id>", view_func=views.edit_actor, methods=["POST"])
bp.add_url_rule(
    "/<int:article_id>/actors/<actor_id>/drop", view_func=views.drop_actor, methods=["GET", "POST"]
)
bp.add_url_rule("/<int:article_id>/actors/<actor_id>/merge", view_func=views.merge_actor, methods=["POST"])
bp.add_url_rule("/<int:article_id>/text", view_func=changes.edit_text, methods=["GET", "POST"])
bp.add_url_rule("/<int:article_id>/delete", view_func=changes.delete, methods=["GET", "POST"])
bp.add_url_rule("/packs/<int:pack_id>/reviewed", view_func=changes.pack_reviewed, methods=["POST"])
