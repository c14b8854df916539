"""One reading level of a class session: a version of a story with its own questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model


class SessionLevel(Model):
    """A version's article and a snapshot of its questions, as the session was started.

    A session started from a story has one row per version, easiest first
    (``position``); a pupil's ``level_id`` says which one they read. The
    session's own ``article_id`` and ``questions`` are one of these levels
    (the default, for a pupil not yet given one). ``cefr`` and ``grade`` are
    copied from the analysis at the start, like the questions, so the
    dashboard compares levels as the class met them.
    """

    __tablename__ = "session_level"
    __table_args__ = (UniqueConstraint("session_id", "position", name="uq_session_level_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    # RESTRICT, as for the session's own article: a pupil's text cannot vanish mid-lesson.
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    cefr: Mapped[str] = mapped_column(String(4), default="", server_default="")
    grade: Mapped[float]
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<SessionLevel {self.id} session {self.session_id} #{self.position}>"
