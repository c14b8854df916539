"""A single-use invitation to make a teacher account, when registration is invite-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import utcnow


class Invite(Model):
    """An invite code, stored as its SHA-256 digest: the database never holds a code that works.

    ``created_by`` is the teacher who made it (None: an admin with
    ``quizapp invite``); ``used_by`` the account it made, after which it
    opens nothing. It stops working at ``expires_at`` either way.
    """

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    used_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Invite {self.id}>"
