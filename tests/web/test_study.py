"""Self-study in the browser's place: pick, answer, try the missed ones again, progress in a signed cookie.

The article is hand-made (five questions of every type on the seed's text),
so every verdict and score below is worked out by hand from its answers.
"""

import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from factories import SEED_PARAGRAPHS, seed_analysis
from html_tree import parse
from itsdangerous import URLSafeSerializer
from records import make_article, make_pack, make_teacher

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import study
from quizapp.text.question import Question
from quizapp.web.study import chart, progress

from .leak_check import answer_leaks

pytestmark = pytest.mark.db

CITIES = ("Beirut", "Damascus", "Moscow", "Tehran")
BACKERS = ("Iran", "Iraq", "Russia", "Turkey")
HAILED = SEED_PARAGRAPHS[1][SEED_PARAGRAPHS[1].index("Damascus hailed") :]
BACKED = SEED_PARAGRAPHS[1][: SEED_PARAGRAPHS[1].index(" Damascus hailed")]
QUESTIONS = (
    Question(
        "hailed",
        "choice",
        "Which city hailed the capture of al-Sukhna?",
        (("Damascus",),),
        choices=CITIES,
        evidence=HAILED,
    ),
    Question(
        "backers",
        "multi",
        "Which countries back the government?",
        (("Russia",), ("Iran",)),
        choices=BACKERS,
        evidence=BACKED,
    ),
    Question(
        "president",
        "short",
        "Who is Syria's president?",
        (("Bashar al-Assad", "Assad"),),
        evidence=SEED_PARAGRAPHS[0],
    ),
    Question(
        "truce",
        "truefalse",
        "Did Moscow and Washington organize a ceasefire?",
        (("true",),),
        evidence=SEED_PARAGRAPHS[3],
    ),
    Question(
        "gap",
        "cloze",
        "Peace talks aim at putting _____ back together.",
        (("Syria",),),
        evidence=SEED_PARAGRAPHS[4],
    ),
)
URL = "/study/articles/syria"
# By hand: Beirut is wrong (0), Russia alone is one of two backers (0.5), Assad (1), true (1), blank (0).
FIRST_TRY = {"q1": "Beirut", "q2": ["Russia"], "q3": "Assad", "q4": "true"}


@pytest.fixture
def library(app):
    """The hand-made article (a seed), a teacher's private and shared packs on it, a seed pack; their ids."""
    with app.app_context():
        article = make_article("syria", analysis=replace(seed_analysis(), questions=QUESTIONS))
        teacher = make_teacher()
        ids = {
            "private": make_pack(article, owner=teacher, title="Ann private").id,
            "public": make_pack(article, owner=teacher, title="Ann shared", public=True).id,
            "seed": make_pack(article, title="Seed pack").id,
            "article": article.id,
            "teacher": teacher.id,
        }
        db.session.commit()
    return ids


def form_of(response):
    """The page's answer form: its action (as the browser would request it) and CSRF token."""
    form = parse(response).find("form", class_="quiz-form")
    return form.attrs["action"], form.find("input", name="csrf_token").attrs["value"]


def answer(client, url, answers):
    """GET ``url``, then send ``answers`` to the page's form, as a browser does."""
    action, token = form_of(client.get(url))
    return client.post(action, data={"csrf_token": token, **answers})


def prompts(page):
    """The prompts of the questions on a study page, in page order."""
    return [li.find(class_="q-prompt").clean_text() for li in page.find_all("li", class_="question")]


def options(page, n):
    """The option labels of question ``n`` on the page, in page order."""
    return [label.clean_text() for label in page.by_id(f"question-{n}").find_all("label", class_="option")]


def try_again_url(response):
    """Where the results page's "try again" button goes."""
    return parse(response).find("a", **{"data-testid": "try-again"}).attrs["href"]


def study_cookie(client):
    """The progress cookie as the browser holds it, or None."""
    return client.get_cookie(progress.COOKIE, path="/study")


def progress_rows(client):
    """The progress page's attempts table: one tuple of cell texts per attempt."""
    table = parse(client.get("/study/progress")).find("table", class_="attempts")
    return (
        [
            tuple(c.clean_text() for c in row.find_all() if c.tag in ("td", "th"))
            for row in table.find("tbody").find_all("tr")
        ]
        if table
        else []
    )


# ---- picking ----------------------------------------------------------------------------------------


