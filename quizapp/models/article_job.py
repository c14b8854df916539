"""An article waiting for its analysis, being analysed, or whose analysis failed: never shown to pupils."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import Timestamps

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
JOB_STATUSES = (PENDING, RUNNING, DONE, FAILED)


class ArticleJob(Timestamps, Model):
    """A teacher's text handed to the background worker (``quizapp/tasks.py``).

    The article itself is written only when the analysis succeeds, in the
    same transaction that marks the job done (``article_id``), so a pending
    or failed analysis leaves no article behind: readers and pupils query
    ``article`` and never see one. A failed job keeps the text, so the
    teacher can correct it and try again; a done one lets it go.
    """

    __tablename__ = "article_job"
    __table_args__ = (
        CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in JOB_STATUSES)), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    raw_text: Mapped[str] = mapped_column(Text)
    title_hint: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, server_default=PENDING)
    error: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"))
    # An imported pack file waits with its article: the pack (as quizapp's JSON) is stored with it.
    pack_json: Mapped[str | None] = mapped_column(Text)
    pack_id: Mapped[int | None] = mapped_column(ForeignKey("pack.id", ondelete="SET NULL"))
    # A web page's standfirst, author, site name and date (``PageDetails.to_dict``), stored with the article.
    page_details: Mapped[dict | None] = mapped_column(JSON)
    # An edit: the article whose text this is, re-analysed in place (its id, slug and packs kept).
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<ArticleJob {self.id} {self.status}>"
