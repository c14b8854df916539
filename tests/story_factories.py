"""Stories for tests: one story told at three levels, each version a hand-made analysis with its own grade.

The grades are set by hand (not computed), so a test knows which version is
easier: ``LEVELS`` lists (slug, title, grade, CEFR) from easiest to hardest,
deliberately *not* in the order the articles are made, so a test of the
order would catch ordering by id.
"""

from __future__ import annotations

from dataclasses import replace

from factories import seed_analysis
from records import make_article

from quizapp.text.types import CleanArticle

LEVELS = (
    ("mars-ele", "Mars One (easy)", 8.4, "A2"),
    ("mars-int", "Mars One (middle)", 10.2, "B1"),
    ("mars-adv", "Mars One (hard)", 12.6, "C1"),
)
MADE_IN = (2, 0, 1)  # the hard version first, then the easy one, then the middle one


def levelled_analysis(title: str, grade: float, cefr: str):
    """The hand-made seed analysis with another title and reading level."""
    analysis = seed_analysis()
    article = CleanArticle(title, analysis.article.paragraphs, "Test source", "Testville")
    readability = replace(analysis.readability, grade_level=grade, cefr=cefr, uk_year="Year 9")
    return replace(analysis, article=article, readability=readability)


def make_levelled_articles(owner=None, prefix: str = "") -> dict[str, object]:
    """The three versions as articles of ``owner`` (None: seeds), by slug; flushed, not committed."""
    made = {}
    for index in MADE_IN:
        slug, title, grade, cefr = LEVELS[index]
        made[slug] = make_article(slug=prefix + slug, owner=owner, analysis=levelled_analysis(title, grade, cefr))
    return made
