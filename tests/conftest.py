"""Shared fixtures: an app per test with its own cache folder, its client and CLI runner.

The pipeline is slow and, while the text stages are being written, may not
run at all; ``stub_pipeline`` swaps in hand-made analyses (tests/factories.py)
and records each call, so web and service tests check what they own.
"""

from pathlib import Path

import pytest
from factories import naive_analyse, seed_analysis

from quizapp import create_app
from quizapp.services import articles as articles_service

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reuters-syria-new-phase.txt"


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
