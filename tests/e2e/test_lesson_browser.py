"""A whole lesson in real browsers: the teacher starts a session, two pupils join and answer, the teacher
watches the dashboard fill in live, accepts one answer, closes the session and exports the CSV."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from factories import SEED
from playwright.sync_api import expect
from teacher_login import log_in

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import packs as pack_service
from quizapp.services import teachers
from quizapp.text import pack as plain
from quizapp.text.question import Question

pytestmark = [pytest.mark.browser, pytest.mark.db]

PASSWORD = "correct horse battery"
QUESTIONS = (
    Question(
        "q1",
        "short",
        "Who backs the Syrian government?",
        (("Russia", "Moscow"), ("Iran",)),
        evidence="Backed by Russia and Iran.",
    ),
    Question(
        "q2",
        "choice",
        "Which town did government forces capture?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Deir al-Zor", "Damascus"),
    ),
    Question("q3", "truefalse", "Assad seemed in danger two years ago.", (("true",),)),
)


@pytest.fixture(scope="module")
def lesson_pack(live_app):
    """A teacher (email, password) with a pack of three questions on the seed article: the pack's id."""
    with live_app.app_context():
        teacher_id = teachers.create_teacher("lesson@school.example", "Ms Okafor", PASSWORD)
        article = db.session.scalars(sa.select(Article).where(Article.slug == SEED.stem)).one()
        data = plain.Pack(
            title="Syria: the new phase", article=pack_service.pack_article(article), questions=QUESTIONS
        )
        return pack_service.create_pack(data, article_id=article.id, owner_id=teacher_id)


@pytest.fixture
def teacher(browser, live_server):
    """The teacher's projector browser, logged in, that accepts downloads."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, base_url=live_server, accept_downloads=True
    )
    page = context.new_page()
    log_in(page, "lesson@school.example", PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Ms Okafor")).to_be_visible()
    yield page
    context.close()


def pupil_rows(page):
    return page.locator("tr[data-testid=pupil-row]")


@pytest.fixture
def pupils(browser, live_server):
    """Make pupils' browsers: each a context of its own (its own cookie), the size of a school Chromebook."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def join(page, link, name):
    """Open the join link (what the QR code holds), type a name, join."""
    page.goto(link)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text(name)


def question(page, number):
    return page.locator(f"#question-{number}")


def type_answer(page, number, text):
    """Type into question ``number``'s box and press its Save button; wait until the page says it is saved."""
    question(page, number).get_by_role("textbox").fill(text)
    question(page, number).get_by_role("button", name="Save").click()
    expect(page.get_by_test_id(f"status-{number}")).to_contain_text("Saved")


def pick(page, number, option):
    """Pick ``option`` of question ``number``: autosaved as soon as it is picked."""
    question(page, number).get_by_label(option, exact=True).check()
    expect(page.get_by_test_id(f"status-{number}")).to_contain_text("Saved")


