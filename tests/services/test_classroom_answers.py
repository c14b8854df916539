"""Pupils' answers as the service keeps them: graded and saved once per question, refused when they must be, resumed."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from classroom_factories import QUESTIONS, RIGHT, WRONG, answer_all, join_pupil, rows, start_class_session

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Participant
from quizapp.services import classroom

pytestmark = pytest.mark.db


# ---- saving ---------------------------------------------------------------------------------


def test_right_and_wrong_answers_are_graded_and_kept(app, lesson):
    sam, alex = join_pupil(app, lesson.code, "Sam"), join_pupil(app, lesson.code, "Alex")
    answer_all(app, lesson.code, sam.token, RIGHT)
    answer_all(app, lesson.code, alex.token, WRONG)
    with app.app_context():
        by_pupil = {(a.participant_id, a.number): a for a in rows(Answer)}
    assert {by_pupil[sam.participant_id, n].verdict for n in RIGHT} == {"correct"}
    assert {by_pupil[alex.participant_id, n].verdict for n in WRONG} == {"incorrect"}
    assert by_pupil[sam.participant_id, 3].response == ["Russia", "Iran"]
    assert by_pupil[alex.participant_id, 1].score == 0 and by_pupil[sam.participant_id, 1].score == 1


def test_the_saved_answer_carries_the_feedback_the_page_may_show(app, lesson):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        saved = classroom.save_answer(lesson.code, sam.token, 1, "Russia")
    assert (saved.number, saved.verdict, saved.score) == (1, "partial", 0.5)
    assert saved.answer == "Russia and Iran"
    assert saved.evidence.startswith("Backed by Russia and Iran")
    assert "Iran" in saved.feedback


def test_saving_again_updates_the_one_row(app, lesson):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        classroom.save_answer(lesson.code, sam.token, 2, "Beirut")
        classroom.save_answer(lesson.code, sam.token, 2, "Beirut")
        saved = classroom.save_answer(lesson.code, sam.token, 2, "al-Sukhna")
        (row,) = rows(Answer)
    assert (row.number, row.response, row.verdict, row.saves) == (2, "al-Sukhna", "correct", 3)
    assert saved.saves == 3


def test_each_save_counts_the_pupils_answers_and_the_class_questions(app, lesson):
    """The page's "2 of 4 answered." comes back with every save: a second save of one question is no new answer."""
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        counts = [
            classroom.save_answer(lesson.code, sam.token, number, "Beirut").answered for number in (1, 2, 1)
        ]
        saved = classroom.save_answer(lesson.code, sam.token, 4, None)
    assert counts == [1, 2, 2]
    assert (saved.answered, saved.question_count, saved.response) == (3, len(QUESTIONS), None)


def test_a_save_stamps_the_row_and_a_resave_only_its_update_time(app, lesson):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        classroom.save_answer(lesson.code, sam.token, 2, "Beirut")
        (first,) = rows(Answer)
        stamps = first.answered_at, first.updated_at
        assert (first.session_id, first.graded_verdict, first.overridden) == (
            lesson.session_id,
            first.verdict,
            False,
        )
        db.session.rollback()
        classroom.save_answer(lesson.code, sam.token, 2, "al-Sukhna")
        (again,) = rows(Answer)
    assert again.answered_at == stamps[0] and again.updated_at >= stamps[1]
    assert (again.graded_verdict, again.graded_score) == ("correct", 1.0)


