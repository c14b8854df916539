"""Saving a pupil's answer: the request every pupil of every class sends, once per answer (issue 13).

No Flask here. A save is one writing transaction (on SQLite each one
queues for the write lock, so there is no second one to queue for) of
two statements on the connection, columns in and out, no ORM entities:

1. one select finds the pupil by (code, token hash) and brings, joined,
   all that the checks need: the session's state, the question being
   answered (from the pupil's level's questions, else the session's) and
   how many there are, the homework times, how many answers the pupil has;
2. one ``INSERT … ON CONFLICT (participant, number) DO UPDATE … RETURNING``
   writes the pupil's row for the question, new or not, and returns what
   it now says.

Loading entities and the unit of work's flush were about half of what an
autosave cost beyond the bare request (profiled, docs/performance.md). On
PostgreSQL each statement is also a round trip to a server on the same
cores: the row used to be read (locked) and then inserted or updated, a
statement more. The upsert decides in the database what the read decided
in Python: a teacher's override stays only while the answer it accepted
does (compared as the stored JSON text, which the one serializer writes),
``saves`` counts every save, ``answered_at`` is the first save's. It locks
the row as the read did, so concurrent saves of one question queue and
each is counted; the unique (participant, number) keeps it one row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Homework, Participant, SessionLevel
from quizapp.models.columns import utcnow
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

RETRIES = 5  # a save that fails on a constraint (a pupil removed meanwhile) is tried again this often

_ANSWERED = (
    sa.select(sa.func.count(Answer.id))
    .where(Answer.participant_id == Participant.id)
    .correlate(Participant)
    .scalar_subquery()
)

# The questions this pupil answers: their level's, in a session at several levels, else the session's
# (``session_levels.pupil_material``). Only the one being answered and their number leave the database:
# the whole list is a few kilobytes of JSON for a short pack and up to a few hundred for a long one.
_MATERIAL = sa.type_coerce(sa.func.coalesce(SessionLevel.questions, ClassSession.questions), sa.JSON)
_LAST_INDEX = 2**31 - 1  # the database's integer: a question number past it is refused before it is sent

# The pupil and all their save's checks need, in one row; None for a token that did not join that code.
_PUPIL = (
    sa.select(
        Participant.id.label("participant_id"),
        Participant.finished_at,
        ClassSession.id.label("session_id"),
        ClassSession.closed_at,
        ClassSession.feedback,
        ClassSession.shuffle_choices,
        _MATERIAL[sa.bindparam("index", type_=sa.JSON.JSONIntIndexType())].label("question"),
        sa.func.json_array_length(_MATERIAL).label("question_count"),
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

# The pupil's row for a question, inserted or, if there is one, updated; what it now says. The same SQL
# on PostgreSQL and SQLite (3.35+). Written out because SQLAlchemy 2.0 caches no compiled ON CONFLICT
# construct (``postgresql.insert``/``sqlite.insert`` have no cache key) and compiled it afresh for every
# autosave: about 0.5 ms of CPU each time (docs/performance.md). A teacher's override is kept while the
# pupil sends the answer it accepted (``_KEPT``): the same JSON text, which the one serializer writes for
# the same answer; only the count and the time change then. Otherwise the new grade replaces the row's.
_KEPT = (
    "answer.overridden AND COALESCE(CAST(answer.response AS TEXT), '')"
    " = COALESCE(CAST(excluded.response AS TEXT), '')"
)
_UPSERT = (
    sa.text(
        f"""
        INSERT INTO answer (participant_id, session_id, number, response, score, verdict, feedback,
                            overridden, graded_score, graded_verdict, saves, answered_at, updated_at)
        VALUES (:participant_id, :session_id, :number, :response, :score, :verdict, :feedback,
                :overridden, :score, :verdict, 1, :now, :now)
        ON CONFLICT (participant_id, number) DO UPDATE SET
            response = excluded.response,
            score = CASE WHEN {_KEPT} THEN answer.score ELSE excluded.score END,
            verdict = CASE WHEN {_KEPT} THEN answer.verdict ELSE excluded.verdict END,
            feedback = CASE WHEN {_KEPT} THEN answer.feedback ELSE excluded.feedback END,
            graded_score = CASE WHEN {_KEPT} THEN answer.graded_score ELSE excluded.graded_score END,
            graded_verdict = CASE WHEN {_KEPT} THEN answer.graded_verdict ELSE excluded.graded_verdict END,
            overridden = ({_KEPT}),
            saves = answer.saves + 1,
            updated_at = excluded.updated_at
        RETURNING score, verdict, feedback, overridden, saves
        """
    )
    .bindparams(
        sa.bindparam("response", type_=Answer.__table__.c.response.type),
        sa.bindparam("overridden", type_=Answer.__table__.c.overridden.type),
        sa.bindparam("now", type_=Answer.__table__.c.updated_at.type),
    )
    .columns(
        Answer.__table__.c.score,
        Answer.__table__.c.verdict,
        Answer.__table__.c.feedback,
        Answer.__table__.c.overridden,
        Answer.__table__.c.saves,
    )
)


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
            continue  # the next attempt reads the pupil afresh: gone now, it says so
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
    if now is not None and pupil.opens_at is not None:
        refuse_outside(HomeworkTimes(pupil.session_id, pupil.opens_at, pupil.due_at, pupil.timezone), now)
    if read is not None:
        response = read(pupil_question(pupil.question, pupil.participant_id, number, pupil.shuffle_choices))
    response = clean_response(response)
    question = Question.from_dict(pupil.question)
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
        question_count=pupil.question_count,
    )


def _writable_pupil(connection: sa.Connection, code: str, token: str, number: int) -> sa.Row[Any]:
    """The pupil's row (``_PUPIL``) if they may still answer ``number``; else the error saying why."""
    code = normalise_code(code)
    pupil = None
    if code and token:
        index = number - 1 if 1 <= number <= _LAST_INDEX else 0  # any number outside is refused below
        pupil = connection.execute(
            _PUPIL, {"token_hash": token_hash(token), "code": code, "index": index}
        ).first()
    if pupil is None:
        raise NotJoined()
    if pupil.closed_at is not None:
        raise SessionClosed()
    if pupil.finished_at is not None:
        raise AlreadyFinished()
    if not 1 <= number <= pupil.question_count:
        raise QuestionNotFound()
    return pupil


def _upsert(
    connection: sa.Connection, pupil: sa.Row[Any], number: int, response: Response, marked: Grade
) -> dict[str, Any]:
    """Insert the pupil's row for ``number`` or update it; what the row now says, and whether it is new.

    A teacher's override stays only while the answer it accepted does: a
    pupil who changes their answer is graded afresh. A row is new when this
    save is its first (``saves`` is 1); every later save adds one.
    """
    row = connection.execute(
        _UPSERT,
        {
            "participant_id": pupil.participant_id,
            "number": number,
            "session_id": pupil.session_id,
            "response": response,
            "score": marked.score,
            "verdict": marked.verdict,
            "feedback": marked.feedback,
            "overridden": False,
            "now": utcnow(),
        },
    ).one()
    return {
        "score": row.score,
        "verdict": row.verdict,
        "feedback": row.feedback,
        "overridden": row.overridden,
        "saves": row.saves,
        "inserted": int(row.saves == 1),
    }
