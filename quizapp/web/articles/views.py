"""Request handlers of the teacher's articles: parse the form, call ``services``, render or redirect.

Every handler needs a logged-in teacher; an article id that is not theirs
(another teacher's, a seed's, a deleted one, none) makes the service raise
``ArticleNotFound``, which ``web.errors`` answers with the 404 page.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in its stubs

from quizapp import tasks
from quizapp.config import text_bounds
from quizapp.services import article_changes, article_editing, article_jobs, articles
from quizapp.services.articles import ArticleNotFound
from quizapp.text.actors import glossary_edits
from quizapp.text.errors import InputError
from quizapp.text.reading import documents
from quizapp.web.articles.forms import (
    ActorForm,
    ConfirmForm,
    DetailsForm,
    MergeForm,
    NewArticleForm,
)
from quizapp.web.auth import current_teacher_id, logged_in_teacher_id
from quizapp.web.common.htmx import is_htmx

TOO_BIG = "That is more than 2 MB, far longer than an article: upload the article's page or text only."
READY = "“{title}” is ready. Check its glossary below, or correct it from My articles."
POLL_SECONDS = (
    2  # the progress page asks again this often (htmx), or reloads (no JavaScript) every NO_JS_RELOAD
)
NO_JS_RELOAD = 5
QUESTIONS_NOTE = "Correcting the glossary does not change questions: they live in packs."


@login_required
def index():
    """The teacher's own articles, newest first, after any still being analysed or that failed today."""
    return render_template(
        "articles/list.html",
        articles=articles.owned_articles(current_teacher_id()),
        jobs=article_jobs.unfinished(current_teacher_id()),
    )


@login_required
def new():
    """GET: the form (``?retry=<job>``: with a failed job's text). POST: queue the analysis, see its progress.

    A text the cleaner refuses (empty, not an article, over the caps) or a
    teacher over the hourly cap gets the form again with what to fix, 422,
    keeping what she typed; nothing is saved. A copied seed needs no
    analysis and is ready at once.
    """
    form = _new_form()
    if request.method == "GET" and request.args.get("retry", type=int):
        _refill(form, request.args.get("retry", type=int))
    if form.validate_on_submit():
        try:
            outcome = _add(form)
        except DuplicateText as exc:
            return render_template("articles/new.html", form=form, duplicate=exc.existing), 409
        except InputError as exc:  # empty, binary, not an article, too long, too many this hour...
            form.form_errors.append(str(exc))
        except ArticleNotFound:  # the seed went away after the page was made
            form.seed.errors.append("That shared article is no longer there: choose another.")
        else:
            if isinstance(outcome, articles.ArticleView):
                return _ready(outcome)
            if outcome.status == "failed":  # the queue ran it at once (or could not take it) and it failed
                form.form_errors.append(outcome.error)
            else:
                return _progress_or_article(outcome)
    return render_template("articles/new.html", form=form), 422 if form.is_submitted() else 200


def too_big(error):
    """An upload over ``MAX_CONTENT_LENGTH``: the form again (empty: the body was never read), 413."""
    form = _new_form(formdata=None)
    form.form_errors.append(TOO_BIG)
    return render_template("articles/new.html", form=form), 413


def _new_form(**options) -> NewArticleForm:
    """The add form with the seeds to choose from."""
    form = NewArticleForm(**options)
    form.seed.choices = [SelectChoice(0, "None")] + [
        SelectChoice(s.id, s.title) for s in article_editing.seed_choices()
    ]
    return form


def _add(form: NewArticleForm) -> articles.ArticleView | article_jobs.JobView:
    """A copied seed (ready now), or the job analysing the pasted or uploaded text in the background."""
    owner_id, title, config = logged_in_teacher_id(), form.title.data or None, current_app.config
    article_jobs.check_rate(owner_id, config["ARTICLES_PER_TEACHER_PER_HOUR"])
    if form.seed.data:
        entry = article_editing.copy_seed(form.seed.data, owner_id)
        if title:
            entry = article_editing.edit_details(
                entry.id,
                owner_id,
                title=title,
                source=entry.analysis.article.source,
                dateline=entry.analysis.article.dateline,
            )
        return entry
    if form.upload.data:
        upload = form.upload.data
        document = documents.from_upload(upload.read(), upload.filename or "upload")
    else:
        document = documents.from_paste(form.text.data or "")  # nothing pasted: "empty", shown on the form
    if request.form.get("duplicate") != "add":
        _refuse_duplicate(form, document)
    job_id = article_jobs.submit(
        document.text,
        owner_id=owner_id,
        title_hint=title or document.title,
        bounds=text_bounds(config),
        per_hour=config["ARTICLES_PER_TEACHER_PER_HOUR"],
        details=document.details,
    )
    tasks.analyse_later(current_app, job_id)
    return article_jobs.status(job_id, owner_id)