def test_the_accepted_answer_sent_again_keeps_its_override_and_is_counted(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Turkey"})
    with app.app_context():
        classroom.override(lesson.session_id, sam.participant_id, 1, True)
        saved = classroom.save_answer(lesson.code, sam.token, 1, "Turkey")
        (row,) = rows(Answer)
    assert (saved.verdict, saved.score, saved.overridden, saved.saves) == ("correct", 1.0, True, 2)
    assert (row.verdict, row.graded_verdict, row.overridden, row.saves) == ("correct", "incorrect", True, 2)


def test_an_accepted_list_answer_keeps_its_override_only_while_sent_exactly_as_accepted(app, lesson):
    """The database compares the resent answer with the accepted one: the same picks in the same order."""
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {3: ["Turkey", "France"]})
    with app.app_context():
        classroom.override(lesson.session_id, sam.participant_id, 3, True)
        kept = classroom.save_answer(lesson.code, sam.token, 3, ["Turkey", "France"])
        assert (kept.verdict, kept.score, kept.overridden, kept.saves) == ("correct", 1.0, True, 2)
        regraded = classroom.save_answer(lesson.code, sam.token, 3, ["France", "Turkey"])
        (row,) = rows(Answer)
    assert (regraded.verdict, regraded.overridden, regraded.saves) == ("incorrect", False, 3)
    assert (row.response, row.verdict, row.graded_verdict, row.overridden) == (
        ["France", "Turkey"],
        "incorrect",
        "incorrect",
        False,
    )


def test_an_accepted_empty_answer_sent_again_keeps_its_override(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: None})
    with app.app_context():
        classroom.override(lesson.session_id, sam.participant_id, 1, True)
        saved = classroom.save_answer(lesson.code, sam.token, 1, None)
    assert (saved.verdict, saved.overridden, saved.saves) == ("correct", True, 2)


def test_a_save_is_one_transaction_of_two_statements(app, lesson):
    """The pupil's select, then one upsert (a first save or not): each statement is a round trip to PostgreSQL."""
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        classroom.save_answer(lesson.code, sam.token, 1, "Iran")
        sent: list[str] = []
        transactions: list[str] = []
        listeners = [
            ("before_cursor_execute", lambda conn, cursor, sql, *rest: sent.append(sql.split()[0].upper())),
            ("begin", lambda conn: transactions.append("begin")),
            ("commit", lambda conn: transactions.append("commit")),
        ]
        for name, listener in listeners:
            sa.event.listen(db.engine, name, listener)
        try:
            classroom.save_answer(lesson.code, sam.token, 1, "Russia")  # the row again
            classroom.save_answer(lesson.code, sam.token, 2, "Beirut")  # a new row
        finally:
            for name, listener in listeners:
                sa.event.remove(db.engine, name, listener)
    assert [verb for verb in sent if verb != "BEGIN"] == ["SELECT", "INSERT"] * 2  # SQLite's BEGIN IMMEDIATE
    assert transactions == ["begin", "commit"] * 2


def test_concurrent_double_submits_make_one_row(app, lesson):
    """Eight threads save the same question at once (a double-click times four): one row, eight saves."""
    sam = join_pupil(app, lesson.code)
    errors, barrier = [], threading.Barrier(8)

    def save(i):
        with app.app_context():
            barrier.wait()
            try:
                classroom.save_answer(lesson.code, sam.token, 1, f"Russia {i}")
            except Exception as error:
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        (row,) = rows(Answer)
        assert row.saves == 8


