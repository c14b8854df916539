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
database read that would fail again inside the handler. Flask-Login's
context processor asks too, for every template, so the handler first tells
it that this request has no teacher (a logged-in teacher's page used to
fail a second time here and end as gunicorn's bare 500). An htmx request
(a pupil's autosave) gets a small fragment for the question's status
instead of a whole page. ``Retry-After`` tells scripts and proxies when.
"""

from __future__ import annotations

import logging

from flask import g, render_template, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from quizapp.extensions import login_manager
from quizapp.web.common.htmx import is_htmx

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def database_unavailable(error: Exception):
    """503 with a page (or, for htmx, a fragment) that says nothing was saved and to try again."""
    log.warning("Database unavailable during %s %s: %s", request.method, request.path, _first_line(error))
    forget_the_teacher()
    template = "errors/_unavailable.html" if is_htmx() else "errors/503.html"
    html = render_template(template, saving=request.method == "POST", retry_after=RETRY_AFTER_SECONDS)
    return html, 503, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def forget_the_teacher() -> None:
    """Make ``current_user`` anonymous for the rest of this request, so no template loads the teacher again.

    Flask-Login caches the user in ``g._login_user``; a failed load cached
    nothing, so each ``current_user`` (its context processor runs for every
    template) would try the database again and raise inside this handler.
    """
    g._login_user = login_manager.anonymous_user()


def _first_line(error: Exception) -> str:
    """The driver's message without SQLAlchemy's SQL and background link: enough for the log."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def init_app(app) -> None:
    """Register the handler on ``app`` for both kinds of "the database is not there"."""
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(PoolTimeout, database_unavailable)
