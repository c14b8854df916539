"""A class session at several levels: each pupil reads one version with its own pack's questions."""

import pytest
import sqlalchemy as sa
from classroom_factories import join_pupil
from records import make_teacher
from story_factories import make_levelled_story, start_levelled_lesson

from quizapp.extensions import db
from quizapp.services import (
    classroom,
    classroom_results,
    session_admin,
    session_levels,
    stories,
)

pytestmark = pytest.mark.db


def level_ids(app, session_id) -> dict:
    """The session's level ids by CEFR."""
    with app.app_context():
        return {level.cefr: level.id for level in session_levels.levels(session_id)}


def test_a_session_of_a_story_has_one_level_per_version_easiest_first_each_with_its_pack(app):
    lesson = start_levelled_lesson(app)
    with app.app_context():
        levels = session_levels.levels(lesson.session_id)
        # Packs of 2, 3 and 4 questions on the easy (A2), middle (B1) and hard (C1) versions.
        assert [(lv.cefr, lv.title, lv.question_count) for lv in levels] == [
            ("A2", "Mars One (easy)", 2),
            ("B1", "Mars One (middle)", 3),
            ("C1", "Mars One (hard)", 4),
        ]
        info = classroom.owned_session(lesson.session_id, lesson.owner_id)
        assert (info.title, info.question_count, info.article_slug) == ("Mars One", 3, "mars-int")


def test_a_pupil_starts_at_the_middle_level_and_the_teacher_can_give_another(app):
    lesson = start_levelled_lesson(app)
    sam = join_pupil(app, lesson.code, "Sam")
    with app.app_context():
        pupil = classroom.pupil_for(lesson.code, sam.token)
        assert (len(pupil.questions), pupil.article_id) == (3, lesson.article_ids["mars-int"])
        session_levels.assign_level(
            lesson.session_id, sam.participant_id, level_ids(app, lesson.session_id)["A2"]
        )
        pupil = classroom.pupil_for(lesson.code, sam.token)
        assert (len(pupil.questions), pupil.article_id) == (2, lesson.article_ids["mars-ele"])
        assert classroom.session_article(lesson.session_id, pupil.article_id).title == "Mars One (easy)"
        with pytest.raises(classroom.QuestionNotFound):
            classroom.save_answer(lesson.code, sam.token, 3, "Answer")  # the easy pack has two questions
        assert classroom.save_answer(lesson.code, sam.token, 2, "Answer").verdict == "correct"


def test_a_level_cannot_change_after_the_first_answer(app):
    lesson = start_levelled_lesson(app, pupils_choose=True)
    sam = join_pupil(app, lesson.code, "Sam")
    levels = level_ids(app, lesson.session_id)
    with app.app_context():
        classroom.save_answer(lesson.code, sam.token, 1, "Answer")
        with pytest.raises(classroom.ClassroomError, match="Sam has already answered at B1"):
            session_levels.assign_level(lesson.session_id, sam.participant_id, levels["C1"])
        with pytest.raises(classroom.ClassroomError, match="already answered"):
            session_levels.choose_level(lesson.code, sam.token, levels["C1"])
        assert classroom.pupil_for(lesson.code, sam.token).level_id is None


def test_pupils_choose_only_when_the_teacher_lets_them(app):
    lesson = start_levelled_lesson(app)
    sam = join_pupil(app, lesson.code, "Sam")
    levels = level_ids(app, lesson.session_id)
    with app.app_context():
        with pytest.raises(classroom.ClassroomError, match="Your teacher chooses the level"):
            session_levels.choose_level(lesson.code, sam.token, levels["A2"])
        with pytest.raises(classroom.NotJoined):
            session_levels.choose_level(lesson.code, "not-a-token", levels["A2"])
        offered = session_levels.pupil_levels(lesson.session_id, sam.participant_id, None)
        assert (offered.here.cefr, offered.easier.cefr, offered.harder.cefr, offered.may_choose) == (
            "B1",
            "A2",
            "C1",
            False,
        )


def test_a_pupil_who_may_choose_switches_and_gets_that_levels_questions(app):
    lesson = start_levelled_lesson(app, pupils_choose=True)
    sam = join_pupil(app, lesson.code, "Sam")
    levels = level_ids(app, lesson.session_id)
    with app.app_context():
        session_levels.choose_level(lesson.code, sam.token, levels["C1"])
        pupil = classroom.pupil_for(lesson.code, sam.token)
        assert len(pupil.questions) == 4
        offered = session_levels.pupil_levels(lesson.session_id, sam.participant_id, pupil.level_id)
        assert (offered.here.cefr, offered.easier.cefr, offered.harder, offered.may_choose) == (
            "C1",
            "B1",
            None,
            True,
        )


def test_a_level_of_another_session_is_not_found(app):
    lesson = start_levelled_lesson(app, pupils_choose=True)
    sam = join_pupil(app, lesson.code, "Sam")
    with app.app_context():
        with pytest.raises(LookupError):
            session_levels.choose_level(lesson.code, sam.token, 10_000)
        with pytest.raises(LookupError):
            session_levels.assign_level(lesson.session_id, 10_000, level_ids(app, lesson.session_id)["A2"])


