"""Who is asking: helpers for the views of every teacher page.

Whether she may see or change a row is the service's check (it takes her
id from here); see ``quizapp.services.ownership``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user


def current_teacher_id() -> int | None:
    """The logged-in teacher's id; None for a pupil (nobody logged in), without touching the database."""
    return current_user.id if current_user.is_authenticated else None


def logged_in_teacher_id() -> int:
    """The teacher's id in a page behind ``login_required`` (which sends anyone else to log in first).

    A helper such a page calls cannot be reached without a teacher; if it
    ever were, the answer is 401 rather than a service handed no owner.
    """
    teacher_id = current_teacher_id()
    if teacher_id is None:
        abort(401)
    return teacher_id


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: a login link must not send anyone elsewhere.

    Refuses absolute URLs, scheme-relative ``//host`` and the ``/\\host``
    that some browsers read as one.
    """
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
