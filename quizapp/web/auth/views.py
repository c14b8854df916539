"""Request handlers of the accounts feature: thin, the rules are in ``services.teachers``."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from quizapp.services import registration, teachers
from quizapp.web.auth.access import current_teacher_id, safe_next
from quizapp.web.auth.forms import InviteForm, LoginForm, RegisterForm

WRONG_LOGIN = "The email or the password is wrong."
NOT_APPROVED = "Your account is waiting for an admin's approval: you can log in once they have approved it."


def register():
    """GET: the form (``?invite=CODE`` fills the code in). POST: make the account as ``REGISTRATION`` allows.

    Open or invited: logged in at once. Waiting for approval: sent to the
    login page with a word on what happens next.
    """
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    mode = current_app.config["REGISTRATION"]
    form = RegisterForm()
    if request.method == "GET" and request.args.get("invite"):
        form.invite.data = request.args["invite"].strip()
    if form.validate_on_submit():
        try:
            made = registration.register(
                form.email.data,
                form.display_name.data,
                form.password.data,
                mode=mode,
                invite_code=form.invite.data,
            )
        except teachers.EmailTaken:
            if (
                mode == registration.APPROVAL
            ):  # the answer a new request gets: whose email has an account stays unsaid
                return _awaiting_approval()
            form.email.errors.append("There is already an account with this email. Log in instead?")
        except registration.InviteRefused as exc:
            form.invite.errors.append(str(exc))
        except teachers.WeakPassword as exc:
            form.password.errors.append(str(exc))
        except teachers.AccountError as exc:  # the service's rules; the form's validators catch these first
            form.form_errors.append(str(exc))
        else:
            if not made.approved:
                return _awaiting_approval()
            start_login(teachers.load_teacher(str(made.teacher_id)))
            flash(f"Welcome, {form.display_name.data}! Your account is ready.", "success")
            return redirect(url_for("teacher.dashboard"))
    return render_template("auth/register.html", form=form, mode=mode), 422 if form.is_submitted() else 200


def _awaiting_approval():
    """What a request for an account gets when an admin approves accounts: the same words whoever asks."""
    flash("Thank you: your account is made. An admin must approve it before you can log in.", "info")
    return redirect(url_for("auth.login"))


@login_required
def invites():
    """GET: what an invite is. POST: a new single-use invite link, shown once."""
    form = InviteForm()
    link = None
    if form.validate_on_submit():
        code = registration.make_invite(current_teacher_id())
        link = url_for("auth.register", invite=code, _external=True)
    return render_template(
        "auth/invites.html",
        form=form,
        link=link,
        days=registration.INVITE_DAYS,
        mode=current_app.config["REGISTRATION"],
    ), {"Cache-Control": "no-store"}


def login():
    """GET: the form. POST: log in and go on to ``next`` (a page on this site) or the dashboard."""
    next_page = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_page or url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        teacher = teachers.authenticate(form.email.data, form.password.data)
        if teacher is not None and not teacher.approved:
            form.form_errors.append(NOT_APPROVED)
        elif teacher is not None:
            start_login(teacher)
            return redirect(next_page or url_for("teacher.dashboard"))
        else:
            form.form_errors.append(WRONG_LOGIN)
    return render_template(
        "auth/login.html", form=form, next_page=next_page
    ), 422 if form.is_submitted() else 200


def start_login(teacher) -> None:
    """Log ``teacher`` in for as long as the browser stays open.

    A browser that joined a class as a pupil has a cookie kept for weeks
    (``join.views.remember``); a teacher's login in it must not inherit that.
    """
    login_user(teacher)
    session.permanent = False


def logout():
    """Log out (POST only, with the CSRF token every form carries) and go back to the articles.

    The teacher's sessions end on the server too: a copy of the cookie taken
    before now (on this browser or another) no longer opens the account.
    """
    if current_user.is_authenticated:
        teachers.end_sessions(current_user.id)
    logout_user()
    flash("You have logged out.", "success")
    return redirect(url_for("reading.index"))
