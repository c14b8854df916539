"""Security headers on every kind of response, and the cookie rules (issue 6, Security).

The headers are checked on an HTML page, a static file, the 404 and 500
pages, a refused form (400), a wrong method (405) and a JSON response, since
an ``after_request`` that some path skips would leave that path unprotected.
"""

import logging

import pytest

from quizapp import create_app
from quizapp.config import secure_cookies

pytestmark = pytest.mark.db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)


@pytest.fixture
def broken_app(app):
    """``app`` with a view that raises, as a bug would (propagation off, so the 500 page is served)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/_test/broken", view_func=broken)
    return app


def assert_protected(response):
    """The headers every response must carry, whatever made it."""
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize(
    "method, url, status",
    [
        ("get", "/", 200),  # HTML page
        ("get", "/login", 200),  # a page with a form (and a cookie)
        ("get", "/static/css/app.css", 200),  # static file
        ("get", "/static/vendor/htmx.min.js", 200),  # the script the live pages load
        ("get", "/no-such-page", 404),  # error page
        ("post", "/login", 400),  # CSRF refusal (no token)
        ("put", "/login", 405),  # wrong method
        ("get", "/_test/broken", 500),  # a bug's error page
    ],
)
def test_every_kind_of_response_carries_the_security_headers(broken_app, method, url, status):
    response = getattr(broken_app.test_client(), method)(url)
    assert response.status_code == status
    assert_protected(response)


def test_a_bug_shows_the_friendly_page_not_the_traceback(broken_app):
    response = broken_app.test_client().get("/_test/broken")
    assert "a bug" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(
        as_text=True
    )


def test_json_responses_carry_the_headers_too(client):
    response = client.get("/healthz")
    assert response.is_json
    assert_protected(response)


def test_plain_http_is_served_not_redirected_to_https(client):
    """Many school LANs have no HTTPS: forcing it would lock everyone out."""
    response = client.get("/")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers


def test_https_responses_ask_the_browser_to_stay_on_https(client):
    response = client.get("/", base_url="https://quiz.school.example")
    assert response.headers["Strict-Transport-Security"] == "max-age=31556926"


# ---- cookies -------------------------------------------------------------------------------------


def session_cookie(response) -> str:
    """The Set-Cookie header of the session cookie."""
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def attributes(cookie: str) -> set[str]:
    """The cookie's attributes, lower case: {'httponly', 'path=/', 'samesite=lax', ...}."""
    return {part.strip().lower() for part in cookie.split(";")[1:]}


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    cookie = attributes(session_cookie(client.get("/login")))
    assert {"httponly", "samesite=lax"} <= cookie


def test_by_default_the_cookie_is_secure_exactly_when_served_over_https(client):
    assert "secure" not in attributes(session_cookie(client.get("/login")))
    assert "secure" in attributes(
        session_cookie(client.get("/login", base_url="https://quiz.school.example"))
    )


def test_behind_a_tls_proxy_the_forwarded_scheme_makes_the_cookie_secure(app):
    """``quizapp serve --proxies 1`` wraps the app in ProxyFix; the cookie then follows X-Forwarded-Proto."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
    response = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "secure" in attributes(session_cookie(response))


@pytest.mark.parametrize("setting, over_http, over_https", [("on", True, True), ("off", False, False)])
def test_secure_cookies_can_be_forced_on_or_off(app_config, monkeypatch, setting, over_http, over_https):
    app = create_app({**app_config, "SESSION_COOKIE_SECURE": secure_cookies(setting)})
    client = app.test_client()
    assert ("secure" in attributes(session_cookie(client.get("/login")))) is over_http
    client = app.test_client()
    https = client.get("/login", base_url="https://quiz.school.example")
    assert ("secure" in attributes(session_cookie(https))) is over_https
    assert app.config["REMEMBER_COOKIE_SECURE"] is over_https
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True and app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_the_environment_sets_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/quiz.db")
    monkeypatch.setenv("QUIZAPP_SECURE_COOKIES", "On")
    assert create_app().config["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("QUIZAPP_SECURE_COOKIES", "0")
    assert create_app().config["SESSION_COOKIE_SECURE"] is False


def test_a_secure_cookie_setting_that_means_nothing_stops_the_start(app_config):
    with pytest.raises(RuntimeError, match="QUIZAPP_SECURE_COOKIES='maybe'.*auto.*on.*off"):
        create_app({**app_config, "SESSION_COOKIE_SECURE": "maybe"})


def test_secure_cookies_over_plain_http_are_explained_in_the_log(app_config, caplog):
    app = create_app({**app_config, "SESSION_COOKIE_SECURE": True})
    with caplog.at_level(logging.WARNING, logger="quizapp.web.security"):
        app.test_client().get("/login")
    assert "QUIZAPP_SECURE_COOKIES is on but /login came over plain HTTP" in caplog.text


def test_production_refuses_to_start_without_a_secret_key(app_config):
    with pytest.raises(RuntimeError, match="QUIZAPP_SECRET_KEY is not set"):
        create_app({**app_config, "QUIZAPP_ENV": "production", "SECRET_KEY": ""})


def test_an_error_that_escapes_flask_still_gets_a_500_with_the_headers(broken_app):
    """Issue 14 (Low): when the 500 page itself failed (the database down, say), gunicorn answered with its own
    bare 500, without any security header."""
    from werkzeug.exceptions import InternalServerError

    def failing_500_page(error):
        raise RuntimeError("the error page failed too")

    broken_app.register_error_handler(InternalServerError, failing_500_page)
    response = broken_app.test_client().get("/_test/broken")
    assert response.status_code == 500
    assert_protected(response)
    assert "Something went wrong" in response.get_data(as_text=True)
    assert "the error page failed too" not in response.get_data(as_text=True)
