"""Guessing passwords is slow: failed logins and new accounts are limited per address and per e-mail.

CSRF is off in these apps (it is tested on its own in test_csrf.py) so that
each POST is one attempt; the limits are small settings so that a test makes
a handful of requests, not hundreds.
"""

import pytest
from html_tree import parse

from quizapp import create_app
from quizapp.services import teachers

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"
LIMITS = {
    "WTF_CSRF_ENABLED": False,
    "LOGIN_LIMIT_PER_ADDRESS": "6 per minute",
    "LOGIN_LIMIT_PER_EMAIL": "3 per minute",
    "REGISTER_LIMIT_PER_ADDRESS": "3 per hour",
    "REGISTER_LIMIT_PER_EMAIL": "2 per hour",
}


@pytest.fixture
def app(app_config):
    """An app with small limits and Ann's account."""
    app = create_app({**app_config, **LIMITS})
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", PASSWORD)
    return app


def login(app, email="ann@school.example", password="wrong password", address="10.0.0.1", **options):
    """One login attempt from ``address`` in a browser of its own."""
    return app.test_client().post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        **options,
    )


def register(app, email, address="10.0.0.1"):
    """One attempt to register ``email`` from ``address``."""
    data = {"display_name": "Bo", "email": email, "password": PASSWORD, "confirm": PASSWORD}
    return app.test_client().post("/register", data=data, environ_base={"REMOTE_ADDR": address})


def test_after_three_wrong_passwords_even_the_right_one_is_refused_for_a_while(app):
    assert [login(app).status_code for _ in range(3)] == [422, 422, 422]
    refused = login(app, password=PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    page = parse(refused)
    assert page.find("title").clean_text().startswith("Too many tries")
    assert "Please wait" in page.find("p", class_="problem").clean_text()
    assert "Set-Cookie" not in refused.headers or "_user_id" not in refused.headers["Set-Cookie"]


def test_the_email_limit_ignores_case_and_spaces_and_follows_the_account_across_addresses(app):
    for address, email in (
        ("10.0.0.1", "ann@school.example"),
        ("10.0.0.2", " ANN@School.Example "),
        ("10.0.0.3", "Ann@school.example"),
    ):
        assert login(app, email=email, address=address).status_code == 422
    assert login(app, address="10.9.9.9").status_code == 429


def test_other_teachers_at_the_same_school_can_still_log_in(app):
    for _ in range(3):
        login(app)
    assert login(app, email="bo@school.example").status_code == 422  # Bo's own attempt is still heard


def test_one_address_trying_many_accounts_is_stopped_too(app):
    statuses = [login(app, email=f"t{n}@school.example").status_code for n in range(7)]
    assert statuses == [422] * 6 + [429]
    assert (
        login(app, email="t0@school.example", address="10.0.0.2").status_code == 422
    )  # another school is not


def test_successful_logins_are_not_counted(app):
    assert [login(app, password=PASSWORD).status_code for _ in range(5)] == [302] * 5


def test_registering_is_limited_per_address_and_per_email(app):
    assert [register(app, f"new{n}@school.example").status_code for n in range(4)] == [302, 302, 302, 429]
    assert [register(app, "same@school.example", address=f"10.1.0.{n}").status_code for n in range(3)] == [
        302,
        422,
        429,
    ]


def test_a_program_gets_the_refusal_as_json(app):
    for _ in range(3):
        login(app)
    response = login(app, headers={"Accept": "application/json"})
    assert response.status_code == 429 and response.get_json()["error"].startswith("Please wait")


def test_the_limits_only_count_posts(app):
    client = app.test_client()
    assert {client.get("/login").status_code for _ in range(10)} == {200}


def test_the_default_limits_are_set_for_a_real_server(app_config):
    """The shipped numbers: generous per address (a school shares one), tight per e-mail."""
    config = create_app(app_config).config
    assert config["LOGIN_LIMIT_PER_ADDRESS"] == "30 per minute;300 per day"
    assert config["LOGIN_LIMIT_PER_EMAIL"] == "5 per minute;30 per day"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