def test_the_study_page_lists_articles_and_public_packs_but_no_private_pack(client, library):
    page = parse(client.get("/study"))
    links = {a.clean_text(): a.attrs["href"] for a in page.find_all("a")}
    assert links["Syria's war enters a new phase"] == URL
    assert links["Seed pack"] == f"/study/packs/{library['seed']}"
    assert links["Ann shared"] == f"/study/packs/{library['public']}"
    assert "Ann private" not in page.clean_text()
    assert client.get("/study/").status_code == 200  # with or without the slash


def test_a_private_pack_is_a_404_by_get_and_post_a_public_one_is_studied(client, library):
    for method in (client.get, client.post):
        response = method(f"/study/packs/{library['private']}")
        assert response.status_code == 404 and "We can’t find that page" in response.get_data(as_text=True)
    page = parse(client.get(f"/study/packs/{library['public']}"))
    assert page.find("h1").clean_text() == "Ann shared"
    assert prompts(page) == ["Question 1?", "Question 2?", "Question 3?"]


def test_the_owner_of_a_private_pack_cannot_reach_it_here_either(client, library):
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(library["teacher"]), True  # logged in as Ann
    assert client.get(f"/study/packs/{library['private']}").status_code == 404


@pytest.mark.parametrize("url", ["/study/articles/nope", "/study/packs/99999", "/study/packs/abc"])
def test_unknown_material_is_a_404_page(client, library, url):
    response = client.get(url)
    assert response.status_code == 404 and "We can’t find that page" in response.get_data(as_text=True)


def test_the_questions_page_gives_no_answer_away(client, library):
    response = client.get(URL)
    page = parse(response)
    assert prompts(page) == [
        q.prompt.replace("_____", "").replace("  ", " ") if q.type == "cloze" else q.prompt for q in QUESTIONS
    ]
    assert answer_leaks(response.get_data(as_text=True), QUESTIONS) == []


# ---- answering and trying again ---------------------------------------------------------------------


@pytest.fixture
def first_try(client, library):
    """The results of FIRST_TRY."""
    response = answer(client, URL, FIRST_TRY)
    assert response.status_code == 200
    return response


def test_results_are_graded_as_the_quiz_grades_with_the_evidence_shown(first_try):
    page = parse(first_try)
    assert page.find("p", class_="score").clean_text() == "2.5 / 5 points"
    verdicts = [li.find(class_="verdict").clean_text()[2:] for li in page.find_all("li", class_="result")]
    assert verdicts == ["Incorrect", "Partly correct", "Correct", "Correct", "Incorrect"]
    assert [li.find("q").clean_text() for li in page.find_all("li", class_="result")] == [
        q.evidence for q in QUESTIONS
    ]
    assert page.by_id("evidence-1").attrs["href"] == "#result-1"  # marked in the article, as in the quiz


def test_try_again_asks_exactly_the_missed_questions_with_choices_reshuffled(client, first_try):
    url = try_again_url(first_try)
    assert "3 questions you missed" in parse(first_try).find("a", **{"data-testid": "try-again"}).clean_text()
    query = parse_qs(urlsplit(url).query)
    assert query["round"] == ["1"] and query["only"] == ["1,2,5"]
    page = parse(client.get(url))
    # Wrong, partly right and unanswered; not the two right ones.
    assert prompts(page) == [
        QUESTIONS[0].prompt,
        QUESTIONS[1].prompt,
        "Peace talks aim at putting back together.",
    ]
    assert "Try again on the 3 questions you missed" in page.find(class_="lead").clean_text()
    for n, stored in ((1, CITIES), (2, BACKERS)):
        shown = options(page, n)
        assert sorted(shown) == sorted(stored) and shown != list(stored)
    assert parse(client.get(url)).find("form", class_="quiz-form") is not None
    assert options(parse(client.get(url)), 1) == options(page, 1)  # the same link, the same order


def test_the_try_again_is_graded_on_its_own_questions(client, first_try):
    url = try_again_url(first_try)
    response = answer(client, url, {"q1": "Damascus", "q2": ["Russia", "Iran"]})
    page = parse(response)
    assert page.find("p", class_="score").clean_text() == "2 / 3 points"  # by hand: 1 + 1 + blank 0
    assert try_again_url(response).endswith("round=2&only=5")
    assert (
        "Try again on the 1 question you missed"
        in page.find("a", **{"data-testid": "try-again"}).clean_text()
    )


