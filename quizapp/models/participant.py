"""A pupil in a classroom session: a display name and the hash of the token their browser keeps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import utcnow


class Participant(Model):
    """One pupil who joined one session; no account, nothing personal but the name they typed.

    Two pupils who type the same name (in any case) get numbers 1 and 2, so
    the teacher sees "Sam" and "Sam (2)"; the unique constraint on
    (session, casefolded name, number) makes a race between them fail
    instead of giving both the same number. Only the token's SHA-256 is
    stored: a leaked database does not let anyone answer as a pupil.
    ``attempt`` counts the pupil's goes at the pack (1 until they try
    again after handing in); ``past_scores`` keeps each earlier go's score,
    since trying again clears the answers.
    """

    __tablename__ = "participant"
    __table_args__ = (
        UniqueConstraint("session_id", "name_key", "number", name="uq_participant_session_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(
        String(40)
    )  # casefolded name: "Sam" and "sam" are the same pupil's name
    number: Mapped[int] = mapped_column(default=1, server_default="1")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # The reading level this pupil reads (a session started from a story); NULL: the session's own text.
    level_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_level.id", ondelete="SET NULL"), index=True
    )
    attempt: Mapped[int] = mapped_column(default=1, server_default="1")
    past_scores: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")

    @property
    def display_name(self) -> str:
        """The name as pages show it: "Sam", or "Sam (2)" for the second Sam."""
        return display_name(self.name, self.number)

    def __repr__(self) -> str:
        return f"<Participant {self.id} {self.display_name!r}>"


def display_name(name: str, number: int) -> str:
    """``name``, with `` (n)`` after it from the second pupil of that name on."""
    return name if number <= 1 else f"{name} ({number})"
