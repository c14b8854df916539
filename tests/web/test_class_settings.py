"""Issue 16, item 2: the pack's settings reach the class (shuffled questions, attempts, description).

Before: "Shuffle the questions for each pupil" gave two pupils the same
order, "Attempts allowed" changed nothing, and the pack's description never
reached pupils. The whole of it in a real browser:
tests/e2e/test_class_settings_browser.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from classroom_factories import QUESTIONS, RIGHT, WRONG, csrf_token, join_client, start_class_session
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, Participant

pytestmark = pytest.mark.db

HTMX = {"HX-Request": "true"}


class Pupil:
    """A pupil's browser: joins through the form; saves, hands in and tries again with the page's token."""

    def __init__(self, client, code: str, name: str = "Sam"):
        self.client, self.code = client, code
        assert join_client(client, code, name).status_code == 303
        self.csrf = csrf_token(client.get(f"/join/{code}").get_data(as_text=True))

    def page(self):
        return parse(self.client.get(f"/class/{self.code}"))

    def save(self, number, response):
        return self.client.post(
            f"/class/{self.code}/answers/{number}",
            data={"response": response, "csrf_token": self.csrf},
            headers=HTMX,
        )

    def hand_in(self):
        return self.client.post(f"/class/{self.code}/finish", data={"csrf_token": self.csrf})

    def try_again(self):
        return self.client.post(f"/class/{self.code}/again", data={"csrf_token": self.csrf})

    def shown_prompts(self) -> list[str]:
        """The questions' prompts in the order the page shows them, with the number each is labelled."""
        page = self.page()
        return [
            f"{item.find(class_='q-number').clean_text()}: {item.find(class_='q-prompt').clean_text()}"
            for item in page.find_all("li", class_="question")
        ]


def stored(app) -> dict[int, tuple]:
    with app.app_context():
        return {a.number: (a.response, a.verdict) for a in db.session.scalars(sa.select(Answer))}


def by_testid(page, name: str) -> str:
    found = page.find(**{"data-testid": name})
    return found.clean_text() if found else ""


# ---- shuffled questions ----------------------------------------------------------------------------


def test_shuffled_questions_give_each_pupil_their_own_order_kept_on_reload(app):
    lesson = start_class_session(app, shuffle_questions=True)
    sam, alex = Pupil(app.test_client(), lesson.code, "Sam"), Pupil(app.test_client(), lesson.code, "Alex")
    sams, alexs = sam.shown_prompts(), alex.shown_prompts()
    assert sams != alexs  # checked by hand: the two pupils' first questions differ
    assert sam.shown_prompts() == sams  # a reload keeps the order
    # Labelled by their place on the page, each question once.
    assert [line.split(":")[0] for line in sams] == ["Question 1", "Question 2", "Question 3", "Question 4"]
    assert sorted(line.split(": ", 1)[1] for line in sams) == sorted(q.prompt for q in QUESTIONS)


def test_an_answer_on_a_shuffled_page_is_stored_under_the_question_it_answers(app):
    lesson = start_class_session(app, shuffle_questions=True)
    sam = Pupil(app.test_client(), lesson.code)
    first = sam.page().find_all("form", class_="answer-form")[0]
    number = int(first.attrs["action"].rsplit("/", 1)[1])
    assert sam.save(number, RIGHT[number]).status_code == 200
    assert stored(app) == {number: (RIGHT[number], "correct")}


def test_without_shuffling_every_pupil_gets_the_packs_order(app):
    lesson = start_class_session(app)
    prompts = [f"Question {n}: {q.prompt}" for n, q in enumerate(QUESTIONS, start=1)]
    assert Pupil(app.test_client(), lesson.code, "Sam").shown_prompts() == prompts
    assert Pupil(app.test_client(), lesson.code, "Alex").shown_prompts() == prompts


# ---- the description -------------------------------------------------------------------------------


def test_the_packs_description_is_shown_to_pupils_before_the_questions(app, client):
    lesson = start_class_session(app, description="Read the article twice.\nThen answer in full sentences.")
    html = client.get(f"/class/{lesson.code}").get_data(as_text=True) if Pupil(client, lesson.code) else ""
    assert "From your teacher" in html and "Read the article twice.\nThen answer in full sentences." in html
    assert html.index("Then answer in full sentences.") < html.index('id="question-1"')


def test_a_description_is_shown_as_text_not_markup(app, client):
    lesson = start_class_session(app, description="<script>alert(1)</script> Be kind")
    html = client.get(f"/class/{lesson.code}").get_data(as_text=True) if Pupil(client, lesson.code) else ""
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Be kind" in html and "<script>alert" not in html


# ---- attempts --------------------------------------------------------------------------------------


