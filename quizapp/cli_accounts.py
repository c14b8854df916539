"""The ``quizapp`` commands for teacher accounts: create one, set a password, invite, approve.

Split from ``quizapp.cli`` (which lists every command in ``COMMANDS``) so
each module holds one kind of command. The rules are the register page's:
``services.teachers`` checks them, and a value it refuses is asked again.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext


def plural(count: int, word: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _checked(rule_name: str):
    """A click callback applying ``services.teachers.<rule_name>``: a value it refuses is asked for again."""

    def callback(ctx, param, value):
        from quizapp.services import teachers

        try:
            checked = getattr(teachers, rule_name)(value)
        except teachers.AccountError as exc:
            raise click.BadParameter(str(exc)) from exc
        return value if checked is None else checked

    return callback


@click.command("create-teacher")
@click.option(
    "--email", prompt=True, callback=_checked("check_email"), help="The teacher's email; they log in with it."
)
@click.option(
    "--name",
    "display_name",
    prompt="Name",
    callback=_checked("check_name"),
    help="As the pupils know them, e.g. 'Ms Rivera'.",
)
@click.password_option(
    callback=_checked("check_password"),
    help="Asked for (hidden, twice) if not given; prefer that to the shell history.",
)
@with_appcontext
def create_teacher_command(email: str, display_name: str, password: str):
    """Create a teacher account, e.g. the first one on a new server.

    The same rules as the register page: a real email not already in use,
    a password of at least 10 characters. Exits 1 with the reason otherwise.
    """
    from quizapp.services import teachers

    teachers.create_teacher(email, display_name, password)  # EmailTaken becomes "Error: ..." and exit 1
    click.echo(f"Created the teacher account for {email}.")


@click.command("set-password")
@click.option("--email", prompt=True, help="The teacher whose password to set.")
@click.password_option(
    callback=_checked("check_password"),
    help="Asked for (hidden, twice) if not given; prefer that to the shell history.",
)
@with_appcontext
def set_password_command(email: str, password: str):
    """Give a teacher a new password and log them out everywhere (``reset-password --link`` lets her choose it).

    Every session made with the old password ends, on every browser.
    """
    from quizapp.services import pack_editing, teachers

    teacher_id = pack_editing.teacher_id(email)
    if teacher_id is None:
        raise click.ClickException(f"There is no teacher account for {email}.")
    teachers.change_password(teacher_id, password)
    click.echo(f"Set a new password for {email}; their sessions have ended.")


@click.command("reset-password")
@click.argument("email")
@click.option(
    "--link",
    is_flag=True,
    help="Print a one-time link for the teacher to choose her own password, instead of asking for one.",
)
@click.option(
    "--url",
    "base_url",
    metavar="URL",
    help="The server's address, e.g. https://quiz.school.example, "
    "for the whole link (default: QUIZAPP_BASE_URL).",
)
@with_appcontext
def reset_password_command(email: str, link: bool, base_url: str | None):
    """Give the teacher EMAIL a new password (asked for twice, hidden), or with --link a link to choose one.

    Either way every browser logged in to the account is logged out once the
    password changes. The link works once, for an hour; send it to the
    teacher yourself (a chat message, a note). A password the register page
    would refuse, or two that differ, exit 1 and change nothing.
    """
    from flask import current_app

    from quizapp import mail
    from quizapp.services import pack_editing, password_reset, teachers

    teacher_id = pack_editing.teacher_id(email)  # checked first: no password is typed for nothing
    if teacher_id is None:
        raise click.ClickException(f"There is no teacher account for {email}. Nothing was changed.")
    if link:
        made = password_reset.make_link(email, current_app.config["SECRET_KEY"])
        if made is None:  # deleted since the check above
            raise click.ClickException(f"There is no teacher account for {email}. Nothing was changed.")
        url = mail.link_url(current_app, made.token, base_url or current_app.config.get("BASE_URL"))
        click.echo(
            f"Send this link to {made.email}; it works once, for {plural(password_reset.LINK_HOURS, 'hour')}:"
        )
        click.echo(url)
        if not (base_url or current_app.config.get("BASE_URL")):
            click.echo("Put the server's address in front of it (or give --url, or set QUIZAPP_BASE_URL).")
        return
    password = click.prompt("New password", hide_input=True)
    if click.prompt("Repeat for confirmation", hide_input=True) != password:
        raise click.ClickException("The two passwords are not the same. Nothing was changed.")
    try:
        teachers.change_password(teacher_id, password)
    except teachers.AccountError as exc:
        raise click.ClickException(f"{exc} Nothing was changed.") from exc
    click.echo(f"Set a new password for {email}; every browser logged in to the account has been logged out.")


@click.command("invite")
@click.option(
    "--days",
    type=click.IntRange(min=1, max=365),
    default=14,
    show_default=True,
    help="How long the code works.",
)
@click.option(
    "--url",
    "base_url",
    metavar="URL",
    help="The server's address, e.g. https://quiz.school.example, to print the whole link.",
)
@with_appcontext
def invite_command(days: int, base_url: str | None):
    """Make a single-use invite code for a new teacher account (QUIZAPP_REGISTRATION=invite).

    Prints the code and the register link that fills it in. Only a digest
    of the code is stored, so it cannot be shown again: send it now.
    """
    from quizapp.services import registration

    code = registration.make_invite(None, days=days)
    click.echo(f"Invite code (one account, {plural(days, 'day')}): {code}")
    click.echo(f"Link: {(base_url or '').rstrip('/')}/register?invite={code}")


@click.command("approve-teacher")
@click.argument("email")
@with_appcontext
def approve_teacher_command(email: str):
    """Let the teacher account EMAIL log in (QUIZAPP_REGISTRATION=approval); see pending-teachers."""
    from quizapp.services import registration

    if not registration.approve(email):
        raise click.ClickException(f"no teacher has the email {email!r}")
    click.echo(f"Approved {email}: they can log in now.")


@click.command("pending-teachers")
@with_appcontext
def pending_teachers_command():
    """The accounts waiting for approval, oldest first: email, name, when they registered; tab-separated."""
    from quizapp.services import registration

    for account in registration.waiting():
        click.echo(f"{account.email}\t{account.display_name}\t{account.created_at:%Y-%m-%d %H:%M}")
