"""The quiz page as a pupil gets it: the form, no answer key before submitting, CSRF, results, bad input."""

import re
from dataclasses import replace

import pytest
from factories import SEED_PARAGRAPHS, seed_analysis
from html_tree import Node, parse

from quizapp import create_app
from quizapp.services import articles as articles_service
from quizapp.text.question import BLANK, Question
from quizapp.text.types import Span

from .leak_check import answer_leaks

pytestmark = pytest.mark.db

SEED_SLUG = "reuters-syria-new-phase"
QUIZ_URL = f"/articles/{SEED_SLUG}/quiz"
INPUT_TYPES = {"short": "text", "cloze": "text", "choice": "radio", "multi": "checkbox", "truefalse": "radio"}


@pytest.fixture
def seed(seed_article):
    """The seed's analysis as stored in the app's database (the real pipeline's, made once per run)."""
    return seed_article.analysis


@pytest.fixture
def quiz_page(client, seed):
    """The GET response of the seed's quiz."""
    response = client.get(QUIZ_URL)
    assert response.status_code == 200
    return response


def csrf_token(response) -> str:
    """The CSRF token the page's form carries."""
    return parse(response).find("input", name="csrf_token").attrs["value"]


def number_of(seed, prompt_part: str) -> int:
    """The page number of the one seed question whose prompt contains ``prompt_part``."""
    found = [n for n, q in enumerate(seed.questions, start=1) if prompt_part in q.prompt]
    assert len(found) == 1, f"expected one seed question asking {prompt_part!r}, found {len(found)}"
    return found[0]


def submit(client, seed, answers: dict, token=None):
    """POST ``answers`` (prompt piece -> response) as the browser would: field ``q<n>``, the page's token."""
    token = csrf_token(client.get(QUIZ_URL)) if token is None else token
    data = {f"q{number_of(seed, part)}": value for part, value in answers.items()}
    return client.post(QUIZ_URL, data={"csrf_token": token, **data})


# ---- the form ------------------------------------------------------------------------------------


def test_reading_page_offers_the_quiz_with_its_question_count(client, seed):
    page = parse(client.get(f"/articles/{SEED_SLUG}"))
    link = page.find("a", href=QUIZ_URL)
    assert link is not None and link.clean_text() == f"Take the quiz ({len(seed.questions)} questions)"
    assert "button" in link.attrs["class"]


