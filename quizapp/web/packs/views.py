"""Request handlers of the pack editor: parse the request, call ``services.pack_editing``, render.

The services check the pack is the logged-in teacher's: another teacher's
pack, a seed or none raises ``NotFound``, which ``web.errors`` answers
with the 404 page, so no view here checks or catches it.
"""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quizapp import interchange, tasks
from quizapp.config import text_bounds
from quizapp.services import article_jobs, articles, classroom, pack_editing, packs, session_admin
from quizapp.text.errors import InputError
from quizapp.text.grading import grader as grading
from quizapp.text.question import QUESTION_TYPES, Question
from quizapp.web.auth import current_teacher_id, logged_in_teacher_id
from quizapp.web.common.answer_forms import quiz_form
from quizapp.web.common.results import verdict_word
from quizapp.web.packs import forms

# Notes on what an import skipped travel to the next page in the session cookie, which a browser drops
# whole past 4 KB (and the teacher's login with it): show the first few and count the rest.
SHOWN_NOTES = 5
NO_ARTICLE = (
    "This file has questions but no article (a Moodle GIFT file has none), so nothing was imported: "
    "choose the article pupils will read, or paste its text, and import the file again."
)
EXPORTS = {
    "json": ("application/json", "json"),
    "yaml": ("application/yaml", "yaml"),
    "gift": ("text/plain", "gift"),
    "xml": ("application/xml", "xml"),
}


@login_required
def new():
    """GET: pick an article to start a pack from. POST: start it with the article's questions, then review."""
    if request.method == "POST":
        article_id = request.form.get("article_id", type=int)
        if article_id is None:
            abort(404)
        pack_id = pack_editing.start_from_article(article_id, logged_in_teacher_id())
        flash("Your pack holds the article's questions: keep, edit, delete or reorder them.", "success")
        return redirect(url_for("packs.review", pack_id=pack_id))
    return render_template("packs/new.html", articles=articles.listing(current_teacher_id()))


