"""One story at several levels in real browsers: a pupil switches levels (on the reading page and in a
class whose teacher lets pupils choose), and a teacher gives a pupil a level and compares the levels.

The story's three versions have hand-set grades (tests/story_factories.py): easy A2, middle B1, hard C1,
with packs of 2, 3 and 4 questions, so a page shows which level's text and questions it holds.
"""

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from records import make_pack
from story_factories import QUESTION_COUNTS, make_levelled_articles, version_line
from teacher_login import log_in

from quizapp.extensions import db
from quizapp.models import Article, Story, Teacher
from quizapp.services import stories, teachers

pytestmark = [pytest.mark.browser, pytest.mark.db]

PASSWORD = "correct horse battery"
EMAIL = "levels@school.example"


@pytest.fixture(scope="module")
def library(live_app):
    """A seed story (every reader sees it) and a teacher's own story with a pack per version: their ids.

    The seed story and its articles are deleted afterwards; the teacher's own stay (her sessions use them).
    """
    with live_app.app_context():
        seeds = make_levelled_articles(None, prefix="e2e-seed-")
        db.session.commit()
        stories.sync_seed_story("Mars One for everyone", [a.slug for a in seeds.values()])
        seed_story = next(s.id for s in stories.stories_for(None) if s.title == "Mars One for everyone")
        teacher_id = teachers.create_teacher(EMAIL, "Ms Levels", PASSWORD)
        teacher = db.session.get(Teacher, teacher_id)
        mine = make_levelled_articles(teacher, prefix="e2e-own-", marked=True)
        for slug, article in mine.items():
            make_pack(article, teacher, questions=QUESTION_COUNTS[slug], title=f"Pack for {slug}")
        db.session.commit()
        story_id = stories.create_story(mine["mars-ele"].id, teacher_id, "Mars One in class")
        for slug in ("mars-int", "mars-adv"):
            stories.add_version(story_id, mine[slug].id, teacher_id)
        seed_ids = [a.id for a in seeds.values()]
    yield seed_story, story_id
    # Other modules share this database and list the shared articles (the crawl copies one): remove ours.
    with live_app.app_context():
        db.session.execute(sa.delete(Story).where(Story.id == seed_story))
        db.session.execute(sa.delete(Article).where(Article.id.in_(seed_ids)))
        db.session.commit()


def logged_in(browser, live_server, width: int, height: int):
    """A new browser context of this size with the teacher logged in: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server)
    page = context.new_page()
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Ms Levels")).to_be_visible()
    return context, page


@pytest.fixture
def teacher(browser, live_server):
    """The teacher's laptop browser, logged in."""
    context, page = logged_in(browser, live_server, 1366, 900)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A pupil's phone, 390 px wide."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def level_switch(page):
    return page.get_by_test_id("level-switch")


def start_class(teacher, story_id, choose: bool) -> str:
    """Start a session of the story from its page (pupils choose or not); the join link."""
    teacher.goto(f"/teacher/stories/{story_id}")
    if choose:
        teacher.get_by_label("Let pupils choose their own level").check()
    teacher.get_by_role("button", name="Start a class session at these levels").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Mars One in class")
    return teacher.get_by_test_id("join-link").get_attribute("href")


def join(page, link, name):
    page.goto(link)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_test_id("pupil-name")).to_have_text(name)


def show_questions(page):
    """A phone shows the article or the questions: tap over to the questions."""
    page.get_by_role("link", name=re.compile(r"^Questions \(\d+\)$")).click()


def test_a_pupil_switches_levels_on_the_reading_page_by_keyboard_on_a_phone(phone, library, screenshots):
    page = phone
    page.goto("/")
    card = page.get_by_test_id("story-card").filter(has_text="Mars One for everyone")
    card.get_by_role("link", name="B1: Mars One (middle)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mars One (middle)")
    expect(level_switch(page)).to_have_text(
        re.compile(r"Reading level:\s*← Easier \(A2\)\s*B1\s*Harder \(C1\) →")
    )
    no_sideways_scroll(page)
    page.screenshot(path=screenshots / "levels-reading-phone.png")
    page.get_by_test_id("level-easier").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mars One (easy)")
    expect(page.get_by_test_id("level-here")).to_have_text("A2")
    expect(page.get_by_test_id("level-easier")).to_have_count(0)  # the easiest has nothing easier
    page.get_by_test_id("level-harder").click()
    page.get_by_test_id("level-harder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mars One (hard)")
    expect(page.get_by_test_id("level-harder")).to_have_count(0)


