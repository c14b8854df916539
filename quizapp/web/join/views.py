"""Request handlers of the pupil side: join with a code, read and answer (each answer saved at once), hand in.

The pupil has no account. Joining puts a random token in their signed
session cookie, under the session's code; every later request finds the
pupil by (code, token), so a pupil who closes the tab and comes back on
the same device carries on where they were, and nobody can post into a
class they did not join.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from quizapp.services import classroom, classroom_attempts, homework, session_levels
from quizapp.services.classroom import PupilView
from quizapp.web import errors
from quizapp.web.classes.pupils import join_from_list
from quizapp.web.common import clock, known_codes
from quizapp.web.common.htmx import is_htmx
from quizapp.web.homework.views import pupil_context
from quizapp.web.join import limits, status
from quizapp.web.join.cookie import keep, remembered
from quizapp.web.join.forms import JoinForm, answer_form
from quizapp.web.reading import markup, panels

NOT_JOINED = "You have not joined this class on this device."


# ---- the cookie --------------------------------------------------------------------------------


def remember(code: str, token: str) -> None:
    """Keep ``token`` for ``code`` in the cookie, for weeks rather than until the browser closes.

    Not while a teacher is logged in on this browser: the same cookie holds
    the login, which must end with the browser.
    """
    keep(code, token)
    session.permanent = not current_user.is_authenticated


def current_pupil(code: str) -> PupilView | None:
    """The pupil this browser is in the class ``code``, or None if it has not joined it."""
    token = remembered().get(code)
    return classroom.pupil_for(code, token) if token else None


# ---- joining -----------------------------------------------------------------------------------


def join(code: str | None = None):
    """GET: the form (the code filled in from a join link). POST: join, then go to the class page.

    A browser that already joined this class under the same name goes back
    to its answers instead of becoming a second pupil; another name on the
    same device (a shared Chromebook) joins as a new pupil.
    """
    form = JoinForm(data={"code": code} if code else None)
    if not form.validate_on_submit():
        return render_join(form, code), 422 if form.is_submitted() else 200
    code = classroom.normalise_code(form.code.data or "")
    pupil = current_pupil(code)
    try:
        name = classroom.clean_name(form.name.data or "")
        if pupil and pupil.name.casefold() == name.casefold():
            return redirect(url_for("join.class_page", code=code), 303)
        homework.check_join(code, clock.now())  # homework: not before it opens, not after it is due
        listed = join_from_list(
            code, name
        )  # a session run with a class: pupils pick their name from its list
        if listed is not None:
            return listed
        joined = classroom.join(
            code, name, idle_after=idle_time(), max_pupils=current_app.config["MAX_PUPILS_PER_SESSION"]
        )
    except classroom.InvalidName as error:
        form.name.errors = [str(error)]
        return render_join(form, code), 422
    except classroom.ClassroomError as error:
        form.code.errors = [str(error)]
        return render_join(form, code), 422
    remember(code, joined.token)
    known_codes.remember(code)  # this address's next pupils get in even if another class mistypes meanwhile
    return redirect(url_for("join.class_page", code=code), 303)


def idle_time() -> timedelta | None:
    """How long a class may sit unused before joining it is refused (``CLASS_IDLE_HOURS``; 0: never)."""
    hours = current_app.config["CLASS_IDLE_HOURS"]
    return timedelta(hours=hours) if hours else None


def render_join(form: JoinForm, code: str | None):
    """The join page; with the classes this browser already joined, to go back to them in one click."""
    joined = [
        pupil for pupil in (classroom.pupil_for(c, t) for c, t in reversed(remembered().items())) if pupil
    ]
    return render_template("join/join.html", form=form, joined=joined, code=code)


# ---- the class page ----------------------------------------------------------------------------


def pupil_or_join(code: str) -> PupilView:
    """The pupil on this page; a browser that has not joined is sent to the join form (403 for a POST)."""
    pupil = current_pupil(code)
    if pupil is not None:
        return pupil
    if request.method != "GET":
        abort(403, NOT_JOINED)
    # The same answer whether the code is open, closed or unknown: this page is no oracle for guessing codes.
    flash("Join the class first: type your name below.", "info")
    abort(redirect(url_for("join.join_code", code=code), 303))


def class_page(code: str):
    """The pupil's page: the article, and each question as a form of its own, filled in with saved answers."""
    canonical = classroom.normalise_code(code)
    if canonical != code:
        return redirect(url_for("join.class_page", code=canonical), 301)
    return render_class(pupil_or_join(code))


def render_class(pupil: PupilView, posted=None, status_code: int = 200, problem: str = ""):
    """The class page; ``posted`` is a refused form to show with its error instead of the saved answer."""
    article = classroom.session_article(pupil.session.id, pupil.article_id).analysis  # their level's text
    work = pupil_context(pupil.session.id)  # homework past its due date is locked like a closed class
    locked = status.locked(pupil) or work["homework_due"]
    order = pupil.order or tuple(range(1, len(pupil.questions) + 1))
    forms = [
        posted
        if posted is not None and posted.number == n
        else answer_form(pupil.questions[n - 1], n, pupil.answers.get(n))
        for n in order
    ]
    for place, form in enumerate(forms, start=1):
        form.shown = place
    page = render_template(
        "join/class.html",
        pupil=pupil,
        info=pupil.session,
        forms=forms,
        problem=problem,
        analysis=article,
        paragraphs=markup.render_article(article),
        glossary=panels.glossary(article.actors),
        formulas=panels.formulas(article.readability),
        gauge=panels.gauge(article.readability.grade_level),
        show_feedback=status.shows_feedback(pupil) or locked,
        locked=locked,
        may_try_again=status.may_try_again(pupil) and not work["homework_due"],
        **work,
        levels=session_levels.pupil_levels(pupil.session.id, pupil.participant_id, pupil.level_id),
    )
    return page, status_code


