"""Transactions as the services use them: a write commits whole or not at all; a read lets go at once.

On SQLite a transaction that may write holds the write lock from its first
statement (``quizapp.database`` explains why); a ``reading()`` block begins a
deferred one instead, which reads a snapshot and never makes a writer wait.
Reads still return plain data and end their transaction before the view
renders anything, so a snapshot is not kept open for the length of a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from quizapp.database import deferred_begin
from quizapp.extensions import db


@contextmanager
def reading() -> Iterator[None]:
    """Reads in a transaction of their own, ended on the way out; inside a caller's transaction, that one.

    Ended with a rollback: nothing was written, and a read must never commit
    somebody else's pending changes. Objects loaded inside are expired by it,
    which is why callers copy what they need into plain data first.
    """
    began = not db.session().in_transaction()  # the scoped registry does not proxy it
    if not began:
        yield
        return
    try:
        with deferred_begin():
            yield
    finally:
        db.session.rollback()


@contextmanager
def writing() -> Iterator[None]:
    """One unit of work: committed if the block finishes, rolled back if it raises."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
