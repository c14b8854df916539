"""One question of a pack, stored as the question format's JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.text.question import Question


class PackQuestion(Model):
    """``data`` is ``Question.to_dict()``: the format already keeps keys it does not know.

    Positions are not unique in the database: reordering a pack rewrites
    them one row at a time, and a unique index would refuse the swap halfway.
    """

    __tablename__ = "pack_question"
    __table_args__ = (Index("ix_pack_question_pack_id_position", "pack_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[int] = mapped_column(ForeignKey("pack.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    @property
    def question(self) -> Question:
        """The stored question as the pure ``Question``."""
        return Question.from_dict(self.data)

    @question.setter
    def question(self, question: Question) -> None:
        """Store ``question`` in the format's JSON shape."""
        self.data = question.to_dict()

    def __repr__(self) -> str:
        return f"<PackQuestion {self.id} pack={self.pack_id} #{self.position}>"