def test_the_unique_constraint_itself_refuses_a_second_row(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Iran"})
    with app.app_context():
        db.session.add(
            Answer(
                participant_id=sam.participant_id,
                session_id=lesson.session_id,
                number=1,
                response="x",
                score=0,
                verdict="incorrect",
                graded_score=0,
                graded_verdict="incorrect",
            )
        )
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()


def test_a_pupil_can_only_save_into_the_session_they_joined(app, lesson):
    other = start_class_session(app, email="bob@school.example", slug="other")
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        for code, token in ((other.code, sam.token), (lesson.code, "forged"), (lesson.code, "")):
            with pytest.raises(classroom.NotJoined, match="not joined this class"):
                classroom.save_answer(code, token, 1, "Russia")
        assert rows(Answer) == []


@pytest.mark.parametrize("number", [0, 5, -1, 10**9, 2**31, 10**20])
def test_a_question_the_session_does_not_have_is_refused(app, lesson, number):
    sam = join_pupil(app, lesson.code)
    with app.app_context(), pytest.raises(classroom.QuestionNotFound):
        classroom.save_answer(lesson.code, sam.token, number, "Russia")


@pytest.mark.parametrize(
    "response, message",
    [
        ("x" * 501, "under 500 characters"),
        (["Russia"] * 51, "pick fewer"),
        (["x" * 501], "pick fewer"),
    ],
)
def test_huge_answers_are_refused_and_nothing_is_stored(app, lesson, response, message):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        with pytest.raises(classroom.AnswerTooLong, match=message):
            classroom.save_answer(lesson.code, sam.token, 1, response)
        assert rows(Answer) == []


@pytest.mark.parametrize("response", [None, "", "   ", [], "<script>alert(1)</script>", "🙂" * 100, "\u0000"])
def test_odd_answers_are_stored_as_sent_and_graded_wrong(app, lesson, response):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        saved = classroom.save_answer(lesson.code, sam.token, 1, response)
        (row,) = rows(Answer)
    assert saved.verdict == row.verdict == "incorrect"
    assert row.response == response


def test_a_closed_session_refuses_answers_until_reopened(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {1: "Iran"})
    with app.app_context():
        classroom.close_session(lesson.session_id)
        with pytest.raises(classroom.SessionClosed, match="can no longer be saved"):
            classroom.save_answer(lesson.code, sam.token, 1, "Russia and Iran")
        assert [a.response for a in rows(Answer)] == ["Iran"]
        assert classroom.pupil_for(lesson.code, sam.token).session.is_open is False
        classroom.reopen_session(lesson.session_id)
        assert classroom.save_answer(lesson.code, sam.token, 1, "Russia and Iran").verdict == "correct"


def test_closing_twice_keeps_the_first_time(app, lesson):
    with app.app_context():
        classroom.close_session(lesson.session_id)
        first = db.session.get(ClassSession, lesson.session_id).closed_at
        classroom.close_session(lesson.session_id)
        db.session.rollback()
        assert db.session.get(ClassSession, lesson.session_id).closed_at == first


# ---- resuming and finishing -----------------------------------------------------------------


def test_a_pupil_resumes_with_their_saved_answers(app, lesson):
    sam = join_pupil(app, lesson.code)
    answer_all(app, lesson.code, sam.token, {2: "Beirut", 3: ["Russia", "Iran"]})
    with app.app_context():
        view = classroom.pupil_for(lesson.code, sam.token)
        assert classroom.pupil_for(lesson.code, "someone else's") is None
    assert (view.display_name, view.finished, view.session.code) == ("Sam", False, lesson.code)
    assert sorted(view.answers) == [2, 3]
    assert view.answers[2].response == "Beirut" and view.answers[2].verdict == "incorrect"
    assert [q.id for q in view.questions] == ["backers", "town", "allies", "talks"]


def test_shuffled_choices_differ_between_pupils_but_not_between_reloads(app):
    lesson = start_class_session(app, shuffle_choices=True)
    tokens = [join_pupil(app, lesson.code, f"Pupil {i}").token for i in range(6)]
    with app.app_context():
        orders = [classroom.pupil_for(lesson.code, t).questions[1].choices for t in tokens]
        again = [classroom.pupil_for(lesson.code, t).questions[1].choices for t in tokens]
    assert orders == again
    assert len(set(orders)) > 1
    assert all(sorted(order) == sorted(QUESTIONS[1].choices) for order in orders)


def test_finishing_is_recorded_once(app, lesson):
    sam = join_pupil(app, lesson.code)
    with app.app_context():
        classroom.finish(lesson.code, sam.token)
        first = rows(Participant)[0].finished_at
        classroom.finish(lesson.code, sam.token)
        assert rows(Participant)[0].finished_at == first
        assert classroom.pupil_for(lesson.code, sam.token).finished
        with pytest.raises(classroom.NotJoined):
            classroom.finish(lesson.code, "forged")
