"""Classroom sessions: a teacher starts one from a pack, pupils join with a code and save answers.

No Flask here. The pupil's browser keeps a random token (in the signed
session cookie); the database keeps only its SHA-256, so every pupil call
takes ``(code, token)`` and a pupil can reach only their own answers, in
the session they joined. Errors a pupil can cause are ``InputError``
subclasses whose message is written for them.

Saving (``classroom_saving``, re-exported here) is an idempotent upsert
on the unique (participant, number): a reload, a dropped connection
retried or a double-click update the one row, in one short transaction.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, Article, ClassSession, Pack, PackQuestion, Participant
from quizapp.models.columns import utcnow
from quizapp.services.articles import ArticleView
from quizapp.services.classroom_idle import close_idle_sessions
from quizapp.services.classroom_rules import (  # noqa: F401  (part of this module's interface)
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_NAME_CHARS,
    AlreadyFinished,
    AnswerTooLong,
    AnswerUnreadable,
    ClassFull,
    ClassroomError,
    InvalidName,
    NotJoined,
    QuestionNotFound,
    Response,
    SessionClosed,
    SessionNotFound,
    clean_name,
    clean_response,
    name_key,
    new_code,
    normalise_code,
    pupil_question,
    pupil_questions,
    question_order,
    token_hash,
)
from quizapp.services.classroom_saving import save_answer
from quizapp.services.classroom_views import Joined, PupilView, SavedAnswer, SessionInfo
from quizapp.services.ownership import PackNotFound
from quizapp.services.session_levels import pupil_material
from quizapp.services.transactions import reading, writing
from quizapp.text.grading.grader import MAX_PICKS, MAX_RESPONSE_CHARS  # the limits: re-exported
from quizapp.text.question import Question

# What callers import from here that is defined beside it (mypy --strict exports only what is listed).
__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_NAME_CHARS",
    "MAX_PICKS",
    "MAX_RESPONSE_CHARS",
    "AlreadyFinished",
    "AnswerTooLong",
    "ClassFull",
    "ClassroomError",
    "InvalidName",
    "Joined",
    "NotJoined",
    "PupilView",
    "QuestionNotFound",
    "Response",
    "SavedAnswer",
    "SessionClosed",
    "SessionInfo",
    "SessionNotFound",
    "clean_name",
    "clean_response",
    "name_key",
    "new_code",
    "normalise_code",
    "pupil_question",
    "pupil_questions",
    "question_order",
    "save_answer",
    "token_hash",
]

RETRIES = 5  # a unique constraint lost to a concurrent request is retried this often


# ---- reading -------------------------------------------------------------------------------


def _info(row: ClassSession, slug: str, participants: int = 0) -> SessionInfo:
    """A session row as plain data."""
    return SessionInfo(
        row.id,
        row.code,
        row.title,
        slug,
        row.feedback,
        len(row.questions or []),
        row.is_open,
        row.pack_id,
        row.owner_id,
        row.created_at,
        row.closed_at,
        participants,
        row.description,
        row.attempts,
    )


def _participant_count() -> sa.ScalarSelect[int]:
    """A correlated count of a session's participants."""
    return (
        sa.select(sa.func.count(Participant.id))
        .where(Participant.session_id == ClassSession.id)
        .correlate(ClassSession)
        .scalar_subquery()
    )


def _sessions(*where: sa.ColumnElement[bool]) -> list[SessionInfo]:
    """Sessions matching ``where`` with their article's slug and how many have joined, newest first."""
    query = (
        sa.select(ClassSession, Article.slug, _participant_count())
        .join(Article, Article.id == ClassSession.article_id)
        .where(*where)
        .order_by(ClassSession.created_at.desc(), ClassSession.id.desc())
    )
    with reading():
        return [_info(row, slug, count) for row, slug, count in db.session.execute(query)]


def session_for_code(code: str) -> SessionInfo | None:
    """The session a code names (as typed: ``normalise_code`` is applied), or None."""
    code = normalise_code(code)
    if not code:
        return None
    found = _sessions(ClassSession.code == code)
    return found[0] if found else None


def owned_session(session_id: int, owner_id: int | None) -> SessionInfo | None:
    """Session ``session_id`` if ``owner_id`` started it; None for another teacher's or a missing one."""
    if owner_id is None:
        return None
    found = _sessions(ClassSession.id == session_id, ClassSession.owner_id == owner_id)
    return found[0] if found else None


def owned_sessions(owner_id: int) -> list[SessionInfo]:
    """A teacher's sessions, newest first."""
    return _sessions(ClassSession.owner_id == owner_id)


def _saved(row: Answer, question: Question | None) -> SavedAnswer:
    """An answer row as plain data, with the question's answer and evidence for feedback."""
    return SavedAnswer(
        row.number,
        row.response,
        row.verdict,
        row.score,
        row.feedback,
        question.shown_answer if question else "",
        question.evidence if question else "",
        row.overridden,
        row.saves,
    )