def test_every_question_has_its_number_skill_label_and_input(quiz_page, seed):
    page = parse(quiz_page)
    form = page.find("form", class_="quiz-form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == QUIZ_URL
    assert len(form.find_all("li", class_="question")) == len(seed.questions) >= 8  # a set: issue 11
    for n, question in enumerate(seed.questions, start=1):
        block = page.by_id(f"question-{n}")
        assert f"Question {n}" in block.find(class_="q-meta").clean_text()
        assert block.find("span", class_="badge").clean_text() == question.skill
        inputs = block.find_all("input", name=f"q{n}")
        assert {i.attrs["type"] for i in inputs} == {INPUT_TYPES[question.type]}, question.prompt
        check_label(block, question, inputs)


def check_label(block: Node, question: Question, inputs: list[Node]) -> None:
    """Every input is labelled by what the pupil reads: the prompt, its sentence, or its option."""
    if question.type in ("short", "cloze"):
        (box,) = inputs
        label = block.find("label", **{"for": box.attrs["id"]})
        expected = question.prompt.replace(BLANK, " ")
        assert label.clean_text() == " ".join(expected.split())
        assert (box in list(label.walk())) == (question.type == "cloze")  # the box sits in the gap
        return
    assert block.find("fieldset").find("legend").clean_text() == question.prompt
    labels = block.find_all("label", class_="option")
    shown = [label.clean_text() for label in labels]
    values = [label.find("input").attrs["value"] for label in labels]
    if question.type == "truefalse":
        assert values == ["true", "false"] and shown in (["Yes", "No"], ["True", "False"])
    else:
        assert values == shown == list(question.choices)  # stored order, never answer-first
    if question.type == "multi":
        assert "Pick all that apply." in block.clean_text()


def test_the_article_text_is_on_the_quiz_page(quiz_page, seed):
    text = parse(quiz_page).by_id("article-text")
    assert text.tag == "details" and "open" in text.attrs
    assert [p.clean_text() for p in text.find("div", class_="article-body").find_all("p")] == [
        " ".join(p.split()) for p in seed.article.paragraphs
    ]


# ---- no answer key before submitting -------------------------------------------------------------


def test_the_quiz_page_gives_no_answer_away(quiz_page, seed):
    assert answer_leaks(quiz_page.get_data(as_text=True), seed.questions) == []


def inject_into_question(html, n, snippet):
    """``html`` with ``snippet`` added at the end of question ``n``'s block."""
    start = html.index(f'id="question-{n}"')
    end = html.index("</li>", start)
    return html[:end] + snippet + html[end:]


@pytest.mark.parametrize(
    "leak",
    [
        lambda html, town: inject_into_question(html, town, '<span class="visually-hidden">al-Sukhna</span>'),
        lambda html, town: html.replace(f'id="q{town}"', f'id="q{town}" placeholder="e.g. Al Sukhna"', 1),
        lambda html, town: re.sub(rf'(<input [^>]*id="q{town}"[^>]*value=")"', r'\1al-Sukhna"', html),
        lambda html, town: inject_into_question(
            html, town, '<input type="hidden" name="k" value="al-sukhna">'
        ),
        lambda html, town: html.replace('class="question', 'data-answer="x" class="question', 1),
        lambda html, town: html.replace('type="radio"', 'type="radio" checked', 1),
        lambda html, town: html.replace("<p>Backed by", '<p><mark class="evidence">Backed by', 1),
        lambda html, town: inject_into_question(html, town, "<p>Not quite: try again.</p>"),
    ],
    ids=[
        "hidden-text",
        "placeholder",
        "prefilled",
        "hidden-input",
        "data-attribute",
        "preselected",
        "marked-evidence",
        "feedback",
    ],
)
def test_the_leak_check_catches_a_leak(quiz_page, seed, leak):
    """The check above can fail: each way of giving an answer away is reported."""
    html = leak(
        quiz_page.get_data(as_text=True), number_of(seed, "Which town did government forces capture?")
    )
    assert answer_leaks(html, seed.questions) != []


# ---- CSRF ----------------------------------------------------------------------------------------


def test_csrf_is_on_for_these_tests(app):
    """The POST tests below send the page's token because the test app checks it, as production does."""
    assert app.config["WTF_CSRF_ENABLED"] is True and app.config["WTF_CSRF_CHECK_DEFAULT"] is True


@pytest.mark.parametrize("token", ["", "not-a-token"], ids=["missing", "wrong"])
def test_a_post_without_a_valid_token_is_refused_but_keeps_the_answers(client, seed, token):
    response = submit(client, seed, {"Which town did government forces capture?": "al-Sukhna"}, token=token)
    assert response.status_code == 400
    page = parse(response)
    assert "Your answers have not been checked yet" in page.clean_text()
    assert page.find("h1").clean_text().startswith("Quiz:") and page.find(class_="result") is None
    town = number_of(seed, "Which town did government forces capture?")
    assert page.by_id(f"q{town}").attrs["value"] == "al-Sukhna"
    fresh = csrf_token(response)
    assert fresh and fresh != token
    assert client.post(QUIZ_URL, data={"csrf_token": fresh, f"q{town}": "al-Sukhna"}).status_code == 200


def test_an_unknown_article_with_a_bad_token_is_still_a_404(client):
    response = client.post("/articles/no-such-article/quiz", data={"q1": "x"})
    assert response.status_code == 404 and "We can’t find that page" in response.get_data(as_text=True)


# ---- results -------------------------------------------------------------------------------------

MIXED = {  # prompt piece -> (response, verdict word, points shown)
    "Who backs the Syrian government?": ("russia and iran", "Correct", "1"),
    "Which country backs the truces?": ("Russia", "Correct", "1"),
    "Which town did government forces capture?": ("Damascus", "Incorrect", "0"),
    "Which region is Islamic State’s last major Syrian stronghold?": ("Deir al-Zor", "Correct", "1"),
    "Which of these organized one of the ceasefires": (["Russia"], "Partly correct", "0.5"),
    "Does the United States back the militias?": ("false", "Incorrect", "0"),
    "Who is Syria’s president?": ("Bashar al Asad", "Correct", "1"),  # misspelt, still right
}


@pytest.fixture
def results(client, seed):
    """The results page for the MIXED answers."""
    response = submit(client, seed, {part: response for part, (response, _, _) in MIXED.items()})
    assert response.status_code == 200
    return parse(response)


def test_results_show_the_total_and_the_chart(results, seed):
    total = len(seed.questions)
    score = results.find("p", class_="score").clean_text()
    assert score == f"4.5 / {total} points"  # by hand: 1 + 1 + 0 + 1 + 0.5 + 0 + 1
    counts = {
        row.attrs["class"].split()[-1]: row.find(class_="bar-count").clean_text()
        for row in results.find_all("li", class_="bar-row")
    }
    assert counts == {
        "verdict-correct": f"4 of {total}",
        "verdict-partial": f"1 of {total}",
        "verdict-incorrect": f"{total - 5} of {total}",
    }
    assert results.find("a", href=QUIZ_URL).clean_text() == "Try again"


def test_each_result_shows_answer_verdict_points_correct_answer_and_evidence(results, seed):
    for part, (response, verdict, points) in MIXED.items():
        n = number_of(seed, part)
        question = seed.questions[n - 1]
        block = results.by_id(f"result-{n}")
        assert block.find(class_="verdict").clean_text().endswith(verdict), part
        assert block.find(class_="verdict-icon").clean_text() in "✓◐✗"  # an icon as well as the word
        assert block.find(class_="result-points").clean_text() == f"{points} / 1 point"
        shown = ", ".join(response) if isinstance(response, list) else response
        if question.type == "truefalse":
            shown = {"true": "Yes", "false": "No"}[response]
        assert block.find("dd", **{"data-testid": "response"}).clean_text() == shown
        assert block.find("q").clean_text() == question.evidence
        link = block.find("a", class_="evidence-link")
        anchor = results.by_id(f"evidence-{n}")
        assert link.attrs["href"] == f"#evidence-{n}" and anchor.attrs["href"] == f"#result-{n}"
        mark = anchor.parent.parent
        assert mark.tag == "mark" and question.evidence in mark.clean_text()


def test_the_town_question_shows_the_right_town_feedback_and_its_sentence(results, seed):
    block = results.by_id(f"result-{number_of(seed, 'Which town did government forces capture?')}")
    assert block.find("dd", **{"data-testid": "answer"}).clean_text() == "al-Sukhna"
    assert block.find(class_="feedback").clean_text() == "Not quite: the answer is al-Sukhna, not Damascus."
    town = number_of(seed, "Which town did government forces capture?")
    assert "the town of al-Sukhna" in results.by_id(f"evidence-{town}").parent.parent.clean_text()


def test_the_article_is_shown_whole_with_the_evidence_marked(results, seed):
    body = results.by_id("article-text").find("div", class_="article-body")
    paragraphs = body.find_all("p")
    assert len(paragraphs) == len(seed.article.paragraphs)
    for p, text in zip(paragraphs, seed.article.paragraphs):
        assert " ".join(p.text(skip="evidence-refs").split()) == " ".join(text.split())
    anchors = {a.attrs["id"] for a in body.find_all("a", class_="evidence-ref")}
    assert anchors == {f"evidence-{n}" for n in range(1, len(seed.questions) + 1)}


def test_an_empty_submission_is_graded(client, seed):
    response = submit(client, seed, {})
    assert response.status_code == 200
    page = parse(response)
    assert page.find("p", class_="score").clean_text() == f"0 / {len(seed.questions)} points"
    shown = [dd.clean_text() for dd in page.find_all("dd", **{"data-testid": "response"})]
    assert shown == ["No answer given"] * len(seed.questions)


# ---- bad input -----------------------------------------------------------------------------------


def test_a_huge_answer_is_refused_with_a_clear_message_and_the_rest_kept(client, seed):
    town = "Which town did government forces capture?"
    response = submit(client, seed, {town: "al-Sukhna " * 10_000, "Who is Syria’s president?": "Assad"})
    assert response.status_code == 422
    page = parse(response)
    n = number_of(seed, town)
    assert "That answer is too long: keep it under 500 characters (it has 100000)." in page.clean_text()
    assert page.by_id(f"q{n}").attrs["aria-invalid"] == "true"
    assert page.by_id(f"q{n}").attrs["maxlength"] == "500"
    assert page.find("a", href=f"#q{n}") is not None  # the summary links to the field
    assert page.by_id(f"q{number_of(seed, 'Who is Syria’s president?')}").attrs["value"] == "Assad"


@pytest.mark.parametrize(
    "data",
    [
        {"q5": "Atlantis"},
        {"q7": ["Russia", "<script>alert(1)</script>"]},
        {"q3": "maybe"},
        {"q1": ["one", "two"], "q99": "nobody asked", "q0": "", "csrf_token_x": "?"},
        {"q1": "\x00 bad \uffff\u202e", "q2": "😀" * 100},
    ],
    ids=["unknown-choice", "unknown-pick", "unknown-truth", "odd-fields", "odd-characters"],
)
def test_tampered_or_odd_input_never_crashes(client, seed, data):
    token = csrf_token(client.get(QUIZ_URL))
    response = client.post(QUIZ_URL, data={"csrf_token": token, **data})
    html = response.get_data(as_text=True)
    if any(
        "\x00" in str(value) for value in data.values()
    ):  # every route refuses a NUL (test_unstorable_text)
        assert response.status_code == 400 and "cannot be stored (a NUL byte" in html
        return
    assert response.status_code in (200, 422)
    assert "<script>alert(1)</script>" not in html
    if response.status_code == 422:
        assert "Not a valid choice" in html or "valid choice" in html


def test_bytes_that_are_not_utf8_are_read_not_crashed_on(client, seed):
    token = csrf_token(client.get(QUIZ_URL))
    body = f"csrf_token={token}&q1=%ff%fe%c3%28Russia&q2=%ed%a0%80".encode()
    response = client.post(QUIZ_URL, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_a_post_that_is_too_big_gets_a_clean_refusal(app, client, seed):
    token = csrf_token(client.get(QUIZ_URL))
    response = client.post(
        QUIZ_URL, data={"csrf_token": token, "q1": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)}
    )
    assert response.status_code == 413


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_article_has_no_quiz(client, method):
    response = getattr(client, method)("/articles/no-such-article/quiz")
    assert response.status_code == 404
    assert "We can’t find that page" in response.get_data(as_text=True)


# ---- hand-made quizzes: no questions, hostile text -----------------------------------------------


def quiz_app(app_config, questions):
    """An app whose seed article has the hand-made analysis with ``questions``."""
    analysis = replace(seed_analysis(), questions=tuple(questions))
    app = create_app(app_config)
    with app.app_context():
        articles_service.store_article("The seed's text.", analysis, key="hand-made", slug=SEED_SLUG)
    return app.test_client()


def test_an_article_without_questions_says_so_and_offers_no_quiz(app_config):
    client = quiz_app(app_config, [])
    assert "Take the quiz" not in client.get(f"/articles/{SEED_SLUG}").get_data(as_text=True)
    page = parse(client.get(QUIZ_URL))
    assert "This article has no questions yet." in page.clean_text() and page.find("form") is None


EVIL = "<img src=x onerror=alert(1)>"


def test_hostile_question_text_is_escaped_on_the_quiz_and_the_results(app_config):
    questions = [
        Question(
            "q<1>",
            "cloze",
            f"{EVIL} said {BLANK} <b>loudly</b>",
            (("Anna",),),
            evidence=EVIL,
            evidence_span=Span(0, 0, 10),
        ),
        Question(
            'q"2',
            "choice",
            f"Pick {EVIL}",
            ((EVIL,),),
            choices=(EVIL, "<b>bold</b>"),
            evidence=SEED_PARAGRAPHS[1],
        ),
    ]
    client = quiz_app(app_config, questions)
    html = client.get(QUIZ_URL).get_data(as_text=True)
    token = csrf_token(client.get(QUIZ_URL))
    results = client.post(QUIZ_URL, data={"csrf_token": token, "q1": EVIL, "q2": EVIL}).get_data(as_text=True)
    for page in (html, results):
        assert "<img src=x" not in page and "<b>" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="#evidence-2"' in results  # found in the text without a span


def test_other_forms_without_a_token_get_the_friendly_400(app_config):
    app = create_app(app_config)
    app.add_url_rule("/some-form", "some_form", lambda: "done", methods=["POST"])
    response = app.test_client().post("/some-form", data={"name": "x"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This page has expired" in html and 'href="/"' in html
