"""Whose is this row: the one check every service makes before showing or changing a teacher's article or pack.

Issue 13: the check lives in the services, not in the views, so a caller
cannot forget it. Each service that works on a teacher's row takes her id
and loads the row through ``owned_article`` or ``owned_pack``. A missing
row, another teacher's row and a seed (nobody's to change) all raise the
same ``NotFound``, so an id reveals nothing about what exists; the web
answers every ``NotFound`` with its 404 page (``quizapp.web.errors``).

The rows these return are for the service's own transaction: what leaves
the service is plain data.
"""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Pack


class NotFound(LookupError):
    """Nothing by that id that this teacher (or reader) may see: missing, someone else's, or a seed."""


class ArticleNotFound(NotFound):
    """No article with this id or slug that this reader may read or this teacher may change."""


class PackNotFound(NotFound):
    """No pack with this id that this teacher may change."""


def owned_article(article_id: int, owner_id: int, *, lock: bool = False) -> Article:
    """The teacher's own article, not deleted; ``ArticleNotFound`` otherwise.

    A deleted article kept for its packs is gone for its owner too: she
    can neither see nor change it. ``lock``: for a read-change-write.
    """
    query = sa.select(Article).where(
        Article.id == article_id, Article.owner_id == owner_id, Article.deleted_at.is_(None)
    )
    row = db.session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise ArticleNotFound(article_id)
    return row


def owned_pack(pack_id: int, owner_id: int, *, lock: bool = False) -> Pack:
    """The teacher's own pack; ``PackNotFound`` otherwise. ``lock``: for a read-change-write."""
    query = sa.select(Pack).where(Pack.id == pack_id, Pack.owner_id == owner_id)
    row = db.session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise PackNotFound(pack_id)
    return row
