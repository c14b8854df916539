"""``/healthz``: what a load balancer and an admin learn from it, and that probing it costs nothing."""

import functools
import subprocess
import sys

import pytest
import sqlalchemy as sa

from quizapp import create_app
from quizapp.extensions import db, limiter
from quizapp.text.reading import nlp

pytestmark = pytest.mark.db


@pytest.fixture
def unloaded_model(monkeypatch):
    """A fresh, empty model cache in place of the real one (which other tests fill): nothing loaded yet."""
    fake = functools.cache(lambda name: object())
    monkeypatch.setattr(nlp, "_load", fake)
    return fake


def test_a_healthy_server_says_ok_for_app_and_database(client, unloaded_model):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"app": "ok", "database": "ok", "disk": "ok", "model": "not loaded"}
    assert response.headers["Cache-Control"] == "no-store"


def test_the_model_is_reported_ok_once_this_process_has_loaded_it(app, client, unloaded_model):
    nlp.load(app.config["SPACY_MODEL"])
    assert client.get("/healthz").get_json()["model"] == "ok"


def test_a_model_removed_while_running_is_reported_but_pupils_can_still_be_served(app, client):
    app.config["SPACY_MODEL"] = "no_such_model"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["model"] == "error: not installed"


def test_a_database_that_does_not_answer_gives_503_without_details(app, client, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("password=hunter2 host=db.internal"))

    with app.app_context():
        monkeypatch.setattr(db.engine, "connect", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "app": "ok",
        "database": "error: OperationalError",
        "disk": "ok",
        "model": response.get_json()["model"],
    }
    assert "hunter2" not in response.get_data(as_text=True)  # the details go to the log only
    assert "hunter2" in caplog.text


def test_a_nearly_full_disk_gives_503_so_the_balancer_sends_pupils_elsewhere(app, client, monkeypatch):
    """Issue 14 (Low): with the disk full, every save failed (with a 503) while /healthz still said "ok"."""
    from collections import namedtuple

    from quizapp.web.health import views

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(
        views.shutil, "disk_usage", lambda path: usage(10**10, 10**10 - 12 * 2**20, 12 * 2**20)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert (response.get_json()["disk"], response.get_json()["database"]) == ("low: 12 MB free", "ok")
    app.config["HEALTH_MIN_FREE_MB"] = 10  # the threshold is a setting
    assert client.get("/healthz").status_code == 200


def test_probing_never_loads_spacy(database_url):
    """In a fresh interpreter (this one has spaCy loaded by other tests)."""
    script = (
        "import sys; from quizapp import create_app;"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}});"
        "client = app.test_client();"
        "bodies = [client.get('/healthz').get_json() for _ in range(3)];"
        "print(bodies[-1]['model'], 'spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "not loaded False"


def test_the_probe_is_never_rate_limited(app_config):
    """Even if an admin sets a default limit for every route, the load balancer's probes get through.

    The limiter is one object for the process and keeps a default limit once
    set, so the test takes it off again: later apps must not inherit it.
    """
    try:
        app = create_app({**app_config, "RATELIMIT_DEFAULT": "2 per minute"})
        client = app.test_client()
        assert [client.get("/").status_code for _ in range(3)] == [200, 200, 429]  # the limit is real
        assert [client.get("/healthz").status_code for _ in range(5)] == [200] * 5
    finally:
        limiter.limit_manager.set_default_limits([])
    assert create_app(app_config).test_client().get("/").status_code == 200
