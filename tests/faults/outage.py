"""Make the test's database stop answering for a while, and come back, on SQLite or PostgreSQL.

* SQLite: another connection takes the file for itself (``locking_mode =
  EXCLUSIVE``, then ``BEGIN EXCLUSIVE``), as a backup tool or a stuck process
  would. In WAL mode a mere write lock would still let quizapp's reads
  through (they begin deferred, quizapp.database), so the exclusive locking
  mode is what shuts readers out too: every transaction waits out the busy
  timeout and then gets "database is locked". Tests shorten the timeout.
* PostgreSQL: the app talks to it through ``DatabaseProxy``, a TCP relay in
  this process; cutting it drops every open connection and refuses new
  ones, which is what the app sees when PostgreSQL is stopped or restarted.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
from contextlib import contextmanager

import sqlalchemy as sa


class SqliteLock:
    """Hold, or let go of, SQLite's write lock on the file at ``url``."""

    def __init__(self, url: str):
        self.path = sa.engine.make_url(url).database
        self.connection: sqlite3.Connection | None = None

    def app_url(self, url: str) -> str:
        """The URL the app should use: the file itself."""
        return url

    def cut(self) -> None:
        """Take the write lock and keep it."""
        self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        self.connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        self.connection.execute("BEGIN EXCLUSIVE")

    def restore(self) -> None:
        """Let go of the lock."""
        self.connection.execute("ROLLBACK")
        self.connection.close()
        self.connection = None

    def close(self) -> None:
        """Let go if still held."""
        if self.connection is not None:
            self.restore()


class DatabaseProxy:
    """A TCP relay on 127.0.0.1 to PostgreSQL (its TCP port or its unix socket), which can be cut and restored."""

    def __init__(self, url: str):
        parsed = sa.engine.make_url(url)
        host = parsed.query.get("host") or parsed.host or "localhost"
        self.target = (
            (socket.AF_UNIX, f"{host}/.s.PGSQL.{parsed.port or 5432}")
            if host.startswith("/")
            else (socket.AF_INET, (host, parsed.port or 5432))
        )
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, name="db-proxy", daemon=True).start()

    def app_url(self, url: str) -> str:
        """``url`` pointed at the relay instead of the server."""
        parsed = sa.engine.make_url(url)
        query = {k: v for k, v in parsed.query.items() if k != "host"}
        return parsed.set(host="127.0.0.1", port=self.port, query=query).render_as_string(hide_password=False)

    def _accept(self) -> None:
        """Relay each accepted connection while open; close it at once while cut."""
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()
                continue
            family, address = self.target
            server = socket.socket(family, socket.SOCK_STREAM)
            server.connect(address)
            with self.lock:
                self.pairs.append((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        """Copy bytes one way until either side closes."""
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        """Drop every relayed connection and refuse new ones."""
        self.open.clear()
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for end in pair:
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                end.close()

    def restore(self) -> None:
        """Relay new connections again."""
        self.open.set()

    def close(self) -> None:
        """Stop relaying for good."""
        self.cut()
        self.listener.close()


def outage_for(url: str):
    """The way to take the database at ``url`` away: a lock for SQLite, a relay for anything else."""
    return SqliteLock(url) if url.startswith("sqlite") else DatabaseProxy(url)


@contextmanager
def database_down(outage):
    """The database stops answering inside the block and is back after it."""
    outage.cut()
    try:
        yield
    finally:
        outage.restore()
