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
    page.get_by_role("link", name="Questions (4)").click()  # a phone shows the article or the questions
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


def saved(live_app, session_id) -> dict[int, object]:
    with live_app.app_context():
        return {
            a.number: a.response
            for a in db.session.scalars(sa.select(Answer).where(Answer.session_id == session_id))
        }


def test_an_answer_typed_just_before_a_reload_comes_back_and_is_saved(browser, live_server, live_app):
    lesson = start_class_session(live_app, email="draft@school.example", slug="draft")
    context, page = joined(browser, live_server, lesson.code, "Sam")
    page.get_by_label(TYPED).press_sequentially("Russia and Iran", delay=10)
    page.reload()  # at once: the autosave waits for a pause of 800 ms in typing, so nothing was sent yet
    expect(page.get_by_label(TYPED)).to_have_value("Russia and Iran")
    expect(page.get_by_test_id("status-1")).to_contain_text("Saved")
    expect(page.get_by_test_id("progress")).to_have_text("1 of 4 answered.")
    assert saved(live_app, lesson.session_id) == {1: "Russia and Iran"}

    # Once saved, the kept copy is gone: the server's answer is what a later reload shows.
    assert (
        page.evaluate("Object.keys(window.sessionStorage).filter(k => k.startsWith('quizapp-draft:'))") == []
    )
    context.close()


def test_a_kept_answer_is_not_given_to_the_next_pupil_in_the_same_tab(browser, live_server, live_app):
    lesson = start_class_session(live_app, email="draft-shared@school.example", slug="draft-shared")
    context, page = joined(browser, live_server, lesson.code, "Sam")
    page.get_by_label(TYPED).press_sequentially("Turkey", delay=10)
    page.goto(f"/join/{lesson.code}")  # Sam leaves at once; Kim joins on the same Chromebook, same tab
    page.get_by_label("Your name").fill("Kim")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text("Kim")
    expect(page.get_by_label(TYPED)).to_have_value("")
    context.close()
