"""Request handlers of self-study: pick, answer, see the results, try the missed ones again, see progress."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound

from quizapp.services import study
from quizapp.web import errors
from quizapp.web.auth import current_teacher_id
from quizapp.web.common import answer_forms as quiz_forms
from quizapp.web.common import evidence, results
from quizapp.web.study import chart, progress
from quizapp.web.study.forms import ArrangementArgs, ForgetForm, link_args


def index():
    """Every article a reader may read and every public pack, and a way to the pupil's progress."""
    catalogue = study.catalogue(current_teacher_id())
    return render_template("study/index.html", catalogue=catalogue, attempts=len(progress.load()))


def article(slug: str):
    """Study an article's own questions."""
    return answer(material_or_404(slug=slug))


def pack(pack_id: int):
    """Study a public pack."""
    return answer(material_or_404(pack_id=pack_id))


def answer(material: study.Material):
    """GET: the page's questions. POST: grade them, record the attempt, show the results.

    The link's arrangement (``?seed=&round=&only=``) says which questions and
    in which order; the form posts back to the same link, so the grader sees
    the page the pupil saw. A submission the quiz form refuses (an answer
    far too long, an option not on the page) comes back with its message.
    """
    try:
        arrangement, arranged = arranged_for(material)
    except study.BadArrangement as problem:
        return bad_link(material, str(problem))
    form = quiz_forms.quiz_form(arranged.questions)()
    if arranged.questions and form.validate_on_submit():
        return record_and_show(
            material, arrangement, arranged, study.grade(material, arranged, form.responses())
        )
    status = 422 if form.is_submitted() else 200
    return render_questions(material, arrangement, arranged, form), status


def arranged_for(material: study.Material) -> tuple[study.Arrangement, study.Arranged]:
    """The link's arrangement (a fresh seed on a first visit) and the questions it asks.

    Raises ``BadArrangement`` for a malformed link or one this material cannot have.
    """
    args = ArrangementArgs(request.args)
    if not args.validate():
        raise study.BadArrangement(
            "This link to a set of questions is broken: part of it is missing or was changed."
        )
    # A POST without a seed was not sent by our page; seed 0 at least makes it repeatable.
    arrangement = args.arrangement(study.new_seed() if request.method == "GET" else 0)
    return arrangement, study.arrange(material, arrangement)


def record_and_show(material, arrangement, arranged, result):
    """The results page, with the attempt added to the pupil's progress cookie."""
    history = study.add_attempt(
        progress.load(), study.attempt_of(material, result, retry=arrangement.round > 0)
    )
    missed = study.missed(result, arranged)
    again = study.try_again(arrangement, missed)
    page = render_template(
        "study/results.html",
        material=material,
        arrangement=arrangement,
        result=result,
        bars=results.bars(result),
        marked=evidence.mark_evidence(study.page_analysis(material, arranged)),
        missed=missed,
        again_url=material_url(material, again) if again else None,
        start_url=material_url(material),
    )
    response = make_response(page)
    progress.save(response, history)
    return response


def render_questions(material, arrangement, arranged, form, expired: bool = False) -> str:
    """The questions page: the form beside the article's text, posting back to this arrangement."""
    return render_template(
        "study/questions.html",
        material=material,
        arrangement=arrangement,
        arranged=arranged,
        form=form,
        expired=expired,
        action=material_url(material, arrangement),
    )


def expired(error):
    """A stale or missing CSRF token: the answers come back unchecked, with a fresh token.

    As in the quiz, a pupil must not lose their work to a page left open.
    The "forget" button gets the app's generic page instead.
    """
    view_args = request.view_args or {}
    if not {"slug", "pack_id"} & set(view_args):
        return errors.form_expired(error)
    try:
        material = material_for(**view_args)
    except study.MaterialNotFound:
        return errors.not_found(NotFound())
    try:
        arrangement, arranged = arranged_for(material)
    except study.BadArrangement as problem:
        return bad_link(material, str(problem))
    form = quiz_forms.quiz_form(arranged.questions)()
    return render_questions(material, arrangement, arranged, form, expired=True), 400


def show_progress():
    """The pupil's attempts: what they have done, a chart of their scores, every attempt in a table."""
    history = progress.load()
    response = make_response(
        render_template(
            "study/progress.html",
            history=history,
            done=study.done(history),
            chart=chart.score_chart(history),
            form=ForgetForm(),
            max_attempts=study.MAX_ATTEMPTS,
        )
    )
    # Not kept by the browser: after "forget", Back must not bring the scores back on a shared computer.
    response.headers["Cache-Control"] = "no-store"
    return response


def forget():
    """Delete the progress cookie (a POST with a CSRF token, so no link or prefetch can do it)."""
    form = ForgetForm()
    if not form.validate_on_submit():
        abort(400)
    response = redirect(url_for("study.show_progress"), 303)
    progress.forget(response)
    flash("Your progress on this device has been forgotten.", "success")
    return response


def bad_link(material: study.Material, message: str = ""):
    """The page for a study link that cannot be right (400), with a way to start afresh."""
    return render_template(
        "study/bad_link.html", material=material, message=message, start_url=material_url(material)
    ), 400


def material_url(material: study.Material, arrangement: study.Arrangement | None = None) -> str:
    """The study page of ``material``, for ``arrangement`` if given."""
    args = link_args(arrangement) if arrangement else {}
    if material.kind == "pack":
        return url_for("study.pack", pack_id=int(material.ref), **args)
    return url_for("study.article", slug=material.ref, **args)


def material_for(slug: str | None = None, pack_id: int | None = None) -> study.Material:
    """The article ``slug`` or the public pack ``pack_id``; raises ``MaterialNotFound``."""
    if pack_id is not None:
        return study.pack_material(pack_id)
    return study.article_material(slug or "", current_teacher_id())  # no slug: MaterialNotFound, a 404


def material_or_404(**view_args) -> study.Material:
    """``material_for(**view_args)``, or a 404."""
    try:
        return material_for(**view_args)
    except study.MaterialNotFound:
        abort(404)
