"""A teacher exports a pack as Moodle XML from its page and imports the file back: the same questions return."""

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from quizapp.services import teachers

pytestmark = [pytest.mark.browser, pytest.mark.db]

EMAIL, NAME, PASSWORD = "moodle@school.example", "Mr Moodle", "correct horse battery"


@pytest.fixture
def page(browser, live_server, live_app):
    """A logged-in teacher's laptop page."""
    with live_app.app_context():
        teachers.create_teacher(EMAIL, NAME, PASSWORD)
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, base_url=live_server, accept_downloads=True
    )
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name=f"Hello, {NAME}")).to_be_visible()
    yield page
    context.close()


def prompts(page) -> list[str]:
    return page.locator(".pack-question .q-prompt").all_inner_texts()


def test_a_pack_goes_out_as_moodle_xml_and_comes_back_the_same(page, seed, tmp_path):
    page.goto("/teacher/packs/new")
    page.get_by_role("button", name="Start a pack from this article's questions").click()
    expect(page.get_by_role("heading", name="Questions", exact=True)).to_be_visible()
    before = prompts(page)
    assert len(before) >= 3

    with page.expect_download() as download:
        page.get_by_role("link", name="Moodle XML").click()
    assert re.fullmatch(r"questions-on-.*\.xml", download.value.suggested_filename)
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    root = ET.parse(saved).getroot()  # what Moodle will read: the article first, then one question each
    kinds = [question.get("type") for question in root.iter("question")]
    assert root.tag == "quiz" and kinds[0] == "description" and len(kinds) == len(before) + 1
    assert root.find("question/questiontext/text").text.startswith(seed.title.split()[0])

    page.goto("/teacher/packs/import")
    page.get_by_label("Pack file").set_input_files(str(saved))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").first).to_contain_text("Imported", timeout=60_000)
    assert prompts(page) == before
