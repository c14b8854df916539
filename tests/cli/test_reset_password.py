"""``quizapp reset-password EMAIL``: the admin's answer to "I forgot my password"."""

import re

import pytest
from werkzeug.security import check_password_hash

from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import teachers

pytestmark = pytest.mark.db

OLD, NEW = "correct horse battery", "purple elephant dances slowly"


@pytest.fixture
def ann(app):
    with app.app_context():
        return teachers.create_teacher("ann@school.example", "Ann Rivera", OLD)


def account(app, teacher_id):
    """Her password hash and session generation."""
    with app.app_context():
        teacher = db.session.get(Teacher, teacher_id)
        return teacher.password_hash, teacher.session_generation


def test_the_new_password_is_asked_twice_hidden_and_logs_her_out_everywhere(app, runner, ann):
    result = runner.invoke(main, ["reset-password", "Ann@School.example"], input=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    assert "New password:" in result.output and "Repeat for confirmation:" in result.output
    assert NEW not in result.output  # hidden as typed
    assert "every browser logged in to the account has been logged out" in result.output
    password_hash, generation = account(app, ann)
    assert check_password_hash(password_hash, NEW) and generation == 1


def test_an_unknown_email_exits_1_before_any_password_is_asked(app, runner, ann):
    result = runner.invoke(main, ["reset-password", "zoe@school.example"], input=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 1
    assert "Error: There is no teacher account for zoe@school.example. Nothing was changed." in result.output
    assert "New password" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "typed, message",
    [
        ("aaaaaaaaaa\naaaaaaaaaa\n", "That password is too easy to guess: Repeats like"),
        (
            "password1234\npassword1234\n",
            "That password is too easy to guess: This is a very common password.",
        ),
        ("short\nshort\n", "The password must be at least 10 characters long."),
        (f"{NEW}\n{NEW}!\n", "The two passwords are not the same."),
    ],
    ids=["repeats", "common", "short", "mismatch"],
)
def test_a_weak_or_mistyped_password_exits_1_and_changes_nothing(app, runner, ann, typed, message):
    result = runner.invoke(main, ["reset-password", "ann@school.example"], input=typed)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Nothing was changed." in result.output
    password_hash, generation = account(app, ann)
    assert check_password_hash(password_hash, OLD) and generation == 0


def test_link_prints_a_one_time_link_the_teacher_uses_herself(app, runner, ann):
    """The admin never learns the password: the teacher chooses it on the page the link opens."""
    result = runner.invoke(
        main, ["reset-password", "ann@school.example", "--link", "--url", "https://quiz.school.example/"]
    )
    assert result.exit_code == 0, result.output
    assert "Send this link to ann@school.example; it works once, for 1 hour:" in result.output
    url = re.search(
        r"^https://quiz\.school\.example/reset-password/\S+$", result.output, re.MULTILINE
    ).group()
    assert check_password_hash(account(app, ann)[0], OLD)  # printing a link changes nothing yet
    client = app.test_client()
    path = url.removeprefix("https://quiz.school.example")
    form = client.get(path).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    done = client.post(path, data={"csrf_token": csrf, "password": NEW, "confirm": NEW})
    assert done.status_code == 302 and done.location == "/teacher"
    assert check_password_hash(account(app, ann)[0], NEW)
    assert client.get(path).status_code == 400  # used: dead


def test_without_an_address_the_link_is_a_path_and_the_admin_is_told(app, runner, ann):
    result = runner.invoke(main, ["reset-password", "ann@school.example", "--link"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^/reset-password/\S+$", result.output, re.MULTILINE)
    assert "Put the server's address in front of it" in result.output
