"""A classroom session: one lesson of one pack, joined by pupils with a short code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import Timestamps
from quizapp.text.pack import FEEDBACK_MODES


class ClassSession(Timestamps, Model):
    """A pack run with a class: its code, and a snapshot of the pack as it was when started.

    ``questions`` is a list of ``Question.to_dict()``: a teacher who edits
    the pack mid-lesson changes nothing for the pupils already answering.
    ``pack_id`` goes NULL when the pack is deleted, so the lesson's record
    stays; the article cannot go while a session uses it (RESTRICT).
    ``closed_at`` NULL means pupils may still join and answer. The pack's
    description, question shuffling and attempts are copied too (issue 16:
    they were set on the pack and ignored in class).
    """

    __tablename__ = "class_session"
    __table_args__ = (
        CheckConstraint(
            "feedback IN ({})".format(", ".join(f"'{m}'" for m in FEEDBACK_MODES)), name="feedback"
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    pack_id: Mapped[int | None] = mapped_column(ForeignKey("pack.id", ondelete="SET NULL"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(8), unique=True)
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    feedback: Mapped[str] = mapped_column(String(20), default="immediate", server_default="immediate")
    shuffle_choices: Mapped[bool] = mapped_column(default=False, server_default=false())
    shuffle_questions: Mapped[bool] = mapped_column(default=False, server_default=false())
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")  # 0: as many as the pupil likes
    closed_at: Mapped[datetime | None]
    # A session at several levels (``SessionLevel``): may pupils pick their own version?
    pupils_choose_level: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def is_open(self) -> bool:
        """Whether pupils may still join and save answers."""
        return self.closed_at is None

    def __repr__(self) -> str:
        return f"<ClassSession {self.id} {self.code}>"
