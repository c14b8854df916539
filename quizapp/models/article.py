"""An article and its stored analysis: analysed once when added, read on every page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import Model
from quizapp.models.columns import Timestamps
from quizapp.text.types import Analysis


def title_from_slug(slug: str) -> str:
    """A title for an article without a headline: ``reuters-syria`` becomes ``Reuters Syria``."""
    return " ".join(word[:1].upper() + word[1:] for word in slug.replace("_", "-").split("-") if word)


class Article(Timestamps, Model):
    """A seed article (no owner: everyone reads it) or one a teacher added.

    ``analysis_data`` is ``Analysis.to_dict()``, stored in the ``analysis``
    column; ``analysis_key`` names the model and pipeline version that made
    it, so ``quizapp prepare`` knows which ones are out of date. Title,
    source and dateline are copies from the analysis, for listings.
    ``deleted_at`` set: the teacher deleted it, but packs or past lessons
    quiz on it, so the row stays for them and leaves every listing.
    """

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    dateline: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    analysis_data: Mapped[dict[str, Any]] = mapped_column("analysis", JSON)
    analysis_key: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    # What a saved web page said about itself (``text.web_page``); a pasted text has none of these.
    standfirst: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None]
    # Deleted by its teacher while packs or lessons still used it: out of her library, still theirs.
    deleted_at: Mapped[datetime | None]

    @property
    def analysis(self) -> Analysis:
        """The stored analysis as the pure ``Analysis`` the pages and the grader use (decoded on each call)."""
        return Analysis.from_dict(self.analysis_data)

    @analysis.setter
    def analysis(self, analysis: Analysis) -> None:
        """Store ``analysis`` and the metadata copied from it."""
        self.analysis_data = analysis.to_dict()
        self.title = analysis.article.title or title_from_slug(self.slug or "")
        self.source = analysis.article.source
        self.dateline = analysis.article.dateline

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.slug}>"
