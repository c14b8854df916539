"""Storage a school can trust: SQLite set up for concurrent writers, JSON that round-trips, cascades, migrations.

Runs on SQLite and again on PostgreSQL (``make test``); the SQLite-only
checks (pragmas, the write lock) skip themselves on any other database.
"""

import sqlite3
import threading
import time
from dataclasses import replace

import pytest
import sqlalchemy as sa
from factories import seed_analysis
from records import make_article, make_pack, make_teacher, question
from sqlalchemy.pool import NullPool

from quizapp import create_app, database
from quizapp.database import database_url, engine_options
from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion, Teacher
from quizapp.services.transactions import reading, writing
from quizapp.text.question import Question
from quizapp.text.types import Span

pytestmark = pytest.mark.db


@pytest.fixture
def ctx(app):
    """An app context on this test's database."""
    with app.app_context():
        yield
        db.session.rollback()


def on_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


@pytest.fixture
def sqlite_only(ctx):
    if not on_sqlite():
        pytest.skip("an SQLite setting")


# ---- SQLite for concurrent use -------------------------------------------------------------------


def test_sqlite_uses_wal_a_busy_timeout_foreign_keys_and_normal_sync(sqlite_only):
    pragma = lambda name: db.session.execute(sa.text(f"PRAGMA {name}")).scalar()
    assert pragma("journal_mode") == "wal"
    assert pragma("busy_timeout") == 5000
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 1  # NORMAL: commits do not wait for the disk, checkpoints do


def test_a_transaction_holds_the_write_lock_from_its_first_statement(sqlite_only):
    db.session.execute(sa.select(1))  # a read: under BEGIN IMMEDIATE it already holds the write lock
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        db.session.rollback()
        other.execute("BEGIN IMMEDIATE")  # released with the transaction
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_only_block_takes_no_lock_so_a_writer_goes_on_while_it_reads(sqlite_only):
    """A pupil's page load (``reading()``) must not make the class's autosaves wait for it."""
    teacher = make_teacher()
    db.session.commit()
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        with reading():
            assert db.session.get(Teacher, teacher.id).email == teacher.email
            other.execute("BEGIN IMMEDIATE")  # would raise "database is locked" under the old rule
            other.execute("UPDATE teacher SET email = 'moved@example.org' WHERE id = ?", (teacher.id,))
            other.execute("COMMIT")
            # the read goes on in its snapshot: it still sees the row as it was when it began
            assert (
                db.session.scalar(sa.select(Teacher.email).where(Teacher.id == teacher.id)) == teacher.email
            )
        assert (
            db.session.scalar(sa.select(Teacher.email).where(Teacher.id == teacher.id)) == "moved@example.org"
        )
    finally:
        other.close()


def test_a_write_block_still_holds_the_lock_from_its_first_read(sqlite_only):
    make_teacher()
    db.session.commit()
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        with writing():
            db.session.scalar(sa.select(sa.func.count(Teacher.id)))
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_savepoints_work_inside_a_transaction(ctx):
    teacher = make_teacher()
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        make_teacher(email=teacher.email)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Teacher.id))) == 1


