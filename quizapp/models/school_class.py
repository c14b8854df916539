"""A teacher's class: a name (7B, Year 8 English) kept for a whole term, with its pupils' names."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import Timestamps


class SchoolClass(Timestamps, Model):
    """One class a teacher teaches; its pupils are ``ClassPupil`` rows, its lessons ``SessionClass`` links.

    Called ``SchoolClass`` (table ``school_class``) because "class" is
    Python's word and "session" is already the lesson.
    """

    __tablename__ = "school_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))

    def __repr__(self) -> str:
        return f"<SchoolClass {self.id} {self.name!r}>"
