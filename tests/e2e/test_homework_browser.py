"""Homework in real browsers: the teacher sets a pack as homework in their own time zone (keyboard only),
a pupil on a phone is told when it opens, answers during the week and is refused calmly after the due
date, and the teacher gives more time from the session page.

The server's clock is the test's (``CLOCK`` in the live app's config), so the week passes without a
sleep. The teacher's browser is in Europe/Berlin (UTC+1 in December); the pages' times were worked out
by hand. Screenshots for docs/classroom.md are saved in docs/images/.
"""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import SEED
from homework_factories import AFTER, BEFORE, DURING
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
PHONE = {"width": 390, "height": 844}
QUESTIONS = (
    Question(
        "q1",
        "choice",
        "Which town did government forces capture?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Deir al-Zor", "Damascus"),
    ),
    Question("q2", "truefalse", "Assad seemed in danger two years ago.", (("true",),)),
)


class Clock:
    """The live server's time; the test moves it."""

    now = BEFORE


@pytest.fixture
def clock(live_app):
    """Put the test's clock in the live app for this test only."""
    clock = Clock()
    live_app.config["CLOCK"] = lambda: clock.now
    yield clock
    live_app.config.pop("CLOCK")


@pytest.fixture(scope="module")
def homework_pack(live_app):
    """A teacher with a two-question pack on the seed article: the pack's id."""
    with live_app.app_context():
        teacher_id = teachers.create_teacher("homework@school.example", "Mr Haddad", PASSWORD)
        article = db.session.scalars(sa.select(Article).where(Article.slug == SEED.stem)).one()
        data = plain.Pack(
            title="Syria for Friday", article=pack_service.pack_article(article), questions=QUESTIONS
        )
        return pack_service.create_pack(data, article_id=article.id, owner_id=teacher_id)


@pytest.fixture
def teacher(browser, live_server):
    """The teacher's browser, in Berlin, logged in."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, base_url=live_server, timezone_id="Europe/Berlin"
    )
    page = context.new_page()
    log_in(page, "homework@school.example", PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Mr Haddad")).to_be_visible()
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A pupil's phone."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    yield context.new_page()
    context.close()


def fits(page, width) -> bool:
    """Whether the page is no wider than the screen (nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_homework_over_a_week(teacher, phone, clock, homework_pack, doc_images):
    page = teacher
    page.goto(f"/teacher/packs/{homework_pack}")
    page.get_by_role("link", name="Set as homework").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("zone-note")).to_have_text(
        "Times are in Europe/Berlin time."
    )  # from the browser
    page.get_by_label("Opens").focus()
    page.get_by_label("Opens").fill("2026-12-07T09:00")
    page.get_by_label("Due").fill("2026-12-11T17:00")
    page.screenshot(path=doc_images / "homework-set.png")
    page.get_by_label("Due").press("Enter")
    expect(page.get_by_test_id("opens")).to_have_text("Monday 7 December 2026 at 09:00 (Europe/Berlin)")
    expect(page.get_by_test_id("due")).to_have_text("Friday 11 December 2026 at 17:00 (Europe/Berlin)")
    expect(page.get_by_test_id("homework-state")).to_contain_text("Not open yet")
    link = page.get_by_test_id("join-link").get_attribute("href")

    # Friday before: too early, and the pupil is told when to come back.
    phone.goto(link)
    phone.get_by_label("Your name").fill("Sam")
    phone.get_by_role("button", name="Join").click()
    expect(
        phone.get_by_text("This homework opens on Monday 7 December 2026 at 09:00 (Europe/Berlin)")
    ).to_be_visible()
    assert fits(phone, PHONE["width"])
    phone.screenshot(path=doc_images / "homework-early.png")

    # Wednesday: Sam joins and answers one question on the phone.
    clock.now = DURING
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_test_id("homework-due-at")).to_contain_text("Friday 11 December 2026 at 17:00")
    phone.get_by_role(
        "link", name=re.compile(r"^Questions \(\d+\)$")
    ).click()  # a phone shows one pane at a time
    phone.locator("#question-1").get_by_label("al-Sukhna", exact=True).check()
    expect(phone.get_by_test_id("status-1")).to_contain_text("Saved")
    assert fits(phone, PHONE["width"])

    page.reload()
    expect(page.get_by_test_id("in_progress")).to_have_text("In progress: 1 Sam")
    expect(page.get_by_test_id("not_started")).to_have_text("Joined, not started: 0")
    page.screenshot(path=doc_images / "homework-dashboard.png", full_page=True)

    # Friday 17:00: late. The answer is refused beside the question, and the page is calm after a reload.
    clock.now = AFTER
    phone.locator("#question-2").get_by_label("True", exact=True).check()
    expect(phone.get_by_test_id("status-2")).to_contain_text(
        "This homework was due on Friday 11 December 2026"
    )
    phone.reload()
    expect(phone.get_by_test_id("homework-due")).to_contain_text("The answers you saved before then are kept")
    expect(phone.locator("#question-2").get_by_label("True", exact=True)).to_be_disabled()
    phone.screenshot(path=doc_images / "homework-late.png")

    # The teacher gives until Monday morning, with the keyboard; Sam carries on.
    page.reload()
    expect(page.get_by_test_id("homework-state")).to_contain_text("The due date has passed")
    page.get_by_label("New due date").fill("2026-12-14T08:30")
    page.get_by_label("New due date").press("Enter")
    expect(page.get_by_text("Now due on Monday 14 December 2026 at 08:30 (Europe/Berlin).")).to_be_visible()
    phone.reload()
    phone.locator("#question-2").get_by_label("True", exact=True).check()
    expect(phone.get_by_test_id("status-2")).to_contain_text("Saved")


def test_the_homework_pages_fit_a_phone(browser, live_server, clock, homework_pack):
    context = browser.new_context(viewport=PHONE, base_url=live_server, timezone_id="Europe/Berlin")
    page = context.new_page()
    log_in(page, "homework@school.example", PASSWORD)
    page.goto(f"/teacher/packs/{homework_pack}/homework")
    assert fits(page, PHONE["width"])
    page.get_by_label("Due").fill("2026-12-11T17:00")
    page.get_by_role("button", name="Set as homework").click()
    expect(page.get_by_test_id("due")).to_be_visible()
    assert fits(page, PHONE["width"])
    context.close()
