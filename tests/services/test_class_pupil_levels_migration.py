"""The migration that gives class-list pupils a reading level: a school's existing lists upgrade untouched.

Every test database is made by the migrations (tests/databases.py), so the
new column itself is checked everywhere; this test upgrades a database that
already holds a class list, as a school's would, from the revision before.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from databases import migration_app

from quizapp.extensions import MIGRATIONS, db

pytestmark = pytest.mark.db

REVISION = "e15b7c3d2a10"
BEFORE = "c15a7e5e0001"


def test_the_migration_follows_the_stories_one():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_revision(REVISION).down_revision == BEFORE


def test_a_list_made_before_the_migration_keeps_its_names_with_no_level_set(database, tmp_path: Path):
    import flask_migrate

    url = database.empty(tmp_path)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    app = migration_app(url)
    now = datetime(2026, 12, 1, 9, 0)
    with app.app_context():
        flask_migrate.upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO teacher (id, email, display_name, password_hash, created_at) "
                    "VALUES (1, 'ann@school.example', 'Ann', 'x', :now)"
                ),
                {"now": now},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO school_class (id, owner_id, name, created_at, updated_at) "
                    "VALUES (1, 1, '7B', :now, :now)"
                ),
                {"now": now},
            )
            connection.execute(
                sa.text("INSERT INTO class_pupil (class_id, name, name_key) VALUES (1, 'Ada', 'ada')")
            )
        flask_migrate.upgrade()
        with db.engine.begin() as connection:
            assert connection.execute(sa.text("SELECT name, reading_level FROM class_pupil")).all() == [
                ("Ada", None)
            ]
            connection.execute(sa.text("UPDATE class_pupil SET reading_level = 'A2'"))
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE class_pupil SET reading_level = 'Z9'"))
        db.engine.dispose()
