"""``quizapp analyze``: what a teacher or a script gets from the command line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.text.reading import nlp as nlp_module

SEED = Path(__file__).resolve().parents[2] / "seeds" / "reuters-syria-new-phase.txt"


@pytest.fixture
def run(nlp):
    """Invoke ``quizapp analyze ARGS``; the session's model is already loaded."""

    def invoke(*args):
        return CliRunner().invoke(main, ["analyze", *map(str, args)])

    return invoke


def test_json_for_the_seed(run):
    result = run(SEED, "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert (data["source"], data["dateline"]) == ("Reuters", "Beirut")
    assert len(data["paragraphs"]) == 5
    assert data["paragraphs"][0].startswith("Syria’s war has entered a new phase")
    assert data["readability"]["sentences"] == 6
    assert {"flesch_reading_ease", "flesch_kincaid_grade", "words", "grade_level", "band"} <= set(
        data["readability"]
    )
    assert isinstance(data["readability"]["grade_level"], float)
    actors = {a["name"]: a for a in data["actors"]}
    assert actors["Russia"]["kind"] == "country"
    assert "Moscow" in actors["Russia"]["aliases"]
    assert set(actors["Russia"]) >= {"name", "kind", "aliases", "role", "mentions"}
    assert data["title"] == "Syria’s war has entered a new phase"


def test_one_json_line_per_file_and_the_model_loads_once(run, tmp_path, monkeypatch):
    second = tmp_path / "second.txt"
    second.write_text("The mayor of Leeds opened a new library on Monday. Children queued for hours.\n")
    loads = []
    real = nlp_module._load
    monkeypatch.setattr(nlp_module, "_load", lambda name: loads.append(name) or real(name))
    result = run(SEED, second, "--json")
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.strip().splitlines()]
    assert titles == [
        "Syria’s war has entered a new phase",
        "The mayor of Leeds opened a new library on Monday",
    ]
    assert len(loads) == 2 and loads[0] == loads[1]  # asked twice, but ...
    assert real.cache_info().currsize == 1  # ... loaded once


def test_readable_summary_without_json(run):
    result = run(SEED)
    assert result.exit_code == 0
    assert "Reuters · Beirut" in result.stdout
    assert "6 sentences" in result.stdout
    assert "Bashar al-Assad [person" in result.stdout
    # grade 13.14, over the C1/C2 line at 13.05 (docs/readability.md, "The seed")
    assert "; CEFR C2, UK university); why: many -ing/-ed verb forms, uncommon vocabulary" in result.stdout


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("huge.txt", b"word " * (5 * 1024 * 1024 // 5 + 1), "MB"),
    ],
)
def test_bad_files_get_one_line_and_a_non_zero_exit(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(path, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    error = result.stderr.strip()
    assert len(error.splitlines()) == 1
    assert message in error and name in error
    assert "Traceback" not in result.output


def test_a_missing_file_is_an_error_not_a_traceback(run, tmp_path):
    result = run(tmp_path / "nope.txt")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "nope.txt" in result.output


def test_a_bad_file_does_not_stop_the_others(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run(empty, SEED, "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["source"] == "Reuters"


def test_other_encodings_are_read_correctly(run, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "The café in Zürich reopened on Monday, and the owner was “delighted”.\n".encode("cp1252")
    )
    result = run(path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["paragraphs"] == [
        "The café in Zürich reopened on Monday, and the owner was “delighted”."
    ]


def test_an_article_over_the_caps_gets_one_line_stating_the_cap(run, tmp_path):
    path = tmp_path / "one-paragraph.txt"
    path.write_text("Floods\n\n" + "Heavy rain closed twelve schools on Monday. " * 800, encoding="utf-8")
    result = run(path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("quizapp analyze: ") and "up to 30,000 characters" in result.stderr


def test_the_environment_sets_the_caps(run, monkeypatch):
    monkeypatch.setenv("QUIZAPP_MAX_ARTICLE_WORDS", "100")
    result = run(SEED)
    assert result.exit_code == 1 and "articles of up to 100 words are accepted" in result.stderr