def test_a_pupil_chooses_an_easier_level_in_class(teacher, phone, library, screenshots):
    link = start_class(teacher, library[1], choose=True)
    join(phone, link, "Zoe")
    expect(level_switch(phone)).to_contain_text("B1")
    expect(phone.get_by_test_id("progress")).to_have_text("0 of 3 answered.")
    phone.screenshot(path=screenshots / "levels-class-phone.png")
    phone.get_by_role("button", name="← Easier (A2)").click()
    expect(phone.get_by_test_id("level-here")).to_have_text("A2")
    expect(phone.get_by_test_id("progress")).to_have_text("0 of 2 answered.")
    no_sideways_scroll(phone)
    # After the first answer the level stays: no more Easier/Harder.
    show_questions(phone)
    phone.locator("#question-1").get_by_role("textbox").fill("Answer")
    phone.locator("#question-1").get_by_role("button", name="Save").click()
    expect(phone.get_by_test_id("status-1")).to_contain_text("Saved")
    phone.reload()
    expect(level_switch(phone)).to_have_text(re.compile(r"Reading level:\s*A2$"))
    expect(phone.get_by_role("button", name=re.compile("Harder"))).to_have_count(0)


def test_a_teacher_gives_a_pupil_a_level_and_compares_the_levels(teacher, phone, library, screenshots):
    link = start_class(teacher, library[1], choose=False)
    dashboard = teacher.url
    join(phone, link, "Max")
    expect(level_switch(phone)).to_have_text(re.compile(r"Reading level:\s*B1$"))  # the teacher chooses here
    teacher.get_by_label(
        "Show pupils’ names and scores on the screen"
    ).check()  # off the projector by default
    teacher.get_by_role("link", name="Max").click()
    teacher.get_by_label(re.compile(r"C1 · Mars One \(hard\)")).check()
    teacher.get_by_role("button", name="Give this level").click()
    expect(teacher.get_by_test_id("level-form")).to_contain_text("now C1: Mars One (hard)")
    phone.reload()
    expect(phone.get_by_test_id("level-here")).to_have_text("C1")
    expect(phone.get_by_test_id("progress")).to_have_text("0 of 4 answered.")
    show_questions(phone)
    for number in (1, 2):  # two of the hard pack's four right: 2 / 4 = 50 %
        phone.locator(f"#question-{number}").get_by_role("textbox").fill("Answer")
        phone.locator(f"#question-{number}").get_by_role("button", name="Save").click()
        expect(phone.get_by_test_id(f"status-{number}")).to_contain_text("Saved")
    teacher.goto(dashboard)
    results = teacher.get_by_test_id("level-result")
    expect(results).to_have_count(3)
    expect(results.nth(2)).to_contain_text("C1")
    expect(results.nth(2).get_by_test_id("level-mean")).to_have_text("2 / 4 (50%)")
    expect(results.nth(0).get_by_test_id("level-mean")).to_have_text("no pupils")
    expect(teacher.get_by_test_id("pupil-level")).to_have_text("C1")
    teacher.get_by_role("heading", name="Results by level").scroll_into_view_if_needed()
    teacher.screenshot(path=screenshots / "levels-dashboard.png", full_page=True)


def test_the_story_pages_fit_a_phone_and_work_by_keyboard(browser, live_server, library, screenshots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name="Hello, Ms Levels")).to_be_visible()
    page.goto(f"/teacher/stories/{library[1]}")
    expect(page.get_by_test_id("version-row")).to_have_count(3)
    expect(page.get_by_test_id("version-cefr")).to_have_text(["A2", "B1", "C1"])
    no_sideways_scroll(page)
    page.screenshot(path=screenshots / "levels-story-phone.png", full_page=True)
    page.get_by_label("Story title").fill("Mars One, three ways")
    page.get_by_label("Story title").press("Enter")  # the title form submits from the keyboard
    expect(page.get_by_role("heading", level=1)).to_have_text("Mars One, three ways")
    page.get_by_label("Story title").fill("Mars One in class")  # as the other tests expect it
    page.get_by_role("button", name="Save the title").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mars One in class")
    page.goto("/teacher/stories")
    no_sideways_scroll(page)
    context.close()


