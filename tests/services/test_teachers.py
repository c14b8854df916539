"""Loading the logged-in teacher: the account's details, without holding the database for the whole request."""

import sqlite3

import pytest
from records import make_teacher

from quizapp.extensions import db
from quizapp.services.teachers import load_teacher

pytestmark = pytest.mark.db


@pytest.fixture
def teacher_id(app):
    """A stored teacher's id, committed so other connections see it."""
    with app.app_context():
        teacher_id = make_teacher(name="Ann Teacher").id
        db.session.commit()
    return teacher_id


def test_the_loader_returns_the_teacher_with_their_name(app, teacher_id):
    with app.app_context():
        teacher = load_teacher(str(teacher_id))
        assert (teacher.id, teacher.display_name) == (teacher_id, "Ann Teacher")


@pytest.mark.parametrize("session_value", ["999999", "not-a-number"])
def test_a_missing_or_garbled_id_loads_nobody(app, teacher_id, session_value):
    with app.app_context():
        assert load_teacher(session_value) is None


def test_the_loader_leaves_no_transaction_open(app, teacher_id):
    with app.app_context():
        load_teacher(str(teacher_id))
        assert not db.session().in_transaction()


def test_on_sqlite_a_pupil_can_write_while_a_teacher_page_is_still_rendering(app, teacher_id):
    """Every SQLite transaction takes the write lock; the loader must have given it back."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the write lock is SQLite's")
        teacher = load_teacher(str(teacher_id))
        other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # would raise "database is locked" if the loader held it
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert teacher.display_name == "Ann Teacher"  # still readable, detached