def test_two_attempts_the_pupil_is_told_what_is_left_and_the_second_is_final(app, client):
    lesson = start_class_session(app, feedback="end", attempts=2)
    sam = Pupil(client, lesson.code)
    assert by_testid(sam.page(), "attempts") == (
        "Attempt 1 of 2. If you hand in and want another go, you have 1 more attempt."
    )
    sam.save(2, WRONG[2])
    sam.hand_in()
    page = sam.page()
    assert "You have 1 attempt left." in by_testid(page, "finished")
    assert page.find("button", type="submit").clean_text() == "Try again"

    assert sam.try_again().status_code == 303
    page = sam.page()
    assert by_testid(page, "attempts") == (
        "Attempt 2 of 2. This is your last attempt: once you hand in, your answers cannot change."
    )
    assert stored(app) == {} and by_testid(page, "progress") == "0 of 4 answered."
    sam.save(2, RIGHT[2])
    sam.hand_in()
    page = sam.page()
    assert by_testid(page, "finished") == (
        "You have handed in your answers. That was your last attempt (2 of 2), "
        "so your answers can no longer be changed."
    )
    assert "Try again" not in page.clean_text()
    with app.app_context():
        sam_row = db.session.scalars(sa.select(Participant)).one()
        assert (sam_row.attempt, sam_row.past_scores) == (2, [0.0])


def test_a_third_try_is_refused_with_the_reason_and_nothing_cleared(app, client):
    lesson = start_class_session(app, attempts=2)
    sam = Pupil(client, lesson.code)
    sam.hand_in()
    sam.try_again()
    sam.save(2, RIGHT[2])
    sam.hand_in()
    response = sam.try_again()
    assert response.status_code == 303
    assert "You have used all 2 of your attempts, so your answers are final." in sam.page().clean_text()
    assert stored(app) == {2: (RIGHT[2], "correct")}


def test_one_attempt_says_so_before_handing_in(app, client):
    lesson = start_class_session(app, attempts=1)
    sam = Pupil(client, lesson.code)
    assert (
        by_testid(sam.page(), "attempts")
        == "You have one attempt: once you hand in, your answers cannot change."
    )
    sam.hand_in()
    assert "Try again" not in sam.page().clean_text()


def test_with_no_limit_a_pupil_may_try_again_and_again(app, client):
    lesson = start_class_session(app)  # attempts 0: as many as the pupil likes
    sam = Pupil(client, lesson.code)
    assert by_testid(sam.page(), "attempts") == ""
    for _ in range(3):
        sam.save(1, WRONG[1])
        sam.hand_in()
        assert "You may try again as often as you like." in by_testid(sam.page(), "finished")
        sam.try_again()
    with app.app_context():
        assert db.session.scalars(sa.select(Participant.past_scores)).one() == [0.0, 0.0, 0.0]


def test_trying_again_before_handing_in_or_after_the_class_closed_changes_nothing(app, client):
    from quizapp.services import classroom

    lesson = start_class_session(app, attempts=3)
    sam = Pupil(client, lesson.code)
    sam.save(2, RIGHT[2])
    sam.try_again()
    assert "Hand in your answers first; then you can try again." in sam.page().clean_text()
    sam.hand_in()
    with app.app_context():
        classroom.close_session(lesson.session_id)
    sam.try_again()
    assert "Your teacher has closed this class" in sam.page().clean_text()
    assert stored(app) == {2: (RIGHT[2], "correct")}


def test_a_browser_that_did_not_join_cannot_try_again(app, client):
    lesson = start_class_session(app, attempts=3)
    token = csrf_token(client.get("/join").get_data(as_text=True))
    assert client.post(f"/class/{lesson.code}/again", data={"csrf_token": token}).status_code == 403


def test_the_teacher_sees_which_go_a_pupil_is_on_and_how_the_earlier_ones_went(app, client):
    lesson = start_class_session(app, attempts=3)
    sam = Pupil(client, lesson.code)
    for response in (WRONG[2], RIGHT[2]):
        sam.save(2, response)
        sam.hand_in()
        sam.try_again()
    teacher = app.test_client()
    with teacher.session_transaction() as cookie:
        cookie["_user_id"], cookie["_fresh"] = str(lesson.owner_id), True
    board = parse(teacher.get(f"/teacher/sessions/{lesson.session_id}/live"))
    # Scores by hand: go 1 had question 2 wrong (0), go 2 had it right (1 point); go 3 has nothing yet.
    assert by_testid(board, "attempt") == "· attempt 3 (before: 0, 1)"


# ---- the pupil's counter (issue 16, item 8) -----------------------------------------------------------


def test_each_autosave_sends_the_pages_counter_to_swap_in(app, client):
    lesson = start_class_session(app)
    sam = Pupil(client, lesson.code)
    sam.save(2, WRONG[2])
    fragment = parse(sam.save(3, RIGHT[3]))
    counter = fragment.find(id="class-progress")
    assert counter.attrs["hx-swap-oob"] == "true" and counter.clean_text() == "2 of 4 answered."
    sam.save(3, WRONG[3])  # the same question again: still two answered
    assert parse(sam.save(3, RIGHT[3])).find(id="class-progress").clean_text() == "2 of 4 answered."
