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

PostgreSQL (psycopg) gets a cheaper check of its pooled connections than
SQLAlchemy's ``pool_pre_ping``, which sent ``SELECT 1`` before every
checkout: a round trip and a transaction of its own in a server that, on a
school's one machine, shares the cores with the app (about a tenth of an
autosave's CPU, app and server together; docs/performance.md). A
connection that was in use a moment ago and has nothing waiting on its
socket is handed out as it is. A server that restarts or ends a session
(``pg_terminate_backend``, ``idle_session_timeout``) tells the client and
closes the socket, which makes it readable; such a connection, one idle for
longer than ``PING_AFTER_IDLE_SECONDS`` (a firewall may have dropped it
without a word), or one psycopg no longer thinks is idle, still gets the
``SELECT 1``, and a dead one is replaced before the request sees it, as
before.
"""

from __future__ import annotations

import select
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

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
# An autosave is one INSERT … ON CONFLICT DO UPDATE … RETURNING (services/classroom_saving.py): RETURNING
# came in SQLite 3.35 (2021; Debian 12 has 3.40, Ubuntu 22.04 3.37).
SQLITE_AT_LEAST = (3, 35)
# A pooled PostgreSQL connection idle longer than this is pinged (SELECT 1) before use; one used more
# recently only if its socket says something happened (see the module's docstring).
PING_AFTER_IDLE_SECONDS = 10.0
_IDLE_SINCE = "quizapp_idle_since"  # in a pooled connection's record: when it went back to the pool

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
    """``SQLALCHEMY_ENGINE_OPTIONS`` for ``url``: without ``pool_pre_ping`` on SQLite and psycopg.

    The ping tests a pooled connection before every checkout, so that one
    left dead by a PostgreSQL restarted overnight is replaced instead of
    failing a request. An SQLite connection is a file handle in this
    process and cannot die that way; there the ping was a ``SELECT 1`` per
    request, a fifth of the statements of an autosave. On PostgreSQL with
    psycopg, ``configure_engine`` checks pooled connections its own way
    (the module's docstring), whatever this option says.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" and parsed.get_driver_name() != "psycopg":
        return options
    return {name: value for name, value in options.items() if name != "pool_pre_ping"}


def sqlite_folder(url: str) -> Path | None:
    """The folder an SQLite database file lives in (SQLite will not create it); None otherwise."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).parent


def configure_engine(engine: Engine) -> None:
    """SQLite: WAL, the busy timeout, foreign keys and ``BEGIN IMMEDIATE``; psycopg: pooled connections checked."""
    if engine.dialect.name == "sqlite":
        if sqlite3.sqlite_version_info < SQLITE_AT_LEAST:
            raise RuntimeError(
                f"quizapp needs SQLite {'.'.join(map(str, SQLITE_AT_LEAST))} or newer; this Python has "
                f"{sqlite3.sqlite_version}. Use a newer system (Debian 12, Ubuntu 22.04) or PostgreSQL."
            )
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
    elif engine.dialect.driver == "psycopg" and not isinstance(engine.pool, NullPool):
        check_pooled_connections(engine)


def check_pooled_connections(engine: Engine) -> None:
    """Before a pooled psycopg connection is handed out, make sure it is alive (the module's docstring).

    A dead one makes the checkout listener raise ``DisconnectionError``: the
    pool then drops it and connects afresh, and the caller never sees it.
    """
    dialect = engine.dialect

    def went_back(dbapi_connection, record) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    def handing_out(dbapi_connection, record, proxy) -> None:
        idle_since = record.info.pop(_IDLE_SINCE, None)
        if idle_since is None:  # just connected: nothing to check
            return
        if time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS and quiet(dbapi_connection):
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(f"a pooled connection failed its ping: {error}") from error

    event.listen(engine.pool, "checkin", went_back)
    event.listen(engine.pool, "checkout", handing_out)


def quiet(dbapi_connection) -> bool:
    """Whether an idle psycopg connection looks alive without asking the server: open, idle, nothing to read.

    Between two transactions the server sends nothing unasked; a closing
    server (restart, ``pg_terminate_backend``) sends an error and closes the
    socket, so a readable socket means "ask". Where ``select.poll`` is
    missing the answer is always "ask".
    """
    if dbapi_connection.closed or dbapi_connection.broken or not hasattr(select, "poll"):
        return False
    if dbapi_connection.info.transaction_status != 0:  # psycopg.pq.TransactionStatus.IDLE
        return False
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    return not poller.poll(0)


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
