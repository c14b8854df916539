"""What a reader sees in a real browser: the list, the article, the gauge, the glossary, the tooltips."""

import re

import pytest
from factories import SEED
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.db]

SEED_SLUG = SEED.stem


def open_seed_from_index(page, seed):
    """Go to the list and click the seed, as a reader would."""
    page.goto("/")
    page.get_by_role("link", name=seed.title).click()
    expect(page).to_have_url(re.compile(f"/articles/{SEED_SLUG}$"))


def tab_to_first_mention(page):
    """Press Tab until a mention has keyboard focus; return it."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mention')"):
            return page.locator("a.mention:focus")
    raise AssertionError("no mention reachable with Tab")


def test_reader_sees_the_article_panels_and_tooltips(page, seed, screenshots):
    analysis = seed.analysis
    open_seed_from_index(page, seed)

    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    expect(page.locator(".article .byline")).to_have_text("Reuters · Beirut")
    paragraphs = page.locator(".article-body p")
    expect(paragraphs).to_have_count(5)
    expect(paragraphs.nth(3)).to_contain_text("shifted down several gears")
    expect(page.get_by_test_id("grade")).to_have_text(f"{analysis.readability.grade_level:.1f}")
    expect(page.get_by_test_id("band")).to_have_text(analysis.readability.band)
    expect(page.get_by_test_id("cefr")).to_have_text(analysis.readability.cefr)
    expect(page.get_by_test_id("level-why")).to_contain_text(", ".join(analysis.readability.level_reasons))
    expect(page.locator("svg.gauge")).to_be_visible()
    expect(page.locator(".glossary-entry")).to_have_count(len(analysis.actors))
    expect(page.locator("#actor-bashar-assad")).to_contain_text("Bashar al-Assad")

    tips = page.locator(".article-body .tip")
    expect(tips.first).to_be_hidden()
    mention = tab_to_first_mention(page)
    actor = next(a for a in analysis.actors if mention.get_attribute("href") == f"#actor-{a.id}")
    tip = mention.locator(".tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(actor.role)
    assert (
        page.evaluate("document.querySelector('a.mention:focus').getAttribute('aria-describedby')")
        == f"role-{actor.id}"
    )

    page.keyboard.press("Enter")  # follow the link to the glossary entry
    expect(page).to_have_url(re.compile(f"#actor-{actor.id}$"))
    expect(page.locator(f"#actor-{actor.id}")).to_be_in_viewport()

    page.goto(f"/articles/{SEED_SLUG}")
    other = page.locator(".article-body a.mention").nth(3)
    other.hover()
    expect(other.locator(".tip")).to_be_visible()
    page.screenshot(path=screenshots / "reading.png", full_page=True)


def test_phone_layout_is_one_readable_column(browser, live_server, seed, screenshots):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(f"/articles/{SEED_SLUG}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    article, sidebar = (
        page.locator("article.article").bounding_box(),
        page.locator("aside.sidebar").bounding_box(),
    )
    assert sidebar["y"] >= article["y"] + article["height"]  # stacked, article first
    page.screenshot(path=screenshots / "reading-phone.png", full_page=True)
    page.goto("/")
    page.screenshot(path=screenshots / "index-phone.png", full_page=True)
    context.close()


def test_unknown_article_shows_the_friendly_404(page):
    response = page.goto("/articles/not-a-real-article")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can’t find that page")
    page.get_by_role("link", name="See all articles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