# ---- saving and handing in ---------------------------------------------------------------------


def save(code: str, number: int):
    """Autosave one answer: htmx gets the question's status; a plain form post goes back to the question.

    403 for a browser that did not join, 404 for a question the class does
    not have, 409 once the class is closed, the pupil handed in or the
    homework is due, 422 for an answer the form refuses (far too long, an
    option not on the page). One service call, one transaction: this runs
    for every answer of every pupil in the class.
    """
    code = classroom.normalise_code(code)
    reader = AnswerReader(number)
    try:
        saved = classroom.save_answer(code, remembered().get(code, ""), number, read=reader, now=clock.now())
    except classroom.NotJoined:
        abort(403, NOT_JOINED)
    except classroom.QuestionNotFound:
        abort(404)
    except (
        classroom.SessionClosed,
        classroom.AlreadyFinished,
        homework.PastDue,
        homework.NotOpenYet,
    ) as error:
        return refused(code, reader.form, str(error), 409)
    except classroom.ClassroomError as error:
        return refused(code, reader.form, str(error), 422)
    if is_htmx():
        return render_template(
            "join/_status.html",
            question=reader.question,
            saved=saved,
            show_feedback=saved.immediate,
            oob_progress=True,
        )
    flash(f"Question {number}: your answer is saved.", "success")
    return redirect(url_for("join.class_page", code=code, _anchor=f"question-{number}"), 303)


class AnswerReader:
    """Reads the posted answer with the form of the question as the pupil sees it, inside the save's transaction.

    Keeps the question and the form: the status fragment shows the question's
    answer, and a refused answer goes back to the page in its form.
    """

    def __init__(self, number: int):
        self.number, self.question, self.form = number, None, None

    def __call__(self, question):
        self.question = question
        self.form = answer_form(question, self.number, formdata=request.form)
        if not self.form.validate():
            raise classroom.AnswerUnreadable(
                " ".join(self.form.response.errors) or "That answer could not be read."
            )
        return self.form.response.data


def refused(code: str, form, message: str, status_code: int):
    """An answer not saved: the reason beside the question (htmx), or the class page with it shown."""
    if is_htmx():
        return render_template("join/_status.html", problem=message), status_code
    pupil = current_pupil(code)
    if pupil is None:
        abort(403)
    if form is not None:
        form.response.errors = [message]
    return render_class(pupil, posted=form, status_code=status_code, problem=message)


def finish(code: str):
    """The pupil hands in: their answers are kept as they are, and the results shown if the teacher wants."""
    code = classroom.normalise_code(code)
    pupil_or_join(code)
    try:
        homework.check_answering(code, clock.now())
        classroom.finish(code, remembered()[code])
    except classroom.NotJoined:
        abort(403)
    except (classroom.SessionClosed, homework.PastDue, homework.NotOpenYet):
        pass  # nothing recorded; the class page says the class is closed or the homework is due
    return redirect(url_for("join.class_page", code=code), 303)


def try_again(code: str):
    """The pupil starts their next go after handing in: empty answers, the same questions in the same order."""
    code = classroom.normalise_code(code)
    pupil_or_join(code)
    try:
        attempt = classroom_attempts.try_again(code, remembered()[code])
    except classroom.NotJoined:
        abort(403)
    except classroom.ClassroomError as error:
        flash(str(error), "error")
    else:
        flash(f"Attempt {attempt}: your answers are cleared. Good luck!", "success")
    return redirect(url_for("join.class_page", code=code), 303)


def expired(error):
    """A form came back without a valid CSRF token (a page left open for days, cookies cleared)."""
    message = (
        "This page had expired, so that was not saved: reload it and answer again (saved answers are kept)."
    )
    if is_htmx():
        return render_template("join/_status.html", problem=message), 400
    if request.endpoint in ("join.join", "join.join_code"):
        form = JoinForm()
        form.code.errors = ["The page had expired: please press Join again."]
        return render_join(form, None), 400
    code = classroom.normalise_code((request.view_args or {}).get("code", ""))
    return render_template(
        "join/problem.html",
        heading="This page had expired",
        message=message,
        code=code,
        joined=current_pupil(code) is not None,
    ), 400


def forbidden(error):
    """A browser that has not joined this class posts into it: say so and where to join."""
    message = NOT_JOINED
    if is_htmx():
        return render_template(
            "join/_status.html", problem=f"{message} Nothing was saved: join it first."
        ), 403
    code = classroom.normalise_code((request.view_args or {}).get("code", ""))
    return render_template(
        "join/problem.html", heading="Join the class first", message=message, code=code, joined=False
    ), 403


def too_many(error):
    """A rate limit was reached on a pupil's page: beside the question for an autosave, else the 429 page."""
    if is_htmx():
        return render_template("join/_status.html", problem=limits.TOO_MANY_SAVES), 429
    return errors.too_many_requests(error)
