"""Forgot password, in the browser's shoes: the e-mailed link (a fake mail backend keeps the message), the page it
opens, and what a stranger learns from the forgot page (nothing).

``MAIL_BACKEND = "locmem"`` is Flask-Mailman's test backend: it keeps every
message in ``app.extensions["mailman"].outbox`` instead of sending it. The
task queue is "immediate" in tests, so the worker's job runs inside the POST.
"""

import logging
import re

import pytest
from html_tree import parse
from werkzeug.security import check_password_hash

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import teachers

pytestmark = pytest.mark.db

OLD, NEW = "correct horse battery", "purple elephant dances slowly"
BASE = "https://quiz.school.example"
MAIL = {"MAIL_BACKEND": "locmem", "BASE_URL": BASE + "/", "MAIL_DEFAULT_SENDER": "quiz@school.example"}


@pytest.fixture
def app(app_config):
    """An app that sends mail (to the outbox), with Ann's account."""
    app = create_app({**app_config, **MAIL})
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", OLD)
    return app


def outbox(app) -> list:
    return getattr(app.extensions["mailman"], "outbox", [])


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def ask_for_link(client, email: str, **options):
    """Fill in the forgot-password form as a browser would."""
    form = client.get("/forgot-password", **options).get_data(as_text=True)
    return client.post("/forgot-password", data={"csrf_token": csrf(form), "email": email}, **options)


def link_in(message) -> str:
    """The reset link in an e-mail, as a path on the test server (checking it starts with the school's address)."""
    url = re.search(rf"^{re.escape(BASE)}/reset-password/\S+$", message.body, re.MULTILINE).group()
    return url.removeprefix(BASE)


def set_password(client, path: str, password: str = NEW, confirm: str | None = None):
    form = client.get(path).get_data(as_text=True)
    return client.post(
        path, data={"csrf_token": csrf(form), "password": password, "confirm": confirm or password}
    )


def ann(app) -> Teacher:
    with app.app_context():
        teacher = db.session.query(Teacher).one()
        db.session.expunge(teacher)
        return teacher


def logged_in_as_ann(app):
    """Another browser, logged in with her old password."""
    other = app.test_client()
    form = other.get("/login").get_data(as_text=True)
    other.post("/login", data={"csrf_token": csrf(form), "email": "ann@school.example", "password": OLD})
    assert other.get("/teacher").status_code == 200
    return other


def test_the_emailed_link_sets_a_new_password_logs_her_in_and_out_of_everywhere_else(app, client):
    phone = logged_in_as_ann(app)
    sent = ask_for_link(client, " Ann@School.Example ")
    assert sent.status_code == 200
    [message] = outbox(app)
    assert message.to == ["ann@school.example"] and message.from_email == "quiz@school.example"
    assert message.subject == "Set a new quizapp password"
    assert message.body.startswith("Hello Ann Rivera,") and "within 1 hour" in message.body
    path = link_in(message)

    form = parse(client.get(path))
    assert "ann@school.example" in form.find("p", class_="lead").clean_text()
    done = set_password(client, path)
    assert done.status_code == 302 and done.location == "/teacher"
    dashboard = client.get("/teacher", follow_redirects=True).get_data(as_text=True)
    assert "Every other browser logged in to your account has been logged out." in dashboard
    assert check_password_hash(ann(app).password_hash, NEW)
    assert phone.get("/teacher").status_code == 302  # her phone's login, made with the old password, is over
    assert client.get(path).status_code == 400  # and the link is spent


def test_known_and_unknown_emails_get_the_same_answer(app):
    """No account enumeration: the page, its status and its headers do not depend on whether the account exists."""
    known = ask_for_link(app.test_client(), "ann@school.example")
    unknown = ask_for_link(app.test_client(), "zoe@school.example")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace("ann@", "X@") == unknown.get_data(as_text=True).replace(
        "zoe@", "X@"
    )
    assert sorted(known.headers.keys()) == sorted(unknown.headers.keys())
    assert [message.to for message in outbox(app)] == [["ann@school.example"]]  # only Ann got mail


def test_a_forged_host_header_cannot_point_the_link_at_another_server(app, client):
    """Password-reset poisoning: the link starts with BASE_URL, whatever Host the request named."""
    ask_for_link(client, "ann@school.example", headers={"Host": "evil.example"})
    [message] = outbox(app)
    assert "evil.example" not in message.body
    assert link_in(message).startswith("/reset-password/")


def test_a_weak_password_is_explained_and_the_link_still_works(app, client):
    ask_for_link(client, "ann@school.example")
    path = link_in(outbox(app)[0])
    refused = set_password(client, path, "password1234")
    assert refused.status_code == 422
    assert "That password is too easy to guess: This is a very common password." in refused.get_data(
        as_text=True
    )
    mismatch = set_password(client, path, NEW, NEW + "!")
    assert "The two passwords are not the same." in mismatch.get_data(as_text=True)
    assert check_password_hash(ann(app).password_hash, OLD)
    assert set_password(client, path).status_code == 302


def test_a_link_used_in_another_tab_is_refused_when_the_form_is_sent(app):
    first, second = app.test_client(), app.test_client()
    ask_for_link(first, "ann@school.example")
    path = link_in(outbox(app)[0])
    forms = [csrf(browser.get(path).get_data(as_text=True)) for browser in (first, second)]
    assert first.post(path, data={"csrf_token": forms[0], "password": NEW, "confirm": NEW}).status_code == 302
    late = second.post(
        path,
        data={
            "csrf_token": forms[1],
            "password": "another fine passphrase",
            "confirm": "another fine passphrase",
        },
    )
    assert late.status_code == 400
    assert check_password_hash(ann(app).password_hash, NEW)


