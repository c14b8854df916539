"""The ``quizapp`` command: ``prepare`` fills the cache with one progress line per article."""

from factories import naive_analyse

from quizapp.cli import main
from quizapp.services import articles as articles_service


def test_prepare_analyses_each_seed_once_and_reports_progress(runner, app, pipeline_calls):
    result = runner.invoke(main, ["prepare"])
    assert result.exit_code == 0, result.output
    assert "[1/1] reuters-syria-new-phase:" in result.output and "analysed in" in result.output
    assert app.config["CACHE_DIR"].is_dir()
    again = runner.invoke(main, ["prepare"])
    assert "(already cached)" in again.output
    assert len(pipeline_calls) == 1


def test_prepare_reports_a_failing_article_and_exits_non_zero(tmp_path, app_config, monkeypatch):
    from quizapp import create_app
    from quizapp.text.errors import InputError

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("Good\nA body.\n", encoding="utf-8")
    (seeds / "bad.txt").write_text("Bad\n", encoding="utf-8")

    def picky(raw, model):
        if raw.startswith("Bad"):
            raise InputError("no text")
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", picky)
    runner = create_app({**app_config, "SEEDS_DIR": seeds}).test_cli_runner()
    result = runner.invoke(main, ["prepare"])
    assert result.exit_code == 1
    assert "[1/2] bad: FAILED: no text" in result.output
    assert "[2/2] good: 'Good' analysed in" in result.output
    assert "1 of 2 articles could not be analysed" in result.output


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
