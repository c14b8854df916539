"""Rate limits on logging in and registering: by client address and by the e-mail address tried.

A whole school often reaches the server from one address, so the per-address
limit is generous and the per-e-mail one is tight: guessing one teacher's
password is slow from anywhere, while a staff room logging in at 8:00 is not
refused. Logins count only failures (a 422 answer), so a teacher who logs in
and out all day never meets the limit. Where the counts live is
``RATELIMIT_STORAGE_URI`` (memory for one process, Redis for several).
The numbers are settings (``LOGIN_LIMIT_PER_ADDRESS``... in quizapp/config.py).
"""

from __future__ import annotations

from flask import current_app, request

from quizapp.extensions import limiter


def submitted_email() -> str:
    """The rate-limit key of the e-mail address in the form, as the account would store it.

    Empty when there is none: Flask-Limiter then skips this limit (the
    per-address one still applies).
    """
    email = request.form.get("email", "").strip().casefold()
    return f"email:{email}" if email else ""


def setting(name: str):
    """The limit string ``name`` from the app's config, read per request (tests and admins may change it)."""
    return lambda: current_app.config[name]


def failed(response) -> bool:
    """Whether a login attempt failed: the form came back with an error (422)."""
    return response.status_code == 422


def limit_login(view):
    """``view`` with the login limits: failed attempts per client address and per e-mail address."""
    view = limiter.limit(setting("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"], deduct_when=failed)(view)
    return limiter.limit(
        setting("LOGIN_LIMIT_PER_EMAIL"), key_func=submitted_email, methods=["POST"], deduct_when=failed
    )(view)


def limit_register(view):
    """``view`` with the registration limits: every attempt, per client address and per e-mail address."""
    view = limiter.limit(setting("REGISTER_LIMIT_PER_ADDRESS"), methods=["POST"])(view)
    return limiter.limit(setting("REGISTER_LIMIT_PER_EMAIL"), key_func=submitted_email, methods=["POST"])(
        view
    )


def limit_reset(view):
    """``view`` with the reset-link limits: every request for a link, per client address and per e-mail address.

    Like registering, every attempt counts (the page answers alike whether
    the address has an account, so there is no failure to count); the
    per-e-mail limit also keeps anyone from filling a teacher's inbox.
    """
    view = limiter.limit(setting("RESET_LIMIT_PER_ADDRESS"), methods=["POST"])(view)
    return limiter.limit(setting("RESET_LIMIT_PER_EMAIL"), key_func=submitted_email, methods=["POST"])(view)
