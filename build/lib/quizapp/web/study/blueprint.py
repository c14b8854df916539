"""URL rules of self-study and its error handler."""

from flask import Blueprint
from flask_wtf.csrf import CSRFError

from quizapp.web.study import chart, views

bp = Blueprint("study", __name__, url_prefix="/study")

# "/study" and "/study/" both: the link is typed and read aloud as "/study".
bp.add_url_rule("", view_func=views.index, strict_slashes=False)
bp.add_url_rule("/articles/<slug>", view_func=views.article, methods=["GET", "POST"])
bp.add_url_rule("/packs/<int:pack_id>", view_func=views.pack, methods=["GET", "POST"])
bp.add_url_rule("/progress", view_func=views.show_progress)
bp.add_url_rule("/progress/forget", view_func=views.forget, methods=["POST"])

# Only for this blueprint's routes: a stale answer form comes back with the answers kept, as in the quiz.
bp.register_error_handler(CSRFError, views.expired)

bp.add_app_template_filter(chart.percent_text, "percent_text")
