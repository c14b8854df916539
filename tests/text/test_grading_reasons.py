"""Why and how questions: key phrases, partial credit, and feedback that names what was missing (issue 12).

Each answer was marked by hand, as a teacher marks a short explanation: every
key phrase the pupil gives, in their own words and word order, earns its share.
"""

import pytest

from quizapp.text.grading.grader import grade
from quizapp.text.question import Question

HARVEST = Question.from_dict(
    {
        "id": "harvest",
        "type": "short",
        "prompt": "Why did the harvest fail that year?",
        "answer": [["there was no rain", "a drought"], ["locusts ate the crops"]],
        "distractors": ["too much rain"],
    }
)
BRIDGE = Question.from_dict(
    {
        "id": "bridge",
        "type": "short",
        "prompt": "How did the villagers cross the river after the flood?",
        "answer": [["they built a rope bridge"]],
    }
)
FACTORY = Question.from_dict(
    {
        "id": "factory",
        "type": "short",
        "prompt": "What made the factory close?",
        "answer_kind": "reason",
        "answer": [["orders fell"], ["energy costs rose"]],
    }
)


@pytest.mark.parametrize(
    "question,response,score",
    [
        (HARVEST, "because there was no rain and locusts ate the crops", 1),
        (HARVEST, "a drought, and then the locusts ate all the crops", 1),
        (HARVEST, "the crops were eaten by locusts and there was a drought", 1),  # passive, other order
        (HARVEST, "locusts were eating the crops", 0.5),
        (HARVEST, "drought", 0.5),
        (HARVEST, "it didn't rain", 0.5),  # "not" says what "no" says
        (HARVEST, "locusts", 0),  # who, but not what they did
        (HARVEST, "too much rain", 0),  # the teacher's own wrong answer
        (HARVEST, "a drought or too much rain", 0.25),
        (HARVEST, "the farmers were lazy", 0),
        (BRIDGE, "they built a bridge out of rope", 1),
        (BRIDGE, "a rope bridge was built", 1),  # who built it is not the point
        (BRIDGE, "by building a rope bridge", 1),
        (BRIDGE, "they swam across", 0),
        (BRIDGE, "a bridge", 0),  # "rope" is the point
        (BRIDGE, "they did not build a rope bridge", 0),
        (FACTORY, "orders were falling", 0.5),
        (FACTORY, "the factory closed", 0),  # the question back is no reason
        (FACTORY, "the orders fell, and the costs of energy rose", 1),
        (FACTORY, "Germany's orders fell", 0.5),  # a country in an explanation costs nothing
    ],
)
def test_reasons(question, response, score):
    assert grade(question, response).score == pytest.approx(score), response


@pytest.mark.parametrize(
    "question,response,feedback",
    [
        (
            HARVEST,
            "drought",
            "Partly right: you gave “there was no rain”; the answer also needs “locusts ate the crops”.",
        ),
        (
            HARVEST,
            "the farmers were lazy",
            "Not quite: the answer needs “there was no rain” and “locusts ate the crops”.",
        ),
        (
            HARVEST,
            "a drought or too much rain",
            "Partly right: you gave “there was no rain”; the answer also needs “locusts ate the crops”, "
            "and too much rain is not part of it.",
        ),
        (
            FACTORY,
            "energy costs rose",
            "Partly right: you gave “energy costs rose”; the answer also needs “orders fell”.",
        ),
        (BRIDGE, "by building a rope bridge", "Correct."),
    ],
)
def test_reason_feedback_says_what_was_missing(question, response, feedback):
    assert grade(question, response).feedback == feedback
