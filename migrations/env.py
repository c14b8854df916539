"""Alembic's environment for ``quizapp db ...`` and ``quizapp prepare``: the app's engine and models.

Flask-Migrate's template, reviewed and changed in four places:

* logging is configured from alembic.ini only when nothing has configured it
  yet, and never disables loggers that already exist (the app's, pytest's);
* SQLite's foreign keys are switched off while migrating. Batch mode alters
  an SQLite table by copying it and dropping the original, and with foreign
  keys on, dropping ``teacher`` would first delete every row that cascades
  from it. They are checked before the migration commits, then switched on again;
* an empty autogenerate makes no revision file.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import text

config = context.config
if config.config_file_name is not None and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def get_engine():
    """The app's engine: the same URL and, on SQLite, the same connection settings as the app."""
    return target_db.engine


def get_metadata():
    """The models' metadata (``create_app`` has imported ``quizapp.models``)."""
    return target_db.metadata


def run_migrations_offline():
    """Print the SQL instead of running it (``quizapp db upgrade --sql``)."""
    url = get_engine().url.render_as_string(hide_password=False)
    context.configure(
        url=url,
        target_metadata=get_metadata(),
        literal_binds=True,
        **current_app.extensions["migrate"].configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def skip_empty_autogenerate(context, revision, directives):
    """``quizapp db migrate`` with no model change writes no file."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def sqlite_foreign_keys(connection, on: bool) -> None:
    """Switch SQLite's foreign keys; the pragma only works outside a transaction, so on the raw connection."""
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def check_foreign_keys(connection) -> None:
    """Refuse to commit a migration that left a row pointing at nothing (SQLite, keys off)."""
    if connection.dialect.name == "sqlite":
        broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
        if broken:
            raise RuntimeError(f"The migration would leave rows with broken foreign keys: {broken[:5]}")


def run_migrations_online():
    """Migrate the app's database in one transaction."""
    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    with get_engine().connect() as connection:
        sqlite_foreign_keys(connection, on=False)
        try:
            context.configure(
                connection=connection, target_metadata=get_metadata(), transactional_ddl=True, **conf_args
            )
            with context.begin_transaction():
                context.run_migrations()
                check_foreign_keys(connection)
        finally:
            sqlite_foreign_keys(connection, on=True)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
