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


class RegisterForm(FlaskForm):
    """A new teacher account."""

    display_name = StringField(
        "Your name",
        filters=[_strip],
        description="As your pupils know you, e.g. Ms Rivera.",
        validators=[DataRequired("Please enter your name."), Length(max=MAX_NAME_LENGTH)],
    )
    email = EmailField(
        "Email",
        filters=[_strip],
        validators=[
            DataRequired("Please enter your email address."),
            Email("That does not look like an email address."),
            Length(max=254),
        ],
    )
    password = PasswordField(
        "Password",
        description=PASSWORD_HINT,
        validators=[
            DataRequired("Please choose a password."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
            ),
        ],
    )
    confirm = PasswordField(
        "Password again",
        validators=[
            DataRequired("Please type the password again."),
            EqualTo("password", message="The two passwords are not the same."),
        ],
    )
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

    email = EmailField(
        "Email",
        filters=[_strip],
        validators=[
            DataRequired("Please enter your email address."),
            Email("That does not look like an email address."),
            Length(max=254),
        ],
    )


class NewPasswordForm(FlaskForm):
    """A new password, twice, on the page a reset link opens."""

    password = PasswordField(
        "New password",
        description=PASSWORD_HINT,
        validators=[
            DataRequired("Please choose a password."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
            ),
        ],
    )
    confirm = PasswordField(
        "New password again",
        validators=[
            DataRequired("Please type the password again."),
            EqualTo("password", message="The two passwords are not the same."),
        ],
    )