@login_required
def review(pack_id: int):
    """The pack's settings (POST saves them) and its questions, each with its buttons."""
    owner_id = logged_in_teacher_id()
    shown = packs.teacher_pack(pack_id, owner_id)
    form = forms.SettingsForm(data=forms.settings_data(shown.pack))
    if form.validate_on_submit():
        pack_editing.save_settings(pack_id, owner_id, **form.settings())
        flash("Settings saved.", "success")
        return redirect(url_for("packs.review", pack_id=pack_id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "packs/review.html",
        pack_id=pack_id,
        pack=shown.pack,
        form=form,
        types=forms.TYPE_NAMES,
        public=shown.public,
        needs_review=shown.needs_review,
    ), status


@login_required
def start_session(pack_id: int):
    """Start a class session of the pack (POST) and open its projector page; a pack without questions cannot."""
    try:
        session_id = classroom.start_session(pack_id, logged_in_teacher_id())
    except InputError as exc:
        flash(str(exc), "error")
        return redirect(url_for("packs.review", pack_id=pack_id))
    return redirect(url_for("sessions.show", session_id=session_id))


@login_required
def share(pack_id: int):
    """Offer the pack in self-study (POST ``public=1``) or stop offering it (``public=0``)."""
    owner_id, public = logged_in_teacher_id(), request.form.get("public")
    if public not in ("1", "0"):
        packs.check_owned(pack_id, owner_id)  # a bad form for a pack not hers is a 404: a 400 says it exists
        abort(400)
    session_admin.set_public(pack_id, owner_id, public == "1")
    flash(
        "Shared in self-study: anyone can now practise with this pack."
        if public == "1"
        else "No longer shared: only your class sessions use this pack.",
        "success",
    )
    return redirect(url_for("packs.review", pack_id=pack_id))


@login_required
def edit_question(pack_id: int, number: int | None = None):
    """GET: the question form (new: of ``?type=``). POST "Preview": the page again with the preview; POST "Save"."""
    current = pack_editing.questions(pack_id, logged_in_teacher_id())
    if number is None:
        qtype = request.args.get("type", "short")
        if qtype not in QUESTION_TYPES:
            abort(404)
        base = forms.new_question(qtype, {q.id for q in current})
    elif 1 <= number <= len(current):
        base = current[number - 1]
    else:
        abort(404)
    form = forms.QuestionForm()
    if not form.is_submitted():
        form.fill_from(base)
        return render_question(pack_id, number, base, form)
    question = form.check(base.type, base)
    if question and "preview" not in request.form:
        try:
            pack_editing.put_question(
                pack_id,
                logged_in_teacher_id(),
                question,
                None if number is None else number - 1,
                max_questions=current_app.config["MAX_QUESTIONS_PER_PACK"],
            )
        except pack_editing.TooManyQuestions as exc:
            form.prompt.errors = [str(exc)]  # the page again, with everything typed kept
            return render_question(pack_id, number, base, form, question, preview=True), 422
        flash("Question saved.", "success")
        return redirect(url_for("packs.review", pack_id=pack_id, _anchor="questions"))
    status = 200 if question else 422
    return render_question(pack_id, number, base, form, form.question(base.type, base), preview=True), status


@login_required
def preview(pack_id: int):
    """The preview alone, as HTML, for static/js/preview.js to swap into the page."""
    packs.check_owned(pack_id, logged_in_teacher_id())
    qtype = request.form.get("type", "short")
    if qtype not in QUESTION_TYPES:
        abort(400)
    base = Question("preview", qtype, "", ())
    form = forms.QuestionForm()
    form.check(qtype, base)
    return render_template("packs/_preview.html", **preview_context(form, form.question(qtype, base)))


def render_question(
    pack_id: int,
    number: int | None,
    base: Question,
    form,
    shown: Question | None = None,
    preview: bool = False,
):
    """The question page; with ``preview``, how pupils see ``shown`` and how the sample answer grades."""
    if base.type == "cloze":
        form.prompt.description = forms.CLOZE_HINT
    return render_template(
        "packs/question.html",
        pack_id=pack_id,
        number=number,
        qtype=base.type,
        type_name=forms.TYPE_NAMES[base.type],
        form=form,
        preview=preview,
        **preview_context(form, shown or base),
    )


def preview_context(form, question: Question) -> dict:
    """What ``packs/_preview.html`` needs: the pupil's form for ``question`` and the sample's grade."""
    problems = [str(p) for p in forms.question_problems(question)]
    pupil = quiz_form([question])(formdata=None, meta={"csrf": False}) if question.prompt.strip() else None
    sample = (form.sample.data or "").strip()
    graded = grading.grade(question, sample) if sample and not problems else None
    return {
        "question": question,
        "pupil": pupil,
        "problems": problems,
        "sample": sample,
        "graded": graded,
        "verdict_word": verdict_word,
    }


@login_required
def delete_question(pack_id: int, number: int):
    """GET: are you sure, showing the question? POST: remove question ``number``.

    Issue 16: one click on Delete removed a question for good. The
    confirmation posts the prompt it showed; if the question at that
    number is another one by then (the pack was changed in another tab),
    nothing is deleted and the teacher is told.
    """
    questions = pack_editing.questions(pack_id, logged_in_teacher_id())
    if not 1 <= number <= len(questions):
        abort(404)
    question = questions[number - 1]
    if request.method == "GET":
        return render_template(
            "packs/delete_question.html", pack_id=pack_id, number=number, question=question
        )
    shown = request.form.get("prompt")
    if shown is not None and shown != question.prompt:
        flash(
            f"Question {number} has changed since you asked to delete it, so nothing was deleted: "
            "check the list and try again.",
            "error",
        )
    else:
        pack_editing.delete_question(pack_id, logged_in_teacher_id(), number - 1)
        flash(f"Question {number} deleted.", "success")
    return redirect(url_for("packs.review", pack_id=pack_id, _anchor="questions"))


@login_required
def move_question(pack_id: int, number: int):
    """Move question ``number`` up or down one place (POST, ``step`` -1 or 1)."""
    owner_id = logged_in_teacher_id()
    count = len(pack_editing.questions(pack_id, owner_id))  # before the form: not hers is a 404, never a 400
    step = request.form.get("step", type=int)
    if step not in (-1, 1) or not 1 <= number <= count:
        abort(400)
    pack_editing.move_question(pack_id, owner_id, number - 1, step)
    return redirect(url_for("packs.review", pack_id=pack_id, _anchor=f"question-{max(1, number + step)}"))


@login_required
def duplicate(pack_id: int):
    """A copy of the pack, "Copy of …" (POST); opens the copy."""
    copy_id = pack_editing.duplicate(pack_id, logged_in_teacher_id())
    flash("This is a copy: changes here leave the original as it was.", "success")
    return redirect(url_for("packs.review", pack_id=copy_id))


@login_required
def delete(pack_id: int):
    """GET: are you sure? POST: delete the pack (its article stays)."""
    owner_id = logged_in_teacher_id()
    if request.method == "POST":
        title = pack_editing.delete(pack_id, owner_id)
        flash(f"The pack “{title}” was deleted.", "success")
        return redirect(url_for("teacher.dashboard"))
    return render_template(
        "packs/delete.html", pack_id=pack_id, pack=packs.teacher_pack(pack_id, owner_id).pack
    )


@login_required
def export(pack_id: int, fmt: str):
    """The pack as a JSON, YAML, GIFT or Moodle XML download named after its title."""
    data = packs.teacher_pack(pack_id, logged_in_teacher_id()).pack
    if fmt not in EXPORTS:
        abort(404)
    try:
        text = interchange.dump(data, fmt)
    except interchange.PackFormatError as exc:
        flash(f"Cannot export as {fmt.upper()}: {exc}", "error")
        return redirect(url_for("packs.review", pack_id=pack_id))
    mimetype, suffix = EXPORTS[fmt]
    filename = f"{articles.slugify(data.title)}.{suffix}"
    return Response(
        text, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@login_required
def import_pack():
    """Upload a pack file: a new pack (on its own article, one chosen or one pasted), or the form with what to fix.

    A file without an article (a Moodle GIFT file) needs one chosen or pasted:
    without, nothing is saved and the form says so (pupils would otherwise
    read an "article" that is the file's name).
    """
    form = forms.ImportForm()
    form.article.choices = _article_choices()
    if not form.validate_on_submit():
        return render_template("packs/import.html", form=form), 422 if form.is_submitted() else 200
    upload, owner_id, config = form.file.data, logged_in_teacher_id(), current_app.config
    try:
        result = interchange.load(upload.read(interchange.MAX_PACK_BYTES + 1), name=upload.filename or "pack")
        data = _with_article(result.pack, form.article_text.data, chosen=bool(form.article.data))
        if form.article.data:
            pack_id = pack_editing.import_onto(
                data,
                article_id=form.article.data,
                owner_id=owner_id,
                max_questions=config["MAX_QUESTIONS_PER_PACK"],
            )
            return _imported(result, data, pack_id)
        job_id = pack_editing.import_later(
            data,
            owner_id=owner_id,
            max_questions=config["MAX_QUESTIONS_PER_PACK"],
            bounds=text_bounds(config),
            per_hour=config["ARTICLES_PER_TEACHER_PER_HOUR"],
        )
        tasks.analyse_later(current_app, job_id)
    except InputError as exc:
        form.file.errors = [str(exc)]
        return render_template("packs/import.html", form=form), 422
    job = article_jobs.status(job_id, owner_id)
    if job.status == "failed":  # the queue ran it at once (or could not take it) and it failed
        form.file.errors = [job.error]
        return render_template("packs/import.html", form=form), 422
    if (
        job.status != "done"
    ):  # the worker analyses the article; the progress page takes the teacher to the pack
        _flash_notes(result)
        return redirect(url_for("articles.job", job_id=job_id))
    return _imported(result, data, job.pack_id)


def _article_choices() -> list[tuple[int, str]]:
    """The articles a teacher may attach to an imported pack: hers and the shared ones."""
    readable = articles.listing(current_teacher_id())
    return [(0, "The file's own article")] + [
        (a.id, f"{a.title} (mine)" if a.owner_id else a.title) for a in readable
    ]


def _with_article(data, pasted: str, *, chosen: bool):
    """``data`` with the pasted article if there is one; ``InputError`` if the file has none and none was given."""
    if pasted:
        return pack_editing.with_pasted_article(data, pasted)
    if not data.article.text.strip() and not chosen:
        raise InputError(NO_ARTICLE)
    return data


def _imported(result, data, pack_id: int):
    """The new pack's page, with what the importer skipped."""
    _flash_notes(result)
    flash(f"Imported “{data.title}” with {len(data.questions)} questions.", "success")
    return redirect(url_for("packs.review", pack_id=pack_id))


def _flash_notes(result) -> None:
    """What the importer skipped, five notes at most (a cookie holds the flashes), then how many more.

    The note that the file has no article is left out: the view refuses such a file or attaches one.
    """
    notes = [note for note in result.skipped if not note.startswith("no article:")]
    for note in notes[:SHOWN_NOTES]:
        flash(f"Skipped: {note}", "info")
    if len(notes) > SHOWN_NOTES:
        more = len(notes) - SHOWN_NOTES
        flash(
            f"…and {more} more note{'s' if more != 1 else ''} like these (`quizapp pack import` prints them all).",
            "info",
        )
