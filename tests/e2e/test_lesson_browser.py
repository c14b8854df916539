"""A whole lesson in real browsers: the teacher starts a session, two pupils join and answer, the teacher
watches the dashboard fill in live, accepts one answer, closes the session and exports the CSV."""

import csv
import io

import pytest
import sqlalchemy as sa
from factories import SEED
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import classroom, teachers
from quizapp.services import packs as pack_service
from quizapp.text import pack as plain
from quizapp.text.question import Question

pytestmark = [pytest.mark.browser, pytest.mark.db]

PASSWORD = "correct horse battery"
QUESTIONS = (
    Question("q1", "short", "Who backs the Syrian government?", (("Russia", "Moscow"), ("Iran",)),
             evidence="Backed by Russia and Iran."),
    Question("q2", "choice", "Which town did government forces capture?", (("al-Sukhna",),),
             choices=("al-Sukhna", "Deir al-Zor", "Damascus")),
    Question("q3", "truefalse", "Assad seemed in danger two years ago.", (("true",),)),
)


@pytest.fixture(scope="module")
def lesson_pack(live_app):
    """A teacher (email, password) with a pack of three questions on the seed article: the pack's id."""
    with live_app.app_context():
        teacher_id = teachers.create_teacher("lesson@school.example", "Ms Okafor", PASSWORD)
        article = db.session.scalars(sa.select(Article).where(Article.slug == SEED.stem)).one()
        data = plain.Pack(title="Syria: the new phase", article=pack_service.pack_article(article),
                          questions=QUESTIONS)
        return pack_service.create_pack(data, article_id=article.id, owner_id=teacher_id)


@pytest.fixture
def teacher(browser, live_server):
    """The teacher's projector browser, logged in, that accepts downloads."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server,
                                  accept_downloads=True)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill("lesson@school.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, Ms Okafor")).to_be_visible()
    yield page
    context.close()


def pupil_rows(page):
    return page.locator("tr[data-testid=pupil-row]")


def test_a_lesson_from_start_to_csv(teacher, lesson_pack, live_app, screenshots, tmp_path):
    page = teacher
    page.goto(f"/teacher/packs/{lesson_pack}")
    page.screenshot(path=screenshots / "session-start-pack.png")
    page.get_by_role("button", name="Start a class session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Syria: the new phase")
    code = page.get_by_test_id("join-code").inner_text().replace(" ", "")
    assert len(code) == 6
    expect(page.get_by_text("Nobody has joined yet")).to_be_visible()
    page.screenshot(path=screenshots / "session-projector.png")
    page.evaluate("window.notReloaded = true")  # gone if the page reloads: the dashboard must update in place

    with live_app.app_context():
        sam, ali = classroom.join(code, "Sam"), classroom.join(code, "Ali")
        classroom.save_answer(code, sam.token, 1, "Russia and Iran")
        classroom.save_answer(code, sam.token, 2, "al-Sukhna")
        classroom.save_answer(code, ali.token, 2, "Damascus")
        classroom.save_answer(code, ali.token, 3, "true")

    expect(pupil_rows(page)).to_have_count(2, timeout=10_000)
    expect(pupil_rows(page).filter(has_text="Sam").get_by_test_id("progress")).to_have_text("2 / 3 answered")
    assert page.evaluate("window.notReloaded") is True
    page.locator("#live").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "session-dashboard.png", full_page=True)

    # Ali's "Damascus" was marked wrong; the teacher accepts it.
    pupil_rows(page).filter(has_text="Ali").get_by_role("link", name="Ali").click()
    expect(page.get_by_test_id("pupil-score")).to_have_text("1")
    page.get_by_role("button", name="Accept this answer for question 2").click()
    expect(page.get_by_test_id("pupil-score")).to_have_text("2")
    page.screenshot(path=screenshots / "session-pupil.png", full_page=True)
    page.get_by_role("link", name="Back to the session").click()

    page.get_by_role("button", name="Close the session").click()
    expect(page.get_by_role("button", name="Reopen the session")).to_be_visible()
    with live_app.app_context(), pytest.raises(classroom.SessionClosed):
        classroom.save_answer(code, ali.token, 1, "Iran")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download answers (CSV)").click()
    assert download.value.suggested_filename == f"syria-the-new-phase-{code}-answers.csv"
    saved = tmp_path / "answers.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    got = {(r["name"], r["question number"]): (r["answer"], r["verdict"], r["overridden"]) for r in rows}
    assert got == {
        ("Sam", "1"): ("Russia and Iran", "correct", "no"), ("Sam", "2"): ("al-Sukhna", "correct", "no"),
        ("Sam", "3"): ("", "unanswered", "no"),
        ("Ali", "1"): ("", "unanswered", "no"), ("Ali", "2"): ("Damascus", "correct", "yes"),
        ("Ali", "3"): ("true", "correct", "no"),
    }

    page.goto("/teacher")
    page.get_by_role("link", name="My class sessions").click()
    expect(page.get_by_test_id("session").first).to_contain_text(code)
    page.screenshot(path=screenshots / "session-list.png")
