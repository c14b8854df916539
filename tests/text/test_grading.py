"""Grading as a teacher marks: every expectation below was checked by hand.

The table is written the way students write: lower case, typos, whole
sentences, hedges, the wrong country, nothing at all. Scores follow the
rule in quizapp/text/grading/grader.py: max(0, parts named - 0.5 x wrong items) / parts.
"""

import random
from pathlib import Path

import grading_table_ideas as ideas
import pytest
from corpus import ONESTOP

from quizapp.text import pipeline
from quizapp.text.grading import grader as grading
from quizapp.text.grading.answers import MAX_TOKENS, tokens
from quizapp.text.grading.grader import Grade, grade
from quizapp.text.question import Question

BACKERS = Question.from_dict(
    {
        "id": "backers",
        "type": "short",
        "prompt": "Who backs the Syrian government?",
        "answer": [["Russia", "Russian", "Russians", "Moscow"], ["Iran", "Iranian", "Iranians"]],
        "distractors": ["United States", "Iraq", "Islamic State"],
        "evidence": "Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias in "
        "the attack on Islamic State’s last major Syrian stronghold, the Deir al-Zor region that "
        "extends to the Iraqi border.",
    }
)
TOWN = Question.from_dict(
    {
        "id": "town",
        "type": "short",
        "prompt": "Which town did government forces capture?",
        "answer": [["al-Sukhna", "Sukhna"]],
        "distractors": ["Deir al-Zor", "Damascus"],
        "evidence": "Damascus hailed the capture of the town of al-Sukhna on Saturday as a big step in that direction.",
    }
)
LEADER = Question.from_dict(
    {
        "id": "leader",
        "type": "short",
        "prompt": "Who leads the government in Damascus?",
        "answer": [["Bashar al-Assad", "Assad"]],
        "distractors": ["Vladimir Putin", "Hassan Rouhani"],
    }
)
# No "Putin" in the forms: the family name alone must still count.
PRESIDENT = Question.from_dict(
    {
        "id": "president",
        "type": "short",
        "prompt": "Who is Russia's president?",
        "answer": [["Vladimir Putin"]],
        "distractors": ["Dmitry Medvedev"],
    }
)
# No nationalities in the forms: the gazetteer supplies "Russians", "Iranians".
BARE = Question.from_dict(
    {
        "id": "bare",
        "type": "short",
        "prompt": "Who backs the Syrian government?",
        "answer": [["Russia"], ["Iran"]],
        "distractors": ["Iraq"],
    }
)
ENEMY = Question.from_dict(
    {
        "id": "enemy",
        "type": "short",
        "prompt": "Who holds the last stronghold in Deir al-Zor?",
        "answer": [["Islamic State", "ISIS", "IS"]],
        "distractors": ["Syrian government"],
    }
)
MILITIAS = Question.from_dict(
    {
        "id": "militias",
        "type": "short",
        "prompt": "Which country backs the militias?",
        "answer": [["United States", "U.S."]],
        "distractors": ["Russia"],
    }
)
# An answer that is a description, not a name: its words may come in any order.
MARCH = Question.from_dict(
    {
        "id": "march",
        "type": "short",
        "prompt": "Who does the government hope to steal a march on?",
        "answer": [["U.S.-backed militias"]],
        "distractors": ["Islamic State"],
        "evidence": "Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias in "
        "the attack on Islamic State’s last major Syrian stronghold.",
    }
)
COUNT = Question.from_dict(
    {
        "id": "count",
        "type": "short",
        "prompt": "How many countries back the government?",
        "answer": [["2"]],
    }
)
REGION = Question.from_dict(
    {
        "id": "region",
        "type": "choice",
        "prompt": "Which region is Islamic State's last major Syrian stronghold?",
        "answer": [["Deir al-Zor", "Deir ez-Zor"]],
        "choices": ["Deir al-Zor", "al-Sukhna", "Damascus", "Raqqa"],
    }
)
PICK = Question.from_dict(
    {
        "id": "pick",
        "type": "multi",
        "prompt": "Which of these back the Syrian government?",
        "answer": [["Russia"], ["Iran"]],
        "choices": ["Russia", "Iran", "Iraq", "United States"],
    }
)
FALSE = Question.from_dict(
    {
        "id": "us-backs",
        "type": "truefalse",
        "prompt": "The United States backs the Syrian government.",
        "answer": [["false"]],
    }
)
TRUE = Question.from_dict(
    {
        "id": "russia-backs",
        "type": "truefalse",
        "prompt": "Russia backs the Syrian government.",
        "answer": [["true"]],
    }
)
CLOZE = Question.from_dict(
    {
        "id": "cloze",
        "type": "cloze",
        "prompt": "Damascus hailed the capture of the town of _____ on Saturday.",
        "answer": [["al-Sukhna", "Sukhna"]],
        "distractors": ["Deir al-Zor"],
        "evidence": "Damascus hailed the capture of the town of al-Sukhna on Saturday as a big step in that direction.",
    }
)
QUESTIONS = (
    BACKERS,
    TOWN,
    LEADER,
    PRESIDENT,
    BARE,
    ENEMY,
    MILITIAS,
    MARCH,
    COUNT,
    REGION,
    PICK,
    FALSE,
    TRUE,
    CLOZE,
)

