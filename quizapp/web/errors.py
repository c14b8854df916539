"""Error pages a reader can act on: never a traceback, always a way home."""

from __future__ import annotations

import time

from flask import current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    InternalServerError,
    NotFound,
    RequestEntityTooLarge,
    TooManyRequests,
)

from quizapp.extensions import limiter
from quizapp.services import ownership
from quizapp.text.errors import InputError, QuizappError


def not_found(error: NotFound):
    """The page (usually an article slug) does not exist."""
    return render_template("errors/404.html"), 404


def not_theirs(error: ownership.NotFound):
    """A service found nothing by that id for this teacher: missing, another's or a seed, all the same 404.

    Raised inside the service that checks ownership (issue 13), so a view
    needs no check of its own and no try/except to answer it.
    """
    return not_found(NotFound())


def forbidden(error: Forbidden):
    """Refused for who is asking (a pupil posting into a class this browser did not join): the view's reason."""
    message = (
        error.description
        if error.description != Forbidden.description
        else ("This page is not yours to change. If you are a pupil, join the class with its code first.")
    )
    if wants_json():
        return jsonify(error=message), 403
    return render_template("errors/403.html", message=message), 403


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


def wants_json() -> bool:
    """Whether the client sent or asked for JSON: it gets ``{"error": ...}`` rather than a page."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.is_json or best == "application/json"


def bad_request(error: BadRequest):
    """Malformed input the view could not read (a broken JSON body, a form Werkzeug refused): 400, not 500."""
    message = "What was sent is not valid JSON." if request.is_json else "What was sent could not be read."
    if wants_json():
        return jsonify(error=message), 400
    return render_template("errors/bad_request.html", message=message), 400


def too_large(error: RequestEntityTooLarge):
    """An upload or form over ``MAX_CONTENT_LENGTH`` (or Werkzeug's form limits): say the limit."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    message = (
        f"quizapp accepts files and texts up to {limit / (1024 * 1024):g} MB."
        if limit
        else "quizapp cannot accept that much at once."
    )
    if wants_json():
        return jsonify(error=message), 413
    return render_template("errors/413.html", message=message), 413


def too_many_requests(error: TooManyRequests):
    """A rate limit was reached (Flask-Limiter): say how long to wait; Retry-After says it to programs."""
    message = f"Please wait {wait_words()} and try again."
    if wants_json():
        return jsonify(error=message), 429
    return render_template("errors/429.html", message=message), 429


def wait_words() -> str:
    """How long until the limit that was hit resets, in words: "40 seconds", "3 minutes"."""
    current = limiter.current_limit
    seconds = max(1, current.reset_at - int(time.time())) if current else 60
    if seconds <= 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = max(2, round(seconds / 60))
    return f"{minutes} minutes" if minutes <= 90 else f"{round(minutes / 60)} hours"


def init_app(app) -> None:
    """Register the handlers on ``app``."""
    app.register_error_handler(NotFound, not_found)
    app.register_error_handler(ownership.NotFound, not_theirs)
    app.register_error_handler(Forbidden, forbidden)
    app.register_error_handler(CSRFError, form_expired)  # a BadRequest too: the more specific handler wins
    app.register_error_handler(BadRequest, bad_request)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.register_error_handler(TooManyRequests, too_many_requests)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(QuizappError, quizapp_error)
