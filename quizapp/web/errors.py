"""Error pages a reader can act on: never a traceback, always a way home."""

from __future__ import annotations

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import InternalServerError, NotFound

from quizapp.text.errors import InputError, QuizappError

def not_found(error: NotFound):
    """The page (usually an article slug) does not exist."""
    return render_template("errors/404.html"), 404

def form_expired(error: CSRFError):
    """A form came back without a valid CSRF token: usually a page left open too long."""
    return render_template("errors/400.html"), 400

def server_error(error: InternalServerError):
    """Something broke; the details go to the log, not to the page."""
    return render_template("errors/500.html"), 500

def quizapp_error(error: QuizappError):
    """An error whose message was written for people: show it (422 for bad input, else 500)."""
    status = 422 if isinstance(error, InputError) else 500
    return render_template("errors/problem.html", message=str(error), status=status), status

def init_app(app) -> None:
    """Register the handlers on ``app``."""
    app.register_error_handler(NotFound, not_found)
    app.register_error_handler(CSRFError, form_expired)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(QuizappError, quizapp_error)
