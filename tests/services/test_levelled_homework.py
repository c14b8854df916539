"""Homework of a story at its levels: one session with a level per version, with the homework's times.

The story is tests/story_factories.py's: easy A2, middle B1, hard C1, with packs of 2, 3 and 4
questions, so the number of questions a pupil gets says which version they do. The times are
tests/homework_factories.py's (Berlin, an hour ahead of UTC in December).
"""

from __future__ import annotations

import pytest
from classroom_factories import join_pupil, rows
from homework_factories import AFTER, BEFORE, DUE, DUE_UTC, DURING, OPENS, OPENS_UTC, ZONE
from records import make_teacher
from story_factories import make_levelled_story

from quizapp.extensions import db
from quizapp.models import ClassSession, Homework, SessionLevel
from quizapp.services import classroom, homework, session_levels, stories

pytestmark = pytest.mark.db


def set_levelled(app, story_id: int, owner_id: int, **options) -> int:
    """The story set as homework from Monday 09:00 to Friday 17:00 Berlin time, on the Friday before."""
    with app.app_context():
        return homework.start_levelled_homework(
            story_id, owner_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE, **options
        )


def test_a_story_set_as_homework_has_its_times_and_a_level_per_version(app):
    owner_id, story_id, ids = make_levelled_story(app)
    session_id = set_levelled(app, story_id, owner_id)
    with app.app_context():
        times = homework.times_for(session_id)
        # 09:00 and 17:00 in Berlin are 08:00 and 16:00 UTC.
        assert (times.opens_at, times.due_at) == (OPENS_UTC, DUE_UTC)
        levels = session_levels.levels(session_id)
        assert [(lv.cefr, lv.question_count) for lv in levels] == [("A2", 2), ("B1", 3), ("C1", 4)]
        code = classroom.owned_session(session_id, owner_id).code
    sam = join_pupil(app, code, "Sam")
    with app.app_context():
        pupil = classroom.pupil_for(code, sam.token)
        assert (len(pupil.questions), pupil.article_id) == (3, ids["mars-int"])  # the middle version
        session_levels.assign_level(session_id, sam.participant_id, levels[0].id)
        pupil = classroom.pupil_for(code, sam.token)
        assert (len(pupil.questions), pupil.article_id) == (2, ids["mars-ele"])


def test_levelled_homework_refuses_answers_after_its_due_date_like_any_homework(app):
    owner_id, story_id, _ = make_levelled_story(app)
    session_id = set_levelled(app, story_id, owner_id, pupils_choose=True)
    with app.app_context():
        code = classroom.owned_session(session_id, owner_id).code
        assert db.session.get(ClassSession, session_id).pupils_choose_level is True
        homework.check_answering(code, DURING)  # Wednesday: fine
        with pytest.raises(homework.PastDue):
            homework.check_answering(code, AFTER)


def test_bad_times_or_a_version_without_questions_set_nothing(app):
    owner_id, story_id, _ = make_levelled_story(app, packs=("mars-ele", "mars-int"))
    with app.app_context():
        with pytest.raises(homework.HomeworkError, match="after the opening time"):
            homework.start_levelled_homework(
                story_id, owner_id, opens=DUE, due=OPENS, timezone=ZONE, now=BEFORE
            )
        with pytest.raises(classroom.ClassroomError, match="“Mars One \\(hard\\)” has no questions yet"):
            homework.start_levelled_homework(
                story_id, owner_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE
            )
        assert rows(ClassSession) == [] and rows(SessionLevel) == [] and rows(Homework) == []


def test_another_teachers_story_cannot_be_set_as_homework(app):
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
        with pytest.raises(LookupError):
            homework.start_levelled_homework(
                story_id, bob_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE
            )
        assert rows(ClassSession) == []
        assert len(stories.get_story(story_id, owner_id).versions) == 3  # her story is untouched
