"""A class over a term in real browsers: the teacher pastes a class list, runs a pack with it; pupils on
phones join by typing their name or picking it from the list (a taken name cannot be picked); one
typed a name that is not on the list and the teacher merges it; the class page charts the session and
the skills missed; the term's CSV downloads. Keyboard only where a teacher or pupil would use it.

Expected scores by hand: SKILL_PACK's right answer is each question's first choice. Ada gets all four
(4/4), Ben gets only question 1 (1/4), Cy (as "Cyrus") questions 1 and 2 (2/4): mean (4+1+2)/12 = 58.3%.
Screenshots for docs/classroom.md are saved in docs/images/.
"""

import csv
import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import SEED
from playwright.sync_api import expect
from roster_factories import SKILL_PACK

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import packs as pack_service
from quizapp.services import teachers
from quizapp.text import pack as plain

pytestmark = [pytest.mark.browser, pytest.mark.db]

PASSWORD = "correct horse battery"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def skills_pack(live_app):
    """A teacher with the four-skill pack on the seed article."""
    with live_app.app_context():
        teacher_id = teachers.create_teacher("classes@school.example", "Ms Byrne", PASSWORD)
        article = db.session.scalars(sa.select(Article).where(Article.slug == SEED.stem)).one()
        data = plain.Pack(
            title="Syria skills", article=pack_service.pack_article(article), questions=SKILL_PACK
        )
        return pack_service.create_pack(data, article_id=article.id, owner_id=teacher_id)


@pytest.fixture
def teacher(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, base_url=live_server, accept_downloads=True
    )
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill("classes@school.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name="Hello, Ms Byrne")).to_be_visible()
    yield page
    context.close()


@pytest.fixture
def phones(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(viewport=PHONE, base_url=live_server)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def type_name(phone, code, name):
    """Open the join link and type a name, as on any class."""
    phone.goto(f"/join/{code}")
    phone.get_by_label("Your name").fill(name)
    phone.get_by_label("Your name").press("Enter")


def answer(phone, choices: dict):
    # A phone shows the article or the questions; the switch to the questions is harmless when they show.
    phone.get_by_role("link", name=re.compile(r"^Questions \(\d+\)$")).click()
    for number, choice in choices.items():
        phone.locator(f"#question-{number}").get_by_label(choice, exact=True).check()
        expect(phone.get_by_test_id(f"status-{number}")).to_contain_text("Saved")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_class_list_over_a_session(teacher, phones, skills_pack, tmp_path, doc_images):
    page = teacher
    right = {n: q.choices[0] for n, q in enumerate(SKILL_PACK, start=1)}
    wrong = {n: q.choices[1] for n, q in enumerate(SKILL_PACK, start=1)}

    page.get_by_role("link", name="Class lists").click()
    page.get_by_label("Class name").fill("7B")
    page.get_by_label("Pupils’ names").fill("Ada\nBen\nCy\n")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the keyboard reaches "Save the class" straight after the names
    expect(page.get_by_role("heading", level=1)).to_have_text("7B")
    expect(page.get_by_test_id("roster-row")).to_have_count(3)
    page.get_by_label("Pack", exact=True).select_option(label="Syria skills")
    page.get_by_role("button", name="Start a class session").click()
    code = page.get_by_test_id("join-code").inner_text().replace(" ", "")

    ada, ben, cyrus = phones(), phones(), phones()
    type_name(ada, code, "ada")  # on the list: joined at once, under the list's spelling
    expect(ada.get_by_test_id("pupil-name")).to_have_text("Ada")
    answer(ada, right)

    type_name(ben, code, "Benny")  # not on the list: pick from it, with the keyboard
    expect(ben.get_by_role("heading", level=1)).to_have_text("Pick your name")
    expect(ben.get_by_label("Ada (already joined)")).to_be_disabled()
    assert fits(ben)
    ben.get_by_label("Ben", exact=True).focus()
    ben.keyboard.press("Space")
    ben.screenshot(path=doc_images / "classes-pick-name.png")
    ben.get_by_role("button", name="Join").press("Enter")
    expect(ben.get_by_test_id("pupil-name")).to_have_text("Ben")
    answer(ben, {1: right[1], 2: wrong[2], 3: wrong[3], 4: wrong[4]})

    type_name(cyrus, code, "Cyrus")
    cyrus.get_by_label("My name is not on the list: join as “Cyrus”").check()
    cyrus.get_by_role("button", name="Join").click()
    expect(cyrus.get_by_test_id("pupil-name")).to_have_text("Cyrus")
    answer(cyrus, {1: right[1], 2: right[2]})

    # The teacher merges Cyrus into Cy, then reads the term.
    page.goto("/teacher/classes")
    page.get_by_role("link", name="7B").click()
    expect(page.get_by_test_id("unlisted")).to_contain_text("Cyrus")
    page.get_by_test_id("unlisted").get_by_label("is").select_option(label="Cy")
    page.get_by_role("button", name="Merge Cyrus").click()
    expect(page.get_by_text("Merged: those answers are now Cy’s.")).to_be_visible()
    expect(page.get_by_test_id("session-means")).to_contain_text("58.3% · 3 pupils")  # 7 of 12 marks
    # main idea and inference: 1 of 2 answers right (50% missed); vocabulary 2 of 3 right (33.3%); recall 0%.
    expect(page.get_by_test_id("skills").locator("li").first).to_contain_text("Inference")
    expect(page.get_by_test_id("skills")).to_contain_text("Recall 0% missed · 3 answers")
    page.screenshot(path=doc_images / "classes-term.png", full_page=True)

    page.get_by_role("link", name="Cy", exact=True).click()
    expect(page.get_by_test_id("history-score")).to_have_text("2 / 4 (50%)")
    page.screenshot(path=doc_images / "classes-pupil.png")
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the term (CSV)").click()
    assert download.value.suggested_filename == "7b-term.csv"
    saved = tmp_path / "term.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [(r["pupil"], r["session"], r["score"], r["percent"]) for r in rows] == [
        ("Ada", "Syria skills", "4", "100"),
        ("Ada", "Total", "4", "100"),
        ("Ben", "Syria skills", "1", "25"),
        ("Ben", "Total", "1", "25"),
        ("Cy", "Syria skills", "2", "50"),
        ("Cy", "Total", "2", "50"),
    ]


def test_the_class_page_fits_a_phone(browser, live_server, skills_pack):
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill("classes@school.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.goto("/teacher/classes")
    assert fits(page)
    page.get_by_role("link", name="7B").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("7B")
    assert fits(page)
    context.close()
