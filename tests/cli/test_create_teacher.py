"""``quizapp create-teacher``: the first account on a new server, by the register page's rules."""

import pytest
import sqlalchemy as sa
from werkzeug.security import check_password_hash

from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Teacher

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"


def teachers_in(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(t.email, t.display_name) for t in db.session.scalars(sa.select(Teacher))]


def test_the_prompts_ask_for_everything_and_the_password_twice(app, runner):
    result = runner.invoke(
        main, ["create-teacher"], input=f"Ann@School.Example\nAnn Rivera\n{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output and PASSWORD not in result.output  # hidden input
    assert "Created the teacher account for ann@school.example." in result.output
    assert teachers_in(app) == [("ann@school.example", "Ann Rivera")]
    with app.app_context():
        assert check_password_hash(db.session.scalars(sa.select(Teacher)).one().password_hash, PASSWORD)


def test_options_need_only_the_password_prompt(app, runner):
    result = runner.invoke(
        main,
        ["create-teacher", "--email", "bob@school.example", "--name", "Mr Bell"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Email:" not in result.output and teachers_in(app) == [("bob@school.example", "Mr Bell")]


def test_a_bad_email_or_short_password_is_asked_for_again(app, runner):
    result = runner.invoke(
        main,
        ["create-teacher", "--name", "Ann"],
        input=f"ann.school.example\nann@school.example\nshort\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "That is not an email address" in result.output
    assert "The password must be at least 10 characters long." in result.output
    assert teachers_in(app) == [("ann@school.example", "Ann")]


def test_mismatched_passwords_are_refused(app, runner):
    result = runner.invoke(
        main,
        ["create-teacher", "--email", "ann@school.example", "--name", "Ann"],
        input=f"{PASSWORD}\nsomething else\n",
    )
    assert result.exit_code != 0 and "do not match" in result.output
    assert teachers_in(app) == []


def test_an_email_already_in_use_is_a_clear_error_and_exit_1(app, runner):
    args = ["create-teacher", "--email", "ann@school.example", "--name", "Ann", "--password", PASSWORD]
    assert runner.invoke(main, args).exit_code == 0
    result = runner.invoke(main, [*args[:2], "ANN@school.example", *args[3:]])
    assert result.exit_code == 1
    assert "Error: There is already an account for ann@school.example." in result.output
    assert "Traceback" not in result.output and teachers_in(app) == [("ann@school.example", "Ann")]


def test_set_password_replaces_it_and_refuses_an_unknown_account(app, runner):
    """The admin's way to give a teacher a new password (issue 14, item 8: it also ends her sessions)."""
    runner.invoke(
        main,
        ["create-teacher", "--email", "ann@school.example", "--name", "Ann"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    new = "a different long passphrase"
    result = runner.invoke(main, ["set-password", "--email", "Ann@School.example"], input=f"{new}\n{new}\n")
    assert result.exit_code == 0, result.output
    assert "Set a new password for Ann@School.example; their sessions have ended." in result.output
    with app.app_context():
        teacher = db.session.scalars(sa.select(Teacher)).one()
        assert check_password_hash(teacher.password_hash, new) and teacher.session_generation == 1
    unknown = runner.invoke(main, ["set-password", "--email", "zoe@school.example"], input=f"{new}\n{new}\n")
    assert unknown.exit_code == 1 and "There is no teacher account for zoe@school.example." in unknown.output


def test_an_easy_password_is_asked_for_again(app, runner):
    """Issue 14 (Low): "aaaaaaaaaa" was accepted; the register page and the command share the rule."""
    result = runner.invoke(
        main,
        ["create-teacher", "--email", "ann@school.example", "--name", "Ann"],
        input=f"aaaaaaaaaa\naaaaaaaaaa\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert 'That password is too easy to guess: Repeats like "aaa" are easy to guess.' in result.output
    assert teachers_in(app) == [("ann@school.example", "Ann")]
