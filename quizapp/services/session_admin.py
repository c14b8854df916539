"""What the teacher's session pages need beyond ``classroom``: one pupil's answers in full, and sharing a pack.

Kept apart from ``classroom``/``classroom_results`` (the pupils' side and the
dashboard) so the teacher's pages can grow without touching the code every
pupil's autosave runs through. Callers have checked the session is the
teacher's (``classroom.owned_session``); ``set_public`` checks the pack itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Participant
from quizapp.services.ownership import owned_pack
from quizapp.services.session_levels import pupil_material
from quizapp.services.transactions import reading, writing
from quizapp.text.question import Question

Response = str | list[str] | None


@dataclass(frozen=True)
class AnswerRow:
    """One question as this pupil met it: the question, and their saved answer if any."""

    number: int
    question: Question
    answered: bool
    response: Response
    verdict: str | None  # None: not answered yet
    score: float
    feedback: str
    overridden: bool
    graded_verdict: str | None
    saves: int
    answered_at: datetime | None


@dataclass(frozen=True)
class PupilAnswers:
    """A pupil's page for the teacher: who, how far, how well, and every question."""

    participant_id: int
    display_name: str
    joined_at: datetime
    finished: bool
    answered: int
    score: float
    rows: tuple[AnswerRow, ...]

    @property
    def total(self) -> int:
        """Questions in the session."""
        return len(self.rows)


def pupil_answers(session_id: int, participant_id: int) -> PupilAnswers | None:
    """Pupil ``participant_id`` of session ``session_id`` with every question and answer; None if not in it."""
    with reading():
        pupil = db.session.scalars(
            sa.select(Participant).where(
                Participant.id == participant_id, Participant.session_id == session_id
            )
        ).first()
        if pupil is None:
            return None
        session = db.session.get(ClassSession, session_id)
        if session is None:
            return None
        questions, _ = pupil_material(pupil, session)  # their level's
        saved = {
            a.number: a
            for a in db.session.scalars(sa.select(Answer).where(Answer.participant_id == participant_id))
        }
        rows = tuple(
            _row(number, Question.from_dict(data), saved.get(number))
            for number, data in enumerate(questions or [], start=1)
        )
        return PupilAnswers(
            pupil.id,
            pupil.display_name,
            pupil.joined_at,
            pupil.finished_at is not None,
            sum(r.answered for r in rows),
            round(sum(r.score for r in rows), 2),
            rows,
        )


def _row(number: int, question: Question, answer: Answer | None) -> AnswerRow:
    """Question ``number`` with the pupil's stored answer copied out of the row (or blank)."""
    if answer is None:
        return AnswerRow(number, question, False, None, None, 0.0, "", False, None, 0, None)
    return AnswerRow(
        number,
        question,
        True,
        answer.response,
        answer.verdict,
        answer.score,
        answer.feedback,
        answer.overridden,
        answer.graded_verdict,
        answer.saves,
        answer.answered_at,
    )


def pupil_level(session_id: int, participant_id: int) -> int | None:
    """The level (``SessionLevel`` id) pupil ``participant_id`` reads; None: the session's own text."""
    with reading():
        return db.session.scalar(
            sa.select(Participant.level_id).where(
                Participant.id == participant_id, Participant.session_id == session_id
            )
        )


def set_public(pack_id: int, owner_id: int, public: bool) -> None:
    """Share the teacher's pack in self-study (``public``) or stop sharing it; ``PackNotFound`` if not hers."""
    with writing():
        owned_pack(pack_id, owner_id).public = public
