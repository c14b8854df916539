"""A teacher's account: who owns articles and packs, and who may log in."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column, validates

from quizapp.extensions import Model
from quizapp.models.columns import utcnow


def normal_email(email: str) -> str:
    """Emails compare without case or surrounding spaces: ``Ann@School.org`` is ``ann@school.org``."""
    return email.strip().lower()


class Teacher(UserMixin, Model):
    """One account. ``UserMixin`` gives Flask-Login ``get_id`` and ``is_authenticated``."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased, see normal_email
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))  # Werkzeug's scrypt hash, never the password
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # False while an admin has not approved the account (REGISTRATION = "approval"): it cannot log in.
    approved: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Raised by logging out and by a new password: every cookie made before then stops opening the account.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    def get_id(self) -> str:
        """What Flask-Login keeps in the signed cookie: the id and the session generation, "7.3".

        A cookie is worth something only while the generation in it is the
        account's (``services.teachers.load_teacher``), so raising it revokes
        every copy server-side. Generation 0 is written as the bare id, as
        cookies were before generations existed.
        """
        return str(self.id) if not self.session_generation else f"{self.id}.{self.session_generation}"

    @validates("email")
    def _normalise_email(self, key: str, email: str) -> str:
        """Lower-case on the way in, so the unique index also refuses ``ANN@school.org``."""
        return normal_email(email)

    def __repr__(self) -> str:
        return f"<Teacher {self.id} {self.email}>"
