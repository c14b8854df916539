"""One pupil in a real browser: join with the code, answer (each answer saves itself), reload, see the class close.

The whole lesson, teacher included, is tests/e2e/test_lesson_browser.py.
"""

import pytest
import sqlalchemy as sa
from classroom_factories import start_class_session
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Answer
from quizapp.services import classroom

pytestmark = [pytest.mark.browser, pytest.mark.db]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def lesson(live_app):
    """A session of the four-question pack on an article of its own (the live app's database is shared)."""
    return start_class_session(live_app, email="join-browser@school.example", slug="join-browser")


def saved(live_app, session_id) -> dict[int, tuple]:
    """The session's stored answers: number -> (response, verdict, saves)."""
    with live_app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.session_id == session_id))
        return {a.number: (a.response, a.verdict, a.saves) for a in rows}


def test_a_pupil_joins_on_a_phone_and_every_answer_saves_itself(
    browser, live_server, live_app, lesson, screenshots
):
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto(f"/join/{lesson.code}")
    expect(page.get_by_label("Class code")).to_have_value(lesson.code)
    page.get_by_label("Your name").fill("Sam")
    page.screenshot(path=screenshots / "join-phone.png")
    page.get_by_role("button", name="Join").click()

    expect(page.get_by_test_id("pupil-name")).to_have_text("Sam")
    expect(page.get_by_role("heading", name="Syria lesson")).to_be_visible()
    page.screenshot(path=screenshots / "class-phone-top.png")
    page.get_by_role("link", name="Questions (4)").click()  # a phone shows the article or the questions

    # A choice saves on the click; the verdict and the evidence come back beside it.
    page.locator("#question-2").get_by_label("Beirut").check()
    status = page.get_by_test_id("status-2")
    expect(status).to_contain_text("Saved")
    expect(status).to_contain_text("Incorrect")
    expect(status).to_contain_text("Damascus hailed the capture")

    # Typing saves once the pupil pauses: no button, no leaving the box.
    page.get_by_label("Which two countries back the Syrian government? Name both.").press_sequentially(
        "Russia and Iran", delay=20
    )
    expect(page.get_by_test_id("status-1")).to_contain_text("Correct")
    page.locator("#question-3").get_by_label("Russia").check()
    page.locator("#question-3").get_by_label("Iran").check()
    expect(page.get_by_test_id("status-3")).to_contain_text("Correct")
    page.screenshot(path=screenshots / "class-phone.png", full_page=True)
    page.locator("#question-1").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "class-phone-questions.png")

    stored = saved(live_app, lesson.session_id)
    assert stored[1][:2] == ("Russia and Iran", "correct")
    assert stored[2][:2] == ("Beirut", "incorrect")
    assert stored[3][:2] == (["Russia", "Iran"], "correct")

    # A reload (or coming back to the tab) shows every saved answer again.
    page.reload()
    expect(page.get_by_label("Which two countries back the Syrian government? Name both.")).to_have_value(
        "Russia and Iran"
    )
    expect(page.locator("#question-2").get_by_label("Beirut")).to_be_checked()
    expect(page.get_by_test_id("progress")).to_have_text("3 of 4 answered.")

    # The teacher closes the class: the next save is refused, and the pupil is told.
    with live_app.app_context():
        classroom.close_session(lesson.session_id)
    page.locator("#question-4").get_by_label("False").check()
    expect(page.get_by_test_id("status-4")).to_contain_text("closed this class")
    page.reload()
    expect(page.get_by_test_id("closed")).to_contain_text("This class is closed.")
    expect(page.locator("#question-4").get_by_label("False")).to_be_disabled()
    page.screenshot(path=screenshots / "class-phone-closed.png")
    assert 4 not in saved(live_app, lesson.session_id)

    # Back on the join page, the browser offers the class it joined (a shared device: anyone else joins below).
    page.goto("/join")
    expect(page.get_by_role("link", name="Continue “Syria lesson” as Sam")).to_be_visible()
    page.screenshot(path=screenshots / "join-resume-phone.png")
    context.close()


