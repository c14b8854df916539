"""A session at several levels from one pack: a question is asked at every level only where every version
says its evidence and holds its answer.

The versions are tests/story_factories.py's, ``marked``: the same seed text in each, ending with a line that
names the version ("This is the B1 version of the story."). So a question about the seed text is in every
version, and a question about the last line is only in its own.
"""

from __future__ import annotations

import pytest
from classroom_factories import join_pupil, rows
from homework_factories import BEFORE, DUE, DUE_UTC, OPENS, ZONE
from records import make_article, make_teacher
from story_factories import CAPTURE, OPINION, WHICH, pack_of, story_with_pack

from quizapp.extensions import db
from quizapp.models import ClassSession, Homework, SessionLevel, Teacher
from quizapp.services import classroom, homework, session_levels, shared_levels, stories

pytestmark = pytest.mark.db


def test_only_the_questions_every_version_can_answer_are_asked_at_every_level(app):
    owner_id, story_id, pack_id, ids = story_with_pack(app)
    with app.app_context():
        started = shared_levels.start_shared_session(story_id, owner_id, pack_id)
        assert started.asked == 1
        assert started.left_out == (
            "“Which version is this?” (not in the A2 version)",  # the B1 line is in B1 only
            "“Was it a big step?” (not in the A2 version)",  # no evidence to look for
        )
        levels = session_levels.levels(started.session_id)
        assert [(lv.cefr, lv.question_count) for lv in levels] == [("A2", 1), ("B1", 1), ("C1", 1)]
        session = db.session.get(ClassSession, started.session_id)
        assert (session.pack_id, session.feedback) == (pack_id, "end")  # the pack's own settings
        code = session.code
    sam = join_pupil(app, code, "Sam")
    with app.app_context():
        session_levels.assign_level(started.session_id, sam.participant_id, levels[0].id)
        pupil = classroom.pupil_for(code, sam.token)
        assert pupil.article_id == ids["mars-ele"]
        assert [q.prompt for q in pupil.questions] == ["Which town did the government capture?"]
        assert classroom.save_answer(code, sam.token, 1, "al-Sukhna").verdict == "correct"


def test_no_shared_question_starts_nothing_and_says_what_to_do_instead(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app, questions=(WHICH, OPINION))
    with app.app_context():
        with pytest.raises(classroom.ClassroomError, match="start the session with each version's own pack"):
            shared_levels.start_shared_session(story_id, owner_id, pack_id)
        assert rows(ClassSession) == [] and rows(SessionLevel) == []


def test_a_pack_on_another_article_or_of_another_teacher_is_not_found(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    with app.app_context():
        ann = db.session.get(Teacher, owner_id)
        outside = pack_of(make_article(slug="elsewhere", owner=ann), ann, (CAPTURE,))
        bob = make_teacher("bob@school.example", "Bob")
        db.session.commit()
        with pytest.raises(LookupError):
            shared_levels.start_shared_session(story_id, owner_id, outside.id)
        with pytest.raises(LookupError):
            shared_levels.start_shared_session(story_id, bob.id, pack_id)  # her story and pack, not his
        assert rows(ClassSession) == []


def test_the_story_page_choices_are_the_packs_on_its_versions(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    with app.app_context():
        story = stories.get_story(story_id, owner_id)
        assert shared_levels.packs_for_story(story, owner_id) == [
            shared_levels.PackChoice(pack_id, "One pack", "B1", 3)
        ]


def test_one_pack_for_every_level_works_for_homework_too(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    with app.app_context():
        started = homework.start_shared_homework(
            story_id, owner_id, pack_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE
        )
        assert homework.times_for(started.session_id).due_at == DUE_UTC
        assert [lv.question_count for lv in session_levels.levels(started.session_id)] == [1, 1, 1]
        assert started.summary.startswith("Every level is asked the same 1 question. Left out, because")


def test_homework_with_no_shared_question_sets_nothing(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app, questions=(WHICH,))
    with app.app_context():
        with pytest.raises(classroom.ClassroomError, match="each version's own pack"):
            homework.start_shared_homework(
                story_id, owner_id, pack_id, opens=OPENS, due=DUE, timezone=ZONE, now=BEFORE
            )
        assert rows(ClassSession) == [] and rows(Homework) == []
