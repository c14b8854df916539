"""Issue 16, item 7, on a 390 px phone in a real browser: the pupil's class page puts question 1 one tap away
(not 3.7 screens down under the article), a tap on a name shows its glossary entry where the pupil is (not a
2,000 px jump), and no teacher page is wider than the screen.
"""

import pytest
from classroom_factories import start_class_session
from playwright.sync_api import expect
from teacher_login import log_in

from quizapp.services import article_editing, classroom, pack_editing, teachers

pytestmark = [pytest.mark.browser, pytest.mark.db]

PHONE = {"width": 390, "height": 844}
EMAIL, PASSWORD = "phone.teacher@school.example", "correct horse battery"
LONG = "Donaudampfschifffahrtsgesellschaftskapitänswitwe-Konstantinopoulou"


@pytest.fixture(scope="module")
def lesson(live_app):
    """A session of the four-question pack on the seed article's hand-made analysis."""
    return start_class_session(live_app, email="phone-browser@school.example", slug="phone-browser")


@pytest.fixture
def pupil(browser, live_server, lesson):
    """Sam on a phone, joined to the lesson, on the class page."""
    context = browser.new_context(viewport=PHONE, base_url=live_server, has_touch=True)
    page = context.new_page()
    page.goto(f"/join/{lesson.code}")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_contain_text("Sam")
    yield page
    context.close()


def test_question_one_is_one_tap_away_on_a_phone(pupil, screenshots):
    switch = pupil.get_by_role("navigation", name="Article or questions")
    expect(switch.get_by_role("link", name="Read the article")).to_have_attribute("aria-current", "true")
    expect(pupil.locator("#article-text")).to_be_visible()  # a pupil who has answered nothing reads first
    pupil.screenshot(path=screenshots / "class-phone-article.png")

    switch.get_by_role("link", name="Questions (4)").tap()
    question = pupil.locator("#question-1")
    expect(question).to_be_visible()
    expect(pupil.locator("#article-text")).to_be_hidden()
    top = question.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 2, f"question 1 starts {top:.0f} px down the screen"
    pupil.screenshot(path=screenshots / "class-phone-questions.png")

    pupil.locator("#question-2").get_by_label("Beirut").tap()  # answering works in the questions view
    expect(pupil.get_by_test_id("status-2")).to_contain_text("Saved")
    switch.get_by_role("link", name="Read the article").tap()  # and the article is one tap back
    expect(pupil.locator("#article-text")).to_be_visible()
    expect(pupil.locator("#question-1")).to_be_hidden()


def test_after_a_reload_a_pupil_who_has_answered_sees_the_questions_first(pupil):
    pupil.get_by_role("link", name="Questions (4)").tap()
    pupil.locator("#question-2").get_by_label("Beirut").tap()
    expect(pupil.get_by_test_id("status-2")).to_contain_text("Saved")
    pupil.reload()
    expect(pupil.locator("#question-1")).to_be_in_viewport()


def test_a_tap_on_questions_before_the_page_script_ran_is_not_undone(pupil):
    """A slow laptop: the switch's tap lands before panes.js, so only the address becomes #questions.
    The script then starts on the questions (it used to show the article again, and the tap was lost)."""
    address = pupil.url.split("#")[0] + "#questions"
    pupil.goto("about:blank")  # a fresh load of the class page, not a jump within it
    pupil.goto(address)
    expect(pupil.locator("#question-1")).to_be_visible()
    expect(pupil.locator("#article-text")).to_be_hidden()
    switch = pupil.get_by_role("navigation", name="Article or questions")
    expect(switch.get_by_role("link", name="Questions (4)")).to_have_attribute("aria-current", "true")


def test_tapping_a_name_shows_its_entry_where_the_pupil_is(pupil, screenshots):
    name = pupil.locator("#article-text a.mention").nth(2)
    name.scroll_into_view_if_needed()
    before = pupil.evaluate("window.scrollY")
    name.tap()
    tip = name.locator(".tip")
    expect(tip).to_be_visible()
    expect(tip).to_be_in_viewport()
    assert pupil.evaluate("window.scrollY") == before  # no jump to the glossary
    assert "#" not in pupil.url
    pupil.screenshot(path=screenshots / "class-phone-glossary-tip.png")
    name.tap()  # a second tap hides it
    expect(tip).to_be_hidden()


@pytest.fixture(scope="module")
def teacher_pages(live_app, seed):
    """A teacher with an article, a pack and a session a pupil answered in: the URLs of her pages."""
    with live_app.app_context():
        teacher = teachers.create_teacher(EMAIL, "Ms Phone", PASSWORD)
        article = article_editing.copy_seed(seed.id, teacher)
        # Long unbroken words, as German compounds, URLs and hyphenated names are: they must wrap, not widen.
        article_editing.edit_details(
            article.id, teacher, title=f"The {LONG} affair", source=LONG, dateline=None
        )
        pack = pack_editing.start_from_article(article.id, teacher)
        pack_editing.save_settings(pack, teacher, title=f"Quiz on the {LONG} affair", description=LONG)
        session = classroom.start_session(pack, teacher)
        code = classroom.owned_session(session, teacher).code
        joined = classroom.join(code, LONG[:40])
        questions = pack_editing.questions(pack, teacher)
        for number, question in enumerate(questions, start=1):  # long, unbroken answers
            classroom.save_answer(
                code, joined.token, number, question.choices[-1] if question.choices else LONG
            )
    pages = [
        "/teacher",
        "/teacher/articles",
        "/teacher/articles/new",
        f"/teacher/articles/{article.id}/edit",
        f"/teacher/articles/{article.id}/text",
        f"/teacher/articles/{article.id}/delete",
        "/teacher/packs/new",
        "/teacher/packs/import",
        f"/teacher/packs/{pack}",
        f"/teacher/packs/{pack}/questions/1/edit",
        f"/teacher/packs/{pack}/questions/new?type=choice",
        f"/teacher/packs/{pack}/delete",
        "/teacher/sessions",
        f"/teacher/sessions/{session}",
        f"/teacher/sessions/{session}/delete",
        f"/teacher/sessions/{session}/participants/{joined.participant_id}",
    ]
    return pages


def test_no_teacher_page_is_wider_than_a_phone(browser, live_server, teacher_pages, screenshots):
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Ms Phone")).to_be_visible()
    too_wide = {}
    for url in teacher_pages:
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[url] = width
            page.screenshot(path=screenshots / f"too-wide-{len(too_wide)}.png", full_page=True)
    context.close()
    assert too_wide == {}