TABLE = [
    # Both backers, however written.
    (BACKERS, "Russia and Iran", 1),
    (BACKERS, "i think its russia and iran", 1),
    (BACKERS, "Russians and the Iranians", 1),
    (BACKERS, "iran & russia", 1),
    (BACKERS, "Russia, Iran", 1),
    (BACKERS, "Iran plus Russia", 1),
    (BACKERS, "russia/iran", 1),
    (BACKERS, "RUSSIA AND IRAN", 1),
    (BACKERS, "Russia and Iran?", 1),
    (BACKERS, "Rusia and Iarn", 1),
    (BACKERS, "Russai and Irna", 1),
    (BACKERS, "it's Russia and Iran because they back Assad", 1),
    (BACKERS, "Russia and Iran back the Syrian government", 1),
    (BACKERS, "Russia and Iran, because the US backs the militias instead", 1),
    (BACKERS, "not the US but Russia and Iran", 1),
    (BACKERS, "the Russians and the Iranians, not the Americans", 1),
    # Other names in a sentence about the answer are no hedge.
    (BACKERS, "Russia and Iran fight Islamic State", 1),
    (BACKERS, "Russia and Iran in Syria", 1),
    (BACKERS, "Russia and Iran, while the US backs the militias", 1),
    # One of the two.
    (BACKERS, "Russia", 0.5),
    (BACKERS, "the russians", 0.5),
    (BACKERS, "Moscow", 0.5),
    (BACKERS, "Russia Russia Russia", 0.5),
    (BACKERS, "Iran, not Iraq", 0.5),
    (BACKERS, "Moscow and Tehran", 0.5),  # Tehran is not in the key, but is no wrong country either
    (BACKERS, "Irak and Russia", 0.5),  # "Irak" is as near Iraq as Iran: neither
    # Wrong extras and hedges cost half a part each.
    (BACKERS, "Russia, Iran and Iraq", 0.75),
    (BACKERS, "Iraq and Russia", 0.25),
    (BACKERS, "Russia or the United States", 0.25),
    (BACKERS, "Russia and Syria", 0.25),
    (BACKERS, "Russia, Iran, Iraq and the US", 0.5),
    (BACKERS, "i think Iraq and Russia", 0.25),
    # Wrong.
    (BACKERS, "Iraq", 0),
    (BACKERS, "Iraq and Syria", 0),
    (BACKERS, "the United States", 0),
    (BACKERS, "Islamic State", 0),
    (BACKERS, "Persia", 0),
    (BACKERS, "Hezbollah", 0),
    (BACKERS, "not Russia", 0),
    (BACKERS, "neither Russia nor Iran", 0),
    (BACKERS, "idk", 0),
    (BACKERS, "", 0),
    (BACKERS, "روسيا", 0),
    # The town.
    (TOWN, "al-Sukhna", 1),
    (TOWN, "al sukhna", 1),
    (TOWN, "Sukhna", 1),
    (TOWN, "Al-Sukhna", 1),
    (TOWN, "As-Sukhna", 1),
    (TOWN, "alsukhna", 1),
    (TOWN, "the town of al-Sukhna", 1),
    (TOWN, "I think it was al-Sukhna", 1),
    (TOWN, "Sukna", 1),
    (TOWN, "Suhkna", 1),
    (TOWN, "sukhnah", 1),
    (TOWN, "Sakhna", 1),
    (TOWN, "not Damascus, al-Sukhna", 1),
    (TOWN, "Damascus hailed the capture of the town of al-Sukhna", 1),  # copied from the text
    (TOWN, "al-Sukhna near Deir al-Zor", 1),
    (TOWN, "al-Sukhna or Damascus", 0.5),
    (TOWN, "Sukhna, Deir al-Zor", 0.5),
    (TOWN, "Damascus", 0),
    (TOWN, "Deir al-Zor", 0),
    (TOWN, "Deir ez-Zor", 0),
    (TOWN, "Suk", 0),
    (TOWN, "Palmyra", 0),
    (TOWN, "Sukhna or Damascus or Deir al-Zor", 0),
    (TOWN, "idk", 0),
    (TOWN, "<script>alert(1)</script>", 0),
    (TOWN, "🤷", 0),
    (TOWN, "x" * 100_000, 0),
    (TOWN, "Sukhna " + "and so on " * 10_000, 1),
    # People: the family name is enough, the first name is not.
    (LEADER, "Assad", 1),
    (LEADER, "bashar al assad", 1),
    (LEADER, "President Bashar al-Assad", 1),
    (LEADER, "Bashar Assad", 1),
    (LEADER, "al-Asad", 1),
    (LEADER, "Bashar", 0),
    (LEADER, "Putin", 0),
    (LEADER, "Assad or Putin", 0.5),
    (PRESIDENT, "Putin", 1),
    (PRESIDENT, "mr putin", 1),
    (PRESIDENT, "Vladimir Putin", 1),
    (PRESIDENT, "Vladimir", 0),
    (PRESIDENT, "Medvedev", 0),
    # Nationalities from the gazetteer.
    (BARE, "the Russians and the Iranians", 1),
    (BARE, "Iranians", 0.5),
    (BARE, "Iraqis and Russians", 0.25),
    # A head noun is no surname; abbreviations are names.
    (ENEMY, "Islamic State", 1),
    (ENEMY, "isis", 1),
    (ENEMY, "IS", 1),
    (ENEMY, "the islamic states", 1),
    (ENEMY, "the state", 0),
    (ENEMY, "the Syrian government", 0),
    (MILITIAS, "the US", 1),
    (MILITIAS, "USA", 1),
    (MILITIAS, "America", 1),
    (MILITIAS, "the Americans", 1),
    (MILITIAS, "us", 1),
    (MILITIAS, "they want to help us", 0),
    (MILITIAS, "Russia", 0),
    (MARCH, "US-backed militias", 1),
    (MARCH, "the militias backed by the US", 1),
    (MARCH, "militas backed by the U.S.", 1),
    (MARCH, "the US backed militias in the attack on Islamic State", 1),
    (MARCH, "Islamic State and US-backed militias", 0.5),
    (MARCH, "militias", 0),
    (MARCH, "Islamic State", 0),
    # Numbers.
    (COUNT, "two", 1),
    (COUNT, "2", 1),
    (COUNT, "Two countries", 1),
    (COUNT, "3", 0),
    # Choice: a form of the answer, or its letter.
    (REGION, "Deir al-Zor", 1),
    (REGION, "deir al zor", 1),
    (REGION, "Deir ez-Zor", 1),
    (REGION, "a", 1),
    (REGION, "b", 0),
    (REGION, "al-Sukhna", 0),
    (REGION, ["Deir al-Zor"], 1),
    (REGION, None, 0),
    (REGION, 42, 0),
    # Multi: right picks less wrong picks.
    (PICK, ["Russia", "Iran"], 1),
    (PICK, ["Iran", "Russia"], 1),
    (PICK, "Russia, Iran", 1),
    (PICK, "russia & iran", 1),
    (PICK, "Russia and Iran", 1),
    (PICK, ["Russia"], 0.5),
    (PICK, ["Russia", "Russia"], 0.5),
    (PICK, ["Russia", "Iran", "Iraq"], 0.5),
    (PICK, ["Russia", "Iraq"], 0),
    (PICK, ["Iraq", "United States"], 0),
    (PICK, [], 0),
    (PICK, [None, 3, {"x": 1}], 0),
    # True or false.
    (FALSE, "false", 1),
    (FALSE, "False", 1),
    (FALSE, "f", 1),
    (FALSE, "no", 1),
    (FALSE, "it's not true", 1),
    (FALSE, False, 1),
    (FALSE, "true", 0),
    (FALSE, "yes", 0),
    (FALSE, "T", 0),
    (FALSE, "true or false", 0),
    (FALSE, "maybe", 0),
    (TRUE, "yes", 1),
    (TRUE, "it's true", 1),
    (TRUE, "not false", 1),
    (TRUE, "I don't think it is true", 0),
    # Cloze: the blank, or the whole sentence filled in.
    (CLOZE, "al-Sukhna", 1),
    (CLOZE, "Sukhna", 1),
    (CLOZE, "sukhana", 1),
    (CLOZE, "Damascus hailed the capture of the town of al-Sukhna on Saturday.", 1),
    (CLOZE, "Deir al-Zor", 0),
    (CLOZE, "Raqqa", 0),
]
NAMES_TABLE = TABLE
TABLE = NAMES_TABLE + ideas.TABLE  # ideas, numbers, reasons, places and people: grading_table_ideas.py


