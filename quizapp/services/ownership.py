"""Whose is this row: the one check every teacher page makes before showing or changing an article or pack."""

from __future__ import annotations

from typing import TypeVar

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Pack

_Owned = TypeVar("_Owned", Article, Pack)  # the rows a teacher owns


def owned(model: type[_Owned], row_id: int, owner_id: int | None) -> _Owned | None:
    """The ``model`` row ``row_id`` if ``owner_id`` owns it, else None.

    A seed (no owner), another teacher's row and a missing row all come back
    None, so a page can answer them all the same way (404) and an id reveals
    nothing about what exists.
    """
    if owner_id is None:
        return None
    return db.session.scalars(sa.select(model).where(model.id == row_id, model.owner_id == owner_id)).first()
