"""The GIFT mapping, case by case: what maps onto which quizapp type, what is kept in extra, what is noted."""

from __future__ import annotations

import pytest

from quizapp.interchange import dump, load
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question

ARTICLE = PackArticle(
    title="A new phase", text="Syria's war has entered a new phase.", source="Reuters", dateline="Beirut"
)


def one(gift: str) -> tuple[Question, list[str]]:
    """The single question a GIFT snippet imports as, and the notes."""
    result = load(gift, "gift", name="snippet.gift")
    (question,) = result.pack.questions
    return question, result.skipped[:-1]  # the last note is the missing article


@pytest.mark.parametrize(
    ("gift", "expected"),
    [
        (
            "Who backs the government? {=Russia ~Iraq ~Iran}",
            dict(
                type="choice",
                prompt="Who backs the government?",
                answer=(("Russia",),),
                choices=("Russia", "Iraq", "Iran"),
                distractors=("Iraq", "Iran"),
            ),
        ),
        (
            "::q5::Grant is {~buried =entombed ~living} in Grant's tomb.",
            dict(id="q5", type="choice", prompt="Grant is _____ in Grant's tomb.", answer=(("entombed",),)),
        ),
        (
            "Who backs it? {=Russia =Russians =Moscow}",
            dict(type="short", answer=(("Russia", "Russians", "Moscow"),), distractors=()),
        ),
        (
            "Who backs it? {=Russia =%0%Iraq}",
            dict(type="short", answer=(("Russia",),), distractors=("Iraq",)),
        ),
        ("Who backs it? {Russia}", dict(type="short", answer=(("Russia",),))),
        (
            "Damascus hailed the capture of {=al-Sukhna =Sukhna} on Saturday.",
            dict(
                type="cloze",
                prompt="Damascus hailed the capture of _____ on Saturday.",
                answer=(("al-Sukhna", "Sukhna"),),
            ),
        ),
        (
            "Damascus hailed the capture of _____ {=al-Sukhna}",
            dict(type="cloze", prompt="Damascus hailed the capture of _____", answer=(("al-Sukhna",),)),
        ),
        ("Russia backs the government. {T}", dict(type="truefalse", answer=(("true",),))),
        ("Russia backs the rebels. {F}", dict(type="truefalse", answer=(("false",),))),
        ("Russia backs the government. {TRUE}", dict(type="truefalse", answer=(("true",),))),
        ("Russia backs the rebels. {FALSE}", dict(type="truefalse", answer=(("false",),))),
        ("Russia backs the rebels. {false}", dict(type="truefalse", answer=(("false",),))),
        (
            "Which back the government? {~%50%Russia ~%50%Iran ~%-50%Iraq}",
            dict(
                type="multi",
                answer=(("Russia",), ("Iran",)),
                choices=("Russia", "Iran", "Iraq"),
                distractors=("Iraq",),
                extra={},
            ),
        ),
        (
            "Who? {=Russia#Yes, Russia. ~Iraq#No: Iraq is a neighbour.}",
            dict(
                type="choice",
                extra={"feedback": {"Russia": "Yes, Russia.", "Iraq": "No: Iraq is a neighbour."}},
            ),
        ),
        (
            "Who? {=Russia ~Iraq ####Russia and Iran back the government.}",
            dict(extra={"general_feedback": "Russia and Iran back the government."}),
        ),
        (
            "True? {T#No, it is true.#Yes, it is true.}",
            dict(
                type="truefalse", extra={"feedback": {"true": "Yes, it is true.", "false": "No, it is true."}}
            ),
        ),
        ("::Q 1 \\: Assad::Who is the president? {=Assad}", dict(id="Q 1 : Assad")),
        (r"Is 2 \= 1 \+ 1 \{a\} \~b \# c\: d\\e? {=yes}", dict(prompt=r"Is 2 = 1 \+ 1 {a} ~b # c: d\e?")),
        (r"First line\nsecond line {=x}", dict(prompt="First line\nsecond line")),
        (
            "// a comment line\n::c::Who? // not a comment here\n{=Russia}",
            dict(id="c", prompt="Who? // not a comment here"),
        ),
        (
            "::h::[html]<p>Who backs <b>Assad</b>?</p><p>Name one.</p>{=Russia ~[html]<i>Iraq</i> &amp; Iran}",
            dict(prompt="Who backs Assad?\nName one.", choices=("Russia", "Iraq & Iran")),
        ),
        ("::p::[plain]<b>not html</b> {=x}", dict(prompt="<b>not html</b>")),
        ("::m::[markdown]*Who*? {=x}", dict(prompt="*Who*?")),
    ],
    ids=[
        "choice",
        "missing-word-choice",
        "short-forms",
        "short-distractor",
        "short-unmarked",
        "cloze-missing-word",
        "cloze-literal-gap",
        "true-T",
        "false-F",
        "true-TRUE",
        "false-FALSE",
        "lowercase-false",
        "multi-weights",
        "feedback",
        "general-feedback",
        "truefalse-feedback",
        "title-escapes",
        "escapes",
        "newline-escape",
        "comments",
        "html",
        "plain-mark",
        "markdown-mark",
    ],
)
def test_gift_maps_onto_quizapp_types(gift, expected):
    question, _ = one(gift)
    for field, value in expected.items():
        assert getattr(question, field) == value, field


