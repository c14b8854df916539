"""The database: which one (``DATABASE_URL``), constraint names, and SQLite set up for concurrent use.

No Flask here: ``config`` resolves the URL and ``extensions`` calls
``configure_engine`` on the engine Flask-SQLAlchemy makes.

SQLite is the embedded default, so it must survive a classroom of requests
at once. Four settings do that:

* WAL: a reader's snapshot is never blocked by a writer, nor a writer by it;
* a busy timeout: a second writer waits up to five seconds for the first
  instead of failing at once;
* ``synchronous=NORMAL``, SQLite's advice for WAL: a commit no longer waits
  for the disk to flush the log, only a checkpoint does. The database stays
  consistent whatever happens; what a power cut or an OS crash (not a crash
  of the app) can undo is the commits of the last moment before it. On a
  school server's disk the flush is most of what a save costs;
* ``BEGIN IMMEDIATE``: a transaction that may write takes the write lock
  when it starts. Without it a transaction that reads and then writes (load
  a pack, add one to its attempts) can find at its first write that another
  writer committed after its read; SQLite then answers "database is locked"
  straight away, since waiting would not help, and the busy timeout never
  comes into play. pysqlite's own transaction handling has to be switched
  off for that, as SQLAlchemy's documentation describes ("Serializable
  isolation / Savepoints / Transactional DDL"); it also makes SAVEPOINT and
  transactional DDL work.

Reads are the exception: a transaction begun inside ``deferred_begin()``
(``services.transactions.reading`` uses it) starts with a plain ``BEGIN``,
takes no lock, and reads a WAL snapshot while writers go on. So a pupil's
page load or a teacher's dashboard never queues behind, or holds up, the
class's autosaves. Any other transaction, including one a caller opens
without saying it only reads, takes the write lock as before: the safe
default. Services keep write transactions short and never run anything
slow (spaCy) inside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url

# Named constraints: Alembic's batch mode on SQLite has to name a constraint
# to drop it, and PostgreSQL then gets the same names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_FILE = "quizapp.sqlite3"
BUSY_TIMEOUT_MS = 5000

# True while a block that only reads is starting its transaction (per thread and per task).
_READS_ONLY: ContextVar[bool] = ContextVar("quizapp_reads_only", default=False)


def metadata() -> MetaData:
    """The schema's ``MetaData``, with the naming convention."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def database_url(url: str | None, instance_path: str | Path) -> str:
    """``DATABASE_URL`` as SQLAlchemy needs it; unset means SQLite in the instance folder.

    ``postgres://`` and ``postgresql://`` (as hosting panels write them) get
    the psycopg 3 driver we install; SQLAlchemy would otherwise look for
    psycopg2.
    """
    if not url:
        return f"sqlite:///{Path(instance_path) / SQLITE_FILE}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def engine_options(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """``SQLALCHEMY_ENGINE_OPTIONS`` for ``url``: SQLite's without ``pool_pre_ping``.

    The ping tests a pooled connection before every checkout, so that one
    left dead by a PostgreSQL restarted overnight is replaced instead of
    failing a request. An SQLite connection is a file handle in this
    process and cannot die that way; there the ping was a ``SELECT 1`` per
    request, a fifth of the statements of an autosave.
    """
    if make_url(url).get_backend_name() != "sqlite":
        return options
    return {name: value for name, value in options.items() if name != "pool_pre_ping"}


def sqlite_folder(url: str) -> Path | None:
    """The folder an SQLite database file lives in (SQLite will not create it); None otherwise."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).parent


def configure_engine(engine: Engine) -> None:
    """Give an SQLite engine WAL, the busy timeout, foreign keys and ``BEGIN IMMEDIATE``; others are left alone."""
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


def _on_connect(dbapi_connection, connection_record) -> None:
    """Per new connection: our own BEGIN, WAL, wait for a busy writer, foreign keys, WAL's usual sync level.

    ``foreign_keys`` is off by default in SQLite (ON DELETE CASCADE would do
    nothing), and none of these pragmas can be changed inside a transaction,
    which is why they are set here, before the first one.
    """
    dbapi_connection.isolation_level = None  # pysqlite must not emit BEGIN/COMMIT itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


@contextmanager
def deferred_begin() -> Iterator[None]:
    """Transactions begun in this block on SQLite take no lock until they write: for blocks that only read."""
    token = _READS_ONLY.set(True)
    try:
        yield
    finally:
        _READS_ONLY.reset(token)


def _on_begin(connection) -> None:
    """Start a transaction holding the write lock, or, for a read-only block, a lock-free snapshot."""
    connection.exec_driver_sql("BEGIN" if _READS_ONLY.get() else "BEGIN IMMEDIATE")
