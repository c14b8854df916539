"""URL rules of the quiz feature, its error handler, and the template helpers its pages use."""

from flask import Blueprint
from flask_wtf.csrf import CSRFError

from quizapp.web.quiz import evidence, results, views

bp = Blueprint("quiz", __name__)

bp.add_url_rule("/articles/<slug>/quiz", view_func=views.quiz, methods=["GET", "POST"])

# Only for this blueprint's routes: elsewhere a stale form gets the app's generic 400 page.
bp.register_error_handler(CSRFError, views.expired)

bp.add_app_template_filter(results.points, "points")
bp.add_app_template_global(results.verdict_icon, "verdict_icon")
bp.add_app_template_global(results.verdict_word, "verdict_word")
bp.add_app_template_global(results.shown_response, "shown_response")
bp.add_app_template_global(results.shown_answer, "shown_answer")
bp.add_app_template_global(results.shown_feedback, "shown_feedback")
bp.add_app_template_global(evidence.evidence_id, "evidence_id")
bp.add_app_template_global(evidence.result_id, "result_id")
