"""Request handlers of the reading feature: look the article up, render it."""

from __future__ import annotations

from flask import abort, render_template

from quizapp.services import articles, stories
from quizapp.web.auth import current_teacher_id
from quizapp.web.reading import markup, panels


def index():
    """Every article the reader may read (the seeds; a teacher's own too) with what a teacher picks by."""
    reader_id = current_teacher_id()
    return render_template(
        "reading/index.html", listing=articles.listing(reader_id), stories=stories.stories_for(reader_id)
    )


def article(slug: str):
    """One article, its readability panel and its glossary; an unknown slug is a 404."""
    try:
        entry = articles.get_article(slug, current_teacher_id())
    except articles.ArticleNotFound:
        abort(404)
    analysis = entry.analysis
    story = stories.story_of(entry.id, current_teacher_id())
    easier, harder = story.neighbours(entry.id) if story else (None, None)
    here = next((v for v in story.versions if v.article_id == entry.id), None) if story else None
    return render_template(
        "reading/article.html",
        slug=slug,
        article_id=entry.id,
        title=entry.title,
        details=entry.details,
        analysis=analysis,
        paragraphs=markup.render_article(analysis),
        glossary=panels.glossary(analysis.actors),
        formulas=panels.formulas(analysis.readability),
        gauge=panels.gauge(analysis.readability.grade_level),
        story=story,
        easier=easier,
        harder=harder,
        here=here,
    )