def _id(case) -> str:
    question, response, _ = case
    shown = repr(response) if len(repr(response)) < 40 else repr(response)[:30] + "..."
    return f"{question.id}:{shown}"


@pytest.mark.parametrize("question,response,score", TABLE, ids=[_id(c) for c in TABLE])
def test_grading_table(question, response, score):
    result = grade(question, response)
    expected = "correct" if score == 1 else "incorrect" if score == 0 else "partial"
    assert (result.score, result.verdict) == (pytest.approx(score), expected), result.feedback


def test_table_is_large_and_varied():
    assert len(TABLE) >= 300
    assert len(ideas.CONCEPTS) + len(ideas.NUMBERS) + len(ideas.REASONS) >= 100
    verdicts = {grade(q, r).verdict for q, r, _ in TABLE}
    assert verdicts == {"correct", "partial", "incorrect"}


@pytest.mark.parametrize(
    "question,response,feedback",
    [
        (BACKERS, "Russia and Iran", "Correct."),
        (BACKERS, "Russia", "Partly right: you named Russia; the answer also includes Iran."),
        (BACKERS, "Russia, Iran and Iraq", "Partly right: Russia and Iran are right, but Iraq is not."),
        (
            BACKERS,
            "Iraq and Russia",
            "Partly right: you named Russia; the answer also includes Iran, and Iraq is not part of it.",
        ),
        (TOWN, "Damascus", "Not quite: the answer is al-Sukhna, not Damascus."),
        (TOWN, "idk", "Not quite: the answer is al-Sukhna."),
        (TOWN, "Sukna", "Correct (spelled al-Sukhna)."),
        (TOWN, "  ", "No answer given."),
        (TOWN, None, "No answer given."),
        (LEADER, "Putin", "Not quite: the answer is Bashar al-Assad, not Vladimir Putin."),
        (REGION, "Raqqa", "Not quite: the answer is Deir al-Zor."),
        (PICK, ["Russia"], "Partly right: you picked Russia; the answer also includes Iran."),
        (PICK, ["Russia", "Iran", "Syria"], "Partly right: Russia and Iran are right, but Syria is not."),
        (
            PICK,
            ["Russia", "Iran", "xyz"],
            "Partly right: Russia and Iran are right, but 1 other pick is not.",
        ),
        (FALSE, "yes", "Not quite: the statement is false."),
        (FALSE, "true or false", "Answer true or false."),
    ],
)
def test_feedback(question, response, feedback):
    assert grade(question, response).feedback == feedback


