"""A teacher, in a real browser, registers, adds an HTML article, reviews generated questions into a pack,
writes one of their own, exports it as GIFT, and re-imports it."""

import html
import re

import pytest
from factories import SEED
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.db]

TITLE = "Assad extends his grip"
OWN_PROMPT = "Which town did government forces capture on Saturday?"


@pytest.fixture
def page(browser, live_server):
    """A Chromebook-sized page."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, base_url=live_server, accept_downloads=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def html_article(tmp_path):
    """The Reuters seed saved as a news web page, with a headline of its own."""
    paragraphs = SEED.read_text(encoding="utf-8").splitlines()[1:]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    path = tmp_path / "assad.html"
    path.write_text(
        f"<!doctype html><html><head><title>{TITLE}</title></head><body><nav>Home · World</nav>"
        f"<article><h1>{TITLE}</h1><p>Reuters, Beirut</p>{body}</article></body></html>",
        encoding="utf-8",
    )
    return path


def register(page):
    page.goto("/register")
    page.get_by_label("Your name").fill("Ms Rivera")
    page.get_by_label("Email").fill("rivera@school.example")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Password again").fill("correct horse battery")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Hello, Ms Rivera")).to_be_visible()


def add_article(page, path):
    page.goto("/teacher/articles/new")
    page.get_by_label("Or upload a file").set_input_files(str(path))
    page.get_by_role("button", name="Add article").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE, timeout=30_000)


def questions(page):
    return page.locator(".pack-question")


def test_a_teacher_builds_a_pack_exports_it_as_gift_and_imports_it_again(
    page, html_article, screenshots, tmp_path
):
    register(page)
    add_article(page, html_article)

    # Start a pack from the article's generated questions and review them.
    page.goto("/teacher")
    page.get_by_role("link", name="New pack").click()
    page.get_by_label("Article").select_option(label=f"{TITLE} (mine)")
    page.get_by_role("button", name="Start a pack from this article's questions").click()
    expect(page.get_by_role("heading", name="Questions", exact=True)).to_be_visible()
    generated = questions(page).count()
    assert generated >= 3
    second = questions(page).nth(1).locator(".q-prompt").inner_text()
    page.get_by_role("button", name="Move up question 2").click()
    expect(questions(page).first.locator(".q-prompt")).to_have_text(second)
    page.get_by_role("link", name="Delete question 3").click()  # asks first, showing the question
    page.get_by_role("button", name="Delete the question").click()
    expect(questions(page)).to_have_count(generated - 1)

    # Write one of their own, seeing how pupils get it and how an answer grades.
    page.get_by_label("Add a question").select_option(label="Multiple choice (one right)")
    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill(OWN_PROMPT)
    page.get_by_label("Choices").fill("al-Sukhna\nDeir al-Zor\nDamascus")
    page.get_by_label("The right choice").fill("Palmyra")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator("#correct-error")).to_contain_text("not among the choices")
    page.get_by_label("The right choice").fill("al-Sukhna")
    page.get_by_label("Try an answer").fill("Damascus")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("group", name=OWN_PROMPT)).to_be_visible()
    expect(preview.locator(".sample-grade .verdict")).to_have_text("Incorrect")
    page.get_by_label("Try an answer").fill(
        "al-Sukhna"
    )  # preview.js updates the preview as the teacher types
    expect(preview.locator(".sample-grade .verdict")).to_have_text("Correct")
    page.screenshot(path=screenshots / "teacher-question-preview.png", full_page=True)
    page.get_by_role("button", name="Save question").click()
    expect(questions(page)).to_have_count(generated)
    expect(questions(page).last).to_contain_text(OWN_PROMPT)
    page.screenshot(path=screenshots / "teacher-pack-review.png", full_page=True)
    prompts = questions(page).locator(".q-prompt").all_inner_texts()

    # Export as GIFT and import the file back: a second pack with the same questions.
    with page.expect_download() as download:
        page.get_by_role("link", name="GIFT (Moodle)").click()
    assert re.fullmatch(r"questions-on-.*\.gift", download.value.suggested_filename)
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    page.goto("/teacher")
    page.get_by_role("link", name="Import a pack file").click()
    page.get_by_label("Pack file").set_input_files(str(saved))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").first).to_contain_text("Imported")
    assert questions(page).locator(".q-prompt").all_inner_texts() == prompts
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: buttons wrap, nothing scrolls sideways
    page.screenshot(path=screenshots / "teacher-pack-review-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/teacher")
    expect(page.locator("#my-packs ~ ul .article-card")).to_have_count(2)