def test_questions_without_a_title_are_numbered():
    result = load("Who? {=Russia}\n\n::q1::Where? {=Beirut}\n\nWhat? {=war}\n", "gift")
    assert [q.id for q in result.pack.questions] == ["q2", "q1", "q3"]


def test_a_title_used_twice_is_renamed_with_a_note():
    result = load("::who::Who? {=Russia}\n\n::who::Who else? {=Iran}\n", "gift")
    assert [q.id for q in result.pack.questions] == ["who", "who-2"]
    assert "line 3: the title 'who' is used twice; this question's id is 'who-2'" in result.skipped


@pytest.mark.parametrize(
    ("gift", "weights", "note"),
    [
        (
            "Pick one {=Russia ~%50%Russians ~Iraq}",
            {"Russians": 50},
            "question 1 (line 1): Moodle weights ('Russians' 50%) are kept for export, but quizapp marks a choice right or wrong",
        ),
        (
            "Who? {=Russia =%50%Moscow}",
            {"Moscow": 50},
            "question 1 (line 1): answers with part marks ('Moscow' 50%) are kept for export, but quizapp accepts only the "
            "full-mark answers",
        ),
        (
            "Which? {~%50%Russia ~%50%Iran ~%-100%Iraq}",
            {"Iraq": -100},
            "question 1 (line 1): Moodle weights ('Iraq' -100%) are kept for export, but quizapp counts one part for each "
            "right pick and takes one off for each wrong pick",
        ),
    ],
    ids=["choice-partial", "short-partial", "multi-heavier-penalty"],
)
def test_partial_credit_is_kept_in_extra_and_noted(gift, weights, note):
    question, notes = one(gift)
    assert question.extra["weights"] == weights
    assert notes == [note]
    assert "Moscow" not in question.answer[0]


def test_partial_credit_survives_gift_to_quizapp_to_gift():
    question, _ = one("Pick one {=Russia ~%50%Russians ~Iraq}")
    exported = dump(Pack(title="t", article=ARTICLE, questions=(question,)), "gift")
    assert "\t~%50%Russians\n" in exported
    assert load(exported, "gift").pack.questions == (question,)


