"""Forgotten passwords: ask for a link by e-mail, then set a new password through it.

The rules are ``services.password_reset``'s; the e-mail goes out from the
background worker (``tasks.email_reset_later``). Without a mail server the
forgot page says to ask the admin (``quizapp reset-password EMAIL``).
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import logout_user

from quizapp import tasks
from quizapp.config import mail_enabled
from quizapp.services import password_reset, teachers
from quizapp.web.auth.forms import ForgotForm, NewPasswordForm
from quizapp.web.auth.views import NOT_APPROVED, start_login

# A page whose URL holds a live token: kept in no cache (the Referrer-Policy, same-origin, keeps it on the site).
NO_STORE = {"Cache-Control": "no-store"}


def forgot_password():
    """GET: the form (or, without e-mail, who to ask). POST: queue the link; the same answer for any address.

    Known or unknown, the teacher reads the same words in the same time:
    the view only queues the address, and the worker finds out whether it
    has an account.
    """
    sends_mail = mail_enabled(current_app.config)
    form = ForgotForm()
    if sends_mail and form.validate_on_submit():
        tasks.email_reset_later(current_app._get_current_object(), form.email.data)
        return render_template(
            "auth/forgot_sent.html", email=form.email.data, hours=password_reset.LINK_HOURS
        )
    status = 422 if form.is_submitted() and sends_mail else 200
    return render_template(
        "auth/forgot.html", form=form, sends_mail=sends_mail, hours=password_reset.LINK_HOURS
    ), status


def reset_password(token: str):
    """GET: a new password for the account the link names. POST: set it, end every other login, log in here.

    A link that does not work (mistyped, used, over an hour old) gets a page
    saying so, with the way to a new one.
    """
    secret = current_app.config["SECRET_KEY"]
    try:
        email = password_reset.check_link(token, secret)
    except password_reset.LinkRefused as exc:
        return _dead_link(str(exc))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            teacher_id = password_reset.use_link(token, form.password.data or "", secret)
        except password_reset.LinkRefused as exc:  # used in another tab since the form was shown
            return _dead_link(str(exc))
        except teachers.AccountError as exc:
            form.password.errors.append(str(exc))  # type: ignore[attr-defined]  # a list once validated; stubs: Sequence
        else:
            return _logged_in(teacher_id)
    status = 422 if form.is_submitted() else 200
    return render_template("auth/reset.html", form=form, email=email, token=token), status, NO_STORE


def _dead_link(message: str):
    """The page for a link that does not work: what happened and where to get a new one."""
    return (
        render_template("auth/reset_dead.html", message=message, sends_mail=mail_enabled(current_app.config)),
        400,
        NO_STORE,
    )


def _logged_in(teacher_id: int):
    """After a new password: logged in on this browser (every other one is logged out), unless not approved."""
    logout_user()  # whoever was logged in on this browser before
    teacher = teachers.load_teacher(teachers.login_id(teacher_id))
    if teacher is None:
        flash(f"Your new password is set. {NOT_APPROVED}", "info")
        return redirect(url_for("auth.login"))
    start_login(teacher)
    flash(
        "Your new password is set, and you are logged in. Every other browser logged in to your account "
        "has been logged out.",
        "success",
    )
    return redirect(url_for("teacher.dashboard"))
