"""Request handlers that change an article's text or delete it (``services.article_changes``).

Apart from ``views`` so that each module stays one idea: ``views`` adds and
corrects the details and glossary; this edits and removes. The services
check the article or pack is the teacher's (a ``NotFound``, which
``web.errors`` answers with 404).
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quizapp import tasks
from quizapp.config import text_bounds
from quizapp.services import article_changes, article_editing, article_jobs
from quizapp.text.errors import InputError
from quizapp.web.articles.forms import ConfirmForm, TextForm
from quizapp.web.auth import logged_in_teacher_id


@login_required
def edit_text(article_id: int):
    """GET: the text in a box (``?retry=<job>``: a failed edit's text). POST: queue its analysis, see progress.

    An unchanged or refused text is the form again with what to fix, 422;
    nothing changes until the new analysis is stored.
    """
    owner_id = logged_in_teacher_id()
    entry = article_editing.editable(article_id, owner_id)
    form = TextForm()
    if request.method == "GET":
        form.text.data = _retry_text(request.args.get("retry", type=int)) or article_changes.editable_text(
            article_id, owner_id
        )
    if form.validate_on_submit():
        config = current_app.config
        try:
            job_id = article_changes.submit_edit(
                article_id,
                form.text.data or "",
                owner_id=owner_id,
                bounds=text_bounds(config),
                per_hour=config["ARTICLES_PER_TEACHER_PER_HOUR"],
            )
        except InputError as exc:
            form.form_errors.append(str(exc))
        else:
            tasks.analyse_later(current_app, job_id)
            return redirect(url_for("articles.job", job_id=job_id))
    return render_template("articles/text.html", entry=entry, form=form), 422 if form.is_submitted() else 200


def _retry_text(job_id: int | None) -> str | None:
    """A failed edit's text without the title line the edit put above it (None: no retry asked)."""
    if not job_id:
        return None
    try:
        raw, title = article_jobs.retry_text(job_id, logged_in_teacher_id())
    except article_jobs.JobNotFound:
        abort(404)
    return raw.removeprefix(f"{title}\n\n") if title else raw


@login_required
def delete(article_id: int):
    """GET: what deleting does (which packs keep the text, which live lesson stops it). POST: delete."""
    owner_id = logged_in_teacher_id()
    entry = article_editing.editable(article_id, owner_id)
    form = ConfirmForm()
    status = 200
    if form.validate_on_submit():
        try:
            kept = article_changes.delete(article_id, owner_id)
        except InputError as exc:
            form.form_errors.append(str(exc))
            status = 409
        else:
            flash(
                f"Deleted “{entry.title}”."
                + (" Its packs keep their copy of the text and still work." if kept else ""),
                "success",
            )
            return redirect(url_for("articles.index"))
    return render_template(
        "articles/delete.html", entry=entry, form=form, uses=article_changes.uses(article_id, owner_id)
    ), status


@login_required
def pack_reviewed(pack_id: int):
    """The teacher checked a flagged pack's questions against the edited article (POST from its review page)."""
    if ConfirmForm().validate_on_submit():
        article_changes.mark_reviewed(pack_id, logged_in_teacher_id())
        flash("Marked as checked.", "success")
    return redirect(url_for("packs.review", pack_id=pack_id))
