"""Request handlers of the teacher's area."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from quizapp.services import articles, packs


@login_required
def dashboard():
    """The teacher's own articles and packs (the seed articles are on the public list)."""
    return render_template(
        "teacher/dashboard.html",
        articles=articles.owned_articles(current_user.id),
        packs=packs.owned_packs(current_user.id),
    )
