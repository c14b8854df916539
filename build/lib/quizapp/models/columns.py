"""Columns several models share: when a row was made and last changed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: SQLite drops the zone anyway, so both databases store the same value."""
    return datetime.now(UTC).replace(tzinfo=None)


class Timestamps:
    """``created_at`` and ``updated_at`` (UTC), set by SQLAlchemy on insert and on every update."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