def _pupil_row(code: str, token: str) -> sa.Row[tuple[Participant, ClassSession]] | None:
    """``(participant, session)`` for a pupil's code and token, or None (in the caller's transaction)."""
    code = normalise_code(code)
    if not code or not token:
        return None
    query = (
        sa.select(Participant, ClassSession)
        .join(ClassSession, ClassSession.id == Participant.session_id)
        .where(Participant.token_hash == token_hash(token), ClassSession.code == code)
    )
    return db.session.execute(query).first()


def pupil_for(code: str, token: str) -> PupilView | None:
    """A pupil's page data, saved answers included (resume after closing the tab); None if not joined."""
    with reading():
        found = _pupil_row(code, token)
        if found is None:
            return None
        participant, row = found
        data, article_id = pupil_material(participant, row)  # their level's, in a session at several levels
        # one row: a session's article cannot be deleted (ondelete RESTRICT)
        slug = db.session.execute(sa.select(Article.slug).where(Article.id == row.article_id)).scalar_one()
        questions = pupil_questions(data, participant.id, row.shuffle_choices)
        rows = db.session.scalars(sa.select(Answer).where(Answer.participant_id == participant.id))
        answers = {
            a.number: _saved(a, questions[a.number - 1] if a.number <= len(questions) else None) for a in rows
        }
        order = question_order(len(questions), participant.id, row.shuffle_questions)
        return PupilView(
            _info(row, slug),
            participant.id,
            participant.display_name,
            participant.finished_at is not None,
            questions,
            answers,
            participant.name,
            article_id=article_id,
            level_id=participant.level_id,
            order=order,
            attempt=participant.attempt,
            past_scores=tuple(participant.past_scores or ()),
        )


def session_article(session_id: int, article_id: int | None = None) -> ArticleView:
    """The article of session ``session_id``, whoever owns it: a joined pupil reads a teacher's own article too.

    ``article_id`` is the pupil's level's article (``PupilView.article_id``)
    in a session at several levels; None is the session's own. Callers have
    checked that the reader joined the session (``pupil_for``).
    """
    with reading():
        if article_id is not None:
            row = db.session.get(Article, article_id)
        else:
            row = db.session.scalars(
                sa.select(Article)
                .join(ClassSession, ClassSession.article_id == Article.id)
                .where(ClassSession.id == session_id)
            ).first()
        if row is None:
            raise LookupError(session_id)
        return ArticleView.of(row)


# ---- the pupil's writes ----------------------------------------------------------------------


def join(code: str, name: str, *, idle_after: timedelta | None = None, max_pupils: int = 0) -> Joined:
    """Add a pupil called ``name`` to the open session ``code``; their token and the name the class sees.

    A second "Sam" (in any case) becomes "Sam (2)". Joins to one session take
    turns (its row is locked), and the unique constraint on the number backs
    that up: an insert that still collides is retried with the next number.
    An unknown code and a closed one raise the same ``SessionNotFound``, so
    guessing codes cannot tell them apart; sessions idle for ``idle_after``
    are closed first (``classroom_idle``), so only a class in use can be
    joined. A class that has ``max_pupils`` already (0: no cap) raises ``ClassFull``.
    """
    name = clean_name(name)
    code = normalise_code(code)
    if idle_after is not None:
        close_idle_sessions(idle_after)  # its own transaction: a refused join must not undo it
    for _ in range(RETRIES):
        token = secrets.token_urlsafe(32)
        try:
            with writing():
                # Locking the session row makes joins to one class take turns (PostgreSQL; SQLite always
                # does), so two "Sam"s pressing Join at once are numbered 1 and 2, not both 1.
                row = db.session.scalars(
                    sa.select(ClassSession).where(ClassSession.code == code).with_for_update()
                ).first()
                if row is None or not code or not row.is_open:
                    raise SessionNotFound()
                _check_room(row.id, max_pupils)
                key = name_key(name)
                taken = db.session.scalar(
                    sa.select(sa.func.max(Participant.number)).where(
                        Participant.session_id == row.id, Participant.name_key == key
                    )
                )
                participant = Participant(
                    session_id=row.id,
                    name=name,
                    name_key=key,
                    number=(taken or 0) + 1,
                    token_hash=token_hash(token),
                )
                db.session.add(participant)
                db.session.flush()
                joined = Joined(participant.id, token, participant.display_name)
            return joined
        except sa.exc.IntegrityError:
            continue
    raise ClassroomError(
        "So many people are joining at once that your name could not be saved. Please try again."
    )


