"""Saving a pupil's answer: the request every pupil of every class sends, once per answer (issue 13).

No Flask here. A save is one writing transaction (on SQLite each one
queues for the write lock, so there is no second one to queue for) of
three statements on the connection, columns in and out, no ORM entities:

1. one select finds the pupil by (code, token hash) and brings, joined,
   all that the checks need: the session's state and questions, the
   pupil's level's questions, the homework times, how many answers the
   pupil has;
2. the pupil's row for the question, locked (PostgreSQL; SQLite's
   transaction holds the write lock already);
3. an insert, or an update of that row.

Loading entities and the unit of work's flush were about half of what an
autosave cost beyond the bare request (profiled, docs/performance.md).
The checks, their order and the rows written are those of the ORM version
before: the unique (participant, number) still makes a concurrent first
save fail, and the save is then retried and finds the row to update.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Homework, Participant, SessionLevel
from quizapp.services.classroom_rules import (
    AlreadyFinished,
    ClassroomError,
    NotJoined,
    QuestionNotFound,
    Response,
    SessionClosed,
    clean_response,
    normalise_code,
    pupil_question,
    token_hash,
)
from quizapp.services.classroom_views import SavedAnswer
from quizapp.services.homework_rules import HomeworkTimes, refuse_outside
from quizapp.services.transactions import writing
from quizapp.text.grading.grader import Grade, grade
from quizapp.text.question import Question

RETRIES = 5  # a first save lost to a concurrent one (the unique constraint) is retried this often

_ANSWERED = (
    sa.select(sa.func.count(Answer.id))
    .where(Answer.participant_id == Participant.id)
    .correlate(Participant)
    .scalar_subquery()
)

# The pupil and all their save's checks need, in one row; None for a token that did not join that code.
_PUPIL = (
    sa.select(
        Participant.id.label("participant_id"),
        Participant.finished_at,
        ClassSession.id.label("session_id"),
        ClassSession.closed_at,
        ClassSession.feedback,
        ClassSession.shuffle_choices,
        ClassSession.questions,
        SessionLevel.questions.label("level_questions"),  # their level's, in a session at several levels
        Homework.opens_at,
        Homework.due_at,
        Homework.timezone,
        _ANSWERED.label("answered"),
    )
    .join(ClassSession, ClassSession.id == Participant.session_id)
    .outerjoin(
        SessionLevel,
        sa.and_(SessionLevel.id == Participant.level_id, SessionLevel.session_id == ClassSession.id),
    )
    .outerjoin(Homework, Homework.session_id == ClassSession.id)
    .where(Participant.token_hash == sa.bindparam("token_hash"), ClassSession.code == sa.bindparam("code"))
)

_EXISTING = (
    sa.select(
        Answer.id,
        Answer.overridden,
        Answer.response,
        Answer.score,
        Answer.verdict,
        Answer.feedback,
        Answer.saves,
    )
    .where(Answer.participant_id == sa.bindparam("participant_id"), Answer.number == sa.bindparam("number"))
    .with_for_update()
)
_INSERT = sa.insert(Answer)
_UPDATE = sa.update(Answer).where(Answer.id == sa.bindparam("answer_id")).values(saves=Answer.saves + 1)


def save_answer(
    code: str,
    token: str,
    number: int,
    response: object = None,
    *,
    read: Callable[[Question], object] | None = None,
    now: datetime | None = None,
) -> SavedAnswer:
    """Grade and store the pupil's answer to question ``number``; the one row for it, created or updated.

    ``read``, if given, turns question ``number`` as this pupil sees it (their
    order of choices) into the response: the web layer's answer form, which
    may raise a ``ClassroomError`` saying why it cannot read the answer.
    With ``now``, homework is refused before it opens and after it is due.

    Raises ``NotJoined`` for a token that did not join this session,
    ``SessionClosed`` once the teacher has closed it, ``AlreadyFinished``
    once the pupil has handed in, ``QuestionNotFound`` for a number outside
    the questions, ``NotOpenYet``/``PastDue`` and ``AnswerTooLong``.
    """
    for _ in range(RETRIES):
        try:
            with writing():
                result = _save(code, token, number, response, read, now)
            return result
        except sa.exc.IntegrityError:
            continue  # a concurrent save made the row first: the next attempt finds it and updates it
    raise ClassroomError("Your answer could not be saved just now. Please try again.")


def _save(
    code: str,
    token: str,
    number: int,
    response: object,
    read: Callable[[Question], object] | None,
    now: datetime | None,
) -> SavedAnswer:
    """One attempt, inside the caller's transaction: check, read, grade, write."""
    connection = db.session.connection()
    pupil = _writable_pupil(connection, code, token, number)
    data = _questions(pupil)
    if now is not None and pupil.opens_at is not None:
        refuse_outside(HomeworkTimes(pupil.session_id, pupil.opens_at, pupil.due_at, pupil.timezone), now)
    if read is not None:
        response = read(pupil_question(data[number - 1], pupil.participant_id, number, pupil.shuffle_choices))
    response = clean_response(response)
    question = Question.from_dict(data[number - 1])
    saved = _upsert(connection, pupil, number, response, grade(question, response))
    return SavedAnswer(
        number,
        response,
        saved["verdict"],
        saved["score"],
        saved["feedback"],
        question.shown_answer,
        question.evidence,
        saved["overridden"],
        saved["saves"],
        immediate=pupil.feedback == "immediate",
        answered=pupil.answered + saved["inserted"],
        question_count=len(data),
    )