def test_two_writers_that_read_first_both_succeed_and_neither_loses_an_update(app):
    """The classic failure: both read, both write; without BEGIN IMMEDIATE SQLite says "database is locked".

    ``with_for_update`` is what PostgreSQL needs to keep both increments
    (SQLite ignores it: its transactions already run one at a time).
    """
    with app.app_context():
        pack_id = make_pack(make_article()).id
        db.session.commit()
    start, errors = threading.Barrier(2), []

    def add_one_attempt():
        with app.app_context():
            try:
                start.wait()
                pack = db.session.scalars(sa.select(Pack).where(Pack.id == pack_id).with_for_update()).one()
                time.sleep(0.2)  # the other writer is waiting to start now
                pack.attempts += 1
                db.session.commit()
            except Exception as exc:  # reported below, with the other thread's outcome
                errors.append(exc)
                db.session.rollback()

    threads = [threading.Thread(target=add_one_attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []
    with app.app_context():
        assert db.session.get(Pack, pack_id).attempts == 2


# ---- what goes in comes back ---------------------------------------------------------------------


def test_an_analysis_round_trips_through_the_json_column(app):
    original = replace(
        seed_analysis(),
        questions=(
            Question(
                "q1",
                "cloze",
                "Backed by _____ and Iran",
                (("Russia", "Moscow"),),
                skill="vocabulary",
                evidence_span=Span(1, 0, 20),
                extra={"future_key": [1, 2]},
            ),
        ),
        extras={"pipeline": "hand-made", "note": "Ünïcode – “quotes” 🙂"},
    )
    with app.app_context():
        make_article(analysis=original)
        db.session.commit()
    with app.app_context():  # a new session: read back from the database, not the identity map
        article = db.session.scalars(sa.select(Article)).one()
        assert article.analysis == original
        assert (article.title, article.source, article.dateline) == (
            "Syria's war enters a new phase",
            "Reuters",
            "Beirut",
        )


def test_pack_questions_keep_their_order_and_round_trip(ctx):
    pack = make_pack(make_article(), questions=3)
    pack.questions.insert(0, PackQuestion(question=question(0)))
    db.session.commit()
    db.session.expire_all()
    assert [q.position for q in pack.questions] == [0, 1, 2, 3]
    assert [q.question for q in pack.questions] == [question(n) for n in range(4)]


def test_timestamps_are_set_on_insert_and_update(ctx):
    article = make_article()
    db.session.commit()
    created, first_update = article.created_at, article.updated_at
    assert created is not None and first_update >= created
    time.sleep(0.01)
    article.title = "Renamed"
    db.session.commit()
    assert article.created_at == created and article.updated_at > first_update


def test_emails_are_stored_lower_cased_and_unique_whatever_the_case(ctx):
    assert make_teacher(email="  Ann@School.Example ").email == "ann@school.example"
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        make_teacher(email="ANN@school.example")


# ---- deleting ------------------------------------------------------------------------------------


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_deleting_a_pack_deletes_its_questions(ctx):
    db.session.delete(make_pack(make_article(), questions=3))
    db.session.commit()
    assert count(PackQuestion) == 0


def test_the_database_itself_cascades_a_bulk_delete_to_the_questions(ctx):
    """A Core DELETE bypasses the ORM: only ON DELETE CASCADE (and SQLite's foreign_keys=ON) removes the questions."""
    make_pack(make_article(), questions=3)
    db.session.commit()
    db.session.execute(sa.delete(Pack))
    db.session.commit()
    assert count(PackQuestion) == 0


def test_an_article_with_packs_cannot_be_deleted(ctx):
    make_pack(make_article())
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.delete(Article))
        db.session.flush()


def test_deleting_a_teacher_deletes_their_articles_and_packs_but_not_the_seeds(ctx):
    teacher = make_teacher()
    seed = make_article("seed")
    make_pack(make_article("mine", owner=teacher), owner=teacher)
    make_pack(seed, owner=teacher)
    db.session.commit()
    db.session.execute(sa.delete(Teacher))
    db.session.commit()
    assert db.session.scalars(sa.select(Article.slug)).all() == ["seed"]
    assert (count(Pack), count(PackQuestion)) == (0, 0)


@pytest.mark.parametrize("fields", [{"feedback": "sometimes"}, {"attempts": -1}])
def test_the_database_refuses_impossible_pack_settings(ctx, fields):
    with pytest.raises(sa.exc.IntegrityError):
        make_pack(make_article(), **fields)


# ---- the schema ----------------------------------------------------------------------------------


def test_the_migrations_make_the_schema_the_models_describe(ctx):
    """Every test database is made by the migrations; a model changed without one fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


@pytest.mark.parametrize(
    "url, expected",
    [
        (None, "sqlite:////srv/quizapp/instance/quizapp.sqlite3"),
        ("", "sqlite:////srv/quizapp/instance/quizapp.sqlite3"),
        ("postgres://u:p@db/quiz", "postgresql+psycopg://u:p@db/quiz"),
        ("postgresql://u@/quiz?host=/run/pg", "postgresql+psycopg://u@/quiz?host=/run/pg"),
        ("postgresql+psycopg://u@db/quiz", "postgresql+psycopg://u@db/quiz"),
        ("sqlite:////tmp/other.db", "sqlite:////tmp/other.db"),
    ],
)
def test_database_url_defaults_to_sqlite_and_gives_postgres_our_driver(url, expected):
    assert database_url(url, "/srv/quizapp/instance") == expected


@pytest.mark.parametrize(
    "url, pings",
    [
        ("sqlite:////srv/quizapp/instance/quizapp.sqlite3", False),
        ("postgresql+psycopg://u@db/quiz", False),  # quizapp.database checks them its own way
        ("postgresql+psycopg2://u@db/quiz", True),
    ],
)
def test_sqlalchemys_ping_is_kept_only_where_nothing_else_checks_pooled_connections(url, pings):
    """A PostgreSQL restart can leave dead connections in the pool; an SQLite file handle cannot die so."""
    options = engine_options(url, {"pool_pre_ping": True, "pool_size": 3})
    assert options.get("pool_pre_ping", False) is pings and options["pool_size"] == 3


def test_an_sqlite_without_returning_is_refused_when_the_app_starts(app_config, monkeypatch):
    if not app_config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("an SQLite setting")
    monkeypatch.setattr(database.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(database.sqlite3, "sqlite_version", "3.34.1")
    with pytest.raises(RuntimeError, match=r"needs SQLite 3\.35 or newer; this Python has 3\.34\.1"):
        create_app(app_config)


# ---- PostgreSQL's pooled connections -------------------------------------------------------------


@pytest.fixture
def pooled(app_config):
    """An app context whose engine keeps a pool, as a server's does (the tests' engines have none); PostgreSQL."""
    app = create_app({**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True}})
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's pool")
        yield
        db.session.remove()
        db.engine.dispose()


def backend_pid() -> int:
    """The server process of the pooled connection this transaction got; the connection goes back after."""
    pid = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
    db.session.commit()
    return pid


def test_a_pooled_connection_back_a_moment_ago_is_handed_out_without_a_round_trip(pooled, monkeypatch):
    """SQLAlchemy's pre-ping sent SELECT 1 before every checkout: a round trip and a transaction per request."""
    pings = []
    ping = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda connection: pings.append(1) or ping(connection))
    first = backend_pid()
    assert backend_pid() == first and pings == []
    monkeypatch.setattr(
        database, "PING_AFTER_IDLE_SECONDS", 0.0
    )  # idle "too long": a firewall may have cut it
    assert backend_pid() == first and pings == [1]


def test_a_pooled_connection_the_server_ended_is_replaced_before_anyone_uses_it(pooled):
    """A restart or pg_terminate_backend leaves the pool a dead connection: the request must not get it."""
    pid = backend_pid()
    other = sa.create_engine(db.engine.url, poolclass=NullPool)
    try:
        with other.connect() as connection:
            assert connection.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            gone = sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
            deadline = time.monotonic() + 10
            while connection.scalar(gone, {"pid": pid}) and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        other.dispose()
    assert backend_pid() != pid  # no error: the pool dropped the dead one and connected afresh
