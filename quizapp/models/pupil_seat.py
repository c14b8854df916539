"""Who on the class list a session's participant is: the link that makes a pupil's history across a term."""

from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model


class PupilSeat(Model):
    """Participant ``participant_id`` is ``pupil_id`` of the class list, in session ``session_id``.

    One name per session (the unique constraint): a name already taken in a
    session cannot be picked by a second pupil, even when two press Join at
    the same instant. A participant who typed a name instead has no seat
    until the teacher merges them into the list.
    """

    __tablename__ = "pupil_seat"
    __table_args__ = (UniqueConstraint("session_id", "pupil_id", name="uq_pupil_seat_session_pupil"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("class_pupil.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"))

    def __repr__(self) -> str:
        return f"<PupilSeat participant={self.participant_id} pupil={self.pupil_id}>"
