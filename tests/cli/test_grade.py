"""``quizapp grade``: JSON lines in, one grade per line out, bad lines reported and skipped over."""

import json

import pytest
from click.testing import CliRunner

from quizapp.cli import main

TOWN = {
    "id": "town",
    "type": "short",
    "prompt": "Which town did government forces capture?",
    "answer": [["al-Sukhna", "Sukhna"]],
    "distractors": ["Deir al-Zor", "Damascus"],
    "evidence": "Damascus hailed the capture of the town of al-Sukhna on Saturday.",
}
PICK = {
    "id": "pick",
    "type": "multi",
    "prompt": "Which of these back the Syrian government?",
    "answer": [["Russia"], ["Iran"]],
    "choices": ["Russia", "Iran", "Iraq", "United States"],
}


@pytest.fixture
def grade_lines():
    """Run ``quizapp grade`` on the given lines; return its exit code and output lines as dicts."""

    def run(*lines: str):
        result = CliRunner().invoke(main, ["grade"], input="\n".join(lines) + "\n")
        return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]

    return run


def line(question: dict, answer) -> str:
    return json.dumps({"question": question, "answer": answer})


def test_one_grade_per_line(grade_lines):
    code, out = grade_lines(line(TOWN, "sukna"), line(TOWN, "Damascus"))
    assert code == 0
    assert [(g["score"], g["verdict"]) for g in out] == [(1.0, "correct"), (0.0, "incorrect")]
    assert out[0]["feedback"] == "Correct (spelled al-Sukhna)."
    assert out[1] == {
        "score": 0.0,
        "verdict": "incorrect",
        "matched": [False],
        "feedback": "Not quite: the answer is al-Sukhna, not Damascus.",
        "answer": "al-Sukhna",
        "evidence": TOWN["evidence"],
    }


def test_multi_takes_a_list(grade_lines):
    code, out = grade_lines(line(PICK, ["Iran", "Russia"]), line(PICK, ["Russia", "Iran", "Iraq"]))
    assert code == 0
    assert [(g["score"], g["matched"]) for g in out] == [(1.0, [True, True]), (0.5, [True, True])]


def test_malformed_lines_get_an_error_and_the_run_goes_on(grade_lines):
    code, out = grade_lines(
        "{not json",
        json.dumps({"question": TOWN}),
        json.dumps([1, 2]),
        line({**TOWN, "type": "essay"}, "x"),
        line({"type": "short", "prompt": "Who?"}, "x"),
        "",
        "   ",
        line(TOWN, "al sukhna"),
    )
    assert code == 0
    errors, last = out[:-1], out[-1]
    assert len(errors) == 5 and all(set(e) == {"error"} for e in errors)
    assert errors[0]["error"].startswith("line 1: not valid JSON")
    assert errors[1]["error"] == 'line 2: expected an object with "question" and "answer"'
    assert errors[2]["error"].startswith("line 3:")
    assert "line 4" in errors[3]["error"] and "type" in errors[3]["error"]
    assert "line 5" in errors[4]["error"] and "answer" in errors[4]["error"]
    assert last["verdict"] == "correct"


def test_odd_answers_are_graded_not_errors(grade_lines):
    code, out = grade_lines(line(TOWN, None), line(TOWN, 42), line(TOWN, {"a": 1}), line(TOWN, "x" * 100_000))
    assert code == 0
    assert [g["verdict"] for g in out] == ["incorrect"] * 4
    assert out[0]["feedback"] == "No answer given."


def test_undecodable_bytes_do_not_stop_the_run():
    data = line(TOWN, "Sukhna").encode() + b"\n\xff\xfe{\n" + line(TOWN, "Damascus").encode() + b"\n"
    result = CliRunner().invoke(main, ["grade"], input=data)
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert [g.get("verdict", "error") for g in out] == ["correct", "error", "incorrect"]


def test_a_typed_option_in_capitals_is_that_option(grade_lines):
    """Issue 12: "AL-SUKHNA" typed on a pick-one question was read as the abbreviation "A.L." and scored 0."""
    choice = {
        "id": "town",
        "type": "choice",
        "prompt": "Which town did government forces capture?",
        "answer": [["al-Sukhna"]],
        "choices": ["Damascus", "al-Sukhna", "Deir al-Zor"],
    }
    code, out = grade_lines(line(choice, "AL-SUKHNA"), line(choice, "DEIR AL-ZOR"), line(choice, "al sukhna"))
    assert code == 0
    assert [g["verdict"] for g in out] == ["correct", "incorrect", "correct"]
