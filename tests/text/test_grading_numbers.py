"""Numbers however a pupil writes them: digits, words, Roman numerals, ordinals, units, abbreviations.

Every expectation was worked out by hand from the rule in quizapp/text/grading/numbers.py,
not read off the code: "XIV" is fourteen because X + IV, and so on.
"""

import pytest

from quizapp.text.grading.answers import tokens
from quizapp.text.grading.grader import grade
from quizapp.text.grading.numbers import normalise
from quizapp.text.question import Question


@pytest.mark.parametrize(
    "written,read",
    [
        ("seventeen", ("17",)),
        ("forty-two", ("42",)),
        ("ninety nine", ("99",)),
        ("three hundred and twelve", ("312",)),
        ("two thousand and eight", ("2008",)),
        ("twenty twenty", ("2020",)),  # a year said the usual way
        ("eighteen sixty-one", ("1861",)),
        ("a thousand", ("1000",)),
        ("12,000", ("12000",)),
        ("3.000.000", ("3000000",)),  # dots as thousands separators
        ("2.5", ("2_5",)),  # a decimal stays a decimal
        ("0.75 million", ("750000",)),
        ("4bn", ("4000000000",)),
        ("XIV", ("14",)),
        ("xxi", ("21",)),
        ("Louis XVI", ("louis", "16")),
        ("third", ("3",)),
        ("23rd", ("23",)),
        ("the fortieth", ("40",)),
        ("twenty-fifth", ("25",)),
        ("7 metres", ("7_metre",)),
        ("seven meters", ("7_metre",)),
        ("12kg", ("12_kg",)),
        ("60 per cent", ("60_percent",)),
        ("60%", ("60_percent",)),
        ("€20", ("20_euro",)),
        ("3 hrs", ("3_hour",)),
        ("one or two", ("1", "or", "2")),  # two numbers, not twelve
        ("one of them", ("one", "of", "them")),  # a pronoun
        ("I saw it", ("i", "saw", "it")),  # a lone I is the pronoun
        ("Malcolm X", ("malcolm", "x")),  # ... and a lone X a letter
        ("H2O", ("water",)),
        ("the EU", ("european", "union")),
        ("ww1", ("world", "war", "1")),
        ("5 Sept 1939", ("5", "september", "1939")),
    ],
)
def test_numbers_become_one_token(written, read):
    assert tokens(written) == read


def test_plain_words_pass_through_untouched():
    words = ["the", "treaty", "was", "signed", "in", "paris"]
    assert normalise(words) is words


def number_question(answer: str, prompt: str = "How many?") -> Question:
    return Question.from_dict({"id": "n", "type": "short", "prompt": prompt, "answer": [[answer]]})


HEIGHT = number_question("8,849 metres", "How high is Mount Everest?")
LOST = number_question("3", "How many matches did the team lose?")
CENTURY = number_question("the 19th century", "When was the railway built?")
KING = number_question("Henry VIII", "Which king broke with Rome?")
YEAR = number_question("1066", "In which year was the Battle of Hastings?")
GAS = number_question("CO2", "Which gas do the plants take in?")
DATE = number_question("14 July 1789", "When was the Bastille stormed?")


@pytest.mark.parametrize(
    "question,response,score",
    [
        (HEIGHT, "8849 m", 1),  # "m" is no unit read (5m is five million in the news): the number stands
        (HEIGHT, "8849 metres", 1),
        (HEIGHT, "8,849", 1),  # the unit may be left out
        (HEIGHT, "8849 meters", 1),
        (HEIGHT, "8849 feet", 0),  # but not swapped for another
        (HEIGHT, "8,848 metres", 0),
        (LOST, "three", 1),
        (LOST, "3 matches", 1),
        (LOST, "they lost three", 1),
        (LOST, "III", 1),
        (LOST, "the third", 1),  # an ordinal reads as its number
        (LOST, "thirty", 0),
        (LOST, "3 or 4", 0.5),  # a hedge costs half, as with names
        (LOST, "13", 0),
        (CENTURY, "19th century", 1),
        (CENTURY, "the nineteenth century", 1),
        (CENTURY, "the XIX century", 1),
        (CENTURY, "the 18th century", 0),
        (KING, "Henry the 8th", 1),
        (KING, "henry viii", 1),
        (KING, "Henry 8", 1),
        (KING, "Henry VII", 0),
        (YEAR, "in 1066", 1),
        (YEAR, "ten sixty-six", 1),
        (YEAR, "1067", 0),
        (GAS, "carbon dioxide", 1),
        (GAS, "co2", 1),
        (GAS, "oxygen", 0),
        (DATE, "July 14, 1789", 1),
        (DATE, "the 14th of July 1789", 1),
        (DATE, "14 Jul 1789", 1),
        (DATE, "1789", 0),  # a date asks for the day
        (DATE, "14 July 1798", 0),
    ],
)
def test_number_answers(question, response, score):
    assert grade(question, response).score == pytest.approx(score), response


@pytest.mark.parametrize(
    "question,response,feedback",
    [
        (LOST, "3 or 4", "Partly right: 3 is right, but 1 other number is not."),
        (LOST, "seven", "Not quite: the answer is 3."),
        (
            YEAR,
            "1066 or 1067 or 1068",
            "Not quite: the answer is 1066.",
        ),  # two wrong numbers cancel the right one
    ],
)
def test_wrong_numbers_are_counted_not_repeated(question, response, feedback):
    """The feedback names the answer; the pupil's own numbers are counted, never echoed into the page."""
    assert grade(question, response).feedback == feedback


@pytest.mark.parametrize(
    "question,response,score",
    [
        (YEAR, "1066, after 20 years of peace", 1),  # a number of another kind is no second answer
        (YEAR, "1066, 20 years after Cnut", 1),
        (HEIGHT, "8,849 metres, about 29,000 feet", 1),
        (HEIGHT, "8,849 or 8,850 metres", 0.5),
        (HEIGHT, "8849 or 8850", 0.5),
        (LOST, "3, with 2 draws", 1),  # after "with": a sentence about the answer
        (LOST, "three, and one of them at home", 1),  # "one of them" counts nothing
    ],
)
def test_only_numbers_of_the_same_kind_hedge(question, response, score):
    assert grade(question, response).score == pytest.approx(score), response
