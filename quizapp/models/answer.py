"""One pupil's answer to one question of a classroom session, as graded and perhaps overridden."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import utcnow
from quizapp.text.grading.grader import VERDICTS

_VERDICT_LIST = ", ".join(f"'{v}'" for v in VERDICTS)


class Answer(Model):
    """The latest answer a pupil saved for question ``number`` (1-based) of their session.

    Unique per (participant, number): autosave, a reload or a double-click
    updates the one row and counts it in ``saves``, never adds a second.
    ``score``/``verdict`` are what the class sees; ``graded_score`` and
    ``graded_verdict`` are the grader's own, kept so that a teacher's
    override (``overridden``: score 1, "correct") can be undone.
    ``session_id`` repeats the participant's session so the dashboard reads
    one session's answers without a join.
    """

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("participant_id", "number", name="uq_answer_participant_number"),
        CheckConstraint(f"verdict IN ({_VERDICT_LIST})", name="verdict"),
        CheckConstraint(f"graded_verdict IN ({_VERDICT_LIST})", name="graded_verdict"),
        CheckConstraint("number >= 1", name="number"),
    )

    # 64-bit on PostgreSQL: every autosave's upsert takes a sequence value, re-saves too. SQLite's
    # integer primary key is 64-bit already (and only INTEGER is its rowid, hence the variant).
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    response: Mapped[Any] = mapped_column(JSON)
    score: Mapped[float]
    verdict: Mapped[str] = mapped_column(String(20))
    feedback: Mapped[str] = mapped_column(Text, default="", server_default="")
    overridden: Mapped[bool] = mapped_column(default=False, server_default=false())
    graded_score: Mapped[float]
    graded_verdict: Mapped[str] = mapped_column(String(20))
    saves: Mapped[int] = mapped_column(default=1, server_default="1")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<Answer {self.id} participant={self.participant_id} #{self.number} {self.verdict}>"
