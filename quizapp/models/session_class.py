"""Which class a session was run with: the link that puts a lesson or homework in a class's term."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model


class SessionClass(Model):
    """Session ``session_id`` was started for class ``class_id``: its pupils pick their names from the list.

    A table beside ``class_session`` (not a column on it) so a session's own
    life is unchanged. Deleting the class deletes the link, never the
    session and its answers; deleting the session deletes the link.
    """

    __tablename__ = "session_class"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id", ondelete="CASCADE"), index=True)

    def __repr__(self) -> str:
        return f"<SessionClass session={self.session_id} class={self.class_id}>"
