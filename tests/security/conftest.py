"""Fixtures for the break-in tests: two teachers, one with everything a teacher can own; URLs from the url_map.

``Victim`` is teacher A with an article, a pack, a started class session,
a pupil in it who has answered, and the ids of each. The routes under
test are read from ``app.url_map`` (helpers in breakin.py) so that a route
added later is covered without editing these tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from classroom_factories import RIGHT, answer_all, join_pupil, start_class_session
from records import make_teacher

from quizapp.extensions import db
from quizapp.models import Article, Teacher
from quizapp.services import article_jobs, password_reset, rosters, stories
from quizapp.text.reading.bounds import Bounds


@dataclass(frozen=True)
class Victim:
    """Teacher A's things (ids), which teacher B tries to reach."""

    teacher_id: int
    article_id: int
    slug: str
    pack_id: int
    session_id: int
    code: str
    participant_id: int
    pupil_token: str
    actor_id: str
    job_id: int  # an article of A's still waiting for its analysis
    class_id: int  # a class list of A's
    pupil_id: int  # a pupil on that list
    reset_token: str  # a live password reset link of A's
    story_id: int  # a story whose one version is A's article


@pytest.fixture
def victim(app) -> Victim:
    """Teacher A with an article (in a story), a pack, a class session, a pupil who answered everything, a class list."""
    lesson = start_class_session(app)
    pupil = join_pupil(app, lesson.code, "Sam")
    answer_all(app, lesson.code, pupil.token, RIGHT)
    with app.app_context():
        article = db.session.query(Article).filter_by(slug=lesson.article_slug).one()
        actor_id = article.analysis.actors[0].id
        article_id = article.id
        job_id = article_jobs.submit(
            "Floods\nHeavy rain closed the schools.",
            owner_id=lesson.owner_id,
            title_hint=None,
            bounds=Bounds(),
            per_hour=100,
        )
        class_id = rosters.create_class(lesson.owner_id, "7B", "Sam Green\nAli Khan")
        pupil_id = rosters.owned_class(class_id, lesson.owner_id).pupils[0].id
        email = db.session.get(Teacher, lesson.owner_id).email
        reset_token = password_reset.make_link(email, app.config["SECRET_KEY"]).token
        story_id = stories.create_story(article_id, lesson.owner_id, "Syria at two levels")
    return Victim(
        lesson.owner_id,
        article_id,
        lesson.article_slug,
        lesson.pack_id,
        lesson.session_id,
        lesson.code,
        pupil.participant_id,
        pupil.token,
        actor_id,
        job_id,
        class_id,
        pupil_id,
        reset_token,
        story_id,
    )


@pytest.fixture
def intruder(app) -> int:
    """Teacher B's id: a real account with nothing of A's."""
    with app.app_context():
        teacher_id = make_teacher(email="bo@school.example", name="Bo Intruder").id
        db.session.commit()
    return teacher_id


@pytest.fixture
def quick_pipeline(monkeypatch):
    """A stand-in for spaCy (``naive_analyse``): the first line is the title, or the teacher's title when given."""
    from factories import naive_analyse

    from quizapp.services import articles

    def fake(raw: str, model: str, title_hint: str | None = None):
        return naive_analyse(f"{title_hint}\n{raw}" if title_hint else raw, model)

    monkeypatch.setattr(articles, "run_pipeline", fake)