def test_all_right_offers_no_try_again(client, library):
    response = answer(
        client, URL, {"q1": "Damascus", "q2": ["Russia", "Iran"], "q3": "Assad", "q4": "true", "q5": "Syria"}
    )
    page = parse(response)
    assert page.find("p", class_="score").clean_text() == "5 / 5 points"
    assert page.find("a", **{"data-testid": "try-again"}) is None
    assert "Every answer is right" in page.clean_text()


def test_a_seed_in_the_link_fixes_a_shuffling_pack_and_grading_follows_the_page(app, client, library):
    with app.app_context():
        article = db.session.get(Article, library["article"])
        pack_id = make_pack(article, questions=6, title="Shuffled", shuffle_questions=True).id
        db.session.commit()
    orders = {tuple(prompts(parse(client.get(f"/study/packs/{pack_id}?seed={s}")))) for s in range(8)}
    assert len(orders) > 1 and all(sorted(o) == [f"Question {n}?" for n in range(1, 7)] for o in orders)
    url = f"/study/packs/{pack_id}?seed=3"
    page = parse(client.get(url))
    assert prompts(parse(client.get(url))) == prompts(page)
    response = answer(client, url, {"q1": "Answer"})  # the first question shown, whichever it is
    results = parse(response)
    first = results.by_id("result-1")
    assert first.find("h2").clean_text() == prompts(page)[0]
    assert first.find(class_="verdict").clean_text().endswith("Correct")
    assert results.find("p", class_="score").clean_text() == "1 / 6 points"


# ---- bad input --------------------------------------------------------------------------------------


def test_an_oversize_answer_gets_the_quiz_forms_message_and_records_nothing(client, library):
    response = answer(client, URL, {"q3": "Assad " * 1000})
    assert response.status_code == 422
    text = parse(response).clean_text()
    assert "That answer is too long: keep it under 500 characters (it has 6000)." in text
    assert study_cookie(client) is None and progress_rows(client) == []


