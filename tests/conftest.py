"""Shared fixtures: an app per test with its own empty database, its client and CLI runner.

The database is SQLite, or PostgreSQL when ``DATABASE_URL`` is set (``make
test`` runs the tests marked ``db`` a second time that way; see
tests/databases.py).

``pipeline_calls`` keeps the real pipeline and records each call (the cache
tests count them); ``stub_pipeline`` swaps in hand-made analyses
(tests/factories.py) for tests that must control every name and span.
"""

import os
from pathlib import Path

import pytest
from databases import ENGINE_OPTIONS, databases
from factories import naive_analyse, seed_analysis

from quizapp import create_app
from quizapp.services import articles as articles_service

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reuters-syria-new-phase.txt"


@pytest.fixture(scope="session")
def nlp():
    """The trained spaCy pipeline, loaded once for the whole run (it takes about a second)."""
    from quizapp.text import nlp as nlp_module

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
    """A test config: the real seeds, a cache in this test's tmp folder, an empty database of its own."""
    return {"TESTING": True, "SECRET_KEY": "test", "CACHE_DIR": tmp_path / "cache",
            "SQLALCHEMY_DATABASE_URI": database_url, "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS}


@pytest.fixture
def app(app_config):
    """A fresh app per test, on this test's database."""
    return create_app(app_config)


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

    def counting(raw: str, model: str):
        calls.append(raw)
        return real(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", counting)
    return calls
