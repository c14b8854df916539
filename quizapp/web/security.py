"""Security headers on every response and the cookie rules, set up once by the factory.

The headers come from Flask-Talisman (a small, widely used extension; it
sets them in an ``after_request``, so HTML pages, static files, error pages
and JSON all get them). What it would do on its own that a school server
must not: redirect every plain-HTTP request to HTTPS (``force_https``) and
force the session cookie Secure. Many school LANs serve plain HTTP, where
both would lock everybody out, so both are off here and the cookie follows
``SESSION_COOKIE_SECURE`` instead (see ``CookieSessionInterface``).

The Content-Security-Policy allows scripts and styles from this site only:
no inline ``<script>``, no ``style=""``, no ``eval`` (htmx runs with
``allowEval: false`` and ``includeIndicatorStyles: false`` for that reason).
``img-src data:`` is there for base.html's empty ``data:,`` favicon, which
stops browsers asking for /favicon.ico.
"""

from __future__ import annotations

import logging
import re

from flask import jsonify, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import DENY, Talisman

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",  # nobody frames a quiz to click-jack a pupil or a teacher
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

# No page needs these; saying so stops an injected or embedded page from asking a child for them.
PERMISSIONS_POLICY = {
    "browsing-topics": "()",
    "camera": "()",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
}

talisman = Talisman()


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, whose Secure flag may follow the request (``"auto"``).

    ``SESSION_COOKIE_SECURE`` is True (always Secure), False (never), or
    ``"auto"``: Secure exactly when this request came over HTTPS. Behind a
    reverse proxy that ends TLS, the app sees HTTPS only through
    ``X-Forwarded-Proto``, trusted with ``quizapp serve --proxies N``.
    """

    def get_cookie_secure(self, app) -> bool:
        """Whether the session cookie set on this response carries ``Secure``."""
        setting = app.config["SESSION_COOKIE_SECURE"]
        if setting == "auto":
            return request.is_secure
        return bool(setting)


def init_app(app) -> None:
    """Headers on every response, the cookie rules, and a warning for a setting that cannot work."""
    talisman.init_app(
        app,
        force_https=False,  # plain-HTTP school LANs; a proxy in front does the redirect where there is TLS
        session_cookie_secure=False,  # ours: CookieSessionInterface reads SESSION_COOKIE_SECURE
        session_cookie_http_only=True,
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],  # Talisman writes it back: keep ours
        frame_options=DENY,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="same-origin",  # a link out of an article tells the other site nothing
        permissions_policy=PERMISSIONS_POLICY,
        # Sent only on HTTPS responses; no includeSubDomains, as the school's other hosts are not ours.
        strict_transport_security_include_subdomains=False,
    )
    app.session_interface = CookieSessionInterface()
    app.wsgi_app = LastResort(app.wsgi_app, app)
    app.before_request(refuse_json_that_is_not_an_object)
    app.before_request(refuse_unstorable_text)
    if app.config["SESSION_COOKIE_SECURE"] is True:
        app.before_request(secure_cookies_over_http_warning())


class LastResort:
    """WSGI middleware: an exception that escapes Flask itself gets a plain 500 that still carries the headers.

    Flask answers a view's exception with the 500 page, through Talisman.
    What escapes it (the 500 page failing in turn, an ``after_request``
    raising) used to reach gunicorn, whose own bare 500 has no
    Content-Security-Policy, nosniff or frame policy.
    """

    BODY = (
        b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong'
        b"</title></head><body><h1>Something went wrong</h1><p>The server could not answer this time. "
        b"Please try again in a moment.</p></body></html>"
    )

    def __init__(self, wsgi_app, flask_app):
        self.wsgi_app, self.flask_app = wsgi_app, flask_app

    def propagates(self) -> bool:
        """Whether Flask is set to let exceptions through (tests, debugging): then so does this."""
        setting = self.flask_app.config.get("PROPAGATE_EXCEPTIONS")
        return (self.flask_app.testing or self.flask_app.debug) if setting is None else bool(setting)

    def __call__(self, environ, start_response):
        try:
            return self.wsgi_app(environ, start_response)
        except Exception:
            if self.propagates():
                raise
            log.exception(
                "Unhandled error outside Flask's handlers during %s %s",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO"),
            )
            # No exc_info: nothing was sent yet (Flask starts a response only when returning one).
            start_response("500 Internal Server Error", last_resort_headers(len(self.BODY)))
            return [self.BODY]


def last_resort_headers(length: int) -> list[tuple[str, str]]:
    """The headers Talisman would have set, for a response made without Flask."""
    return [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(length)),
        ("Cache-Control", "no-store"),
        (
            "Content-Security-Policy",
            "; ".join(f"{name} {value}" for name, value in CONTENT_SECURITY_POLICY.items()),
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", ", ".join(f"{name}={value}" for name, value in PERMISSIONS_POLICY.items())),
    ]


def refuse_json_that_is_not_an_object():
    """400 for a JSON body that is not ``{name: value, ...}``, before any form reads it.

    Flask-WTF fills every form from a JSON body when one is sent, and
    Werkzeug's MultiDict raises TypeError for a list, a number or a string:
    without this a script posting ``[1, 2]`` to any form would get a 500.
    A body that is not JSON at all raises BadRequest here, which
    ``errors.bad_request`` answers.
    """
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.is_json:
        body = request.get_json()
        if body is not None and not isinstance(body, dict):
            return jsonify(error="Send a JSON object: field names and their values."), 400
    return None


UNSTORABLE = (
    "That contains a character that cannot be stored (a NUL byte or half of a character pair): "
    "remove it and try again."
)
# NUL: PostgreSQL refuses it in text ("A string literal cannot contain NUL"); a lone surrogate (JSON's
# "\ud800") cannot be encoded for any database or page. Either used to end in a 500.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def refuse_unstorable_text():
    """400 for a URL, query, form or JSON body holding text no database can store, before any view reads it.

    Uploaded files are not looked at here: they are decoded by the code that reads them.
    """
    texts = [request.path, *_every_value(request.args)]
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if request.is_json:
            texts += list(_strings(request.get_json(silent=True)))
        else:
            texts += _every_value(request.form)
    if not any(_UNSTORABLE.search(text) for text in texts):
        return None
    from quizapp.web.errors import wants_json  # the error pages' own rule for who gets JSON

    if wants_json():
        return jsonify(error=UNSTORABLE), 400
    return render_template("errors/bad_request.html", message=UNSTORABLE), 400


def _every_value(multidict) -> list[str]:
    """Every key and every value of a query or form, the second and later values of a key too."""
    return [text for key, values in multidict.lists() for text in (key, *values)]


def _strings(value):
    """Every string in a parsed JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def secure_cookies_over_http_warning():
    """A ``before_request`` that logs, once per app, that Secure cookies over plain HTTP make every form fail.

    A browser does not send a Secure cookie back over HTTP, so each form
    comes back without its session and is refused as expired: the log should
    say why before an admin has to guess.
    """
    warned = False

    def warn() -> None:
        nonlocal warned
        if warned or request.is_secure:
            return
        warned = True
        log.warning(
            "QUIZAPP_SECURE_COOKIES is on but %s came over plain HTTP: browsers will not send the "
            "session cookie back, so logins and forms will fail. Serve over HTTPS (with `quizapp serve "
            "--proxies 1` behind a TLS proxy) or set QUIZAPP_SECURE_COOKIES=auto.",
            request.path,
        )

    return warn
