"""Issue 16, item 6, in a real browser: a Moodle GIFT file is imported with an article the teacher chooses.

Before, the import page said "attach the article" and offered no way to, and pupils read an "article"
that was the file's name ("moodle").
"""

import pytest
from playwright.sync_api import expect
from teacher_login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.db]

EMAIL, PASSWORD = "moodle.user@school.example", "correct horse battery"
GIFT = (
    "// question: 1 name: Backers\n::Backers::Who backs the government? {=Russia =Iran}\n\n"
    "// question: 2 name: Town\n::Town::Which town was captured? {=al-Sukhna ~Damascus ~Palmyra}\n"
)


@pytest.fixture(scope="module")
def teacher(live_app):
    from quizapp.services import teachers

    with live_app.app_context():
        teachers.create_teacher(EMAIL, "Mr Adeyemi", PASSWORD)


@pytest.fixture
def page(browser, live_server, teacher):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server)
    page = context.new_page()
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Mr Adeyemi")).to_be_visible()
    yield page
    context.close()


def test_a_moodle_file_is_imported_onto_the_article_the_teacher_chooses(page, seed, tmp_path, screenshots):
    gift = tmp_path / "moodle.gift"
    gift.write_text(GIFT, encoding="utf-8")
    page.goto("/teacher")
    page.get_by_role("link", name="Import a pack file").click()
    expect(page.locator("#import-article-note")).to_contain_text("A Moodle GIFT file has only questions")

    page.get_by_label("Pack file").set_input_files(str(gift))
    page.get_by_role("button", name="Import").click()  # no article: refused, and told what to do
    expect(page.locator("#file-error")).to_contain_text("This file has questions but no article")

    page.get_by_label("Pack file").set_input_files(str(gift))
    page.get_by_label("Article pupils read with it").select_option(label=seed.title)
    page.screenshot(path=screenshots / "pack-import-article.png", full_page=True)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").first).to_contain_text("Imported")
    expect(page.get_by_text(f"On the article “{seed.title}”")).to_be_visible()
    expect(page.locator(".pack-question .q-prompt")).to_have_text(
        ["Who backs the government?", "Which town was captured?"]
    )
    expect(page.get_by_text("no quizapp-pack comment")).to_have_count(0)