def test_the_dashboard_compares_the_levels_by_mean_score(app):
    lesson = start_levelled_lesson(app)
    levels = level_ids(app, lesson.session_id)
    pupils = {name: join_pupil(app, lesson.code, name) for name in ("Ann", "Ben", "Cat")}
    with app.app_context():
        session_levels.assign_level(lesson.session_id, pupils["Ann"].participant_id, levels["A2"])
        session_levels.assign_level(lesson.session_id, pupils["Ben"].participant_id, levels["A2"])
        # Ann: both easy questions right (2); Ben: one right, one wrong (1); Cat at B1: one of three right (1).
        for number in (1, 2):
            classroom.save_answer(lesson.code, pupils["Ann"].token, number, "Answer")
        classroom.save_answer(lesson.code, pupils["Ben"].token, 1, "Answer")
        classroom.save_answer(lesson.code, pupils["Ben"].token, 2, "Nonsense")
        classroom.save_answer(lesson.code, pupils["Cat"].token, 1, "Answer")
        board = classroom_results.dashboard(lesson.session_id)
    # A2: mean (2 + 1) / 2 = 1.5 of 2 questions = 75 %; B1: 1 of 3 = 33 %; C1: nobody.
    assert [(lv.level, lv.pupils, lv.mean_score, lv.mean_share) for lv in board.levels] == [
        ("A2", 2, 1.5, 75),
        ("B1", 1, 1.0, 33),
        ("C1", 0, 0.0, 0),
    ]
    assert [(p.display_name, p.level, p.total) for p in board.participants] == [
        ("Ann", "A2", 2),
        ("Ben", "A2", 2),
        ("Cat", "B1", 3),
    ]
    assert [q.counts["correct"] for q in board.levels[0].questions] == [2, 1]
    assert board.questions == ()
    with app.app_context():
        csv = classroom_results.answers_csv(lesson.session_id).splitlines()
        assert csv[0].startswith('"level","name"') and len(csv) == 1 + 2 + 2 + 3
        assert session_admin.pupil_answers(lesson.session_id, pupils["Ann"].participant_id).total == 2


def test_a_story_needs_two_versions_each_with_questions(app):
    owner, story_id, ids = make_levelled_story(app, packs=("mars-ele", "mars-int"))
    with app.app_context():
        with pytest.raises(classroom.ClassroomError, match="“Mars One \\(hard\\)” has no questions yet"):
            session_levels.start_levelled_session(story_id, owner)
        stories.remove_version(story_id, ids["mars-adv"], owner)
        stories.remove_version(story_id, ids["mars-int"], owner)
        with pytest.raises(stories.StoryError, match="at least two versions"):
            session_levels.start_levelled_session(story_id, owner)
        bob = make_teacher(email="bob@school.example")
        db.session.commit()
        with pytest.raises(LookupError):
            session_levels.start_levelled_session(story_id, bob.id)


def test_a_seed_story_runs_at_once_on_the_questions_quizapp_made(app):
    """The sample library has no packs: each level takes its article's generated questions."""
    from dataclasses import replace

    from records import make_article, question
    from story_factories import LEVELS, levelled_analysis

    with app.app_context():
        teacher = make_teacher()
        for number, (slug, title, grade, cefr) in enumerate(LEVELS, start=1):
            analysis = replace(
                levelled_analysis(title, grade, cefr),
                questions=tuple(question(n) for n in range(1, number + 1)),
            )
            make_article(slug=slug, analysis=analysis)
        db.session.commit()
        stories.sync_seed_story("Mars One", [slug for slug, *_ in LEVELS])
        story_id = stories.stories_for(None)[0].id
        session_id = session_levels.start_levelled_session(story_id, teacher.id)
        # One, two and three generated questions on the easy, middle and hard versions.
        assert [(lv.cefr, lv.question_count) for lv in session_levels.levels(session_id)] == [
            ("A2", 1),
            ("B1", 2),
            ("C1", 3),
        ]


def test_the_middle_versions_pack_settings_hold_for_every_level(app):
    from quizapp.models import ClassSession, Pack

    owner, story_id, ids = make_levelled_story(app)
    with app.app_context():
        pack = db.session.scalars(sa.select(Pack).where(Pack.article_id == ids["mars-int"])).one()
        pack.feedback, pack.attempts, pack.description, pack.shuffle_questions = "end", 2, "Read twice.", True
        db.session.commit()
        session_id = session_levels.start_levelled_session(story_id, owner)
        row = db.session.get(ClassSession, session_id)
        assert (row.feedback, row.attempts, row.description, row.shuffle_questions) == (
            "end",
            2,
            "Read twice.",
            True,
        )


def test_an_article_read_at_one_level_of_a_lesson_is_deleted_like_one_read_by_the_whole_class(app):
    """Deleting the easy version (not the session's own, middle, article): refused while the lesson is open,
    kept out of sight for the record once it is closed; the story then shows the other two versions."""
    from quizapp.models import Article
    from quizapp.services import article_changes

    lesson = start_levelled_lesson(app)
    easy = lesson.article_ids["mars-ele"]
    with app.app_context():
        with pytest.raises(article_changes.ArticleInUse, match=lesson.code):
            article_changes.delete(easy, lesson.owner_id)
        classroom.close_session(lesson.session_id)
        assert article_changes.delete(easy, lesson.owner_id) is True  # kept: the lesson's record reads it
        assert db.session.get(Article, easy).deleted_at is not None
        story = stories.get_story(lesson.story_id, lesson.owner_id)
        assert [v.level for v in story.versions] == ["B1", "C1"]
        with pytest.raises(LookupError):
            stories.create_story(easy, lesson.owner_id)
