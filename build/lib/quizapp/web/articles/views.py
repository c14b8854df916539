"""Request handlers of the teacher's articles: parse the form, call ``services``, render or redirect.

Every handler needs a logged-in teacher; an article id that is not theirs
(another teacher's, a seed's, none) is a 404 from ``owned_or_404``.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from quizapp.models import Article
from quizapp.services import article_editing, articles
from quizapp.services.articles import ArticleNotFound
from quizapp.text import documents, glossary_edits
from quizapp.text.errors import InputError
from quizapp.web.articles.forms import ActorForm, ConfirmForm, DetailsForm, MergeForm, NewArticleForm
from quizapp.web.auth import current_teacher_id, owned_or_404

TOO_BIG = "That is more than 2 MB, far longer than an article: upload the article's page or text only."
QUESTIONS_NOTE = "Correcting the glossary does not change questions: they live in packs."


@login_required
def index():
    """The teacher's own articles, newest first."""
    return render_template("articles/list.html", articles=articles.owned_articles(current_teacher_id()))


@login_required
def new():
    """GET: the form. POST: analyse and store the article, or the form again with what to fix (4xx, nothing saved)."""
    form = _new_form()
    if form.validate_on_submit():
        try:
            entry = _add(form)
        except InputError as exc:  # empty, binary, not an article, wrong suffix...
            form.form_errors.append(str(exc))
        except ArticleNotFound:  # the seed went away after the page was made
            form.seed.errors.append("That shared article is no longer there: choose another.")
        else:
            flash(f"“{entry.title}” is ready. Check its glossary below, or correct it from My articles.", "success")
            return redirect(url_for("reading.article", slug=entry.slug))
    return render_template("articles/new.html", form=form), 422 if form.is_submitted() else 200


def too_big(error):
    """An upload over ``MAX_CONTENT_LENGTH``: the form again (empty: the body was never read), 413."""
    form = _new_form(formdata=None)
    form.form_errors.append(TOO_BIG)
    return render_template("articles/new.html", form=form), 413


def _new_form(**options) -> NewArticleForm:
    """The add form with the seeds to choose from."""
    form = NewArticleForm(**options)
    form.seed.choices = [SelectChoice(0, "None")] + [SelectChoice(s.id, s.title) for s in article_editing.seed_choices()]
    return form


def _add(form: NewArticleForm) -> articles.ArticleView:
    """Store the article from whichever source the form holds; the slow analysis happens here."""
    owner_id, title = current_teacher_id(), form.title.data or None
    if form.seed.data:
        entry = article_editing.copy_seed(form.seed.data, owner_id)
        if title:
            entry = article_editing.edit_details(entry.id, title=title, source=entry.analysis.article.source,
                                                 dateline=entry.analysis.article.dateline)
        return entry
    if form.upload.data:
        upload = form.upload.data
        document = documents.from_upload(upload.read(), upload.filename or "upload")
    else:
        document = documents.from_paste(form.text.data)
    return articles.add_article(document.text, model=current_app.config["SPACY_MODEL"], owner_id=owner_id,
                                title_hint=title or document.title)


@login_required
def edit(article_id: int):
    """GET: the details form and the glossary. POST: save the details."""
    owned_or_404(Article, article_id)
    form = DetailsForm()
    if form.validate_on_submit():
        try:
            article_editing.edit_details(article_id, title=form.title.data, source=form.source.data,
                                         dateline=form.dateline.data)
        except InputError as exc:
            form.form_errors.append(str(exc))
        else:
            flash("The title, source and dateline are saved.", "success")
            return redirect(url_for("articles.edit", article_id=article_id))
    return _edit_page(article_id, details=form if form.is_submitted() else None,
                      status=422 if form.is_submitted() else 200)


@login_required
def edit_actor(article_id: int, actor_id: str):
    """Save one glossary entry's name, kind and role."""
    owned_or_404(Article, article_id)
    form = ActorForm(prefix=_prefix(actor_id))
    if not form.validate_on_submit():
        return _edit_page(article_id, error=_errors(form), status=422)
    name, kind, role = form.name.data, form.kind.data, form.role.data or ""
    return _apply(article_id, lambda a: glossary_edits.edit_actor(a, actor_id, name=name, kind=kind, role=role),
                  f"Saved “{name}”.")


@login_required
def drop_actor(article_id: int, actor_id: str):
    """GET: ask first (no JS needed). POST: drop the entry and its mentions."""
    owned_or_404(Article, article_id)
    entry = article_editing.editable(article_id)
    actor = _actor_or_404(entry.analysis, actor_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _apply(article_id, lambda a: glossary_edits.drop_actor(a, actor_id), f"Dropped “{actor.name}”.")
    return render_template("articles/drop.html", entry=entry, actor=actor, form=form)


@login_required
def merge_actor(article_id: int, actor_id: str):
    """Merge one entry into another chosen from the glossary."""
    owned_or_404(Article, article_id)
    analysis = article_editing.editable(article_id).analysis
    source = _actor_or_404(analysis, actor_id)
    form = _merge_form(analysis, actor_id)
    if not form.validate_on_submit():
        return _edit_page(article_id, error=_errors(form), status=422)
    target = form.target.data
    return _apply(article_id, lambda a: glossary_edits.merge_actors(a, actor_id, target),
                  f"Merged “{source.name}” into “{_actor_or_404(analysis, target).name}”.")


def _apply(article_id: int, edit, message: str):
    """Store ``edit`` of the glossary and go back to it; a refused edit is the page again, 422."""
    try:
        article_editing.edit_analysis(article_id, edit)
    except glossary_edits.GlossaryEditError as exc:
        return _edit_page(article_id, error=str(exc), status=422)
    flash(message, "success")
    return redirect(url_for("articles.edit", article_id=article_id, _anchor="glossary"))


def _edit_page(article_id: int, *, details: DetailsForm | None = None, error: str | None = None, status: int = 200):
    """The edit page: details (as posted, or as stored) and one small form per glossary entry."""
    entry = article_editing.editable(article_id)
    article = entry.analysis.article
    if details is None:
        details = DetailsForm(formdata=None, data={"title": article.title, "source": article.source or "",
                                                   "dateline": article.dateline or ""})
    rows = [(actor, _actor_form(actor), _merge_form(entry.analysis, actor.id, formdata=None))
            for actor in entry.analysis.actors]
    return render_template("articles/edit.html", entry=entry, details=details, rows=rows, error=error,
                           questions_note=QUESTIONS_NOTE), status


def _actor_form(actor) -> ActorForm:
    """The stored name, kind and role of ``actor``, in a form of its own on the page."""
    return ActorForm(formdata=None, prefix=_prefix(actor.id),
                     data={"name": actor.name, "kind": actor.kind, "role": actor.role})


def _merge_form(analysis, actor_id: str, **options) -> MergeForm:
    """The merge select for ``actor_id``: every other entry."""
    form = MergeForm(prefix=_prefix(actor_id) + "-merge", **options)
    form.target.choices = [SelectChoice("", "Choose…")] + [SelectChoice(a.id, a.name)
                                                        for a in analysis.actors if a.id != actor_id]
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