def test_a_lesson_from_start_to_csv(teacher, pupils, lesson_pack, screenshots, tmp_path):
    page = teacher
    page.goto(f"/teacher/packs/{lesson_pack}")
    page.screenshot(path=screenshots / "session-start-pack.png")
    page.get_by_role("button", name="Start a class session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Syria: the new phase")
    code = page.get_by_test_id("join-code").inner_text().replace(" ", "")
    link = page.get_by_test_id("join-link").get_attribute("href")
    assert len(code) == 6 and link.endswith(f"/join/{code}")
    expect(page.get_by_text("Nobody has joined yet")).to_be_visible()
    page.screenshot(path=screenshots / "session-projector.png")
    page.evaluate("window.notReloaded = true")  # gone if the page reloads: the dashboard must update in place

    # Two pupils, each in a browser of their own.
    sam, ali = pupils(), pupils()
    join(sam, link, "Sam")
    join(ali, link, "Ali")
    type_answer(sam, 1, "Russia and Iran")
    sam.reload()  # mid-way: the answer is still there
    expect(question(sam, 1).get_by_role("textbox")).to_have_value("Russia and Iran")
    expect(sam.get_by_test_id("status-1")).to_contain_text("Saved")
    pick(sam, 2, "al-Sukhna")
    pick(ali, 2, "Damascus")
    pick(ali, 3, "True")
    sam.get_by_role("button", name="Hand in my answers").click()
    expect(sam.get_by_test_id("finished")).to_be_visible()

    # The teacher's dashboard shows both, without a reload.
    expect(pupil_rows(page)).to_have_count(2, timeout=10_000)
    expect(pupil_rows(page).filter(has_text="Sam").get_by_test_id("progress")).to_have_text("2 / 3 answered")
    expect(pupil_rows(page).filter(has_text="Ali").get_by_test_id("score")).to_have_text("1")
    expect(pupil_rows(page).filter(has_text="Sam")).to_contain_text("Handed in")
    expect(page.locator("#stat-2").get_by_test_id("count-incorrect")).to_have_text("1 (50%)")
    expect(page.locator("#stat-2 .wrong-answers")).to_contain_text("Damascus")
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=screenshots / "session-dashboard.png", full_page=True)

    # The projector shows neither names nor scores until the teacher asks (issue 16); the choice
    # survives the next refresh of the dashboard.
    sam_row = pupil_rows(page).filter(has_text="Pupil 1")
    expect(sam_row.get_by_role("link")).to_have_text("Pupil 1", use_inner_text=True)
    expect(page.get_by_text("Sam", exact=True)).to_be_hidden()
    expect(page.locator("th.score-col")).to_be_hidden()
    page.get_by_label("Show pupils’ names and scores on the screen").check()
    expect(page.locator("th.score-col")).to_be_visible()
    page.evaluate(
        "() => new Promise((done) => document.body.addEventListener('htmx:afterSettle', done, {once: true}))"
    )
    expect(page.locator("th.score-col")).to_be_visible()
    expect(sam_row.get_by_role("link")).to_have_text("Sam", use_inner_text=True)
    page.screenshot(path=screenshots / "session-dashboard-names-shown.png", full_page=True)

    # Ali's "Damascus" was marked wrong; the teacher accepts it.
    pupil_rows(page).filter(has_text="Ali").get_by_role("link", name="Ali").click()
    expect(page.get_by_test_id("pupil-score")).to_have_text("1")
    page.get_by_role("button", name="Accept this answer for question 2").click()
    expect(page.get_by_test_id("pupil-score")).to_have_text("2")
    page.screenshot(path=screenshots / "session-pupil.png", full_page=True)
    page.get_by_role("link", name="Back to the session").click()

    # Closed: Ali's next answer is refused, and Ali is told why.
    page.get_by_role("button", name="Close the session").click()
    expect(page.get_by_role("button", name="Reopen the session")).to_be_visible()
    question(ali, 1).get_by_role("textbox").fill("Iran")
    question(ali, 1).get_by_role("button", name="Save").click()
    expect(ali.get_by_test_id("status-1")).to_contain_text("closed")
    ali.screenshot(path=screenshots / "session-pupil-closed.png")
    ali.reload()
    expect(ali.get_by_test_id("closed")).to_contain_text("This class is closed")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download answers (CSV)").click()
    assert download.value.suggested_filename == f"syria-the-new-phase-{code}-answers.csv"
    saved = tmp_path / "answers.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    got = {(r["name"], r["question number"]): (r["answer"], r["verdict"], r["overridden"]) for r in rows}
    assert got == {
        ("Sam", "1"): ("Russia and Iran", "correct", "no"),
        ("Sam", "2"): ("al-Sukhna", "correct", "no"),
        ("Sam", "3"): ("", "unanswered", "no"),
        ("Ali", "1"): ("", "unanswered", "no"),
        ("Ali", "2"): ("Damascus", "correct", "yes"),
        ("Ali", "3"): ("true", "correct", "no"),
    }

    page.goto("/teacher")
    page.get_by_role("link", name="My class sessions").click()
    expect(page.get_by_test_id("session").first).to_contain_text(code)
    page.screenshot(path=screenshots / "session-list.png")


def test_a_teacher_logged_out_meanwhile_is_sent_to_the_login_page_not_shown_it_inside_the_dashboard(
    teacher, lesson_pack
):
    page = teacher
    page.goto(f"/teacher/packs/{lesson_pack}")
    page.get_by_role("button", name="Start a class session").click()
    expect(page.get_by_text("Nobody has joined yet")).to_be_visible()
    page.context.clear_cookies()  # as if they had logged out in another tab
    expect(page).to_have_url(re.compile(r"/login\?next=/teacher/sessions/\d+$"), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
