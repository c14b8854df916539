"""Web pieces several blueprints share: answer forms, verdict words and results, evidence marks, htmx, codes.

The quiz, self-study, class and pack-editor pages all show a question, take
an answer and show its grade; these modules are that one way of doing it.
"""

from __future__ import annotations


def init_app(app) -> None:
    """Make the shared template helpers (verdict words, evidence ids, …) available to every page."""
    from quizapp.web.common import evidence, results

    app.add_template_filter(results.points, "points")
    for helper in (
        results.verdict_icon,
        results.verdict_word,
        results.shown_response,
        results.shown_answer,
        results.shown_feedback,
        evidence.evidence_id,
        evidence.result_id,
    ):
        app.add_template_global(helper, helper.__name__)