class DuplicateText(InputError):
    """The teacher already has an article with this text (``existing``)."""

    def __init__(self, existing: article_changes.Duplicate):
        super().__init__(f"You already have this article: “{existing.title}”.")
        self.existing = existing


def _refuse_duplicate(form: NewArticleForm, document: documents.Document) -> None:
    """``DuplicateText`` if the text is one of the teacher's articles; the form then holds the text, to add again."""
    existing = article_changes.duplicate_of(document.text, logged_in_teacher_id())
    if existing is not None:
        form.text.data, form.title.data = document.text, form.title.data or document.title or ""
        raise DuplicateText(existing)


def _refill(form: NewArticleForm, job_id: int) -> None:
    """Put a failed job's text and title back in the form, to correct and send again."""
    try:
        form.text.data, title = article_jobs.retry_text(job_id, logged_in_teacher_id())
    except article_jobs.JobNotFound:
        abort(404)
    form.title.data = title or ""


def _ready(entry: articles.ArticleView):
    """The new article's page, with a word on what to check."""
    flash(READY.format(title=entry.title), "success")
    return redirect(url_for("reading.article", slug=entry.slug))


def _progress_or_article(job: article_jobs.JobView):
    """The article (or the imported pack) if the job is done already (a quick worker, or tests), else its progress page."""
    if job.status == "done":
        return redirect(_ready_url(job))
    return redirect(url_for("articles.job", job_id=job.id))


def _ready_url(job: article_jobs.JobView) -> str:
    """Where a finished job takes the teacher, with a word on what to check: the imported pack, or the article."""
    if job.edit_of:
        review = article_changes.packs_to_review(job.edit_of, logged_in_teacher_id())
        flash(
            f"The new text of “{job.title}” is analysed."
            + (
                f" {len(review)} of its packs quote sentences no longer in it: check them below."
                if review
                else ""
            ),
            "success",
        )
        return url_for("articles.edit", article_id=job.edit_of)
    if job.pack_id:
        flash(f"Imported “{job.title}”: the article is analysed and its pack is ready to review.", "success")
        return url_for("packs.review", pack_id=job.pack_id)
    flash(READY.format(title=job.title), "success")
    return url_for("reading.article", slug=job.article_slug)


@login_required
def job(job_id: int):
    """The progress page of an article being analysed: its state, refreshed by htmx or, without it, by the page.

    Done: straight to the article. Failed: why, and the text back in the form.
    """
    state = _job_or_404(job_id)
    if state.status == "done":
        return _progress_or_article(state)
    return render_template("articles/job.html", job=state, **_job_context(state)), {
        "Cache-Control": "no-store"
    }


def job_status(job_id: int):
    """The status alone, for htmx to swap in every few seconds; done: the whole page goes to the article.

    A teacher logged out meanwhile is sent to log in as a whole page, not a
    login form swapped into the status.
    """
    if not current_user.is_authenticated:
        login = url_for("auth.login", next=url_for("articles.job", job_id=job_id))
        return ("", 204, {"HX-Redirect": login}) if is_htmx() else redirect(login)
    state = _job_or_404(job_id)
    if state.status == "done" and is_htmx():
        return "", 204, {"HX-Redirect": _ready_url(state)}
    html = render_template("articles/_job_status.html", job=state, **_job_context(state))
    return html, {"Cache-Control": "no-store"}


def _job_or_404(job_id: int) -> article_jobs.JobView:
    """The logged-in teacher's job, or 404 (another teacher's, or none)."""
    try:
        return article_jobs.status(job_id, logged_in_teacher_id())
    except article_jobs.JobNotFound:
        abort(404)


def _job_context(state: article_jobs.JobView) -> dict:
    """What the progress page and its partial need besides the job."""
    return {"poll_seconds": POLL_SECONDS, "reload_seconds": NO_JS_RELOAD}


@login_required
def edit(article_id: int):
    """GET: the details form and the glossary. POST: save the details."""
    form = DetailsForm()
    if form.validate_on_submit():
        try:
            article_editing.edit_details(
                article_id,
                logged_in_teacher_id(),
                title=form.title.data or "",
                source=form.source.data,
                dateline=form.dateline.data,
                page=form.page_details(),
            )
        except InputError as exc:
            form.form_errors.append(str(exc))
        else:
            flash("The details are saved.", "success")
            return redirect(url_for("articles.edit", article_id=article_id))
    return _edit_page(
        article_id, details=form if form.is_submitted() else None, status=422 if form.is_submitted() else 200
    )