@pytest.mark.parametrize(
    "query",
    ["only=9", "only=1,1", "only=abc", "round=-1", "round=99", "seed=x", "only=" + ",".join(["1"] * 300)],
)
def test_a_broken_link_says_so_and_offers_a_fresh_start(client, library, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    page = parse(response)
    assert page.find("h1").clean_text() == "This link does not work"
    assert "link" in page.find("p", class_="problem").clean_text()  # says what is wrong, not just 400
    assert page.find("a", class_="button").attrs["href"] == URL


def test_a_stale_token_keeps_the_answers_and_grades_nothing(client, library):
    action, _ = form_of(client.get(URL))
    response = client.post(action, data={"csrf_token": "stale", "q3": "Assad"})
    assert response.status_code == 400
    page = parse(response)
    assert "Your answers have not been checked yet" in page.clean_text()
    assert page.by_id("q3").attrs["value"] == "Assad" and page.find(class_="result") is None
    assert study_cookie(client) is None


# ---- progress ---------------------------------------------------------------------------------------


def test_progress_is_recorded_tabled_and_charted(client, first_try):
    answer(client, try_again_url(first_try), {"q1": "Damascus", "q2": ["Russia", "Iran"]})
    cookie = study_cookie(client)
    assert cookie.http_only and cookie.path == "/study" and cookie.same_site == "Lax"
    rows = progress_rows(client)
    assert [row[1:] for row in rows] == [
        ("Syria's war enters a new phase First try", "2.5 / 5", "50%"),
        ("Syria's war enters a new phase Try again", "2 / 3", "66.7%"),  # 66.66...
    ]
    page = parse(client.get("/study/progress"))
    done = page.find("ul", class_="done-list").find_all("li")
    assert [d.clean_text() for d in done] == [
        "Syria's war enters a new phase Article 2 attempts · best 66.7% · last 2 / 3"
    ]
    bars = page.find("svg", class_="score-chart").find_all("rect", class_="chart-bar")
    # By hand: 10 slots of (314 - 40) / 10 = 27.4 across from x = 40; bars 60% of a slot (16.44) centred
    # in it (5.48 in); the plot's floor is at y = 110 and a bar's height is its percent.
    assert [(b.attrs["x"], b.attrs["y"], b.attrs["width"], b.attrs["height"]) for b in bars] == [
        ("45.48", "60.0", "16.44", "50.0"),
        ("72.88", "43.3", "16.44", "66.7"),
    ]
    assert "chart-bar-retry" in bars[1].attrs["class"] and "chart-bar-retry" not in bars[0].attrs["class"]
    assert "2 attempts, oldest first: 50%, 66.7%." in " ".join(page.find("desc").clean_text().split())


def test_a_tampered_cookie_is_no_progress_and_is_replaced(app, client, library):
    answer(client, URL, FIRST_TRY)
    value = study_cookie(client).value
    payload, signature = value.rsplit(".", 1)
    client.set_cookie(progress.COOKIE, payload + "." + signature[::-1], path="/study")
    assert progress_rows(client) == []
    assert "Nothing here yet" in parse(client.get("/study/progress")).clean_text()
    answer(client, URL, FIRST_TRY)
    assert len(progress_rows(client)) == 1  # a fresh record, the tampered one dropped


def test_a_cookie_signed_by_another_key_or_hand_made_is_ignored(client, library):
    forged = URLSafeSerializer("another-key", salt=progress.SALT).dumps(
        [["article", "syria", "Forged", 5, 5, 0, 0]]
    )
    for value in (forged, "not-a-cookie", "x" * 4000, "e30." + "x" * 20):
        client.set_cookie(progress.COOKIE, value, path="/study")
        assert progress_rows(client) == []


def test_progress_keeps_only_the_latest_thirty_attempts(client, library):
    action, token = form_of(client.get(URL))
    for _ in range(study.MAX_ATTEMPTS + 2):
        client.post(action, data={"csrf_token": token, "q3": "Assad"})
    assert len(progress_rows(client)) == study.MAX_ATTEMPTS
    assert len(study_cookie(client).value) <= progress.MAX_BYTES


def test_a_cookie_stays_under_the_browsers_limit_with_long_titles(app):
    long = [
        study.Attempt("pack", str(n), "A title with many words " * 4, 7.5, 12, study.datetime.now(study.UTC))
        for n in range(study.MAX_ATTEMPTS)
    ]
    with app.test_request_context("/study"):
        value = progress.encode(tuple(long))
        kept = progress._serializer().loads(value)
    assert len(value) <= progress.MAX_BYTES and 0 < len(kept) <= study.MAX_ATTEMPTS


def test_forgetting_needs_the_form_token_then_deletes_the_cookie(client, first_try):
    assert client.post("/study/progress/forget").status_code == 400
    assert len(progress_rows(client)) == 1
    page = client.get("/study/progress")
    token = (
        parse(page)
        .find("form", action="/study/progress/forget")
        .find("input", name="csrf_token")
        .attrs["value"]
    )
    assert page.headers["Cache-Control"] == "no-store"  # Back after forgetting shows nothing old
    response = client.post("/study/progress/forget", data={"csrf_token": token}, follow_redirects=True)
    assert "Your progress on this device has been forgotten." in response.get_data(as_text=True)
    assert study_cookie(client) is None and progress_rows(client) == []


def test_an_empty_progress_page_says_what_to_do(client, library):
    page = parse(client.get("/study/progress"))
    assert "Nothing here yet" in page.clean_text() and page.find("svg") is None
    assert page.find("a", class_="button").attrs["href"] == "/study"


# ---- the chart's geometry ---------------------------------------------------------------------------


def test_the_chart_widens_bars_past_ten_attempts_and_shows_a_zero():
    when = study.datetime(2026, 11, 1, tzinfo=study.UTC)
    history = [study.Attempt("article", "a", "A", 0, 4, when)] + [
        study.Attempt("article", "a", "A", 4, 4, when)
    ] * 19
    drawn = chart.score_chart(history)
    # By hand: 20 slots of 274 / 20 = 13.7 from x = 40, bars 8.22 wide and 2.74 in;
    # a zero score still shows a 1.5-high sliver on the floor (y = 110).
    assert (drawn.bars[0].x, drawn.bars[0].width, drawn.bars[0].height, drawn.bars[0].y) == (
        42.74,
        8.22,
        1.5,
        108.5,
    )
    assert (drawn.bars[-1].x, drawn.bars[-1].height, drawn.bars[-1].y) == (303.04, 100.0, 10.0)
    assert [g.label for g in drawn.gridlines] == ["0%", "50%", "100%"]
    assert re.fullmatch(r"A \(first try\): 0%", drawn.bars[0].label)