def test_a_moodle_export_imports_with_a_note_for_everything_left_behind():
    moodle = (
        "// question: 0  name: Switch category to $course$/top/Syria\n"
        "$CATEGORY: $course$/top/Syria\n\n\n"
        "// question: 120  name: Backers\n"
        "::Backers::[html]<p>Who backs the Syrian government?</p>{\n"
        "\t~%50%Russia#[html]<p>Yes.</p>\n"
        "\t~%50%Iran\n"
        "\t~%-100%Iraq\n"
        "\t~%-100%Turkey\n"
        "}\n\n"
        "// question: 121  name: Essay\n"
        "::Essay::[html]<p>Why does the war matter?</p>{}\n\n"
        "// question: 122  name: Truce\n"
        "::Truce::[html]The truces were organised by Moscow and Washington.{TRUE#Read paragraph 4.#Well read.}\n\n"
        "// question: 123  name: Years\n"
        "::Years::[html]How many years ago was Assad in danger?{#2:0}\n"
    )
    result = load(moodle.encode("utf-8"), name="moodle-syria.txt")
    backers, truce = result.pack.questions
    assert backers.type == "multi" and backers.answer == (("Russia",), ("Iran",))
    assert backers.prompt == "Who backs the Syrian government?"
    assert backers.extra["feedback"] == {"Russia": "Yes."}
    assert truce.extra["feedback"] == {"true": "Well read.", "false": "Read paragraph 4."}
    assert result.pack.title == "moodle syria" and result.pack.article.text == ""
    assert result.skipped == [
        "line 2: $CATEGORY '$course$/top/Syria' ignored: a pack has no categories",
        "question 1 (line 6): Moodle weights ('Iraq' -100%, 'Turkey' -100%) are kept for export, but quizapp counts "
        "one part for each right pick and takes one off for each wrong pick",
        "question 1 (line 6): HTML formatting reduced to plain text",
        "question 2 (essay, line 14): Moodle essay questions have no quizapp type; skipped",
        "question 4 (numeric, line 20): Moodle numerical questions have no quizapp type; skipped",
        "no article: moodle-syria.txt has no quizapp-pack comment, so the pack's article text is empty; attach the "
        "article before pupils use the pack",
    ]


SAMPLE = Pack(
    title="Syria: a new phase",
    article=ARTICLE,
    questions=(
        Question(
            id="backers",
            type="choice",
            prompt="Who backs the {Syrian} government?",
            answer=(("Russia",),),
            choices=("Iraq", "Russia"),
            distractors=("Iraq",),
            evidence="Backed by Russia and Iran.",
            extra={"feedback": {"Iraq": "No = wrong"}},
        ),
        Question(
            id="town",
            type="cloze",
            prompt="Damascus hailed the capture of _____ on Saturday.",
            answer=(("al-Sukhna", "Sukhna"),),
            distractors=("Damascus",),
        ),
        Question(id="truce", type="truefalse", prompt="Moscow organised a truce.", answer=(("true",),)),
    ),
)


def test_export_writes_a_readable_header_and_one_paragraph_per_question():
    text = dump(SAMPLE, "gift")
    header, backers, town, truce = text.split("\n\n")
    assert header.startswith("// Pack: Syria: a new phase\n// Article: A new phase (Reuters, Beirut)\n")
    assert '// quizapp-pack: {"format": "quizapp-pack/1"}' in header
    assert backers == (
        '// quizapp: {"evidence": "Backed by Russia and Iran."}\n'
        "::backers::Who backs the \\{Syrian\\} government? {\n"
        "\t~Iraq#No \\= wrong\n"
        "\t=Russia\n"
        "}"
    )
    assert town == "::town::Damascus hailed the capture of {=al-Sukhna =Sukhna =%0%Damascus} on Saturday."
    assert truce == "::truce::Moscow organised a truce. {TRUE}\n"


def test_what_gift_cannot_hold_rides_in_the_question_comment():
    question = Question(
        id="both",
        type="short",
        prompt="Who backs the government?",
        answer=(("Russia", "Russians"), ("Iran",)),
        skill="inference",
        difficulty=0.8,
        extra={"teacher_note": "ask for both"},
    )
    text = dump(Pack(title="t", article=ARTICLE, questions=(question,)), "gift")
    assert (
        '// quizapp: {"answer": [["Russia", "Russians"], ["Iran"]], "skill": "inference", "difficulty": 0.8, '
        '"teacher_note": "ask for both"}\n::both::Who backs the government? {\n\t=Russia and Iran\n}'
    ) in text
    assert load(text, "gift").pack.questions == (question,)


def test_a_question_comment_overrides_what_its_gift_says():
    text = '// quizapp: {"skill": "vocabulary", "difficulty": 0.9}\n::w::Syria is at {=war}.\n'
    question, _ = one(text)
    assert (question.type, question.skill, question.difficulty) == ("cloze", "vocabulary", 0.9)