def _check_room(session_id: int, max_pupils: int) -> None:
    """``ClassFull`` if the session already has ``max_pupils`` (checked with its row locked: joins take turns)."""
    if (
        max_pupils
        and (
            db.session.scalar(
                sa.select(sa.func.count(Participant.id)).where(Participant.session_id == session_id)
            )
            or 0
        )
        >= max_pupils
    ):
        raise ClassFull(max_pupils)


def finish(code: str, token: str) -> None:
    """Record that the pupil says they are done (the first time counts); ``NotJoined`` otherwise.

    While the class is closed nothing is recorded (``SessionClosed``): the
    answers are locked anyway, and a hand-in then would lock the pupil out
    for good once the teacher reopens the class.
    """
    with writing():
        found = _pupil_row(code, token)
        if found is None:
            raise NotJoined()
        participant, row = found
        if not row.is_open:
            raise SessionClosed()
        if participant.finished_at is None:
            participant.finished_at = utcnow()


# ---- the teacher's writes --------------------------------------------------------------------


def start_session(pack_id: int, owner_id: int) -> int:
    """Start a session of the pack ``pack_id`` (the teacher's own or a seed pack); its id.

    The pack's questions and settings (description, shuffling, feedback,
    attempts) are copied into the session, so editing or deleting the pack
    later changes nothing for this lesson. Raises ``PackNotFound`` (a ``LookupError``)
    for a pack that does not exist or is another teacher's, and
    ``ClassroomError`` for a pack without questions.
    """
    for _ in range(RETRIES):
        try:
            with writing():
                pack = db.session.scalars(
                    sa.select(Pack).where(
                        Pack.id == pack_id, sa.or_(Pack.owner_id == owner_id, Pack.owner_id.is_(None))
                    )
                ).first()
                if pack is None:
                    raise PackNotFound(pack_id)
                questions = [
                    q.data
                    for q in db.session.scalars(
                        sa.select(PackQuestion)
                        .where(PackQuestion.pack_id == pack.id)
                        .order_by(PackQuestion.position)
                    )
                ]
                if not questions:
                    raise ClassroomError("This pack has no questions yet: add some before starting a class.")
                row = ClassSession(
                    owner_id=owner_id,
                    pack_id=pack.id,
                    article_id=pack.article_id,
                    title=pack.title,
                    code=_free_code(),
                    questions=questions,
                    feedback=pack.feedback,
                    shuffle_choices=pack.shuffle_choices,
                    shuffle_questions=pack.shuffle_questions,
                    description=pack.description,
                    attempts=pack.attempts,
                )
                db.session.add(row)
                db.session.flush()
                session_id = row.id
            return session_id
        except sa.exc.IntegrityError:
            continue  # another session took the same code at the same instant
    raise ClassroomError("Could not find a free join code; please try again.")


def _free_code() -> str:
    """A code no session has yet (checked here; the unique constraint settles a race)."""
    while True:
        code = new_code()
        if db.session.scalar(sa.select(ClassSession.id).where(ClassSession.code == code)) is None:
            return code


def _set_closed(session_id: int, closed_at: datetime | None) -> None:
    """Close or reopen a session; ``LookupError`` if there is none."""
    with writing():
        row = db.session.get(ClassSession, session_id, with_for_update=True)
        if row is None:
            raise LookupError(session_id)
        if (row.closed_at is None) != (closed_at is None):
            row.closed_at = closed_at


def close_session(session_id: int) -> None:
    """Close the session: pupils can no longer join or save (closing twice keeps the first time)."""
    _set_closed(session_id, utcnow())


def reopen_session(session_id: int) -> None:
    """Open a closed session again, with everything saved so far."""
    _set_closed(session_id, None)


def delete_session(session_id: int) -> None:
    """Delete the session with every participant and answer (the database cascades them)."""
    with writing():
        db.session.execute(sa.delete(ClassSession).where(ClassSession.id == session_id))


def override(session_id: int, participant_id: int, number: int, accept: bool) -> SavedAnswer:
    """Accept a pupil's answer as correct (score 1), or undo that and restore the grader's mark.

    Raises ``LookupError`` when that pupil of that session has no saved
    answer to question ``number`` (there is nothing to accept).
    """
    with writing():
        row = db.session.scalars(
            sa.select(Answer)
            .where(
                Answer.session_id == session_id,
                Answer.participant_id == participant_id,
                Answer.number == number,
            )
            .with_for_update()
        ).first()
        if row is None:
            raise LookupError((session_id, participant_id, number))
        row.overridden = accept
        row.score, row.verdict = (1.0, "correct") if accept else (row.graded_score, row.graded_verdict)
        participant, session = (
            db.session.get(Participant, participant_id),
            db.session.get(ClassSession, session_id),
        )
        data = (
            pupil_material(participant, session)[0] if participant and session else []
        )  # rows of ``row``: there
        question = Question.from_dict(data[number - 1]) if number <= len(data) else None
        return _saved(row, question)
