"""Stories at several levels: a teacher links articles as versions of one story (issue 15).

No Flask here. A story belongs to a teacher (or is a seed, ``owner_id``
None, from the sample library) and holds only that owner's articles: a
teacher links her own articles, and another teacher's article or story is
"not found" (``LookupError``), the same answer as a missing one. Bad links
(an article already in this story or in another) raise ``StoryError`` with a
message for the teacher, and nothing is written.

Versions are ordered by the reading-level model's grade, read from each
article's stored analysis rather than stored, so a re-analysed article
takes its new place by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Story, StoryVersion
from quizapp.models.story import MAX_STORY_TITLE_CHARS
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError


class StoryError(InputError):
    """A link the teacher asked for that cannot be made; the message says why."""


@dataclass(frozen=True)
class Version:
    """One version as the story page and the reading page show it: which article, and how hard."""

    article_id: int
    slug: str
    title: str
    grade: float
    cefr: str
    uk_year: str
    band: str
    words: int

    @property
    def level(self) -> str:
        """The short name a pupil sees on an "Easier" link: the CEFR level, or the grade before issue 15."""
        return self.cefr or f"grade {self.grade:.1f}"

    @classmethod
    def of(cls, row: Article) -> Version:
        """Copy ``row``'s reading level out of its stored analysis (no need to rebuild the whole analysis)."""
        readability = row.analysis_data.get("readability", {})
        return cls(
            row.id,
            row.slug,
            row.title,
            float(readability.get("grade_level", 0.0)),
            readability.get("cefr", ""),
            readability.get("uk_year", ""),
            readability.get("band", ""),
            int(readability.get("words", 0)),
        )


@dataclass(frozen=True)
class StoryView:
    """A story and its versions, easiest first."""

    id: int
    title: str
    owner_id: int | None
    versions: tuple[Version, ...]

    def neighbours(self, article_id: int) -> tuple[Version | None, Version | None]:
        """The next easier and the next harder version than ``article_id`` (None at either end)."""
        ids = [v.article_id for v in self.versions]
        if article_id not in ids:
            return None, None
        at = ids.index(article_id)
        return (
            self.versions[at - 1] if at > 0 else None,
            self.versions[at + 1] if at + 1 < len(self.versions) else None,
        )


def _view(story: Story) -> StoryView:
    """``story`` as plain data, versions by grade (ties by id, so the order never flickers)."""
    rows = db.session.scalars(
        sa.select(Article)
        .join(StoryVersion, StoryVersion.article_id == Article.id)
        .where(StoryVersion.story_id == story.id, Article.deleted_at.is_(None))
    )
    versions = sorted((Version.of(row) for row in rows), key=lambda v: (v.grade, v.article_id))
    return StoryView(story.id, story.title, story.owner_id, tuple(versions))


def _readable_story(story_id: int, reader_id: int | None) -> Story | None:
    """The story if ``reader_id`` may see it: a seed story, or the reader's own."""
    mine = (
        Story.owner_id.is_(None)
        if reader_id is None
        else sa.or_(Story.owner_id.is_(None), Story.owner_id == reader_id)
    )
    return db.session.scalars(sa.select(Story).where(Story.id == story_id, mine)).first()


_Owned = TypeVar("_Owned", Article, Story)


def _owned(model: type[_Owned], row_id: int, owner_id: int) -> _Owned:
    """The teacher's own row (a seed is nobody's to change); ``LookupError`` otherwise."""
    row = db.session.scalars(
        sa.select(model).where(model.id == row_id, model.owner_id == owner_id).with_for_update()
    ).first()
    if (
        row is None or getattr(row, "deleted_at", None) is not None
    ):  # a deleted article is gone for linking too
        raise LookupError(row_id)
    return row


def _check_free(article: Article, story_id: int | None) -> None:
    """``StoryError`` if ``article`` is already a version of a story (this one or another)."""
    taken = db.session.execute(
        sa.select(Story.id, Story.title)
        .join(StoryVersion, StoryVersion.story_id == Story.id)
        .where(StoryVersion.article_id == article.id)
    ).first()
    if taken is None:
        return
    if taken.id == story_id:
        raise StoryError(f"“{article.title}” is already a version of this story.")
    raise StoryError(
        f"“{article.title}” is already a version of the story “{taken.title}”: remove it there first."
    )


def clean_title(title: str | None, fallback: str) -> str:
    """The story's title: as typed (spaces trimmed, cut to the column), else ``fallback`` (the article's)."""
    title = " ".join((title or "").split()) or " ".join(fallback.split())
    return title[:MAX_STORY_TITLE_CHARS]


# ---- the teacher's writes ------------------------------------------------------------------------


def create_story(article_id: int, owner_id: int, title: str | None = None) -> int:
    """Start a story whose first version is the teacher's article ``article_id``; the story's id.

    ``LookupError`` for an article that is not hers; ``StoryError`` if it is
    already a version of a story.
    """
    with writing():
        article = _owned(Article, article_id, owner_id)
        _check_free(article, None)
        story = Story(owner_id=owner_id, title=clean_title(title, article.title))
        story.versions.append(StoryVersion(article_id=article.id))
        db.session.add(story)
        db.session.flush()
        story_id = story.id
    return story_id


