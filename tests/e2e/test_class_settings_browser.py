"""Issue 16, item 2, in a real browser: the pack's settings reach the class.

Measured before: "Shuffle the questions for each pupil" gave two pupils the
same order, "Attempts allowed" changed nothing, and the pack's description
never reached pupils.
"""

import re

import pytest
import sqlalchemy as sa
from classroom_factories import start_class_session
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Answer, Participant

pytestmark = [pytest.mark.browser, pytest.mark.db]

PHONE = {"width": 390, "height": 844}


def join(browser, live_server, code: str, name: str):
    """A pupil's phone, joined to the class ``code`` as ``name``: the context and its page."""
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto(f"/join/{code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text(name)
    show_questions(page)
    return context, page


def show_questions(page):
    """A phone shows the article or the questions, the article first until the pupil answers: tap over."""
    page.get_by_role("link", name=re.compile(r"^Questions \(\d+\)$")).click()


def prompts(page) -> list[str]:
    """The questions' prompts in the order the page shows them."""
    return [text.strip() for text in page.locator("li.question .q-prompt").all_inner_texts()]


def test_each_pupil_gets_their_own_order_and_the_description_comes_first(
    browser, live_server, live_app, screenshots
):
    lesson = start_class_session(
        live_app,
        email="settings-order@school.example",
        slug="settings-order",
        shuffle_questions=True,
        description="Read the article twice before you answer.",
    )
    sam_context, sam = join(browser, live_server, lesson.code, "Sam")
    alex_context, alex = join(browser, live_server, lesson.code, "Alex")

    description = sam.get_by_test_id("description")
    expect(description).to_contain_text("From your teacher")
    expect(description).to_contain_text("Read the article twice before you answer.")
    assert description.bounding_box()["y"] < sam.locator("li.question").first.bounding_box()["y"]
    sam.screenshot(path=screenshots / "class-description-phone.png")

    sams = prompts(sam)
    assert sams != prompts(alex)  # two pupils side by side do not see the same order
    assert sorted(sams) == sorted(prompts(alex))  # the same questions all the same
    sam.reload()
    show_questions(sam)
    assert prompts(sam) == sams  # and a reload keeps Sam's order
    expect(sam.locator("li.question .q-number").first).to_have_text("Question 1")

    # Sam's first question is saved as the question it is, whatever its place.
    first = sam.locator("li.question").first
    if first.locator("input[type=text]").count():
        first.locator("input[type=text]").fill("Russia and Iran")
        first.locator("input[type=text]").press("Tab")
    else:
        first.locator("input[type=radio], input[type=checkbox]").first.check()
    expect(first.locator(".answer-status")).to_contain_text("Saved")
    number = int(first.get_attribute("id").removeprefix("question-"))
    with live_app.app_context():
        stored = db.session.scalars(
            sa.select(Answer.number).where(Answer.session_id == lesson.session_id)
        ).all()
    assert stored == [number]
    sam_context.close()
    alex_context.close()


def test_two_attempts_the_pupil_knows_what_is_left_and_the_last_is_final(
    browser, live_server, live_app, screenshots
):
    lesson = start_class_session(
        live_app, email="settings-tries@school.example", slug="settings-tries", feedback="end", attempts=2
    )
    context, page = join(browser, live_server, lesson.code, "Kim")
    expect(page.get_by_test_id("attempts")).to_have_text(
        "Attempt 1 of 2. If you hand in and want another go, you have 1 more attempt."
    )
    page.locator("#question-2").get_by_label("Beirut").check()
    expect(page.get_by_test_id("status-2")).to_have_text("Saved")
    page.get_by_role("button", name="Hand in my answers").click()
    expect(page.get_by_test_id("finished")).to_contain_text("You have 1 attempt left.")
    page.screenshot(path=screenshots / "class-try-again-phone.png")

    page.get_by_role("button", name="Try again").click()
    show_questions(page)
    expect(page.get_by_test_id("attempts")).to_have_text(
        "Attempt 2 of 2. This is your last attempt: once you hand in, your answers cannot change."
    )
    expect(page.locator("#question-2").get_by_label("Beirut")).not_to_be_checked()
    expect(page.get_by_test_id("progress")).to_have_text("0 of 4 answered.")
    page.locator("#question-2").get_by_label("al-Sukhna").check()
    expect(page.get_by_test_id("status-2")).to_have_text("Saved")
    page.get_by_role("button", name="Hand in my answers").click()
    expect(page.get_by_test_id("finished")).to_have_text(
        "You have handed in your answers. That was your last attempt (2 of 2), so your answers can no "
        "longer be changed."
    )
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    expect(page.get_by_test_id("score")).to_contain_text("Your score: 1 out of 4.")
    with live_app.app_context():
        kim = db.session.scalars(
            sa.select(Participant).where(Participant.session_id == lesson.session_id)
        ).one()
        assert (kim.attempt, kim.past_scores) == (2, [0.0])
    context.close()
