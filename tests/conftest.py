"""Shared fixtures: an app per test with its own empty database, its client and CLI runner.

The database is SQLite, or PostgreSQL when ``DATABASE_URL`` is set (``make
test`` runs the tests marked ``db`` a second time that way; see
tests/databases.py).

The real pipeline is slow, so it runs on the Reuters seed once per run
(``analysed_seed``) and ``seed_article`` stores that analysis in a test's
database. ``pipeline_calls`` keeps the real pipeline and records each call
(the tests that articles are analysed once count them); ``stub_pipeline``
swaps in hand-made analyses (tests/factories.py) for tests that must control
every name and span.
"""

import os

import properties
import pytest
from databases import ENGINE_OPTIONS, databases
from factories import SEED, naive_analyse, seed_analysis, seed_raw

from quizapp import create_app
from quizapp.services import articles as articles_service


@pytest.fixture(scope="session", autouse=True)
def instance_folder(tmp_path_factory):
    """Apps built from the environment keep their instance files (secret key...) here, not in the checkout."""
    folder = tmp_path_factory.mktemp("instance")
    os.environ["QUIZAPP_INSTANCE_PATH"] = str(folder)
    yield folder
    os.environ.pop("QUIZAPP_INSTANCE_PATH", None)


@pytest.fixture(scope="session")
def nlp():
    """The trained spaCy pipeline, loaded once for the whole run (it takes about a second)."""
    from quizapp.text.reading import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture
def seed_text() -> str:
    """The raw Reuters seed, exactly as on disk."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    """Where test databases come from: ``DATABASE_URL``'s server, else copies of a migrated SQLite file."""
    from quizapp.database import database_url

    url = os.environ.get("DATABASE_URL")
    source = databases(url and database_url(url, ""), tmp_path_factory.mktemp("database"))
    yield source
    if hasattr(source, "close"):
        source.close()


@pytest.fixture
def database_url(database, tmp_path) -> str:
    """The URL of this test's database: migrated and empty."""
    return database.fresh(tmp_path)


@pytest.fixture
def app_config(tmp_path, database_url) -> dict:
    """A test config: the real seeds, an empty database of its own."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS,
    }


@pytest.fixture
def app(app_config):
    """A fresh app per test, on this test's database."""
    return create_app(app_config)


@pytest.fixture(scope="session")
def analysed_seed(nlp):
    """The Reuters seed through the real pipeline, once per run: tests store it instead of re-running spaCy."""
    from quizapp.text import pipeline

    return pipeline.analyse(seed_raw(), nlp)


@pytest.fixture
def seed_article(app, analysed_seed):
    """The Reuters seed stored in this test's database as ``quizapp prepare`` stores it; its ``ArticleView``."""
    with app.app_context():
        return articles_service.store_article(
            seed_raw(),
            analysed_seed,
            slug=SEED.stem,
            key=articles_service.analysis_key(app.config["SPACY_MODEL"]),
        )


@pytest.fixture
def client(app):
    """A test client for ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for ``app``."""
    return app.test_cli_runner()


@pytest.fixture
def stub_pipeline(monkeypatch) -> list[str]:
    """Replace the pipeline: the Reuters seed gets ``seed_analysis()``, any other text ``naive_analyse``.

    Returns the list of raw texts the pipeline was called with.
    """
    calls: list[str] = []

    def fake(raw: str, model: str):
        calls.append(raw)
        return seed_analysis() if raw.startswith("Reuters, Beirut") else naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", fake)
    return calls


@pytest.fixture
def pipeline_calls(monkeypatch) -> list[str]:
    """Keep the real pipeline but record the raw text of every call the library makes."""
    calls: list[str] = []
    real = articles_service.run_pipeline

    def counting(raw: str, model: str, title_hint: str | None = None):
        calls.append(raw)
        return real(raw, model, title_hint)

    monkeypatch.setattr(articles_service, "run_pipeline", counting)
    return calls


@pytest.fixture
def teacher_client(app, client):
    """``client`` with a teacher logged in (as Flask-Login's session has it, no login form); her id is ``client.teacher_id``."""
    from records import logged_in_teacher

    teacher, teacher.teacher_id = logged_in_teacher(app)
    return teacher
