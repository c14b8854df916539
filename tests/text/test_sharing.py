"""Questions shared by every version of a story: only where each version says the evidence and holds the answer.

The three versions below are written like OneStopEnglish's elementary, intermediate and advanced texts:
one sentence the same in all three, one reworded only in the advanced one, one with a word changed. Which
questions are shared was worked out by hand from the words (the ratios are in the comments).
"""

from __future__ import annotations

import pytest

from quizapp.text.question import Question
from quizapp.text.questions.sharing import (
    holds_answer,
    near_same,
    share,
    split_sentences,
    words,
)
from quizapp.text.types import Span

EASY = (
    "Felix Baumgartner jumped from a balloon 39 kilometres above the Earth. "
    "The jump took place over New Mexico on 14 October 2012.",
    "He did not open his parachute until the end.",
)
MIDDLE = (
    "Felix Baumgartner jumped from a balloon 39 kilometres above the Earth. "
    "The jump took place over New Mexico on 14 October 2012.",
    "He did not open his parachute until the last minute.",
)
HARD = (
    "Felix Baumgartner leapt from a helium balloon 39 kilometres above the Earth's surface. "
    "The jump took place over the desert of New Mexico on 14 October 2012.",
    "He did not open his parachute until the last minute.",
)

WHERE = Question(
    "where",
    "short",
    "Over which US state did the jump take place?",
    (("New Mexico",),),
    evidence="The jump took place over New Mexico on 14 October 2012.",
)
HOW_HIGH = Question(
    "high",
    "short",
    "From how high did he jump?",
    (("39 kilometres", "39 km"),),
    evidence="Felix Baumgartner jumped from a balloon 39 kilometres above the Earth.",
)
PARACHUTE = Question(
    "chute",
    "truefalse",
    "He opened his parachute straight away.",
    (("false",),),
    evidence="He did not open his parachute until the last minute.",
)
NO_EVIDENCE = Question("none", "short", "What did you think of the jump?", (("brave",),))


def versions():
    return [("A2", split_sentences(EASY)), ("B1", split_sentences(MIDDLE)), ("C1", split_sentences(HARD))]


def test_a_question_is_shared_only_where_every_version_says_its_evidence_and_holds_its_answer():
    result = share([HOW_HIGH, WHERE, PARACHUTE, NO_EVIDENCE], versions())
    # WHERE: word for word in A2 and B1; C1 adds "the desert of": 11 of 11 words match among 11 + 14,
    # a ratio of 22 / 25 = 0.88, and "New Mexico" is there. HOW_HIGH: C1's sentence shares 9 words of
    # 11 + 13 (0.75), not near enough. PARACHUTE: A2 says "until the end", and a true/false question
    # needs its sentence word for word.
    assert [[q.id for q in level] for level in result.per_version] == [["where"]] * 3
    assert [(out.question.id, out.version) for out in result.left_out] == [
        ("high", "C1"),
        ("chute", "A2"),
        ("none", "A2"),
    ]


def test_each_version_gets_its_own_sentence_as_the_evidence():
    result = share([WHERE], versions())
    hard = result.per_version[2][0]
    assert hard.evidence == "The jump took place over the desert of New Mexico on 14 October 2012."
    assert (
        HARD[hard.evidence_span.paragraph][hard.evidence_span.start : hard.evidence_span.end] == hard.evidence
    )
    assert (hard.prompt, hard.answer) == (WHERE.prompt, WHERE.answer)  # the same question otherwise


def test_a_changed_negation_is_never_near_the_same():
    assert near_same("He did not open his parachute.", "He did not open his parachute.")
    assert not near_same(
        "He did not open his parachute until the last minute.",
        "He did open his parachute until the last minute.",
    )
    assert not near_same("He didn't win the race in the end.", "He did win the race in the end.")


def test_the_answer_must_be_whole_words_of_the_sentence():
    sentence = "The jump took place over New Mexico on 14 October 2012."
    assert holds_answer(WHERE, sentence)
    assert not holds_answer(WHERE, "The jump took place over Mexico City.")  # "New" missing
    both = Question("both", "multi", "Which two?", (("Iran",), ("Russia",)), evidence=sentence)
    assert not holds_answer(both, "Backed by Russia, the government went on.")  # one part of two


def test_sentences_are_split_with_their_spans():
    text = ("He jumped. The crowd cheered! “Go!” he said. U.S.-backed teams watched.",)
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "He jumped.",
        "The crowd cheered!",
        "“Go!” he said.",
        "U.S.-backed teams watched.",
    ]
    assert found[1].span == Span(0, 11, 29)


@pytest.mark.parametrize(
    "text, expected", [("Don't go", ["do", "n't", "go"]), ("It’s 39-km", ["it's", "39-km"])]
)
def test_words_keep_negations_apart_and_hyphens_together(text, expected):
    assert words(text) == expected