def test_grade_carries_answer_and_evidence_for_the_feedback_page():
    result = grade(TOWN, "Sukhna")
    assert isinstance(result, Grade)
    assert result.to_dict() == {
        "score": 1.0,
        "verdict": "correct",
        "matched": [True],
        "feedback": "Correct.",
        "answer": "al-Sukhna",
        "evidence": TOWN.evidence,
    }


def test_matched_names_each_part():
    assert grade(BACKERS, "Iranians").matched == (False, True)
    assert grade(PICK, ["Russia", "Iraq"]).matched == (True, False)


def test_feedback_never_repeats_the_response():
    """Feedback is built from the question alone, so nothing a student types is echoed into a page."""
    for response in ("<script>alert(1)</script>", "Russia <b>and</b> Iran <img src=x>", "Iraq <script>"):
        assert "<" not in grade(BACKERS, response).feedback


def test_huge_input_is_read_only_in_part():
    assert len(tokens("word " * 100_000)) <= MAX_TOKENS


JUNK = [
    None,
    0,
    -1,
    1.5,
    float("nan"),
    10**5000,
    True,
    False,
    [],
    [[["x"]]],
    ["a", ["b", ["c"]]],
    {"a": 1},
    b"Russia \xff",
    bytearray(b"x"),
    object(),
    "",
    " \n\t ",
    "\x00\x01",
    "ـــ",
    "‮Iran",
    "Ｒｕｓｓｉａ",
    "a" * 200_000,
    "<" * 5000,
    "al-" * 3000,
    "not " * 1000,
    "U.S." * 1000,
    "Iran" * 5000,
    "😀" * 10_000,
    "俄罗斯和伊朗",
    "روسيا وإيران",
    "Россия и Иран",
    "İran",
    "ß" * 50,
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_any_input_gets_a_grade(question):
    rng = random.Random(question.id)
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ-.,'’&/<>\"\\0123456789\n\té漢字عربيя😀\u200b\u0301"
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    for response in JUNK + randoms:
        result = grade(question, response)
        assert 0 <= result.score <= 1
        assert result.verdict in {"correct", "partial", "incorrect"}
        assert len(result.matched) == len(question.answer)
        assert result.feedback


def test_a_question_with_odd_forms_still_grades():
    odd = Question.from_dict(
        {"type": "short", "prompt": "?", "answer": [["?!"], ["The"], ["IN"]], "distractors": ["", "-"]}
    )
    assert grade(odd, "the").verdict in {"partial", "incorrect"}
    assert grade(odd, "").feedback == "No answer given."


ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "seeds" / "reuters-syria-new-phase.txt"] + [
    ONESTOP / f"{name}.txt" for name in ("amazon-adv", "nsa-scandal-adv", "teff-ele", "kate-and-william-adv")
]


