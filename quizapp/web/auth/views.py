"""Request handlers of the accounts feature: thin, the rules are in ``services.teachers``."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from quizapp.services import teachers
from quizapp.web.auth.access import safe_next
from quizapp.web.auth.forms import LoginForm, RegisterForm

WRONG_LOGIN = "The email or the password is wrong."


def register():
    """GET: the form. POST: make the account and log in, or show what to fix (422)."""
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher_id = teachers.create_teacher(form.email.data, form.display_name.data, form.password.data)
        except teachers.EmailTaken:
            form.email.errors.append("There is already an account with this email. Log in instead?")
        except teachers.WeakPassword as exc:
            form.password.errors.append(str(exc))
        except teachers.AccountError as exc:  # the service's rules; the form's validators catch these first
            form.form_errors.append(str(exc))
        else:
            start_login(teachers.load_teacher(str(teacher_id)))
            flash(f"Welcome, {form.display_name.data}! Your account is ready.", "success")
            return redirect(url_for("teacher.dashboard"))
    return render_template("auth/register.html", form=form), 422 if form.is_submitted() else 200


def login():
    """GET: the form. POST: log in and go on to ``next`` (a page on this site) or the dashboard."""
    next_page = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_page or url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        teacher = teachers.authenticate(form.email.data, form.password.data)
        if teacher is not None:
            start_login(teacher)
            return redirect(next_page or url_for("teacher.dashboard"))
        form.form_errors.append(WRONG_LOGIN)
    return render_template("auth/login.html", form=form, next_page=next_page), 422 if form.is_submitted() else 200


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
