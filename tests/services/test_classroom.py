"""Classroom sessions as the service keeps them: codes, start, join, close, override, delete.

Pupils' answers (saving, refusing, resuming) are in test_classroom_answers.py.
"""

from __future__ import annotations

import re
import threading

import pytest
from classroom_factories import (
    QUESTIONS,
    RIGHT,
    answer_all,
    join_pupil,
    make_quiz_pack,
    rows,
    start_class_session,
)
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Pack, Participant
from quizapp.services import classroom
from quizapp.text.errors import InputError

pytestmark = pytest.mark.db


@pytest.fixture
def ctx(app):
    """An app context for tests that call the service directly."""
    with app.app_context():
        yield


# ---- codes and names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, code",
    [
        ("acd-e3f", "ACDE3F"),
        ("  ACD E3F ", "ACDE3F"),
        ("acd–e3f", "ACDE3F"),
        ("", ""),
        (None, ""),
    ],
)
def test_codes_are_read_the_way_pupils_type_them(typed, code):
    assert classroom.normalise_code(typed) == code


def test_codes_use_only_letters_and_digits_that_cannot_be_mixed_up():
    codes = {classroom.new_code() for _ in range(300)}
    assert all(len(code) == 6 for code in codes)
    used = set("".join(codes))
    assert used <= set("ACDEFGHJKMNPQRTUVWXY34679")
    assert not used & set("0O1IL2Z5S8B")
    assert len(codes) > 295  # random, not a counter


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("  Sam  ", "Sam"),
        ("Sam\u0000 \tLee\n", "Sam Lee"),
        ("Zoë", "Zoë"),
        ("x" * 40, "x" * 40),
    ],
)
def test_names_are_trimmed_and_kept_as_typed(typed, stored):
    assert classroom.clean_name(typed) == stored


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Please type your name"),
        ("   \u200b ", "Please type your name"),
        ("x" * 41, "at most 40 characters (it has 41)"),
    ],
)
def test_empty_or_long_names_are_refused_with_a_message_for_the_pupil(typed, message):
    with pytest.raises(classroom.InvalidName, match=re.escape(message)):
        classroom.clean_name(typed)


# ---- starting -------------------------------------------------------------------------------


def test_a_session_snapshots_the_pack_so_later_edits_change_nothing(app, lesson):
    with app.app_context():
        pack = db.session.get(Pack, lesson.pack_id)
        pack.questions[0].data = {**pack.questions[0].data, "prompt": "Edited mid-lesson?"}
        pack.title = "Renamed"
        db.session.commit()
        session = db.session.get(ClassSession, lesson.session_id)
        assert session.questions[0]["prompt"] == QUESTIONS[0].prompt
        assert [q["id"] for q in session.questions] == ["backers", "town", "allies", "talks"]
        info = classroom.session_for_code(lesson.code.lower())
    assert (info.title, info.question_count, info.feedback, info.is_open) == (
        "Syria lesson",
        4,
        "immediate",
        True,
    )
    assert info.article_slug == "syria"


def test_a_teacher_cannot_start_another_teachers_pack_but_may_start_a_seed_pack(ctx):
    ann, bob = make_teacher(), make_teacher("bob@school.example")
    article = make_article()
    anns, seed = make_quiz_pack(ann, article), make_quiz_pack(None, article, title="Seed")
    db.session.commit()
    with pytest.raises(LookupError):
        classroom.start_session(anns.id, bob.id)
    session_id = classroom.start_session(seed.id, bob.id)
    assert classroom.owned_session(session_id, bob.id).title == "Seed"
    assert classroom.owned_session(session_id, ann.id) is None
    assert [s.id for s in classroom.owned_sessions(bob.id)] == [session_id]
    assert classroom.owned_sessions(ann.id) == []


def test_a_pack_without_questions_cannot_be_started(ctx):
    ann = make_teacher()
    pack = make_quiz_pack(ann, make_article(), questions=())
    db.session.commit()
    with pytest.raises(classroom.ClassroomError, match="no questions"):
        classroom.start_session(pack.id, ann.id)
    assert rows(ClassSession) == []


def test_a_code_already_taken_is_drawn_again(ctx, monkeypatch):
    ann = make_teacher()
    pack = make_quiz_pack(ann, make_article())
    db.session.commit()
    draws = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(classroom, "new_code", lambda: next(draws))
    first, second = classroom.start_session(pack.id, ann.id), classroom.start_session(pack.id, ann.id)
    assert [classroom.owned_session(i, ann.id).code for i in (first, second)] == ["AAAAAA", "CCCCCC"]


# ---- joining --------------------------------------------------------------------------------


def test_pupils_with_the_same_name_are_told_apart(app, lesson):
    names = [join_pupil(app, lesson.code, name).display_name for name in ("Sam", "sam ", "Alex", "SAM")]
    assert names == ["Sam", "sam (2)", "Alex", "SAM (3)"]


def test_only_a_hash_of_the_token_is_stored(app, lesson):
    joined = join_pupil(app, lesson.code, "Sam")
    with app.app_context():
        (participant,) = rows(Participant)
        assert len(joined.token) >= 40
        assert joined.token not in participant.token_hash
        assert participant.token_hash == classroom.token_hash(joined.token)


@pytest.mark.parametrize(
    "code, error", [("NOPE99", classroom.SessionNotFound), ("", classroom.SessionNotFound)]
)
def test_joining_an_unknown_code_says_so(app, lesson, code, error):
    with app.app_context(), pytest.raises(error, match="no open class with that code"):
        classroom.join(code, "Sam")


