"""A pupil on a class's list: a name the teacher typed or pasted, and nothing else about them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.text.reading.reading_level import CEFR


class ClassPupil(Model):
    """One name on a class list; pupils pick it when they join one of the class's sessions.

    Unique per class in any case (``name_key`` is the casefolded name): two
    "Sam"s on one list could not tell which is theirs, so the teacher writes
    "Sam K" and "Sam P". No e-mail, no account: a name is all there is.
    ``reading_level`` is the CEFR level the teacher reads them at (issue 15):
    a session of a story at several levels gives them the nearest version
    when they pick this name. NULL: not set, they get the middle version.
    """

    __tablename__ = "class_pupil"
    __table_args__ = (
        UniqueConstraint("class_id", "name_key", name="uq_class_pupil_name"),
        CheckConstraint(
            "reading_level IN ({})".format(", ".join(f"'{level}'" for level in CEFR)), name="reading_level"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(40))
    reading_level: Mapped[str | None] = mapped_column(String(2))

    def __repr__(self) -> str:
        return f"<ClassPupil {self.id} {self.name!r}>"
