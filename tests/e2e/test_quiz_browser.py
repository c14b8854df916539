"""A pupil takes the seed's quiz in a real browser: from the article, answers, results, evidence."""

import re

import pytest
from factories import SEED
from playwright.sync_api import expect
from seed_quiz import ASSAD_GAP, BACKERS, CEASEFIRES, MILITIAS, PRESIDENT, REGION, TOWN, TRUCES, group, number

pytestmark = [pytest.mark.browser, pytest.mark.db]

SEED_SLUG = SEED.stem


def expect_verdict(page, n: int, word: str):
    """Question ``n``'s result shows the verdict ``word`` (written out, not just coloured)."""
    expect(page.locator(f"#result-{n} .result-verdict .verdict")).to_have_text(re.compile(rf"^\W*{word}$"))


def answer_first_try(page, seed):
    """Some right, one wrong, one partly right, the rest left blank."""
    page.get_by_label(BACKERS).fill("russia and iran")
    page.get_by_label(TRUCES).fill("Russia")
    group(page, MILITIAS).get_by_label("Yes").check()
    page.get_by_label(TOWN).fill("Damascus")
    group(page, REGION).get_by_label("Deir al-Zor").check()
    page.get_by_label(PRESIDENT).fill("assad")
    group(page, CEASEFIRES).get_by_label("Russia").check()  # United States left unticked
    page.locator(f"#q{number(seed, ASSAD_GAP)}").fill("Assad")  # the box in the sentence's gap


def test_pupil_takes_the_quiz_and_reads_the_results(page, seed, screenshots):
    total = len(seed.analysis.questions)
    page.goto(f"/articles/{SEED_SLUG}")
    page.get_by_role("link", name=re.compile(rf"Take the quiz \({total} questions\)")).click()
    expect(page).to_have_url(re.compile(f"/articles/{SEED_SLUG}/quiz$"))
    expect(page.locator(".question")).to_have_count(total)
    expect(page.locator("#article-text")).to_contain_text("the town of al-Sukhna")  # the text to look back at

    answer_first_try(page, seed)
    cloze = page.get_by_role("textbox", name=re.compile("seemed in danger"))
    expect(cloze).to_have_value("Assad")  # the gap's box is labelled by its sentence
    page.evaluate("window.scrollTo(0, 0)")  # the article panel sticks to the top of the view
    page.screenshot(path=screenshots / "quiz.png", full_page=True)
    page.get_by_role("button", name="Check my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    # By hand: 6 right (1 each), the ceasefire pick half right (Russia of Russia and the US), the rest 0.
    expect(page.get_by_test_id("score")).to_have_text(re.compile(rf"^\s*6\.5\s+/ {total}\s+points\s*$"))
    expect(page.locator(".bar-row.verdict-correct .bar-count")).to_have_text(f"6 of {total}")
    expect(page.locator(".bar-row.verdict-partial .bar-count")).to_have_text(f"1 of {total}")
    expect(page.locator(".bar-row.verdict-incorrect .bar-count")).to_have_text(f"{total - 7} of {total}")
    for prompt in (BACKERS, TRUCES, MILITIAS, REGION, PRESIDENT, ASSAD_GAP):
        expect_verdict(page, number(seed, prompt), "Correct")
    expect_verdict(page, number(seed, CEASEFIRES), "Partly correct")
    town = number(seed, TOWN)
    expect_verdict(page, town, "Incorrect")
    result = page.locator(f"#result-{town}")
    expect(result.get_by_test_id("response")).to_have_text("Damascus")
    expect(result.get_by_test_id("answer")).to_have_text("al-Sukhna")
    expect(result.locator(".feedback")).to_have_text("Not quite: the answer is al-Sukhna, not Damascus.")
    expect(page.locator(f"#result-{number(seed, MILITIAS)}").get_by_test_id("answer")).to_have_text("Yes")

    result.get_by_role("link", name="Show it in the article").click()
    expect(page).to_have_url(re.compile(f"#evidence-{town}$"))
    highlighted = page.locator("mark.evidence:has(:target)")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_contain_text("the town of al-Sukhna")
    expect(highlighted).to_be_in_viewport()
    page.screenshot(path=screenshots / "quiz-results.png", full_page=True)

    highlighted.get_by_role("link", name=re.compile(f"Q{town}$")).click()  # and back to the result
    expect(page).to_have_url(re.compile(f"#result-{town}$"))


def test_try_again_gives_partial_credit_for_half_an_answer(page, seed):
    page.goto(f"/articles/{SEED_SLUG}/quiz")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_test_id("score")).to_contain_text(f"0 / {len(seed.analysis.questions)}")
    expect(page.get_by_test_id("response").first).to_have_text("No answer given")

    page.get_by_role("link", name="Try again").first.click()
    expect(page.get_by_label(BACKERS)).to_have_value("")  # a fresh quiz, not the last attempt
    page.get_by_label(BACKERS).fill("Russia")
    page.get_by_label(TOWN).fill("al-Sukhna or Damascus")
    page.get_by_role("button", name="Check my answers").click()
    backers, town = number(seed, BACKERS), number(seed, TOWN)
    expect_verdict(page, backers, "Partly correct")
    expect(page.locator(f"#result-{backers} .feedback")).to_contain_text("the answer also includes Iran")
    expect_verdict(page, town, "Partly correct")
    expect(page.get_by_test_id("score")).to_contain_text("1 /")


def test_quiz_fits_a_phone_with_the_article_one_tap_away(browser, live_server, seed, screenshots):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(f"/articles/{SEED_SLUG}/quiz")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the quiz scrolls sideways ({width}px)"
    # Reached from the article's page, so the questions come first; the article is one tap away (issue 16).
    expect(page.locator(".question").first).to_be_in_viewport()
    expect(page.locator("#article-text")).to_be_hidden()
    page.get_by_role("link", name="Read the article").click()
    expect(page.locator("#article-text .article-body")).to_be_visible()
    expect(page.locator(".question").first).to_be_hidden()
    page.locator("#article-text summary").click()  # a pupil can fold the article away
    expect(page.locator("#article-text .article-body")).to_be_hidden()
    page.screenshot(path=screenshots / "quiz-phone.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"^Questions \(")).click()
    page.get_by_role("button", name="Check my answers").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the results scroll sideways ({width}px)"
    page.screenshot(path=screenshots / "quiz-results-phone.png", full_page=True)
    context.close()