def test_nobody_joins_a_closed_session(app, lesson):
    with app.app_context():
        classroom.close_session(lesson.session_id)
        with pytest.raises(classroom.SessionNotFound, match="no open class with that code"):
            classroom.join(lesson.code, "Sam")  # the words of an unknown code: guessing learns nothing
        assert rows(Participant) == []


def test_the_errors_are_input_errors_for_the_web_layer():
    for error in (
        classroom.SessionNotFound,
        classroom.SessionClosed,
        classroom.InvalidName,
        classroom.NotJoined,
        classroom.QuestionNotFound,
        classroom.AnswerTooLong,
    ):
        assert issubclass(error, InputError)


# ---- the teacher's overrides and deletion ---------------------------------------------------


def test_an_override_accepts_an_answer_and_can_be_undone(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Turkey"})
    with app.app_context():
        accepted = classroom.override(lesson.session_id, sam.participant_id, 1, True)
        (row,) = rows(Answer)
        assert (accepted.verdict, accepted.score, accepted.overridden) == ("correct", 1.0, True)
        assert (row.verdict, row.score, row.graded_verdict, row.graded_score) == (
            "correct",
            1.0,
            "incorrect",
            0.0,
        )
        undone = classroom.override(lesson.session_id, sam.participant_id, 1, False)
        assert (undone.verdict, undone.score, undone.overridden) == ("incorrect", 0.0, False)


def test_an_override_lasts_only_while_the_answer_it_accepted_does(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Turkey"})
    with app.app_context():
        classroom.override(lesson.session_id, sam.participant_id, 1, True)
        assert (
            classroom.save_answer(lesson.code, sam.token, 1, "Turkey").verdict == "correct"
        )  # resent as it was
        assert classroom.save_answer(lesson.code, sam.token, 1, "Iraq").verdict == "incorrect"
        assert rows(Answer)[0].overridden is False


def test_overriding_an_unanswered_question_or_another_sessions_pupil_is_refused(app, lesson):
    other = start_class_session(app, email="bob@school.example", slug="other")
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Turkey"})
    with app.app_context():
        with pytest.raises(LookupError):
            classroom.override(lesson.session_id, sam.participant_id, 2, True)
        with pytest.raises(LookupError):
            classroom.override(other.session_id, sam.participant_id, 1, True)


def test_deleting_a_session_deletes_every_participant_and_answer_but_not_the_pack(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, RIGHT)
    with app.app_context():
        classroom.delete_session(lesson.session_id)
        assert (rows(ClassSession), rows(Participant), rows(Answer)) == ([], [], [])
        assert db.session.get(Pack, lesson.pack_id) is not None
        assert classroom.pupil_for(lesson.code, sam.token) is None


def test_deleting_the_pack_keeps_the_sessions_record(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Iran"})
    with app.app_context():
        db.session.delete(db.session.get(Pack, lesson.pack_id))
        db.session.commit()
        info = classroom.owned_session(lesson.session_id, lesson.owner_id)
        assert (info.pack_id, info.question_count, info.participant_count) == (None, 4, 1)
        assert len(rows(Answer)) == 1


def test_a_pupil_who_handed_in_cannot_change_their_answers(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Iran"})
    with app.app_context():
        classroom.finish(lesson.code, sam.token)
        with pytest.raises(classroom.AlreadyFinished, match="handed in"):
            classroom.save_answer(lesson.code, sam.token, 1, "Russia and Iran")
        assert [a.response for a in rows(Answer)] == ["Iran"]


def test_a_pupil_reads_the_sessions_article_even_when_a_teacher_owns_it(app, lesson):
    with app.app_context():
        article = classroom.session_article(lesson.session_id)
        assert article.slug == "syria" and article.owner_id == lesson.owner_id
        assert article.analysis.article.paragraphs[0].startswith("Syria’s war")
        with pytest.raises(LookupError):
            classroom.session_article(999)


def test_the_autosave_reads_the_answer_with_the_question_in_the_pupils_own_order(app):
    lesson = start_class_session(app, shuffle_choices=True)
    sam = join_pupil(app, lesson.code)
    seen = []

    def read(question):
        seen.append(question)
        return "al-Sukhna"

    with app.app_context():
        page = classroom.pupil_for(lesson.code, sam.token).questions
        saved = classroom.save_answer(lesson.code, sam.token, 2, read=read)
        assert seen == [page[1]]  # the choices in the order Sam's page shows them
        assert (saved.verdict, saved.immediate) == ("correct", True)
        with pytest.raises(classroom.QuestionNotFound):
            classroom.save_answer(lesson.code, sam.token, 5, read=read)
        with pytest.raises(classroom.NotJoined):
            classroom.save_answer(lesson.code, "forged", 1, read=read)
    assert len(seen) == 1  # nothing is read for a question or a pupil that is not there


def test_an_answer_the_form_cannot_read_leaves_no_row(app):
    lesson = start_class_session(app)
    sam = join_pupil(app, lesson.code)

    def unreadable(question):
        raise classroom.AnswerUnreadable("Pick one of the options on the page.")

    with app.app_context():
        with pytest.raises(classroom.AnswerUnreadable, match="options on the page"):
            classroom.save_answer(lesson.code, sam.token, 2, read=unreadable)
        assert rows(Answer) == []


def test_pupils_joining_with_the_same_name_at_once_get_different_numbers(app, lesson):
    """Six "Sam"s press Join at the same instant: six pupils, numbered 1 to 6, none refused."""
    joined, errors, barrier = [], [], threading.Barrier(6)

    def join():
        with app.app_context():
            barrier.wait()
            try:
                joined.append(classroom.join(lesson.code, "Sam").display_name)
            except Exception as error:
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=join) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(joined) == ["Sam", "Sam (2)", "Sam (3)", "Sam (4)", "Sam (5)", "Sam (6)"]
