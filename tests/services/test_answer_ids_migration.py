"""The migration that makes answer ids 64-bit: a school's answers upgrade untouched, and ids go past 2**31.

Every autosave's upsert takes a value of PostgreSQL's ``answer_id_seq``,
re-saves included (services/classroom_saving.py), so a busy server reaches
a 32-bit id's limit. This test upgrades a database holding an answer from
the revision before, then saves one with an id past that limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from databases import migration_app

from quizapp.extensions import MIGRATIONS, db

pytestmark = pytest.mark.db

REVISION = "f13a9b0c7d55"
BEFORE = "e15b7c3d2a10"
PAST_32_BITS = 2**31 + 7


def test_the_migration_is_the_only_head_and_follows_the_reading_levels_one():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [REVISION]
    assert scripts.get_revision(REVISION).down_revision == BEFORE


def test_answers_keep_their_ids_and_new_ones_go_past_32_bits(database, tmp_path: Path):
    import flask_migrate

    url = database.empty(tmp_path)
    if not url.startswith("postgresql"):
        pytest.skip("SQLite's integer primary key is 64-bit already; `make test-postgres` runs this test")
    app = migration_app(url)
    with app.app_context():
        flask_migrate.upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            assert _max_id(connection) == 2**31 - 1  # the limit this migration lifts
        flask_migrate.upgrade()
        with db.engine.begin() as connection:
            assert _max_id(connection) == 2**63 - 1
            connection.execute(sa.text("SELECT setval('answer_id_seq', :value)"), {"value": PAST_32_BITS - 1})
            assert connection.execute(sa.text("SELECT nextval('answer_id_seq')")).scalar() == PAST_32_BITS
            connection.execute(sa.text("SELECT setval('answer_id_seq', 1)"))
        flask_migrate.downgrade(revision=BEFORE)  # reversible while no id is past 32 bits
        with db.engine.begin() as connection:
            assert _max_id(connection) == 2**31 - 1
        flask_migrate.upgrade()  # the server's one database goes back to the head for the tests after
        db.engine.dispose()


def _max_id(connection: sa.Connection) -> int:
    """The largest value ``answer_id_seq`` may give."""
    return connection.execute(
        sa.text("SELECT max_value FROM pg_sequences WHERE sequencename = 'answer_id_seq'")
    ).scalar()