def test_the_class_page_on_a_chromebook(browser, live_server, live_app, screenshots):
    lesson = start_class_session(live_app, email="join-wide@school.example", slug="join-wide", feedback="end")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server)
    page = context.new_page()
    page.goto("/join")
    page.get_by_label("Class code").fill(lesson.code.lower())
    page.get_by_label("Your name").fill("Alex <b>")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text("Alex <b>")
    page.locator("#question-2").get_by_label("al-Sukhna").check()
    expect(page.get_by_test_id("status-2")).to_have_text("Saved")  # feedback waits for handing in
    page.screenshot(path=screenshots / "class-chromebook.png")
    page.get_by_role("button", name="Hand in my answers").click()
    expect(page.get_by_test_id("finished")).to_be_visible()
    expect(page.get_by_test_id("status-2")).to_contain_text("Correct")
    expect(page.get_by_test_id("score")).to_contain_text("Your score: 1 out of 4.")
    page.screenshot(path=screenshots / "class-chromebook-finished.png", full_page=True)
    context.close()


def test_a_choice_picked_before_the_page_scripts_ran_is_still_saved(browser, live_server, live_app):
    """A slow school laptop shows the class page before htmx has run: a pick made then sent nothing,
    and the pupil saw "Not answered yet" under their answer (CI caught it on a busy machine).
    htmx is held back here until the pick is made."""
    lesson = start_class_session(live_app, email="join-early@school.example", slug="join-early")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server)
    page = context.new_page()
    held = []

    def hold(route):
        held.append(route)

    page.route("**/vendor/htmx.min.js", hold)
    page.goto(f"/join/{lesson.code}")
    page.get_by_label("Your name").fill("Kit")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text("Kit")
    page.locator("#question-2").get_by_label("al-Sukhna").check()  # htmx has not run yet
    expect(page.get_by_test_id("status-2")).to_contain_text("Not answered yet")
    for route in held:
        route.continue_()
    expect(page.get_by_test_id("status-2")).to_contain_text("Saved")
    assert saved(live_app, lesson.session_id)[2][0] == "al-Sukhna"
    context.close()


def test_a_tap_on_the_next_question_is_not_lost_while_a_typed_answer_saves(browser, live_server, live_app):
    """Issue 16: leaving a typed answer for an option below it saved the text, and the tap missed.

    The tap blurs the text box, which saves it; the status above the option used to be replaced
    by a one-line "Saving…", the option moved up between the press and the release, and the
    click fell on nothing. With 300 ms of network delay, as on a school network, it happened
    every time.
    """
    lesson = start_class_session(live_app, email="join-tap@school.example", slug="join-tap")
    context = browser.new_context(viewport=PHONE, base_url=live_server, has_touch=True)
    page = context.new_page()
    page.goto(f"/join/{lesson.code}")
    page.get_by_label("Your name").fill("Kim")
    page.get_by_role("button", name="Join").click()
    page.get_by_role("link", name="Questions (4)").tap()  # a phone shows the article or the questions
    typed = page.get_by_label("Which two countries back the Syrian government? Name both.")
    typed.fill("Russia and Iran")
    typed.press("Tab")  # saved: the verdict and the evidence now fill the status under the box
    expect(page.get_by_test_id("status-1")).to_contain_text("Backed by Russia and Iran")

    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    typed.fill("Russia")  # changed, not yet saved: the tap below saves it
    option = page.locator("#question-2").get_by_label("al-Sukhna")
    option.scroll_into_view_if_needed()
    option.tap()

    expect(option).to_be_checked()
    expect(page.get_by_test_id("status-2")).to_contain_text("Saved")
    expect(page.get_by_test_id("status-1")).to_contain_text("Saved")
    stored = saved(live_app, lesson.session_id)
    assert stored[1][0] == "Russia" and stored[2][0] == "al-Sukhna"
    context.close()
