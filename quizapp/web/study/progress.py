"""A pupil's progress without an account: a signed cookie of their latest attempts.

Why a cookie of its own rather than the Flask session cookie:

* Size. The session cookie already carries a teacher's login, the CSRF
  token and a pupil's classroom join token. Thirty attempts with their
  titles could push it past the 4 KB browsers keep, and a browser drops an
  oversized cookie whole: a pupil would lose their place in a class.
* Forgetting. "Forget my progress" deletes this cookie only; nobody is
  logged out and no classroom place is lost.
* Scope. It is sent only to ``/study`` pages (its path), not with every
  request of the app.
* Trust. It is signed with the app's secret key and its own salt
  (itsdangerous, as Flask signs its session): a cookie that was edited, or
  signed by another app, is read as "no progress", and records that do not
  fit the expected shape are dropped one by one (``study.from_records``).

The cookie is not encrypted: it holds titles and scores, nothing personal,
on the pupil's own device. On a shared Chromebook the next pupil would
see them, hence the button to forget them.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from quizapp.services import study
from quizapp.services.study import Attempt

COOKIE = "quizapp_study"
SALT = "quizapp.study.progress"
MAX_BYTES = 3500  # under the 4096 browsers keep per cookie, with room for the name and attributes
MAX_AGE = timedelta(days=365)  # a school year and a bit


def _serializer() -> URLSafeSerializer:
    """Signs and checks the cookie (zlib-compressed JSON when that is shorter)."""
    return URLSafeSerializer(current_app.secret_key or "", salt=SALT)  # create_app always sets a key


def load() -> tuple[Attempt, ...]:
    """This request's progress; none if there is no cookie or it was not signed by this app."""
    raw = request.cookies.get(COOKIE, "")
    if not raw or len(raw) > 4096:
        return ()
    try:
        data = _serializer().loads(raw)
    except (BadSignature, UnicodeDecodeError, ValueError):
        return ()
    return study.from_records(data)


def encode(history: tuple[Attempt, ...]) -> str:
    """The cookie's value, the oldest attempts dropped until it fits in ``MAX_BYTES``."""
    records = study.to_records(history)
    value = _serializer().dumps(records)
    while len(value) > MAX_BYTES and records:
        records = records[1:]
        value = _serializer().dumps(records)
    return value


def save(response, history: tuple[Attempt, ...]) -> None:
    """Set the progress cookie on ``response``, with the session cookie's Secure rule."""
    response.set_cookie(
        COOKIE,
        encode(history),
        max_age=MAX_AGE,
        path=_path(),
        httponly=True,
        samesite="Lax",
        secure=_secure(),
    )


def forget(response) -> None:
    """Delete the progress cookie."""
    response.delete_cookie(COOKIE, path=_path(), httponly=True, samesite="Lax", secure=_secure())


def _secure() -> bool:
    """Whether the cookie needs HTTPS: as the session cookie does (``QUIZAPP_SECURE_COOKIES``, "auto" by request)."""
    return bool(current_app.session_interface.get_cookie_secure(current_app))


def _path() -> str:
    """The study pages' path (with the app's own prefix if it is mounted under one)."""
    return url_for("study.index")