def own_answer(question: Question):
    """What a student who knows the answer sends: the shown forms, as the question type takes them."""
    if question.type == "multi":
        return [part[0] for part in question.answer]
    return " and ".join(part[0] for part in question.answer)


@pytest.mark.parametrize("path", [p for p in ARTICLES if p.exists()], ids=lambda p: p.stem)
def test_generated_questions_accept_their_answer_and_reject_their_distractors(nlp, path):
    """The generator's questions and the grader agree: every form right, every distractor wrong."""
    analysis = pipeline.analyse(path.read_text(encoding="utf-8-sig"), nlp)
    assert analysis.questions
    for question in analysis.questions:
        assert grade(question, own_answer(question)).verdict == "correct", question.prompt
        if question.type in {"short", "cloze"}:
            for form in (f for part in question.answer for f in part):
                assert grade(question, form).score > 0, (question.prompt, form)
        if question.type != "truefalse":
            for wrong in question.distractors:
                sent = [wrong] if question.type == "multi" else wrong
                assert grade(question, sent).verdict == "incorrect", (question.prompt, wrong)


def test_a_place_may_be_named_without_its_area_noun():
    """ "based at Camp Bastion in _____": "Helmand" is as right as "Helmand Province"."""
    from quizapp.text.questions.distractors import answer_forms
    from quizapp.text.types import Actor

    forms = answer_forms(
        Actor(id="helmand", name="Helmand Province", kind="place", aliases=(), role="", mentions=1)
    )
    assert "Helmand" in forms
    assert "Rhode" not in answer_forms(
        Actor(id="ri", name="Rhode Island", kind="place", aliases=(), role="", mentions=1)
    )


# ---- the grader's vocabulary, used by models, services and pages --------------------------------


def test_feedback_adds_only_what_the_verdict_does_not_already_say():
    assert not grading.feedback_adds("Correct.")
    assert not grading.feedback_adds("No answer given.")
    assert not grading.feedback_adds("")
    assert grading.feedback_adds("Correct (spelled al-Sukhna).")
    assert grading.feedback_adds("Not quite: the answer is al-Sukhna.")


def test_a_plain_right_answer_has_nothing_to_add_and_a_wrong_one_says_the_answer():
    question = Question(
        id="q1",
        type="short",
        prompt="Which town did government forces capture?",
        answer=(("al-Sukhna",),),
        evidence="Government forces captured the town of al-Sukhna.",
    )
    right, wrong = grading.grade(question, "al-Sukhna"), grading.grade(question, "Palmyra")
    assert right.verdict == "correct" and not right.feedback_adds
    assert wrong.verdict in grading.VERDICTS and wrong.verdict == "incorrect"
    assert wrong.feedback_adds and "al-Sukhna" in wrong.feedback


@pytest.mark.parametrize("answer", ["British people", "the British", "British", "Britons", "Brits"])
def test_a_nations_people_are_named_by_their_nationality(answer):
    """ "_____ have fewer strong friendships than other Europeans": wnl-loneliness-ele's key "British
    people" told the pupil who wrote "the British" "Not quite … not United Kingdom" (a false key)."""
    q = Question(
        id="q1",
        type="cloze",
        prompt="_____ have fewer strong friendships than other Europeans.",
        answer=(("British people",),),
        evidence="British people have fewer strong friendships than other Europeans.",
    )
    assert grade(q, answer).verdict == "correct"
