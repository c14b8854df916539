"""A fresh database for every test, migrated once per run: SQLite by default, PostgreSQL with ``DATABASE_URL``.

Every test runs on the schema the migrations make (not ``create_all``), so a
migration that drifts from the models fails the whole suite. Migrating takes
a few hundred milliseconds, too slow for every test, so it happens once:

* SQLite: into a template file, which each test copies into its own tmp folder;
* PostgreSQL (``scripts/with-postgres.sh`` sets ``DATABASE_URL``): into the one
  database, which each test then empties with TRUNCATE.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

# Each test makes its own app and so its own engine; without a pool, a
# finished test leaves no connection open behind it (PostgreSQL counts them).
ENGINE_OPTIONS = {"poolclass": NullPool}


def migration_app(url: str):
    """An app on the database at ``url`` and nothing else, for running and testing migrations."""
    from quizapp import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS,
        }
    )


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest migration, as ``quizapp db upgrade`` does."""
    import flask_migrate

    from quizapp.extensions import db

    app = migration_app(url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()


class SqliteDatabases:
    """Copies of one migrated SQLite file."""

    def __init__(self, folder: Path):
        self.template = folder / "template.sqlite3"
        migrate(f"sqlite:///{self.template}")

    def fresh(self, folder: Path) -> str:
        """A migrated, empty database file in ``folder``; its URL.

        The template's connections are all closed, so its write-ahead log has
        been checkpointed into the file and the copy is complete.
        """
        path = folder / "quizapp.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def empty(self, folder: Path) -> str:
        """The URL of a database that does not exist yet (in a folder that does not either)."""
        return f"sqlite:///{folder / 'new' / 'quizapp.sqlite3'}"


class PostgresDatabase:
    """The database ``DATABASE_URL`` names, migrated once and emptied for each test."""

    def __init__(self, url: str):
        self.url = url
        self.engine = sa.create_engine(url, poolclass=NullPool)
        self.rebuild()

    def rebuild(self) -> None:
        """Drop every table (the previous run's too, and Alembic's version table), then migrate."""
        self.empty(None)
        migrate(self.url)

    def empty(self, folder: Path | None) -> str:
        """The database with no tables at all, as on a new server; the next ``fresh`` migrates it again."""
        tables = sa.MetaData()
        tables.reflect(self.engine)
        with self.engine.begin() as connection:
            tables.drop_all(connection)
        return self.url

    def fresh(self, folder: Path) -> str:
        """The database with every table empty and ids starting again from 1; its URL.

        A lock timeout turns a connection some earlier test left inside a
        transaction into an error here instead of a run that hangs. A test
        that dropped the tables (one that prepares an empty database) gets
        them back migrated.
        """
        from quizapp.extensions import db

        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        try:
            with self.engine.begin() as connection:
                connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
                connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        except sa.exc.ProgrammingError:
            self.rebuild()
        return self.url

    def close(self) -> None:
        """Leave the database empty behind the run."""
        self.engine.dispose()


def databases(url: str | None, folder: Path):
    """PostgreSQL (or any server) when ``url`` is set, else SQLite files under ``folder``.

    The tests drop and empty every table of the server database they are
    given, so they refuse one whose name does not say it is for tests: a
    DATABASE_URL left set for a school's real database must not be wiped by
    ``make test``.
    """
    if not url or url.startswith("sqlite"):
        return SqliteDatabases(folder)
    name = sa.engine.make_url(url).database or ""
    if "test" not in name:
        pytest.exit(
            f"DATABASE_URL names the database {name!r}, and the tests empty the database they use. "
            "Point it at one whose name contains 'test', or unset it to test on SQLite.",
            returncode=2,
        )
    return PostgresDatabase(url)
