"""Now, as the pages see it: the wall clock, unless a test set ``CLOCK`` in the app's config.

Services never read the clock for rules that depend on the time (homework
opening and due dates); views pass them ``now()``, so a test sets the time
by putting a function in the config instead of sleeping or waiting.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from quizapp.models.columns import utcnow


def now() -> datetime:
    """The current UTC time without tzinfo (as the database keeps times), or the test's ``CLOCK()``."""
    return current_app.config.get("CLOCK", utcnow)()
