"""Closing registration (issue 14): open, by invitation, or approved by an admin; the register page says which."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from click.testing import CliRunner

from quizapp import create_app
from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Invite, Teacher
from quizapp.models.columns import utcnow
from quizapp.services import registration, teachers

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"
ANN = {"display_name": "Ann Rivera", "email": "ann@school.example", "password": PASSWORD, "confirm": PASSWORD}


def page(response) -> str:
    return response.get_data(as_text=True)


def post(client, url: str, data: dict, form_url: str | None = None):
    return client.post(url, data={"csrf_token": token(page(client.get(form_url or url))), **data})


def accounts(app) -> list[tuple[str, bool]]:
    with app.app_context():
        return list(
            db.session.execute(sa.select(Teacher.email, Teacher.approved).order_by(Teacher.id)).tuples()
        )


@pytest.fixture
def make_app(app_config):
    """An app with ``REGISTRATION`` set to the given mode."""
    return lambda mode: create_app({**app_config, "REGISTRATION": mode})


def test_open_is_the_default_and_anyone_registers_and_is_logged_in(app):
    client = app.test_client()
    assert 'data-testid="registration-mode"' not in page(client.get("/register"))
    response = post(client, "/register", ANN)
    assert response.headers["Location"] == "/teacher" and "Hello, Ann Rivera" in page(client.get("/teacher"))


def test_invite_only_refuses_a_stranger_and_says_why(make_app):
    app = make_app("invite")
    client = app.test_client()
    html = page(client.get("/register"))
    assert "by invitation" in html and 'for="invite">Invite code</label>' in html
    for code in ("", "guessed-code"):
        refused = post(client, "/register", {**ANN, "invite": code})
        assert refused.status_code == 422 and "That invite code does not work" in page(refused)
        assert 'value="ann@school.example"' in page(refused)  # what she typed is kept
    assert accounts(app) == []


def test_a_teachers_invite_link_makes_one_account_and_only_one(make_app):
    app = make_app("invite")
    with app.app_context():
        inviter = teachers.create_teacher("bob@school.example", "Bob Okafor", PASSWORD)
    bob = app.test_client()
    with bob.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(inviter), True
    assert "invite a colleague" in page(bob.get("/teacher"))
    made = page(post(bob, "/teacher/invites", {}))
    link = re.search(r'id="invite-link" type="text" value="([^"]+)"', made).group(1)
    path = link.removeprefix("http://localhost")
    code = path.split("invite=", 1)[1]
    with app.app_context():  # only a digest is kept
        assert db.session.scalar(sa.select(Invite.code_digest)) != code

    ann = app.test_client()
    assert f'value="{code}"' in page(ann.get(path))  # the link fills the code in
    assert post(ann, "/register", {**ANN, "invite": code}, form_url=path).headers["Location"] == "/teacher"
    again = post(app.test_client(), "/register", {**ANN, "email": "eve@school.example", "invite": code})
    assert again.status_code == 422 and "already used" in page(again)
    assert accounts(app) == [("bob@school.example", True), ("ann@school.example", True)]


def test_an_expired_invite_opens_nothing(make_app):
    app = make_app("invite")
    with app.app_context():
        code = registration.make_invite(None)
        db.session.execute(sa.update(Invite).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    refused = post(app.test_client(), "/register", {**ANN, "invite": code})
    assert refused.status_code == 422 and "more than 14 days old" in page(refused)


def test_admin_approval_keeps_the_account_out_until_the_admin_approves_it(make_app):
    app = make_app("approval")
    client = app.test_client()
    assert "An admin approves each new account" in page(client.get("/register"))
    registered = post(client, "/register", ANN)
    assert registered.headers["Location"] == "/login"
    assert "An admin must approve it" in page(client.get("/login"))
    assert client.get("/teacher").headers["Location"].startswith("/login")  # not logged in
    refused = post(client, "/login", {"email": ANN["email"], "password": PASSWORD})
    assert refused.status_code == 422 and "waiting for an admin" in page(refused)

    runner = app.test_cli_runner()
    assert runner.invoke(main, ["pending-teachers"]).output.startswith("ann@school.example\tAnn Rivera\t")
    assert runner.invoke(main, ["approve-teacher", "Ann@School.Example"]).exit_code == 0
    assert runner.invoke(main, ["pending-teachers"]).output == ""
    assert (
        post(client, "/login", {"email": ANN["email"], "password": PASSWORD}).headers["Location"]
        == "/teacher"
    )


def test_with_approval_an_email_that_has_an_account_gets_the_same_answer_as_a_new_one(make_app):
    """Issue 14 (low): registration told anyone which emails have accounts. With approval on, asking for
    an account that exists looks exactly like asking for a new one, and changes nothing."""
    app = make_app("approval")
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", PASSWORD)
    new, taken = app.test_client(), app.test_client()
    fresh = post(new, "/register", {**ANN, "email": "bob@school.example", "display_name": "Bob"})
    probe = post(
        taken,
        "/register",
        {**ANN, "display_name": "Mallory", "password": "another long pass", "confirm": "another long pass"},
    )
    assert (probe.status_code, probe.headers["Location"]) == (fresh.status_code, fresh.headers["Location"])
    assert page(taken.get("/login")).count("An admin must approve it") == 1
    assert accounts(app) == [("ann@school.example", True), ("bob@school.example", False)]
    with app.app_context():  # Ann's account is as it was: her name, her password
        assert teachers.authenticate("ann@school.example", PASSWORD).display_name == "Ann Rivera"


def test_a_session_of_an_account_not_yet_approved_opens_nothing(make_app):
    app = make_app("approval")
    with app.app_context():
        waiting = registration.register("ann@school.example", "Ann", PASSWORD, mode="approval").teacher_id
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(waiting), True
    assert client.get("/teacher").headers["Location"].startswith("/login")


def test_the_cli_makes_an_invite_and_refuses_an_unknown_email(make_app):
    app = make_app("invite")
    runner = app.test_cli_runner()
    out = runner.invoke(main, ["invite", "--url", "https://quiz.school.example/"]).output
    code = re.search(r"Invite code \(one account, 14 days\): (\S+)", out).group(1)
    assert f"Link: https://quiz.school.example/register?invite={code}" in out
    assert post(app.test_client(), "/register", {**ANN, "invite": code}).headers["Location"] == "/teacher"
    missing = runner.invoke(main, ["approve-teacher", "nobody@school.example"])
    assert missing.exit_code == 1 and "no teacher has the email" in missing.output


def test_a_mode_that_means_nothing_stops_the_start(app_config):
    with pytest.raises(RuntimeError, match="QUIZAPP_REGISTRATION='closed' is not understood"):
        create_app({**app_config, "REGISTRATION": "closed"})
    result = CliRunner().invoke(main, ["serve"], env={"QUIZAPP_REGISTRATION": "closed", "QUIZAPP_ENV": None})
    assert result.exit_code == 1 and "use open" in result.output
