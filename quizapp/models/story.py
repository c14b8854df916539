"""A story told at several reading levels: the teacher's (or a seed's) articles linked as its versions."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import Model
from quizapp.models.columns import Timestamps

MAX_STORY_TITLE_CHARS = 200


class StoryVersion(Model):
    """One article as a version of one story.

    ``article_id`` is unique: an article is a version of at most one story,
    so "easier" and "harder" always mean one thing. The order of versions
    is not stored: it is the reading-level model's grade, read from each
    article's analysis, so a re-analysed article moves to its new place.
    Deleting the article or the story removes the link (CASCADE), never the
    other side.
    """

    __tablename__ = "story_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), unique=True)


class Story(Timestamps, Model):
    """A story; ``owner_id`` NULL is a seed story (the sample library), readable by everyone."""

    __tablename__ = "story"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(MAX_STORY_TITLE_CHARS))

    versions: Mapped[list[StoryVersion]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<Story {self.id} {self.title!r}>"
