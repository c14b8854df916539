"""The account forms; the rules behind them are ``services.teachers``' (the CLI applies the same ones)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from quizapp.services.teachers import MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH

PASSWORD_HINT = (
    f"At least {MIN_PASSWORD_LENGTH} characters and hard to guess: a few unrelated words work well."
)


def _strip(value):
    """Surrounding spaces are never meant (a name or email pasted from a message)."""
    return value.strip() if isinstance(value, str) else value


def address_field() -> EmailField:
    """An e-mail address the account will use: checked for its form and length (RFC 5321's 254)."""
    return EmailField(
        "Email",
        filters=[_strip],
        validators=[
            DataRequired("Please enter your email address."),
            Email("That does not look like an email address."),
            Length(max=254),
        ],
    )


def new_password_field(label: str) -> PasswordField:
    """A password being chosen: long enough here; hard enough to guess is the service's check (zxcvbn)."""
    return PasswordField(
        label,
        description=PASSWORD_HINT,
        validators=[
            DataRequired("Please choose a password."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
            ),
        ],
    )


def confirm_field(label: str) -> PasswordField:
    """The chosen password typed again, which must match the ``password`` field."""
    return PasswordField(
        label,
        validators=[
            DataRequired("Please type the password again."),
            EqualTo("password", message="The two passwords are not the same."),
        ],
    )


class RegisterForm(FlaskForm):
    """A new teacher account."""

    display_name = StringField(
        "Your name",
        filters=[_strip],
        description="As your pupils know you, e.g. Ms Rivera.",
        validators=[DataRequired("Please enter your name."), Length(max=MAX_NAME_LENGTH)],
    )
    email = address_field()
    password = new_password_field("Password")
    confirm = confirm_field("Password again")
    # Shown and needed only when registration is by invitation (REGISTRATION = "invite").
    invite = StringField(
        "Invite code",
        filters=[_strip],
        validators=[Length(max=100)],
        description="From the colleague or admin who invited you.",
    )


class InviteForm(FlaskForm):
    """Make an invite link: only the CSRF token."""


class LoginForm(FlaskForm):
    """Email and password; what is wrong is never said field by field."""

    email = EmailField(
        "Email", filters=[_strip], validators=[DataRequired("Please enter your email address.")]
    )
    password = PasswordField("Password", validators=[DataRequired("Please enter your password.")])


class ForgotForm(FlaskForm):
    """The e-mail address to send a reset link to."""

    email = address_field()


class NewPasswordForm(FlaskForm):
    """A new password, twice, on the page a reset link opens."""

    password = new_password_field("New password")
    confirm = confirm_field("New password again")
