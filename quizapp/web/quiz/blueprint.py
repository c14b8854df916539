"""URL rules of the quiz feature and its error handler (its template helpers live in ``web/common``)."""

from flask import Blueprint
from flask_wtf.csrf import CSRFError

from quizapp.web.quiz import views

bp = Blueprint("quiz", __name__)

bp.add_url_rule("/articles/<slug>/quiz", view_func=views.quiz, methods=["GET", "POST"])

# Only for this blueprint's routes: elsewhere a stale form gets the app's generic 400 page.
bp.register_error_handler(CSRFError, views.expired)