@login_required
def edit_actor(article_id: int, actor_id: str):
    """Save one glossary entry's name, kind and role."""
    form = ActorForm(prefix=_prefix(actor_id))
    if not form.validate_on_submit():
        return _edit_page(article_id, error=_errors(form), status=422)
    name, kind, role = form.name.data or "", form.kind.data, form.role.data or ""
    return _apply(
        article_id,
        lambda a: glossary_edits.edit_actor(a, actor_id, name=name, kind=kind, role=role),
        f"Saved “{name}”.",
    )


@login_required
def drop_actor(article_id: int, actor_id: str):
    """GET: ask first (no JS needed). POST: drop the entry and its mentions."""
    entry = article_editing.editable(article_id, logged_in_teacher_id())
    actor = _actor_or_404(entry.analysis, actor_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _apply(
            article_id, lambda a: glossary_edits.drop_actor(a, actor_id), f"Dropped “{actor.name}”."
        )
    return render_template("articles/drop.html", entry=entry, actor=actor, form=form)


@login_required
def merge_actor(article_id: int, actor_id: str):
    """Merge one entry into another chosen from the glossary."""
    analysis = article_editing.editable(article_id, logged_in_teacher_id()).analysis
    source = _actor_or_404(analysis, actor_id)
    form = _merge_form(analysis, actor_id)
    if not form.validate_on_submit():
        return _edit_page(article_id, error=_errors(form), status=422)
    target = form.target.data
    return _apply(
        article_id,
        lambda a: glossary_edits.merge_actors(a, actor_id, target),
        f"Merged “{source.name}” into “{_actor_or_404(analysis, target).name}”.",
    )


def _apply(article_id: int, edit, message: str):
    """Store ``edit`` of the glossary and go back to it; a refused edit is the page again, 422."""
    try:
        article_editing.edit_analysis(article_id, logged_in_teacher_id(), edit)
    except glossary_edits.GlossaryEditError as exc:
        return _edit_page(article_id, error=str(exc), status=422)
    flash(message, "success")
    return redirect(url_for("articles.edit", article_id=article_id, _anchor="glossary"))


def _edit_page(
    article_id: int, *, details: DetailsForm | None = None, error: str | None = None, status: int = 200
):
    """The edit page: details (as posted, or as stored) and one small form per glossary entry."""
    owner_id = logged_in_teacher_id()
    entry = article_editing.editable(article_id, owner_id)
    article = entry.analysis.article
    if details is None:
        page = entry.details
        details = DetailsForm(
            formdata=None,
            data={
                "title": article.title,
                "source": article.source or "",
                "dateline": article.dateline or "",
                "standfirst": page.standfirst or "",
                "author": page.author or "",
                "site_name": page.site_name or "",
                "published": page.published,
            },
        )
    rows = [
        (actor, _actor_form(actor), _merge_form(entry.analysis, actor.id, formdata=None))
        for actor in entry.analysis.actors
    ]
    return render_template(
        "articles/edit.html",
        entry=entry,
        details=details,
        rows=rows,
        error=error,
        questions_note=QUESTIONS_NOTE,
        review=article_changes.packs_to_review(article_id, owner_id),
    ), status


def _actor_form(actor) -> ActorForm:
    """The stored name, kind and role of ``actor``, in a form of its own on the page."""
    return ActorForm(
        formdata=None,
        prefix=_prefix(actor.id),
        data={"name": actor.name, "kind": actor.kind, "role": actor.role},
    )


def _merge_form(analysis, actor_id: str, **options) -> MergeForm:
    """The merge select for ``actor_id``: every other entry."""
    form = MergeForm(prefix=_prefix(actor_id) + "-merge", **options)
    form.target.choices = [SelectChoice("", "Choose…")] + [
        SelectChoice(a.id, a.name) for a in analysis.actors if a.id != actor_id
    ]
    return form


def _prefix(actor_id: str) -> str:
    """Field names and ids of one entry's forms, unique on the page."""
    return f"actor-{actor_id}"


def _actor_or_404(analysis, actor_id: str):
    """The glossary entry, or 404 (an old link, or a page left open after a drop)."""
    try:
        return glossary_edits.actor_by_id(analysis, actor_id)
    except glossary_edits.GlossaryEditError:
        abort(404)


def _errors(form) -> str:
    """All of ``form``'s errors as one sentence list."""
    return " ".join(error for errors in form.errors.values() for error in errors)