@pytest.mark.parametrize(
    "path", ["/reset-password/not-a-token", "/reset-password/" + "A" * 3000], ids=["garbage", "huge"]
)
def test_a_dead_link_says_what_happened_and_offers_a_new_one(client, path):
    response = client.get(path)
    assert response.status_code == 400
    page = parse(response)
    assert (
        "does not work: it may be mistyped, already used, or more than 1 hour old"
        in page.find("p", class_="problem").clean_text()
    )
    assert [a.attrs["href"] for a in page.find_all("a") if a.clean_text() == "Send me a new link"] == [
        "/forgot-password"
    ]


def test_the_reset_page_is_not_cached(app, client):
    """Its URL holds a live token: no copy in a shared computer's cache (the Referer never leaves the site)."""
    ask_for_link(client, "ann@school.example")
    response = client.get(link_in(outbox(app)[0]))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_mail_server_that_fails_changes_nothing_the_teacher_sees(app_config, caplog):
    """SMTP refused (a closed port on this machine): the same page, and the admin finds the reason in the log."""
    app = create_app(
        {
            **app_config,
            **MAIL,
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": 9,
            "MAIL_USE_TLS": False,
            "MAIL_TIMEOUT": 5,
        }
    )
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", OLD)
    with caplog.at_level(logging.ERROR, logger="quizapp.tasks"):
        response = ask_for_link(app.test_client(), "ann@school.example")
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    assert "Could not send a password reset e-mail" in caplog.text


def test_without_mail_the_page_sends_teachers_to_the_admin(app_config):
    app = create_app(app_config)  # no MAIL_SERVER: the default
    client = app.test_client()
    login = parse(client.get("/login"))
    assert [a.attrs["href"] for a in login.find_all("a") if a.clean_text() == "Forgot your password?"] == [
        "/forgot-password"
    ]
    page = parse(client.get("/forgot-password"))
    [advice] = page.find_all(**{"data-testid": "ask-admin"})
    assert "Ask the person who looks after quizapp at your school" in advice.clean_text()
    assert page.find_all("input", name="email") == []  # no form that would send nothing
    assert "quizapp reset-password your@email --link" in page.clean_text()


def test_asking_is_rate_limited_per_email_and_per_address(app_config):
    limits = {"RESET_LIMIT_PER_EMAIL": "2 per hour", "RESET_LIMIT_PER_ADDRESS": "4 per hour"}
    app = create_app({**app_config, **MAIL, **limits})
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", OLD)

    def ask(email, address):
        return ask_for_link(app.test_client(), email, environ_base={"REMOTE_ADDR": address}).status_code

    assert [ask("ann@school.example", "10.0.0.1"), ask("ANN@school.example", "10.0.0.2")] == [200, 200]
    assert ask("ann@school.example", "10.0.0.3") == 429  # her inbox is not flooded, from any address
    assert len(outbox(app)) == 2
    assert [ask(f"t{n}@school.example", "10.0.0.9") for n in range(5)] == [200, 200, 200, 200, 429]


def test_mail_without_the_schools_address_stops_the_start(app_config):
    with pytest.raises(RuntimeError, match="QUIZAPP_BASE_URL is not"):
        create_app(
            {**app_config, "MAIL_SERVER": "smtp.school.example", "MAIL_DEFAULT_SENDER": "quiz@school.example"}
        )
    with pytest.raises(RuntimeError, match="QUIZAPP_MAIL_FROM is not"):
        create_app({**app_config, "MAIL_SERVER": "smtp.school.example", "BASE_URL": BASE})


def test_the_environment_sets_up_mail(monkeypatch):
    from quizapp.config import from_environment, mail_settings

    settings = {"MAIL_PORT": 587, "MAIL_USE_TLS": True, "MAIL_USE_SSL": False} | from_environment(
        {
            "QUIZAPP_MAIL_SERVER": "smtp.school.example",
            "QUIZAPP_MAIL_PORT": "465",
            "QUIZAPP_MAIL_USE_SSL": "on",
            "QUIZAPP_MAIL_FROM": "quiz@school.example",
            "QUIZAPP_BASE_URL": "https://quiz.school.example/",
        }
    )
    mail_settings(settings)
    assert (settings["MAIL_PORT"], settings["MAIL_USE_SSL"], settings["MAIL_USE_TLS"]) == (465, True, False)
    assert settings["BASE_URL"] == "https://quiz.school.example"


def test_an_account_awaiting_approval_sets_its_password_but_is_not_logged_in(app, client):
    """A reset link is no way round the admin's approval (QUIZAPP_REGISTRATION=approval)."""
    with app.app_context():
        teacher = db.session.query(Teacher).one()
        teacher.approved = False
        db.session.commit()
    ask_for_link(client, "ann@school.example")
    done = set_password(client, link_in(outbox(app)[0]))
    assert done.status_code == 302 and done.location == "/login"
    login_page = client.get("/login").get_data(as_text=True)
    assert "Your new password is set." in login_page and "waiting for an admin" in login_page
    assert client.get("/teacher").status_code == 302
    assert check_password_hash(ann(app).password_hash, NEW)
