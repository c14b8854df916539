"""Request handlers of the quiz: show the questions, grade a submission, keep answers on expiry."""

from __future__ import annotations

from flask import abort, render_template, request
from werkzeug.exceptions import NotFound

from quizapp.services import articles
from quizapp.services import quiz as quiz_service
from quizapp.services.articles import ArticleNotFound, ArticleView
from quizapp.web import errors
from quizapp.web.auth import current_teacher_id
from quizapp.web.common import answer_forms as forms
from quizapp.web.common import evidence, results


def quiz(slug: str):
    """GET: the questions. POST: grade them and show the results on the spot (nothing is stored).

    A submission the form refuses (an answer far too long, an option that is
    not on the page) comes back with the pupil's answers and the reason. An
    article without questions has nothing to grade and shows the quiz page.
    """
    article = find_article(slug)
    form = forms.quiz_form(article.analysis.questions)()
    if article.analysis.questions and form.validate_on_submit():
        result = quiz_service.grade_answers(article.analysis, form.responses())
        return render_results(article, result)
    return render_quiz(article, form), 422 if form.is_submitted() else 200


def expired(error):
    """The form's CSRF token was missing or stale: show the quiz again with the answers kept.

    The usual cause is a page left open past the token's lifetime; a pupil
    must not lose a lesson's work to it. Nothing is graded (the request is
    not trusted); the page carries a fresh token, so sending again works.
    """
    try:
        article = articles.get_article(request.view_args["slug"], current_teacher_id())
    except ArticleNotFound:
        return errors.not_found(NotFound())
    form = forms.quiz_form(article.analysis.questions)()
    return render_quiz(article, form, expired=True), 400


def find_article(slug: str) -> ArticleView:
    """The article with its analysis, or a 404."""
    try:
        return articles.get_article(slug, current_teacher_id())
    except ArticleNotFound:
        abort(404)


def render_quiz(article: ArticleView, form, expired: bool = False) -> str:
    """The questions page: the form beside the article's text."""
    return render_template(
        "quiz/quiz.html", article=article, analysis=article.analysis, form=form, expired=expired
    )


def render_results(article: ArticleView, result: quiz_service.QuizResult) -> str:
    """The results page: totals and chart, each question's mark, the article with the evidence marked."""
    return render_template(
        "quiz/results.html",
        article=article,
        analysis=article.analysis,
        result=result,
        bars=results.bars(result),
        marked=evidence.mark_evidence(article.analysis),
    )