def _writable_pupil(connection: sa.Connection, code: str, token: str, number: int) -> sa.Row[Any]:
    """The pupil's row (``_PUPIL``) if they may still answer ``number``; else the error saying why."""
    code = normalise_code(code)
    pupil = None
    if code and token:
        pupil = connection.execute(_PUPIL, {"token_hash": token_hash(token), "code": code}).first()
    if pupil is None:
        raise NotJoined()
    if pupil.closed_at is not None:
        raise SessionClosed()
    if pupil.finished_at is not None:
        raise AlreadyFinished()
    if not 1 <= number <= len(_questions(pupil)):
        raise QuestionNotFound()
    return pupil


def _questions(pupil: sa.Row[Any]) -> list[dict[str, Any]]:
    """The questions this pupil answers: their level's, else the session's (``session_levels.pupil_material``)."""
    questions: list[dict[str, Any]] = (
        pupil.level_questions if pupil.level_questions is not None else pupil.questions
    )
    return questions


def _upsert(
    connection: sa.Connection, pupil: sa.Row[Any], number: int, response: Response, marked: Grade
) -> dict[str, Any]:
    """Update the pupil's row for ``number`` or insert it; what the row now says, and whether it is new.

    A teacher's override stays only while the answer it accepted does: a
    pupil who changes their answer is graded afresh.
    """
    key = {"participant_id": pupil.participant_id, "number": number}
    row = connection.execute(_EXISTING, key).first()
    graded = {"score": marked.score, "verdict": marked.verdict, "feedback": marked.feedback}
    if row is None:
        connection.execute(
            _INSERT,
            {
                **key,
                **graded,
                "session_id": pupil.session_id,
                "response": response,
                "overridden": False,
                "graded_score": marked.score,
                "graded_verdict": marked.verdict,
                "saves": 1,
            },
        )
        return {**graded, "overridden": False, "saves": 1, "inserted": 1}
    if row.overridden and row.response == response:  # the accepted answer again: only counted
        connection.execute(_UPDATE, {"answer_id": row.id})
        kept = {"score": row.score, "verdict": row.verdict, "feedback": row.feedback}
        return {**kept, "overridden": True, "saves": row.saves + 1, "inserted": 0}
    connection.execute(
        _UPDATE,
        {
            "answer_id": row.id,
            **graded,
            "response": response,
            "overridden": False,
            "graded_score": marked.score,
            "graded_verdict": marked.verdict,
        },
    )
    return {**graded, "overridden": False, "saves": row.saves + 1, "inserted": 0}
