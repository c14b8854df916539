"""``quizapp prepare``: create or upgrade the database, load the seeds into it, one progress line each."""

import pytest
import sqlalchemy as sa

from quizapp import create_app
from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import articles as articles_service

pytestmark = pytest.mark.db

SEED_SLUG = "reuters-syria-new-phase"


@pytest.fixture
def seeds(tmp_path):
    """A seeds folder of two small articles."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "good.txt").write_text("Good\nA body.\n", encoding="utf-8")
    (folder / "other.txt").write_text("Other\nAnother body.\n", encoding="utf-8")
    return folder


def stored(app) -> dict[str, str]:
    """Slug -> title of every stored article."""
    with app.app_context():
        return dict(db.session.execute(sa.select(Article.slug, Article.title)).all())


def test_prepare_makes_the_database_from_nothing_and_stores_the_seed(
    database, tmp_path, app_config, stub_pipeline
):
    url = database.empty(tmp_path)  # SQLite: no file, no folder; PostgreSQL: no tables
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": url})
    result = app.test_cli_runner().invoke(main, ["prepare"])
    assert result.exit_code == 0, result.output
    assert f'[1/1] {SEED_SLUG}: "Syria\'s war enters a new phase" added in' in result.output
    assert (
        'reuters-syria-new-phase.yaml: "Syria: the war\'s new phase" added in' in result.output
    )  # seeds/packs/
    # seeds/stories/: three folders of three versions each (the sample library), linked as stories.
    assert (
        "[1/3] pluto-up-close: 'Pluto, seen up close for the first time (3 versions)' added in"
        in result.output
    )
    assert "Ready: 1 article, 1 pack, 3 stories at several levels." in result.output
    assert stored(app)[SEED_SLUG] == "Syria's war enters a new phase"
    assert stored(app)["skydiver-elementary"] == "The jump from the edge of space"
    assert len(stored(app)) == 1 + 3 * 3
    with app.app_context():
        assert sa.inspect(db.engine).has_table("alembic_version")


def test_a_second_run_analyses_nothing(runner, app, stub_pipeline):
    runner.invoke(main, ["prepare"])
    again = runner.invoke(main, ["prepare"])
    assert again.exit_code == 0, again.output
    assert f'[1/1] {SEED_SLUG}: "Syria\'s war enters a new phase" (up to date)' in again.output
    assert "[2/3] skydiver: 'The jump from the edge of space (3 versions)' (up to date)" in again.output
    assert len(stub_pipeline) == 1 + 3 * 3  # the seed and the sample library's nine versions, once each


def test_an_edited_seed_is_analysed_again(app_config, seeds, stub_pipeline):
    app = create_app({**app_config, "SEEDS_DIR": seeds})
    runner = app.test_cli_runner()
    runner.invoke(main, ["prepare"])
    (seeds / "good.txt").write_text("Better\nA new body.\n", encoding="utf-8")
    result = runner.invoke(main, ["prepare"])
    assert (
        "[1/2] good: 'Better' updated in" in result.output
        and "[2/2] other: 'Other' (up to date)" in result.output
    )
    assert stored(app) == {"good": "Better", "other": "Other"}
    assert len(stub_pipeline) == 3


def test_prepare_reports_a_failing_article_and_exits_non_zero(app_config, seeds, monkeypatch):
    from factories import naive_analyse

    from quizapp.text.errors import InputError

    (seeds / "bad.txt").write_text("Bad\n", encoding="utf-8")

    def picky(raw, model):
        if raw.startswith("Bad"):
            raise InputError("no text")
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", picky)
    app = create_app({**app_config, "SEEDS_DIR": seeds})
    result = app.test_cli_runner().invoke(main, ["prepare"])
    assert result.exit_code == 1
    assert "[1/3] bad: FAILED: no text" in result.output
    assert "[2/3] good: 'Good' added in" in result.output
    assert "1 of 3 seeds could not be loaded" in result.output
    assert set(stored(app)) == {"good", "other"}


def test_prepare_names_the_database_without_its_password(app_config, tmp_path, monkeypatch):
    import flask_migrate

    monkeypatch.setattr(flask_migrate, "upgrade", lambda: None)  # no server: nothing may connect
    app = create_app(
        {
            **app_config,
            "SQLALCHEMY_DATABASE_URI": "postgresql://quiz:s3cret@db.school/quizapp",
            "SEEDS_DIR": tmp_path / "no-seeds",
        }
    )
    output = app.test_cli_runner().invoke(main, ["prepare"]).output
    assert "Database: postgresql+psycopg://quiz:***@db.school/quizapp" in output and "s3cret" not in output
    assert "Ready: 0 articles." in output


def test_routes_lists_the_reading_pages(runner):
    result = runner.invoke(main, ["routes"])
    assert "reading.index" in result.output and "/articles/<slug>" in result.output


def test_a_missing_model_is_one_line_not_a_traceback(monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("QUIZAPP_SPACY_MODEL", "no_such_model")
    result = CliRunner().invoke(main, ["prepare"])
    assert result.exit_code == 1
    assert "Error: The spaCy model 'no_such_model' is not installed" in result.output
    assert "Traceback" not in result.output


def test_prepare_loads_the_seed_packs_after_the_articles(app_config, seeds, stub_pipeline):
    from records import question

    from quizapp import interchange
    from quizapp.text import pack as plain

    (seeds / "packs").mkdir()
    pack = plain.Pack("Good questions", plain.PackArticle("Good", "A body."), (question(1), question(2)))
    (seeds / "packs" / "good.yaml").write_text(interchange.dump(pack, "yaml"), encoding="utf-8")
    app = create_app({**app_config, "SEEDS_DIR": seeds})
    result = app.test_cli_runner().invoke(main, ["prepare"])
    assert result.exit_code == 0, result.output
    assert "[1/1] good.yaml: 'Good questions' added in" in result.output
    assert "Ready: 2 articles, 1 pack." in result.output
    again = app.test_cli_runner().invoke(main, ["prepare"])
    assert "[1/1] good.yaml: 'Good questions' (up to date)" in again.output


def test_a_seed_over_the_caps_fails_with_the_cap_and_nothing_is_stored(app_config, tmp_path, nlp):
    """The admin's own caps apply to seeds too (the real pipeline: it refuses before parsing)."""
    folder = tmp_path / "long-seeds"
    folder.mkdir()
    (folder / "long.txt").write_text(
        "Floods\n\n" + "Heavy rain closed twelve schools. " * 10, encoding="utf-8"
    )
    app = create_app({**app_config, "SEEDS_DIR": folder, "MAX_PARAGRAPH_CHARS": 200})
    result = app.test_cli_runner().invoke(main, ["prepare"])
    assert result.exit_code == 1
    assert "[1/1] long: FAILED: Paragraph 2 is 339 characters long; paragraphs of up to 200" in result.output
    assert stored(app) == {}
