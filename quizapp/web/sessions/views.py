"""Request handlers of a teacher's class sessions: parse the request, call ``services.classroom*``, render.

Every handler starts with ``session_or_404``: another teacher's session, or
one that does not exist, is a 404 either way, so ids reveal nothing.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quizapp.services import classroom, classroom_overrides, classroom_results
from quizapp.web.auth import current_teacher_id
from quizapp.web.classes.views import session_context
from quizapp.web.common import known_codes
from quizapp.web.common.htmx import is_htmx
from quizapp.web.homework.views import teacher_context
from quizapp.web.sessions import display, forms

CSV_TYPE = "text/csv; charset=utf-8"
POLL_SECONDS = 3


def session_or_404(session_id: int):
    """The session ``session_id`` if the logged-in teacher started it; otherwise 404."""
    info = classroom.owned_session(session_id, current_teacher_id())
    if info is None:
        abort(404)
    return info


def join_url(code: str) -> str:
    """The absolute address pupils open (what the QR code holds): ``http://school-server/join/ACD379``."""
    return url_for("join.join_code", code=code, _external=True)


@login_required
def index():
    """The teacher's sessions, newest first, open ones marked."""
    return render_template("sessions/index.html", sessions=classroom.owned_sessions(current_teacher_id()))


@login_required
def show(session_id: int):
    """The projector page: the code, the join link and QR code, and the live dashboard under them."""
    info = session_or_404(session_id)
    known_codes.remember(info.code)  # shown here: pupils at this address join even after others' typos
    url = join_url(info.code)
    return render_template(
        "sessions/show.html",
        info=info,
        join_url=url,
        join_page=url_for("join.join", _external=True),
        spaced_code=display.spaced_code(info.code),
        unreachable=display.unreachable_host(url),
        **live_context(info),
    )


def live(session_id: int):
    """The dashboard alone, for htmx to swap in every few seconds (the full page includes the same template).

    A teacher logged out meanwhile (in another tab, say) is sent to the login
    page as a whole page (``HX-Redirect``), not as a login form swapped into
    the dashboard.
    """
    if not current_user.is_authenticated:
        login = url_for("auth.login", next=url_for("sessions.show", session_id=session_id))
        return ("", 204, {"HX-Redirect": login}) if is_htmx() else redirect(login)
    info = session_or_404(session_id)
    html = render_template("sessions/_live.html", info=info, **live_context(info))
    return html, {"Cache-Control": "no-store"}


def live_context(info) -> dict:
    """What ``sessions/_live.html`` needs besides the session."""
    return {
        "board": or_404(classroom_results.dashboard, info.id),
        "poll_seconds": POLL_SECONDS,
        **teacher_context(info.id),
        **session_context(info.id),
    }


def or_404(call, session_id: int):
    """``call(session_id)``, or 404 if the session was deleted since it was checked (in another tab, say)."""
    try:
        return call(session_id)
    except LookupError:
        abort(404)


@login_required
def qr(session_id: int):
    """The join link as a QR code (SVG), for the projector page's image."""
    info = session_or_404(session_id)
    return Response(
        display.qr_svg(join_url(info.code)),
        mimetype="image/svg+xml",
        headers={"Cache-Control": "private, max-age=3600"},
    )


@login_required
def override(session_id: int, participant_id: int, number: int):
    """Accept the pupil's answer as correct (``accept=1``) or give back the grader's verdict (``accept=0``)."""
    session_or_404(session_id)
    form = forms.OverrideForm()
    if not form.validate_on_submit():
        abort(400)
    accept = form.accepted()
    try:
        classroom.override(session_id, participant_id, number, accept)
    except LookupError:  # no such pupil in this session, or nothing saved for that question
        abort(404)
    flash(f"Question {number}: {'answer accepted' if accept else 'back to the grader’s verdict'}.", "success")
    return redirect(
        url_for(
            "sessions.pupil", session_id=session_id, participant_id=participant_id, _anchor=f"answer-{number}"
        )
    )


@login_required
def accept_for_everyone(session_id: int, number: int):
    """Accept one answer to question ``number`` for every pupil who gave it (POST); back where the button was."""
    session_or_404(session_id)
    form = forms.AcceptForEveryoneForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        changed = classroom_overrides.accept_for_everyone(session_id, number, form.answer.data or "")
    except LookupError:
        abort(404)
    flash(
        f"Question {number}: “{form.answer.data}” accepted for {changed} "
        f"{'pupil' if changed == 1 else 'pupils'}.",
        "success",
    )
    if form.pupil.data:
        return redirect(
            url_for(
                "sessions.pupil",
                session_id=session_id,
                participant_id=form.pupil.data,
                _anchor=f"answer-{number}",
            )
        )
    return redirect(url_for("sessions.show", session_id=session_id, _anchor=f"stat-{number}"))


@login_required
def close(session_id: int):
    """Stop the session: pupils can no longer join or save (POST)."""
    session_or_404(session_id)
    or_404(classroom.close_session, session_id)
    flash(
        "The session is closed: pupils can still see their page, but cannot change their answers.", "success"
    )
    return redirect(url_for("sessions.show", session_id=session_id))


@login_required
def reopen(session_id: int):
    """Open a closed session again, with the same code (POST)."""
    session_or_404(session_id)
    or_404(classroom.reopen_session, session_id)
    flash("The session is open again: pupils can join and answer with the same code.", "success")
    return redirect(url_for("sessions.show", session_id=session_id))


@login_required
def delete(session_id: int):
    """GET: are you sure? POST: delete the session with every pupil and answer in it."""
    info = session_or_404(session_id)
    if request.method == "POST":
        classroom.delete_session(session_id)
        flash(f"The session “{info.title}” ({info.code}) and all its answers were deleted.", "success")
        return redirect(url_for("sessions.index"))
    return render_template(
        "sessions/delete.html", info=info, board=or_404(classroom_results.dashboard, session_id)
    )


@login_required
def answers_csv(session_id: int):
    """Every pupil's answer to every question, one row each, as a spreadsheet download."""
    info = session_or_404(session_id)
    return csv_download(
        or_404(classroom_results.answers_csv, session_id),
        display.csv_filename(info.title, info.code, "answers"),
    )


@login_required
def summary_csv(session_id: int):
    """One row per question: how the class did, as a spreadsheet download."""
    info = session_or_404(session_id)
    return csv_download(
        or_404(classroom_results.summary_csv, session_id),
        display.csv_filename(info.title, info.code, "summary"),
    )


def csv_download(text: str, filename: str) -> Response:
    """``text`` as a CSV attachment named ``filename``; never cached (it holds pupils' names)."""
    return Response(
        text,
        content_type=CSV_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
