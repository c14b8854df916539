"""Statements, round trips and the database server's CPU, per request, for the in-process profiles.

``Tally`` counts, while it is switched on, every statement SQLAlchemy sends
(``after_cursor_execute``: so a trace lists psycopg's own ``BEGIN`` before
the statement that made it), the pool's pre-ping, the commands a driver
sends on its own (psycopg's ``BEGIN``, ``COMMIT``, ``ROLLBACK``,
``DEALLOCATE``; SQLite's commit and rollback), and on PostgreSQL every
round trip: each time psycopg sends something and waits for the answer
(its ``execute`` generator, which the cursor and the connection's own
commands both go through; a ``PREPARE`` is a round trip of its own).

``ServerCpu`` reads the CPU time of the PostgreSQL server started by
``scripts/with-postgres.sh`` (``/proc/<pid>/schedstat``, nanoseconds, for
the postmaster and all its children: backends, WAL writer, checkpointer),
which shares the machine's cores with the app.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url


class Tally:
    """Counts what one engine sends to its database while ``on`` is true; ``install`` first, ``remove`` after."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.on = False
        self.statements: Counter[str] = Counter()
        self.round_trips = 0
        self.trace: list[str] = []
        self._undo: list = []

    def reset(self) -> None:
        """Zero the counts."""
        self.statements.clear()
        self.round_trips = 0
        self.trace.clear()

    def total(self) -> int:
        """Statements of every kind, the driver's own commands included."""
        return sum(self.statements.values())

    def note(self, label: str) -> None:
        """One statement or command, counted under its first words."""
        if self.on:
            self.statements[label] += 1
            self.trace.append(label)

    def install(self) -> None:
        """Listen to the engine and, on PostgreSQL, to psycopg."""
        listeners = [
            ("after_cursor_execute", lambda conn, cursor, sql, *rest: self.note(kind(sql))),
        ]
        if not self.postgres:  # psycopg's own commands are seen below; pysqlite's only by SQLAlchemy's events
            listeners += [
                ("commit", lambda conn: self.note("COMMIT")),
                ("rollback", lambda conn: self.note("ROLLBACK")),
            ]
        for name, listener in listeners:
            event.listen(self.engine, name, listener)
            self._undo.append(lambda n=name, f=listener: event.remove(self.engine, n, f))
        dialect = self.engine.dialect
        do_ping = dialect.do_ping

        def ping(dbapi_connection):
            self.note("pool pre-ping")
            return do_ping(dbapi_connection)

        dialect.do_ping = ping  # type: ignore[method-assign]
        self._undo.append(lambda: vars(dialect).pop("do_ping", None))
        if self.postgres:
            self._install_psycopg()

    def _install_psycopg(self) -> None:
        import psycopg._connection_base as connection_base
        import psycopg._cursor_base as cursor_base
        import psycopg.generators as generators

        execute = generators.execute

        def counted(pgconn):
            if self.on:
                self.round_trips += 1
            return execute(pgconn)

        exec_command = connection_base.BaseConnection._exec_command

        def command(connection, command, *args, **kwargs):
            self.note(kind(command.decode() if isinstance(command, bytes) else str(command)))
            return exec_command(connection, command, *args, **kwargs)

        generators.execute = counted
        cursor_base.execute = counted
        connection_base.BaseConnection._exec_command = command  # type: ignore[method-assign]

        def undo():
            generators.execute = execute
            cursor_base.execute = execute
            connection_base.BaseConnection._exec_command = exec_command  # type: ignore[method-assign]

        self._undo.append(undo)

    def remove(self) -> None:
        """Stop listening: the timed passes run without any of this."""
        while self._undo:
            self._undo.pop()()


def kind(sql: str) -> str:
    """A statement's kind: its verb and, for reads and writes, the table it starts with."""
    words = sql.split()
    if not words:
        return "(empty)"
    verb = words[0].upper()
    if verb == "SELECT":
        table = _outer_from(sql)
        lock = " FOR UPDATE" if "FOR UPDATE" in sql.upper() else ""
        return f"SELECT … FROM {table}{lock}"
    if verb in ("INSERT", "UPDATE", "DELETE"):
        table = words[2] if verb in ("INSERT", "DELETE") else words[1]
        extra = " ON CONFLICT" if "ON CONFLICT" in sql.upper() else ""
        return f"{verb} {table}{extra}"
    return (
        " ".join(words[:2]).upper()
        if verb in ("BEGIN", "DEALLOCATE", "SET", "SAVEPOINT", "RELEASE")
        else verb
    )


def _outer_from(sql: str) -> str:
    """The first table after a FROM outside any parentheses (not a subquery's), or "?"."""
    depth, after_from = 0, False
    for word in sql.replace("(", " ( ").replace(")", " ) ").split():
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
        elif depth == 0 and after_from:
            return word
        elif depth == 0 and word.upper() == "FROM":
            after_from = True
    return "?"


class ServerCpu:
    """CPU seconds used so far by the PostgreSQL server at ``url`` (with-postgres.sh's cluster); None if not found."""

    def __init__(self, url: str):
        self.postmaster: int | None = None
        parsed = make_url(url)
        host = parsed.query.get("host") or ""
        if isinstance(host, tuple):
            host = host[0]
        pid_file = Path(host) / "data" / "postmaster.pid"
        if parsed.get_backend_name() == "postgresql" and pid_file.exists():
            self.postmaster = int(pid_file.read_text().split()[0])

    def seconds(self) -> float | None:
        """The postmaster's and all its children's CPU time (children that exited count in neither)."""
        if self.postmaster is None:
            return None
        total = _schedstat(self.postmaster)
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and _parent(int(entry.name)) == self.postmaster:
                total += _schedstat(int(entry.name))
        return total / 1e9


def _schedstat(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
