"""Issue 16, item 8, the teacher's side in a real browser: delete asks first; accept an answer for everyone.

Measured before: one click on a question's Delete removed it for good, and
an answer the grader was too strict about had to be accepted pupil by pupil.
"""

import pytest
import sqlalchemy as sa
from classroom_factories import answer_all, join_pupil, start_class_session
from factories import SEED
from playwright.sync_api import expect
from teacher_login import log_in

from quizapp.extensions import db
from quizapp.models import Article, ClassSession, Teacher
from quizapp.services import packs as pack_service
from quizapp.services import teachers
from quizapp.text import pack as plain
from quizapp.text.question import Question

pytestmark = [pytest.mark.browser, pytest.mark.db]

PASSWORD = "correct horse battery"
QUESTIONS = (
    Question("q1", "short", "Who backs the Syrian government?", (("Russia", "Moscow"), ("Iran",))),
    Question(
        "q2",
        "choice",
        "Which town did government forces capture?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Deir al-Zor", "Damascus"),
    ),
    Question("q3", "truefalse", "Assad seemed in danger two years ago.", (("true",),)),
)


def logged_in(browser, live_server, email: str):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server)
    page = context.new_page()
    log_in(page, email, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Ms Diaz")).to_be_visible()
    return page


def test_deleting_a_question_asks_first_and_keep_it_keeps_it(browser, live_server, live_app, screenshots):
    with live_app.app_context():
        teacher_id = teachers.create_teacher("delete-q@school.example", "Ms Diaz", PASSWORD)
        article = db.session.scalars(sa.select(Article).where(Article.slug == SEED.stem)).one()
        data = plain.Pack(
            title="Deleting questions", article=pack_service.pack_article(article), questions=QUESTIONS
        )
        pack_id = pack_service.create_pack(data, article_id=article.id, owner_id=teacher_id)
    page = logged_in(browser, live_server, "delete-q@school.example")
    page.goto(f"/teacher/packs/{pack_id}")
    questions = page.locator(".pack-question")
    expect(questions).to_have_count(3)

    page.get_by_role("link", name="Delete question 2").click()
    expect(page.get_by_role("heading", name="Delete question 2?")).to_be_visible()
    expect(page.get_by_text("Which town did government forces capture?")).to_be_visible()
    page.screenshot(path=screenshots / "pack-delete-question.png")
    page.get_by_role("link", name="Keep it").click()
    expect(questions).to_have_count(3)

    page.get_by_role("link", name="Delete question 2").click()
    page.get_by_role("button", name="Delete the question").click()
    expect(page.get_by_text("Question 2 deleted.")).to_be_visible()
    expect(questions).to_have_count(2)
    expect(questions.nth(1)).to_contain_text("Assad seemed in danger two years ago.")
    page.context.close()


def test_accepting_an_answer_for_everyone_from_the_dashboard(browser, live_server, live_app, screenshots):
    with live_app.app_context():
        teachers.create_teacher("accept-all@school.example", "Ms Diaz", PASSWORD)
    lesson = start_class_session(live_app, email="accept-all-owner@school.example", slug="accept-all")
    with live_app.app_context():  # the session belongs to the teacher who can log in
        owner = db.session.scalars(
            sa.select(Teacher.id).where(Teacher.email == "accept-all@school.example")
        ).one()
        db.session.get(ClassSession, lesson.session_id).owner_id = owner
        db.session.commit()
    for name, response in (("Sam", "Turkey"), ("Ali", "turkey"), ("Kim", "Iraq")):
        answer_all(live_app, lesson.code, join_pupil(live_app, lesson.code, name).token, {1: response})

    page = logged_in(browser, live_server, "accept-all@school.example")
    page.goto(f"/teacher/sessions/{lesson.session_id}")
    expect(page.locator("#stat-1").get_by_test_id("count-correct")).to_have_text("0 (0%)")
    page.locator("#stat-1").get_by_role("button", name="“Turkey” to question 1").click()
    expect(page.get_by_text("Question 1: “Turkey” accepted for 2 pupils.")).to_be_visible()
    expect(page.locator("#stat-1").get_by_test_id("count-correct")).to_have_text("2 (67%)")
    expect(page.locator("#stat-1 .wrong-answers")).not_to_contain_text("Turkey")
    page.screenshot(path=screenshots / "session-accept-for-everyone.png", full_page=True)
    page.context.close()
