"""A teacher's question pack: an article, ordered questions, and how a class meets them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, false
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import Model
from quizapp.models.article import Article
from quizapp.models.columns import Timestamps
from quizapp.models.pack_question import PackQuestion
from quizapp.text.pack import FEEDBACK_MODES, MAX_LEVEL_CHARS, MAX_TITLE_CHARS


class Pack(Timestamps, Model):
    """One pack; ``owner_id`` NULL is a seed pack, like a seed article.

    ``questions`` is kept in order by ``position`` (``ordering_list``
    renumbers on insert and removal); deleting a pack deletes its questions,
    in the database too (ON DELETE CASCADE), so a bulk delete leaves no orphans.
    """

    __tablename__ = "pack"
    __table_args__ = (
        CheckConstraint(
            "feedback IN ({})".format(", ".join(f"'{m}'" for m in FEEDBACK_MODES)), name="feedback"
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    # RESTRICT: an article cannot vanish from under the packs that quiz on it.
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE_CHARS))
    # Server defaults as well, so an INSERT written by hand (or a data migration) needs only the essentials.
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    level: Mapped[str] = mapped_column(String(MAX_LEVEL_CHARS), default="", server_default="")
    shuffle_questions: Mapped[bool] = mapped_column(default=False, server_default=false())
    shuffle_choices: Mapped[bool] = mapped_column(default=False, server_default=false())
    feedback: Mapped[str] = mapped_column(String(20), default="immediate", server_default="immediate")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")  # 0: as many as the pupil likes
    # Shared in self-study (/study); seed packs (no owner) are offered there whatever this says.
    public: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The article's text was edited and some question's evidence sentence is no longer in it.
    needs_review: Mapped[bool] = mapped_column(default=False, server_default=false())

    article: Mapped[Article] = relationship()
    questions: Mapped[list[PackQuestion]] = relationship(
        order_by=PackQuestion.position,
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<Pack {self.id} {self.title!r}>"
