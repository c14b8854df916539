"""Fixtures for the fault tests: an app whose database can be taken away and given back."""

import pytest
from databases import ENGINE_OPTIONS

from faults.outage import outage_for
from quizapp import create_app, database


@pytest.fixture
def outage(database_url):
    """The way to make this test's database stop answering (``outage.cut()``/``restore()``, or ``database_down``)."""
    handle = outage_for(database_url)
    yield handle
    handle.close()


@pytest.fixture
def fragile_app(app_config, database_url, outage, monkeypatch):
    """An app on this test's database, reached the way ``outage`` can interrupt; SQLite gives up after 0.3 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    return create_app(
        {
            **app_config,
            "SQLALCHEMY_DATABASE_URI": outage.app_url(database_url),
            "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS,
        }
    )
