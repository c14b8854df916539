"""URL rules of stories, under /teacher/stories; changing one needs the teacher who made it (the service checks)."""

from flask import Blueprint

from quizapp.web.stories import views

bp = Blueprint("stories", __name__, url_prefix="/teacher/stories")

bp.add_url_rule("", view_func=views.index, methods=["GET", "POST"])
bp.add_url_rule("/<int:story_id>", view_func=views.show)
bp.add_url_rule("/<int:story_id>/title", view_func=views.rename, methods=["POST"])
bp.add_url_rule("/<int:story_id>/versions", view_func=views.add_version, methods=["POST"])
bp.add_url_rule(
    "/<int:story_id>/versions/<int:article_id>/remove", view_func=views.remove_version, methods=["POST"]
)
bp.add_url_rule("/<int:story_id>/sessions", view_func=views.start_session, methods=["POST"])
