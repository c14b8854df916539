"""A teacher who forgot her password gets a link by e-mail on her phone and sets a new one; her laptop's login ends.

The live app sends mail to Flask-Mailman's test outbox (``locmem``) for this
test only; the link in the message starts with the server's address
(``BASE_URL``), as it would at a school.
"""

import re

import pytest
from playwright.sync_api import expect

from quizapp.services import teachers

pytestmark = [pytest.mark.browser, pytest.mark.db]

EMAIL, NAME = "forgetful@school.example", "Ms Forgetful"
OLD, NEW = "correct horse battery", "purple elephant dances slowly"


@pytest.fixture
def outbox(live_app, live_server, monkeypatch):
    """Mail switched on for this test; the list the messages land in."""
    for name, value in {
        "MAIL_BACKEND": "locmem",
        "BASE_URL": live_server,
        "MAIL_DEFAULT_SENDER": "quiz@school.example",
    }.items():
        monkeypatch.setitem(live_app.config, name, value)
    messages: list = []
    monkeypatch.setattr(live_app.extensions["mailman"], "outbox", messages, raising=False)
    with live_app.app_context():
        teachers.create_teacher(EMAIL, NAME, OLD)
    return messages


def log_in(page, password):
    page.goto("/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")


def test_a_forgotten_password_is_reset_by_an_emailed_link(browser, live_server, outbox, screenshots):
    laptop = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    phone = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    try:
        desk = laptop.new_page()
        log_in(desk, OLD)
        expect(desk.get_by_role("heading", name=f"Hello, {NAME}")).to_be_visible()

        page = phone.new_page()
        page.goto("/login")
        page.get_by_role("link", name="Forgot your password?").click()
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Email").press("Enter")  # the keyboard is enough
        expect(page.get_by_test_id("sent")).to_contain_text(f"If {EMAIL} is the email of an account here")
        page.screenshot(path=screenshots / "reset-1-sent.png", full_page=True)

        [message] = outbox
        assert message.to == [EMAIL]
        link = re.search(
            rf"^{re.escape(live_server)}/reset-password/\S+$", message.body, re.MULTILINE
        ).group()
        page.goto(link)
        expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
        page.get_by_label("New password", exact=True).fill(NEW)
        page.get_by_label("New password again").fill(NEW)
        page.screenshot(path=screenshots / "reset-2-new-password.png", full_page=True)
        page.get_by_role("button", name="Set my new password").click()
        expect(page.get_by_role("heading", name=f"Hello, {NAME}")).to_be_visible()
        expect(
            page.get_by_text("Every other browser logged in to your account has been logged out.")
        ).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        desk.goto("/teacher")  # the laptop's login was made with the old password: over
        expect(desk.get_by_role("heading", name="Log in")).to_be_visible()
        log_in(desk, OLD)
        expect(desk.get_by_role("alert")).to_contain_text("The email or the password is wrong.")
        log_in(desk, NEW)
        expect(desk.get_by_role("heading", name=f"Hello, {NAME}")).to_be_visible()

        page.goto(link)  # the link is spent
        expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
        page.screenshot(path=screenshots / "reset-3-spent-link.png", full_page=True)
    finally:
        laptop.close()
        phone.close()
