"""The optional ``answer_kind`` of a question (issue 12): kept in every format, checked, never required."""

from __future__ import annotations

import json

import pytest

from quizapp.interchange import PackFormatError, dump, load
from quizapp.interchange.document import validator
from quizapp.text.grading.grader import grade
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question, QuestionFormatError

ARTICLE = PackArticle(title="Oceans", text="The Pacific Ocean is the largest ocean on Earth.")
OCEAN = Question(
    id="q1",
    type="short",
    prompt="Which is the largest ocean?",
    answer=(("the Pacific Ocean",),),
    answer_kind="place",
)
COUNCIL = Question(id="q2", type="short", prompt="Who decides?", answer=(("the Town Council",),))
PACK = Pack(title="Oceans", article=ARTICLE, questions=(OCEAN, COUNCIL))


@pytest.mark.parametrize("fmt", ["json", "yaml", "gift"])
def test_answer_kind_survives_export_and_import(fmt):
    back = load(dump(PACK, fmt), fmt).pack
    assert [q.answer_kind for q in back.questions] == ["place", ""]


def test_a_question_without_a_kind_is_written_without_one():
    document = json.loads(dump(PACK, "json"))
    assert document["questions"][0]["answer_kind"] == "place"
    assert "answer_kind" not in document["questions"][1]
    validator().validate(document)


def test_a_stored_question_of_an_older_version_still_reads():
    old = {"id": "q", "type": "short", "prompt": "Which ocean?", "answer": [["the Pacific Ocean"]]}
    question = Question.from_dict(old)
    assert question.answer_kind == "" and question.to_dict() == {
        **old,
        "choices": [],
        "distractors": [],
        "evidence": "",
        "skill": "recall",
        "difficulty": 0.5,
    }


def test_an_unknown_kind_is_a_clear_error():
    with pytest.raises(QuestionFormatError, match="answer_kind: must be one of name, person, place"):
        Question.from_dict({"type": "short", "prompt": "?", "answer": "x", "answer_kind": "animal"})
    document = json.loads(dump(PACK, "json"))
    document["questions"][0]["answer_kind"] = "animal"
    with pytest.raises(PackFormatError, match="answer_kind"):
        load(json.dumps(document), "json")


def test_the_kind_a_teacher_gives_decides_the_shorter_answers():
    """Written in capitals without an article, "Judicial Branch" reads as a proper name, whose words all
    count; said to be a concept, its telling adjective alone is enough."""
    branch = {"type": "short", "prompt": "Who interprets the laws?", "answer": [["Judicial Branch"]]}
    assert grade(Question.from_dict(branch), "judicial").verdict == "incorrect"
    assert grade(Question.from_dict({**branch, "answer_kind": "concept"}), "judicial").verdict == "correct"
    assert grade(Question.from_dict({**branch, "answer_kind": "concept"}), "branch").verdict == "incorrect"
