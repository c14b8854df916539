"""A learner studies alone in a real browser: picks the seed article, answers, tries again, sees progress."""

import re

import pytest
from factories import SEED
from playwright.sync_api import expect
from seed_quiz import ASSAD_GAP, BACKERS, CEASEFIRES, MILITIAS, PRESIDENT, REGION, TOWN, TRUCES, group, number

from quizapp.services import packs, seeds

pytestmark = [pytest.mark.browser, pytest.mark.db]

PHONE = {"width": 390, "height": 844}
SEED_PACK = SEED.parent / "packs" / f"{SEED.stem}.yaml"


@pytest.fixture(scope="module")
def seed_pack(live_app, seed):
    """The seed pack (public: no owner) on the live app's seed article; its title and question count."""
    data = seeds.load_pack(SEED_PACK)
    with live_app.app_context():
        packs.create_pack(data, article_id=seed.id, owner_id=None)
    return data.title, len(data.questions)


def option_labels(page, prompt: str) -> list[str]:
    """The options of a grouped question, in the order the page shows them."""
    return [text.strip() for text in group(page, prompt).locator("label.option").all_inner_texts()]


def answer_first_try(page, seed):
    """Five right, one partly right (one of the two ceasefire organisers), the town and the region wrong."""
    page.get_by_label(BACKERS).fill("russia and iran")
    page.get_by_label(TRUCES).fill("Russia")
    group(page, MILITIAS).get_by_label("Yes").check()
    page.get_by_label(TOWN).fill("Damascus")
    group(page, REGION).get_by_label("Baghdad").check()
    page.get_by_label(PRESIDENT).fill("assad")
    group(page, CEASEFIRES).get_by_label("Russia").check()
    page.locator(f"#q{number(seed, ASSAD_GAP)}").fill("Assad")


def test_a_learner_answers_tries_the_missed_questions_again_and_sees_progress(page, seed, screenshots):
    total = len(seed.analysis.questions)
    page.goto("/study")
    expect(page.get_by_role("heading", level=1)).to_have_text("Study on your own")
    page.screenshot(path=screenshots / "study-index.png", full_page=True)
    page.get_by_test_id("articles").get_by_role("link", name=seed.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/study/articles/{SEED.stem}$"))
    expect(page.locator(".question")).to_have_count(total)
    first_order = option_labels(page, REGION)

    answer_first_try(page, seed)
    page.screenshot(path=screenshots / "study-questions.png", full_page=True)
    page.get_by_role("button", name="Check my answers").click()

    # By hand: backers, truces, militias, president and the gap right (5), ceasefires half (0.5).
    expect(page.get_by_test_id("score")).to_have_text(re.compile(rf"^\s*5\.5\s+/ {total}\s+points\s*$"))
    town = page.locator(f"#result-{number(seed, TOWN)}")
    expect(town.locator(".result-verdict .verdict")).to_have_text(re.compile(r"Incorrect$"))
    expect(town.locator("q")).to_contain_text("the town of al-Sukhna")  # the evidence sentence
    page.screenshot(path=screenshots / "study-results.png", full_page=True)
    missed = sorted(
        [TOWN, REGION, CEASEFIRES], key=lambda prompt: number(seed, prompt)
    )  # in the quiz's order
    assert total == 8

    page.get_by_test_id("try-again").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    expect(page.locator(".question")).to_have_count(3)
    for n, prompt in enumerate(missed, start=1):
        if "_____" in prompt:
            expect(page.locator(f"#question-{n} .q-prompt")).to_contain_text(prompt.split("_____")[0].strip())
        else:
            expect(page.locator(f"#question-{n} .q-prompt")).to_have_text(prompt)
    second_order = option_labels(page, REGION)
    assert sorted(second_order) == sorted(first_order) and second_order != first_order
    page.screenshot(path=screenshots / "study-try-again.png", full_page=True)

    page.get_by_label(TOWN).fill("al-Sukhna")
    group(page, REGION).get_by_label("Deir al-Zor").check()
    group(page, CEASEFIRES).get_by_label("Russia").check()  # still only one of the two organisers
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_test_id("score")).to_have_text(
        re.compile(r"^\s*2\.5\s+/ 3\s+points\s*$")
    )  # 2 right, 1 half
    expect(page.get_by_test_id("try-again").first).to_contain_text("1 question you missed")

    page.get_by_role("link", name="See your progress").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    rows = page.get_by_test_id("attempts").locator("tbody tr")
    expect(rows).to_have_count(2)
    # 5.5 / 8 = 68.75%, 2.5 / 3 = 83.33...%
    expect(rows.nth(0)).to_contain_text("First try")
    expect(rows.nth(0)).to_contain_text("5.5 / 8")
    expect(rows.nth(0)).to_contain_text("68.8%")
    expect(rows.nth(1)).to_contain_text("Try again")
    expect(rows.nth(1)).to_contain_text("2.5 / 3")
    expect(rows.nth(1)).to_contain_text("83.3%")
    expect(page.locator("svg.score-chart rect.chart-bar")).to_have_count(2)
    expect(page.get_by_test_id("done")).to_contain_text("2 attempts · best 83.3%")
    page.screenshot(path=screenshots / "study-progress.png", full_page=True)

    page.get_by_role("button", name="Forget my progress").click()
    expect(page.get_by_role("status")).to_have_text("Your progress on this device has been forgotten.")
    expect(page.get_by_text("Nothing here yet.")).to_be_visible()


def test_study_pages_fit_a_phone(browser, live_server, seed, seed_pack, screenshots):
    context = browser.new_context(viewport=PHONE, base_url=live_server, device_scale_factor=2)
    page = context.new_page()
    title, count = seed_pack
    page.goto("/study")
    page.get_by_test_id("packs").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".question")).to_have_count(count)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / "study-pack-phone.png", full_page=True)
    page.goto(f"/study/articles/{SEED.stem}")
    page.get_by_role("link", name=re.compile(r"^Questions \(")).click()  # a phone shows the article first
    page.get_by_label(BACKERS).fill("Russia")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_test_id("score")).to_contain_text("0.5 /")
    page.screenshot(path=screenshots / "study-results-phone.png", full_page=True)
    page.get_by_test_id("try-again").first.click()
    expect(page.locator(".question")).to_have_count(len(seed.analysis.questions))  # all missed, one partly
    page.get_by_role("button", name="Check my answers").click()
    page.goto("/study/progress")
    expect(page.locator("svg.score-chart rect.chart-bar")).to_have_count(2)
    for path in ("/study", "/study/progress"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways on a phone ({width}px)"
        name = "study-index-phone.png" if path == "/study" else "study-progress-phone.png"
        page.screenshot(path=screenshots / name, full_page=True)
    context.close()
