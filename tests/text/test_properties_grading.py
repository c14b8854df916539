"""Property tests for the grader: any question, any response, a fair and well-formed Grade.

Two sources of questions: the interchange strategies (every type, texts full
of GIFT marks, scripts and emoji, as a teacher's pack may hold them) and
questions built from real names (countries, people, towns, numbers, other
scripts) where the key is sane: no form of the answer is also a distractor
or another part. Responses are anything: text, lists, None, numbers, bytes,
HTML, emoji, 10,000 characters.

What a student and a teacher rely on (docs/grading.md):

* every response gets a Grade: score in [0, 1], a verdict among correct,
  partial and incorrect that agrees with it (correct is 1, incorrect is 0),
  one matched flag per part;
* the exact right answer is always correct: the answer as the quiz shows it
  for a typed question, the right option(s) for choice and multi, the truth
  for true/false;
* case and the spaces around an answer never change its grade (capitals
  only matter for 2-3 letter abbreviations, "US" or "IS", which are left out).
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st
from interchange.strategies import questions as pack_questions  # tests/ is on the path (tests/conftest.py)
from properties import examples  # the fixed-seed profile for `make test` (tests/properties.py)

from quizapp.text.grading.concepts import GENERIC_HEADS
from quizapp.text.grading.grader import Grade, grade
from quizapp.text.question import BLANK, Question

PROPERTY = examples(100)
VERDICTS = ("correct", "partial", "incorrect")

# --- strategies --------------------------------------------------------------------------------------

NAMES = (
    "Russia",
    "Iran",
    "Iraq",
    "Syria",
    "United States",
    "U.S.-backed militias",
    "Islamic State",
    "al-Sukhna",
    "Deir al-Zor",
    "Damascus",
    "Moscow",
    "Bashar al-Assad",
    "Vladimir Putin",
    "2",
    "1,000",
    "Zürich",
    "O'Brien",
    "the truce",
    "Hezbollah",
    "روسيا",
    "東京",
    "Ελλάδα",
    "Ethiopia's teff",
    "New York",
    "photosynthesis",
    "the water cycle",
    "Smith & Wesson",
    "C++",
    "100%",
    "<b>Iran</b>",
)
OPTIONS = NAMES + ("😀", "😢", "🇸🇾", "?", "->", "—", "x²", "A", "B", "none of the above", "all of them")


@st.composite
def sane_questions(draw) -> Question:
    """A question of any type with real names, whose parts and distractors share no form."""
    kind = draw(st.sampled_from(["short", "cloze", "choice", "multi", "truefalse"]))
    if kind == "truefalse":
        return Question(
            id="q",
            type=kind,
            prompt="Russia backs the government.",
            answer=((draw(st.sampled_from(["true", "false", "True", "FALSE"])),),),
        )
    if kind in ("choice", "multi"):
        choices = draw(st.lists(st.sampled_from(OPTIONS), min_size=2, max_size=5, unique_by=fold))
        rights = draw(
            st.lists(
                st.sampled_from(choices),
                min_size=1,
                unique=True,
                max_size=1 if kind == "choice" else len(choices),
            )
        )
        answer = (tuple(rights),) if kind == "choice" else tuple((r,) for r in rights)
        return Question(id="q", type=kind, prompt="Pick.", answer=answer, choices=tuple(choices))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique_by=fold))
    parts = draw(st.integers(1, min(2, len(names))))
    answer = tuple((name,) for name in names[:parts])
    prompt = f"The answer is {BLANK}." if kind == "cloze" else "Who or what?"
    return Question(id="q", type=kind, prompt=prompt, answer=answer, distractors=tuple(names[parts:]))


def fold(text: str) -> str:
    """Keep strategies from offering two options a reader could not tell apart ("Iran" and "iran").

    Tags go first, as the grader reads them: "<b>Iran</b>" is Iran (`make fuzz` found a "sane" key
    with the parts "<b>Iran</b>" and "Iran", which no answer can name apart).
    """
    return re.sub(r"\W+", "", re.sub(r"<[^<>]*>", "", text).casefold())


def any_questions():
    return sane_questions() | pack_questions("q", ["Syria's war.", "Russia and Iran back it."])


long_texts = st.sampled_from(["Russia " * 2_000, "a" * 10_000, "<b>" * 3_000, "not " * 500 + "Iran"])
texts = st.text(st.characters() | st.characters(categories=["Cs"]), max_size=60) | st.sampled_from(
    NAMES
    + OPTIONS
    + ("", " ", "not Russia", "true", "b", "(2)", "8", "yes and no", "\x00", "<script>x</script>")
)
responses = (
    texts
    | long_texts
    | st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.binary(max_size=30)
    | st.lists(texts | st.none() | st.integers(), max_size=5)
    | st.just(10**5000)
    | st.just({"a": 1})
    | st.just(object())
)


# --- properties ---------------------------------------------------------------------------------------


def assert_well_formed(result: Grade, question: Question) -> None:
    """Score in [0, 1]; the verdict says what the score says; one flag per part."""
    assert isinstance(result, Grade)
    assert 0 <= result.score <= 1
    assert result.verdict in VERDICTS
    assert (result.verdict == "correct") == (result.score == 1)
    assert (result.verdict == "incorrect") == (result.score == 0)
    assert len(result.matched) == len(question.answer)
    assert result.feedback and result.answer == question.shown_answer


@PROPERTY
@given(question=any_questions(), response=responses)
@example(question=Question(id="q", type="short", prompt="Who?", answer=(("~=#",),)), response="~=#")
@example(
    question=Question(id="q", type="multi", prompt="Pick", answer=(("a",),), choices=("a", "b")),
    response=["a"] * 1000,
)
@example(
    question=Question(id="q", type="short", prompt="a", answer=(("a",),), distractors=("1e32024-05-03",)),
    response=None,
)  # regression (make fuzz): "1e32024" was read as a number of 32,025 digits
def test_any_response_gets_a_well_formed_grade(question, response):
    assert_well_formed(grade(question, response), question)


def right_answers(question: Question) -> list:
    """What a student who knows the answer sends: the shown answer, each right option, the picks."""
    if question.type == "truefalse":
        return [question.answer[0][0], question.answer[0][0].lower()]
    if question.type == "choice":
        return list(question.answer[0])
    if question.type == "multi":
        picks = [part[0] for part in question.answer]
        separated = any(re.search(r"[,;/&|+\n]|\b(?:and|or|plus)\b", p, re.I) for p in picks)
        return [picks] if separated else [picks, ", ".join(picks)]  # as text only if the commas are clear
    return [question.shown_answer]


@PROPERTY
@given(question=sane_questions())
@example(
    question=Question(
        id="q", type="choice", prompt="How does she feel?", answer=(("😀",),), choices=("😀", "😢")
    )
)  # regression: an emoji option was "No answer given."
@example(
    question=Question(
        id="q", type="choice", prompt="Which?", answer=(("Sukhna",),), choices=("al-Sukhna", "Sukhna")
    )
)  # regression: two options one key
def test_the_right_answer_is_always_correct(question):
    for response in right_answers(question):
        result = grade(question, response)
        assert_well_formed(result, question)
        assert result.verdict == "correct", (response, result.feedback)


def case_and_spaces(text: str) -> list[str]:
    """The same answer in lower case, Title Case, and (several words) SHOUTED, with spaces around."""
    variants = [
        text.lower(),
        " ".join(w[:1].upper() + w[1:] for w in text.split(" ")),
        f"  {text}\n",
        f"\t{text} ",
    ]
    if len(text.split()) > 1:
        variants.append(text.upper())
    return variants


# No 2-3 letter capitals among these ("U.S." is dotted): case never makes an abbreviation of them.
typed = st.lists(
    st.sampled_from(NAMES + ("not", "and", "or", "because", "i think", "it was", "the")),
    min_size=1,
    max_size=5,
).map(" ".join)


@PROPERTY
@given(question=sane_questions(), response=typed)
@example(
    question=Question(
        id="q", type="short", prompt="Who?", answer=(("U.S.-backed militias",),), distractors=("New York",)
    ),
    response="U.S.-backed militias New York",
)  # regression: shouted, "NEW" became an abbreviation
@example(
    question=Question(
        id="q", type="short", prompt="Who or what?", answer=(("Russia",),), distractors=("Deir al-Zor",)
    ),
    response="Russia Deir al-Zor 100%",
)  # regression (make fuzz): "%" made a shouted answer lower case
def test_case_and_surrounding_spaces_do_not_change_a_grade(question, response):
    expected = grade(question, response)
    for variant in case_and_spaces(response):
        result = grade(question, variant)
        assert (result.score, result.matched) == (expected.score, expected.matched), variant


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


@PROPERTY
@given(question=sane_questions().filter(lambda q: q.type == "choice" and letters(q.answer[0][0]) > 3))
@example(
    question=Question(
        id="q",
        type="choice",
        prompt="Which town?",
        answer=(("al-Sukhna",),),
        choices=("Damascus", "al-Sukhna", "Raqqa"),
    )
)  # regression: typed "AL-SUKHNA" scored 0
@example(
    question=Question(
        id="q",
        type="choice",
        prompt="Which region?",
        answer=(("Deir al-Zor",),),
        choices=("Deir al-Zor", "Raqqa"),
    )
)
def test_a_typed_option_in_capitals_or_lower_case_is_that_option(question):
    """A pupil who types the option rather than clicking it, in any case, picked it."""
    right = question.answer[0][0]
    for typed in (right.upper(), right.lower(), f" {right.upper()} "):
        result = grade(question, typed)
        assert result.verdict == "correct", (typed, result.feedback)


# --- numbers and ideas (issue 12) ---------------------------------------------------------------------

SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    """English number words, as a pupil writes them ("three hundred and forty-two"), up to millions."""
    if n < 20:
        return SMALL[n]
    if n < 100:
        return TENS[n // 10] + ("-" + SMALL[n % 10] if n % 10 else "")
    for size, name in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            rest = n % size
            joiner = "" if not rest else " and " if rest < 100 else " "
            return f"{in_words(n // size)} {name}{joiner}{in_words(rest) if rest else ''}"
    raise AssertionError(n)


def number_key(n: int) -> Question:
    return Question(id="n", type="short", prompt="How many were there?", answer=((f"{n:,}",),))


@PROPERTY
@given(n=st.integers(0, 5_000_000))
@example(n=1)  # regression: "ONE" in capitals was read as the abbreviation O.N.E.
@example(n=1_000_012)  # "one million and twelve"
@example(n=1945)
def test_a_number_in_words_or_digits_is_that_number(n):
    question = number_key(n)
    for written in (str(n), f"{n:,}", in_words(n), f"about {n}", in_words(n).upper()):
        assert grade(question, written).verdict == "correct", written
    for other in (str(n + 1), in_words(n + 10)):
        assert grade(question, other).verdict == "incorrect", other


IDEA_WORDS = (
    "volcanic",
    "coastal",
    "urban",
    "tropical",
    "erosion",
    "migration",
    "pollution",
    "farming",
    "habitat",
    "glacier",
    "drought",
    "harvest",
    "rainfall",
    "trade",
    "tourism",
)


@PROPERTY
@given(words=st.lists(st.sampled_from(IDEA_WORDS), min_size=2, max_size=3, unique=True), data=st.data())
def test_an_idea_in_any_word_order_and_never_a_part_of_it(words, data):
    """The telling words of a lower-case key, in any order, are that idea; one of them alone is not."""
    question = Question(
        id="i", type="short", prompt="What did the report describe?", answer=((" ".join(words),),)
    )
    shuffled = data.draw(st.permutations(words))
    assert grade(question, " ".join(shuffled)).verdict == "correct", shuffled
    assert grade(question, f"the {' '.join(shuffled)}").verdict == "correct", shuffled
    assert grade(question, words[-1]).verdict == "incorrect"


ADJECTIVES = (
    "legislative",
    "judicial",
    "executive",
    "nuclear",
    "federal",
    "industrial",
    "digital",
    "tropical",
    "medical",
    "coastal",
)


@PROPERTY
@given(
    adjectives=st.lists(st.sampled_from(ADJECTIVES), min_size=2, max_size=2, unique=True),
    head=st.sampled_from(sorted(GENERIC_HEADS)),
)
@example(adjectives=["legislative", "judicial"], head="branch")
def test_a_generic_head_alone_never_earns_credit(adjectives, head):
    """For "the legislative branch": "legislative" is right, "branch" and "the judicial branch" are not."""
    right, other = adjectives
    question = Question(
        id="h", type="short", prompt="What did the report describe?", answer=((f"the {right} {head}",),)
    )
    assert grade(question, right).verdict == "correct"
    for wrong in (head, f"the {head}", f"the {other} {head}", other):
        assert grade(question, wrong).verdict == "incorrect", wrong
