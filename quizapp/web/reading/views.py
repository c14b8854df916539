"""Request handlers of the reading feature: look the article up, render it."""

from __future__ import annotations

from flask import abort, render_template

from quizapp.services import articles
from quizapp.web.reading import markup, panels


def index():
    """Every article with what a teacher picks by; nothing is analysed here."""
    return render_template("reading/index.html", listing=articles.listing())


def article(slug: str):
    """One article, its readability panel and its glossary; an unknown slug is a 404."""
    try:
        entry = articles.get_article(slug)
    except articles.ArticleNotFound:
        abort(404)
    analysis = entry.analysis
    return render_template(
        "reading/article.html",
        slug=slug,
        title=entry.title,
        analysis=analysis,
        paragraphs=markup.render_article(analysis),
        glossary=panels.glossary(analysis.actors),
        formulas=panels.formulas(analysis.readability),
        gauge=panels.gauge(analysis.readability.grade_level),
    )
