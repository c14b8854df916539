"""Shared fixtures: an app per test with its own cache folder, its client and CLI runner.

``pipeline_calls`` keeps the real pipeline and records each call (the cache
tests count them); ``stub_pipeline`` swaps in hand-made analyses
(tests/factories.py) for tests that must control every name and span.
"""

from pathlib import Path

import pytest
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


@pytest.fixture
def app_config(tmp_path) -> dict:
    """A test config: the real seeds, a cache in this test's tmp folder."""
    return {"TESTING": True, "SECRET_KEY": "test", "CACHE_DIR": tmp_path / "cache"}


@pytest.fixture
def app(app_config):
    """A fresh app per test (its own library, so its own in-memory cache)."""
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
