"""Questions beyond the literal (issue 11): why-questions with fair wrong reasons, paragraph main ideas
with three options, and a set that makes room for a second such question.

The two articles are written for these tests; every expected value was worked out by hand from them:
which clause explains which, which sentences are not reasons for it, which sentence sums up each
paragraph and which paragraphs lie two or more away.
"""

import pytest

from quizapp.text import pipeline
from quizapp.text.grading.grader import grade
from quizapp.text.question import Question

ZOO = """Harbourside Zoo has had its worst summer for twenty years, and the town council is worried about its future.

The zoo's visitor numbers fell by a third and families are staying away from the park because a newspaper reported that its lions were ill. The report was later shown to be wrong. Vets who examined the lions found that they were healthy.

The zoo opened in 1962 on land given by a local farmer. It was the first zoo in the county to keep elephants.

Harbourside Zoo has lowered its ticket prices for the autumn. The director, Ana Silva, said cheaper tickets would bring visitors back.

The council has asked the zoo for a plan to cut its costs. Harbourside Zoo started a new advertising campaign in September.

Local schools still visit the zoo every spring. Teachers say the zoo's education centre is the best in the region.
"""

FARM = """A city farm in Leeds has won a national prize for teaching children where their food comes from.

The farm runs cooking classes for children from twelve primary schools. The children cook meals with vegetables they have grown on the farm. Each cooking class ends with the children eating the meals together.

The prize was given by the Soil Association at a ceremony in London. The judges visited the farm in June.

Volunteers built a new barn for the farm's goats last winter. The barn was paid for by a local bakery.

The farm also keeps bees, and its honey is sold in the café. Most of the honey is sold before Christmas.
"""

WHY_ZOO = "Why are families staying away from the park?"
STAY_AWAY = "because a newspaper reported that its lions were ill"


@pytest.fixture(scope="module")
def zoo(nlp):
    return pipeline.analyse(ZOO, nlp, title_hint="A hard summer for Harbourside Zoo")


@pytest.fixture(scope="module")
def farm(nlp):
    return pipeline.analyse(FARM, nlp, title_hint="A prize for a city farm")


def asked(analysis, prompt: str) -> Question:
    return next(q for q in analysis.questions if q.prompt == prompt)


def test_a_why_question_stands_where_every_sentence_names_the_zoo(zoo):
    """The reason's sentence also says "The zoo's visitor numbers fell": that part explains nothing, so
    the article's other statements about the zoo are still fit wrong reasons (they were all refused)."""
    q = asked(zoo, WHY_ZOO)
    assert q.type == "choice" and q.answer == ((STAY_AWAY,),)
    wrong = set(q.choices) - {STAY_AWAY}
    assert "because Harbourside Zoo has lowered its ticket prices for the autumn" in wrong  # a perfect
    assert "because Harbourside Zoo started a new advertising campaign in September" in wrong
    assert len(wrong) >= 2


def test_no_wrong_reason_shares_a_word_with_what_is_explained_or_its_reason(zoo):
    """ "families", "park", "newspaper", "lions", "ill": an option holding one may be a second reason."""
    q = asked(zoo, WHY_ZOO)
    for option in set(q.choices) - {STAY_AWAY}:
        words = set(option.lower().split())
        assert not words & {"families", "staying", "park", "newspaper", "reported", "lions", "ill"}, option


def test_the_stated_reason_is_correct_and_a_response_to_it_is_not(zoo):
    q = asked(zoo, WHY_ZOO)
    assert grade(q, STAY_AWAY).verdict == "correct"
    assert (
        grade(q, "because Harbourside Zoo has lowered its ticket prices for the autumn").verdict
        == "incorrect"
    )


def test_a_paragraph_with_two_far_paragraphs_is_asked_with_three_options(farm):
    """Paragraph 2's point is its first sentence; only paragraphs 4 and 5 lie two or more away, so one
    sentence of each is offered beside it (the lede is never offered)."""
    q = asked(farm, "Which sentence best sums up paragraph 2?")
    key = "The farm runs cooking classes for children from twelve primary schools."
    assert q.answer == ((key,),) and len(q.choices) == 3
    assert set(q.choices) - {key} == {
        "Most of the honey is sold before Christmas.",
        "Volunteers built a new barn for the farm's goats last winter.",
    }


def test_a_set_makes_room_for_a_second_question_beyond_the_literal(farm):
    """Ranked alone, "True or false: The farm runs cooking classes …" takes paragraph 2's opening sentence
    and blocks its main idea; the set asks both paragraph main ideas the farm article supports instead."""
    prompts = [q.prompt for q in farm.questions]
    assert "Which sentence best sums up paragraph 2?" in prompts
    assert "Which sentence best sums up paragraph 5?" in prompts
    assert (
        "True or false: The farm runs cooking classes for children from twelve primary schools."
        not in prompts
    )