def test_a_story_set_as_homework_gives_a_pupil_the_level_the_teacher_chose(
    browser, live_server, library, phone, screenshots
):
    """On a phone-sized teacher's browser: set the story as homework, give the pupil the easy version."""
    context, page = logged_in(browser, live_server, 390, 844)
    page.goto(f"/teacher/stories/{library[1]}")
    page.get_by_role("link", name="Set as homework at these levels").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set “Mars One in class” as homework at its levels"
    )
    expect(page.get_by_test_id("levels-note")).to_contain_text("one of the 3 versions (A2, B1, C1)")
    due = (datetime.now() + timedelta(days=7)).strftime("%Y-%m-%dT17:00")
    page.get_by_label("Due").fill(due)
    no_sideways_scroll(page)
    page.screenshot(path=screenshots / "levels-homework-set-phone.png", full_page=True)
    page.get_by_role("button", name="Set as homework").click()
    expect(page.get_by_test_id("homework-state")).to_contain_text("Open")
    link = page.get_by_test_id("join-link").get_attribute("href")

    join(phone, link, "Ivy")
    expect(phone.get_by_test_id("level-here")).to_have_text("B1")
    expect(phone.get_by_text(version_line("B1"))).to_be_attached()

    page.get_by_label("Show pupils’ names and scores on the screen").check()
    page.get_by_role("link", name="Ivy").click()
    page.get_by_label(re.compile(r"A2 · Mars One \(easy\)")).check()
    page.get_by_role("button", name="Give this level").click()
    expect(page.get_by_test_id("level-form")).to_contain_text("now A2: Mars One (easy)")
    phone.reload()
    expect(phone.get_by_test_id("level-here")).to_have_text("A2")
    expect(phone.get_by_text(version_line("A2"))).to_be_visible()
    expect(phone.get_by_text(version_line("B1"))).to_have_count(0)
    show_questions(phone)
    expect(phone.get_by_test_id("progress")).to_have_text("0 of 2 answered.")
    phone.screenshot(path=screenshots / "levels-homework-pupil-phone.png")
    context.close()


def test_levels_set_on_a_class_list_give_each_pupil_their_version(
    browser, live_server, library, screenshots, doc_images
):
    """On a phone-sized teacher's browser: a class list's levels, then a lesson of the story with that class."""
    context, page = logged_in(browser, live_server, 390, 844)
    page.goto("/teacher/classes")
    page.get_by_label("Class name").fill("Mars group")
    page.get_by_label("Pupils’ names").fill("Lena\nOmar\nPia\n")
    page.get_by_role("button", name="Save the class").click()
    page.get_by_role("link", name="Set reading levels").click()
    expect(page.get_by_test_id("not-set-note")).to_contain_text("the pupil gets the story's middle version")
    page.get_by_label("Lena", exact=True).select_option("A2")
    page.get_by_label("Omar", exact=True).select_option("C1")
    no_sideways_scroll(page)
    page.screenshot(path=doc_images / "levels-class-list.png", full_page=True)
    page.get_by_role("button", name="Save the levels").click()
    expect(page.get_by_test_id("roster-level")).to_have_text(["A2", "C1", "not set"])
    page.screenshot(path=screenshots / "levels-class-page-phone.png", full_page=True)
    no_sideways_scroll(page)

    page.goto(f"/teacher/stories/{library[1]}")
    page.get_by_label("Class", exact=True).select_option(label="Mars group")
    no_sideways_scroll(page)
    page.screenshot(path=screenshots / "levels-story-class-phone.png", full_page=True)
    page.get_by_role("button", name="Start a class session at these levels").click()
    link = page.get_by_test_id("join-link").get_attribute("href")
    for name, level, questions in (("Lena", "A2", 2), ("Omar", "C1", 4), ("Pia", "B1", 3)):
        phone = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server).new_page()
        join(phone, link, name)  # a name on the list joins as that name, at its level
        expect(phone.get_by_test_id("level-here")).to_have_text(level)
        expect(phone.get_by_text(version_line(level))).to_be_visible()
        show_questions(phone)
        expect(phone.get_by_role("link", name=f"Questions ({questions})")).to_be_visible()
        expect(phone.get_by_test_id("progress")).to_have_text(f"0 of {questions} answered.")
        phone.context.close()
    context.close()