def add_version(story_id: int, article_id: int, owner_id: int) -> None:
    """Link the teacher's article ``article_id`` to her story as another version.

    ``LookupError`` if either is not hers; ``StoryError`` if the article is
    already a version (of this story: "linked to itself", or of another).
    The unique ``article_id`` settles two links made at the same instant.
    """
    try:
        with writing():
            story = _owned(Story, story_id, owner_id)
            article = _owned(Article, article_id, owner_id)
            _check_free(article, story.id)
            story.versions.append(StoryVersion(article_id=article.id))
    except sa.exc.IntegrityError as exc:
        raise StoryError("That article was linked to a story at the same moment: reload the page.") from exc


def remove_version(story_id: int, article_id: int, owner_id: int) -> bool:
    """Unlink ``article_id`` from the teacher's story (the article stays); whether the story is left.

    A story whose last version goes is deleted with it: a story with no text
    is nothing a teacher could use. ``LookupError`` if the story is not hers
    or the article is not one of its versions.
    """
    with writing():
        story = _owned(Story, story_id, owner_id)
        link = db.session.scalars(
            sa.select(StoryVersion).where(
                StoryVersion.story_id == story.id, StoryVersion.article_id == article_id
            )
        ).first()
        if link is None:
            raise LookupError(article_id)
        story.versions.remove(link)
        db.session.flush()
        left = bool(story.versions)
        if not left:
            db.session.delete(story)
    return left


def rename_story(story_id: int, owner_id: int, title: str) -> None:
    """Give the teacher's story a new title; ``StoryError`` for an empty one."""
    if not " ".join((title or "").split()):
        raise StoryError("Give the story a title.")
    with writing():
        story = _owned(Story, story_id, owner_id)
        story.title = clean_title(title, story.title)


# ---- reading -------------------------------------------------------------------------------------


def get_story(story_id: int, reader_id: int | None) -> StoryView:
    """A seed story or the reader's own; ``LookupError`` for any other (another teacher's looks missing)."""
    with reading():
        story = _readable_story(story_id, reader_id)
        if story is None:
            raise LookupError(story_id)
        return _view(story)


def stories_for(reader_id: int | None) -> list[StoryView]:
    """The sample library's stories, then the reader's own, each by title."""
    mine = (
        Story.owner_id.is_(None)
        if reader_id is None
        else sa.or_(Story.owner_id.is_(None), Story.owner_id == reader_id)
    )
    with reading():
        rows = db.session.scalars(
            sa.select(Story).where(mine).order_by(Story.owner_id.is_not(None), Story.title, Story.id)
        )
        return [_view(story) for story in rows]


def story_of(article_id: int, reader_id: int | None) -> StoryView | None:
    """The story ``article_id`` is a version of, if the reader may see it (the reading page's easier/harder)."""
    with reading():
        story_id = db.session.scalar(
            sa.select(StoryVersion.story_id).where(StoryVersion.article_id == article_id)
        )
        story = None if story_id is None else _readable_story(story_id, reader_id)
        return None if story is None else _view(story)


def linkable_articles(owner_id: int) -> list[Version]:
    """The teacher's articles that are in no story yet: what she can start a story from or add as a version."""
    linked = sa.select(StoryVersion.article_id)
    with reading():
        rows = db.session.scalars(
            sa.select(Article)
            .where(Article.owner_id == owner_id, Article.id.not_in(linked), Article.deleted_at.is_(None))
            .order_by(Article.title, Article.id)
        )
        return [Version.of(row) for row in rows]


# ---- the sample library --------------------------------------------------------------------------


def sync_seed_story(title: str, slugs: list[str]) -> str:
    """Make the seed story ``title`` hold exactly the seed articles ``slugs``; "added", "updated" or "unchanged".

    Run by ``quizapp prepare`` after the seed articles are stored. A slug
    that is not a seed article raises ``StoryError`` (the seeds folder is wrong).
    """
    with writing():
        ids = {}
        for slug in slugs:
            article_id = db.session.scalar(
                sa.select(Article.id).where(Article.slug == slug, Article.owner_id.is_(None))
            )
            if article_id is None:
                raise StoryError(f"the story “{title}” names {slug!r}, which is not a seed article")
            ids[slug] = article_id
        story = db.session.scalars(
            sa.select(Story).where(Story.owner_id.is_(None), Story.title == title)
        ).first()
        if story is None:
            story = Story(owner_id=None, title=title)
            db.session.add(story)
            db.session.flush()
            status = "added"
        else:
            have = set(
                db.session.scalars(
                    sa.select(StoryVersion.article_id).where(StoryVersion.story_id == story.id)
                )
            )
            if have == set(ids.values()):
                return "unchanged"
            status = "updated"
        # Each article in this story only: links elsewhere (an older title of this story) go.
        db.session.execute(
            sa.delete(StoryVersion).where(
                sa.or_(StoryVersion.story_id == story.id, StoryVersion.article_id.in_(ids.values()))
            )
        )
        db.session.add_all(
            StoryVersion(story_id=story.id, article_id=article_id) for article_id in ids.values()
        )
        db.session.flush()
        db.session.execute(
            sa.delete(Story).where(
                Story.owner_id.is_(None),  # seed stories left with no version
                ~sa.exists().where(StoryVersion.story_id == Story.id),
            )
        )
    return status
