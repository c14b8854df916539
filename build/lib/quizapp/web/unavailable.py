"""The database did not answer: a calm "try again" (503) instead of a traceback, and the server carries on.

What counts: ``sqlalchemy.exc.OperationalError`` is what the driver raises
when the database is unreachable or busy beyond waiting: PostgreSQL stopped
or restarting, the network to it cut, an SQLite file locked by another
process for longer than the busy timeout (``quizapp.database``). Pool
exhaustion (``sqlalchemy.exc.TimeoutError``) means the same to a pupil.

Nothing is half-written: every service writes inside ``transactions.writing()``,
which rolls back on the way out of the failed block, and Flask-SQLAlchemy
removes the request's session at teardown. The worker stays up; the next
request gets a fresh connection (``pool_pre_ping`` replaces dead ones).

The page renders without touching the database: it does not extend
base.html, whose header asks Flask-Login for the current teacher, a
database read that would fail again inside the handler. An htmx request
(a pupil's autosave) gets a small fragment for the question's status
instead of a whole page. ``Retry-After`` tells scripts and proxies when.
"""

from __future__ import annotations

import logging

from flask import render_template, request
from sqlalchemy.exc import OperationalError, TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def database_unavailable(error: Exception):
    """503 with a page (or, for htmx, a fragment) that says nothing was saved and to try again."""
    log.warning("Database unavailable during %s %s: %s", request.method, request.path, _first_line(error))
    template = "errors/_unavailable.html" if request.headers.get("HX-Request") else "errors/503.html"
    html = render_template(template, saving=request.method == "POST", retry_after=RETRY_AFTER_SECONDS)
    return html, 503, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def _first_line(error: Exception) -> str:
    """The driver's message without SQLAlchemy's SQL and background link: enough for the log."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def init_app(app) -> None:
    """Register the handler on ``app`` for both kinds of "the database is not there"."""
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(PoolTimeout, database_unavailable)
