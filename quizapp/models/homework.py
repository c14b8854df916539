"""Homework: a class session that opens at one time and is due at another, done by each pupil at their pace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model


class Homework(Model):
    """The times of a session set as homework; a session without this row is a live lesson.

    A table of its own rather than columns on ``class_session``: a live
    lesson has no times, and the session's own life (join, save, close)
    stays as it is. ``opens_at`` and ``due_at`` are UTC without tzinfo (as
    every time in the database); ``timezone`` is the IANA name of the
    teacher's zone when they set it, so every page shows the times as the
    teacher typed them, whatever zone the server runs in.
    """

    __tablename__ = "homework"
    __table_args__ = (CheckConstraint("due_at > opens_at", name="due_after_opening"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    opens_at: Mapped[datetime]
    due_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<Homework session={self.session_id} due={self.due_at:%Y-%m-%d %H:%M}>"
