"""The pupil's side of a class as a browser uses it: join, read, autosave answers, resume, hand in."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token, join_client, join_pupil, start_class_session
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, Participant
from quizapp.services import classroom

pytestmark = pytest.mark.db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def lesson(app):
    """A started session of the four-question pack (feedback after each question)."""
    return start_class_session(app)


class Pupil:
    """A pupil's browser: joins through the form, then saves answers with the page's CSRF token."""

    def __init__(self, client, code: str, name: str = "Sam"):
        self.client, self.code = client, code
        self.joined = join_client(client, code, name)
        self.csrf = csrf_token(client.get(f"/join/{code}").get_data(as_text=True))

    def page(self):
        return self.client.get(f"/class/{self.code}")

    def save(self, number, response, htmx=True, csrf=True):
        data = {"response": response}
        if csrf:
            data["csrf_token"] = self.csrf
        return self.client.post(
            f"/class/{self.code}/answers/{number}", data=data, headers=HTMX if htmx else {}
        )


def answers(app) -> list[Answer]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Answer).order_by(Answer.participant_id, Answer.number)))


def participants(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [
            (p.name, p.number) for p in db.session.scalars(sa.select(Participant).order_by(Participant.id))
        ]


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


# ---- joining ----------------------------------------------------------------------------------


def test_the_join_form_has_labelled_fields_and_a_join_link_fills_in_the_code(client, lesson):
    page = parse(client.get(f"/join/{lesson.code}"))
    code_box, name_box = page.by_id("code"), page.by_id("name")
    assert code_box.attrs.get("value") == lesson.code
    assert page.find("label", **{"for": "code"}).clean_text() == "Class code"
    assert page.find("label", **{"for": "name"}).clean_text() == "Your name"
    assert name_box.attrs.get("maxlength") == "40"


def test_joining_goes_to_the_class_page_with_the_article_and_questions(client, lesson):
    pupil = Pupil(client, lesson.code.lower(), "Sam")
    assert pupil.joined.status_code == 303
    assert pupil.joined.headers["Location"].endswith(f"/class/{lesson.code}")
    page = client.get(f"/class/{lesson.code}")
    tree = parse(page)
    assert tree.find(**{"data-testid": "pupil-name"}).clean_text() == "Sam"
    assert "has entered a new phase as President" in tree.by_id("article-text").clean_text()
    assert tree.by_id("glossary") and tree.by_id("readability")
    forms = tree.find_all("form", class_="answer-form")
    assert [f.attrs["action"] for f in forms] == [f"/class/{lesson.code}/answers/{n}" for n in (1, 2, 3, 4)]
    assert all(f.attrs["hx-post"] == f.attrs["action"] for f in forms)
    assert [o.attrs["value"] for o in forms[1].find_all("input", name="response")] == [
        "al-Sukhna",
        "Deir al-Zor",
        "Damascus",
        "Beirut",
    ]
    assert "Not answered yet" in text(page)


@pytest.mark.parametrize(
    "code, name, message",
    [
        ("NOPE99", "Sam", "There is no open class with that code"),
        ("", "Sam", "Type the code your teacher shows you"),
        ("{code}", "", "Type your name"),
        ("{code}", "   ", "Type your name"),
        ("{code}", "\u200b\u200b", "Please type your name"),
        ("{code}", "x" * 41, "at most 40 characters"),
        ("x" * 500, "Sam", "A class code has 6 letters and numbers"),
    ],
)
def test_a_join_that_cannot_work_says_why_and_stores_nothing(app, client, lesson, code, name, message):
    response = join_client(client, code.format(code=lesson.code), name)
    assert response.status_code == 422
    assert message in text(response)
    assert participants(app) == []


def test_nobody_joins_a_closed_class(app, client, lesson):
    with app.app_context():
        classroom.close_session(lesson.session_id)
    response = join_client(client, lesson.code, "Sam")
    assert response.status_code == 422
    assert "There is no open class with that code" in text(
        response
    )  # as an unknown code: no hint for guessers


def test_two_pupils_with_the_same_name_are_told_apart(app, lesson):
    first, second = app.test_client(), app.test_client()
    Pupil(first, lesson.code, "Sam")
    Pupil(second, lesson.code, "sam")
    assert participants(app) == [("Sam", 1), ("sam", 2)]
    assert (
        parse(second.get(f"/class/{lesson.code}")).find(**{"data-testid": "pupil-name"}).clean_text()
        == "sam (2)"
    )


def test_a_display_name_with_html_is_shown_as_text(app, client, lesson):
    Pupil(client, lesson.code, "<script>alert(1)</script>")
    html = client.get(f"/class/{lesson.code}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    join_page = client.get("/join").get_data(as_text=True)
    assert "<script>alert(1)" not in join_page and "as &lt;script&gt;" in join_page


# ---- resuming ---------------------------------------------------------------------------------


def test_a_pupil_who_comes_back_resumes_with_their_answers(app, client, lesson):
    pupil = Pupil(client, lesson.code, "Sam")
    pupil.save(2, "Beirut")
    pupil.save(3, ["Russia", "Iran"])
    tree = parse(pupil.page())
    assert "checked" in tree.by_id("question-2").find("input", value="Beirut").attrs
    assert [
        box.attrs["value"] for box in tree.by_id("question-3").find_all("input") if "checked" in box.attrs
    ] == ["Russia", "Iran"]
    assert "Not answered yet" in tree.by_id("status-1").clean_text()
    assert "Saved" in tree.by_id("status-2").clean_text()
    # The join page offers the class again; joining again with the same name is the same pupil.
    assert "Continue “Syria lesson” as Sam" in text(client.get("/join"))
    again = join_client(client, lesson.code, " SAM ")
    assert again.status_code == 303
    assert participants(app) == [("Sam", 1)]


def test_someone_else_on_the_same_device_joins_as_themselves(app, client, lesson):
    Pupil(client, lesson.code, "Sam")
    join_client(client, lesson.code, "Alex")
    assert participants(app) == [("Sam", 1), ("Alex", 1)]
    assert (
        parse(client.get(f"/class/{lesson.code}")).find(**{"data-testid": "pupil-name"}).clean_text()
        == "Alex"
    )


def test_a_browser_that_has_not_joined_is_sent_to_the_join_form(client, lesson):
    response = client.get(f"/class/{lesson.code}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/join/{lesson.code}")
    assert client.get("/class/NOPE99").headers["Location"].endswith("/join/NOPE99")  # the same for any code


def test_a_lower_case_class_url_goes_to_the_canonical_one(client, lesson):
    response = client.get(f"/class/{lesson.code.lower()}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/class/{lesson.code}")


# ---- autosave ---------------------------------------------------------------------------------


def test_an_autosave_returns_the_status_with_the_verdict_and_evidence(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    response = pupil.save(1, "Russia")
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.startswith("Saved")
    assert "Partly correct" in fragment and "◐" in fragment
    assert "In the article: “Backed by Russia and Iran" in fragment or "Backed by Russia and Iran" in fragment
    assert "<html" not in response.get_data(as_text=True)
    [row] = answers(app)
    assert (row.number, row.response, row.verdict) == (1, "Russia", "partial")


def test_saving_twice_or_reloading_keeps_one_row(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    pupil.save(2, "Beirut")
    pupil.save(2, "Beirut")
    pupil.page()
    pupil.save(2, "al-Sukhna")
    [row] = answers(app)
    assert (row.response, row.verdict, row.saves) == ("al-Sukhna", "correct", 3)


def test_without_javascript_a_save_goes_back_to_the_question(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    response = pupil.save(4, "false", htmx=False)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/class/{lesson.code}#question-4")
    page = parse(pupil.page())
    assert "Question 4: your answer is saved." in page.clean_text()
    assert "Correct" in page.by_id("status-4").clean_text()


def test_with_feedback_at_the_end_a_save_only_says_saved_until_handing_in(app, client):
    lesson = start_class_session(app, feedback="end")
    pupil = Pupil(client, lesson.code)
    fragment = text(pupil.save(2, "Beirut"))
    assert (
        fragment == "Saved 1 of 4 answered."
    )  # no verdict; the counter goes to the page's own (out of band)
    assert "Incorrect" not in text(pupil.page())
    finished = client.post(f"/class/{lesson.code}/finish", data={"csrf_token": pupil.csrf})
    assert finished.status_code == 303
    page = parse(pupil.page())
    status = page.by_id("status-2").clean_text()
    assert "Incorrect" in status and "Correct answer: al-Sukhna" in status
    assert "Your score: 0 out of 4." in page.clean_text()
    assert all("disabled" in box.attrs for box in page.find_all("fieldset", class_="answer-fieldset"))


def test_after_handing_in_answers_cannot_change(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    pupil.save(2, "Beirut")
    client.post(f"/class/{lesson.code}/finish", data={"csrf_token": pupil.csrf})
    response = pupil.save(2, "al-Sukhna")
    assert response.status_code == 409
    assert "handed in" in text(response)
    assert [a.response for a in answers(app)] == ["Beirut"]


def test_a_closed_class_refuses_saves_with_409_and_says_so(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    pupil.save(1, "Iran")
    with app.app_context():
        classroom.close_session(lesson.session_id)
    response = pupil.save(1, "Russia and Iran")
    assert response.status_code == 409
    assert "closed this class" in text(response)
    plain = pupil.save(1, "Russia and Iran", htmx=False)
    assert plain.status_code == 409
    page = parse(plain)
    assert "This class is closed." in page.find(**{"data-testid": "closed"}).clean_text()
    assert all("disabled" in box.attrs for box in page.find_all("fieldset", class_="answer-fieldset"))
    assert [a.response for a in answers(app)] == ["Iran"]


def test_posting_into_a_class_not_joined_is_forbidden(app, client, lesson):
    other = start_class_session(app, email="bob@school.example", slug="other")
    pupil = Pupil(client, lesson.code)
    response = client.post(
        f"/class/{other.code}/answers/1", data={"csrf_token": pupil.csrf, "response": "Iran"}, headers=HTMX
    )
    assert response.status_code == 403
    assert "You have not joined this class on this device" in text(response)
    stranger = app.test_client()
    token = csrf_token(stranger.get("/join").get_data(as_text=True))
    page = stranger.post(f"/class/{lesson.code}/answers/1", data={"csrf_token": token, "response": "Iran"})
    assert page.status_code == 403
    assert parse(page).find("a", href=f"/join/{lesson.code}").clean_text() == "Join the class"
    finish = stranger.post(f"/class/{lesson.code}/finish", data={"csrf_token": token})
    assert finish.status_code == 403
    assert answers(app) == [] and participants(app) == [("Sam", 1)]


@pytest.mark.parametrize("number", [0, 5, -1, 99999])
def test_a_question_number_the_class_does_not_have_is_404(app, client, lesson, number):
    pupil = Pupil(client, lesson.code)
    assert pupil.save(number, "Iran").status_code == 404
    assert answers(app) == []


def test_an_oversize_answer_is_refused_with_the_reason(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    response = pupil.save(1, "Iran " * 200)
    assert response.status_code == 422
    assert "too long" in text(response)
    plain = pupil.save(1, "Iran " * 200, htmx=False)
    assert plain.status_code == 422
    assert "too long" in parse(plain).by_id("question-1").clean_text()
    assert answers(app) == []


def test_an_option_that_is_not_on_the_page_is_refused(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    assert pupil.save(2, "Moscow").status_code == 422
    assert answers(app) == []


def test_a_save_without_the_csrf_token_is_refused_with_a_message(app, client, lesson):
    pupil = Pupil(client, lesson.code)
    response = pupil.save(1, "Iran", csrf=False)
    assert response.status_code == 400
    assert "expired" in text(response)
    plain = pupil.save(1, "Iran", csrf=False, htmx=False)
    assert plain.status_code == 400
    assert parse(plain).find("a", href=f"/class/{lesson.code}").clean_text() == "Back to the class"
    assert answers(app) == []


# ---- rate limits ------------------------------------------------------------------------------


@pytest.fixture
def strict(app):
    """Tight limits, so a test reaches them in a few requests."""
    app.config.update(
        JOIN_FAILURES_PER_ADDRESS="3 per minute",
        JOIN_FAILURES_PER_CODE="100 per minute",
        ANSWER_LIMIT_PER_PUPIL="3 per minute",
    )
    return app


def test_guessing_codes_is_stopped_with_a_friendly_429_page(strict, client, lesson):
    for guess in ("AAAAAA", "CCCCCC", "DDDDDD"):
        assert join_client(client, guess, "Sam").status_code == 422
    response = join_client(client, lesson.code, "Sam")  # even the right code, once the limit is reached
    assert response.status_code == 429
    assert "Slow down a little" in text(response) and "Please wait" in text(response)
    assert "Retry-After" in response.headers
    assert client.get("/join").status_code == 200  # looking at the form is never limited


def test_a_whole_class_joining_from_one_address_is_not_limited(app, lesson):
    for i in range(35):
        assert join_client(app.test_client(), lesson.code, f"Pupil {i}").status_code == 303


def test_failed_tries_on_one_code_are_limited_whoever_makes_them(strict, app, lesson):
    strict.config.update(JOIN_FAILURES_PER_ADDRESS="100 per minute", JOIN_FAILURES_PER_CODE="2 per minute")
    with app.app_context():
        classroom.close_session(lesson.session_id)
    for _ in range(2):
        assert join_client(app.test_client(), lesson.code, "Sam").status_code == 422
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 429


def test_too_many_saves_are_refused_beside_the_question(strict, app, client, lesson):
    pupil = Pupil(client, lesson.code)
    for _ in range(3):
        assert pupil.save(1, "Iran").status_code == 200
    response = pupil.save(1, "Russia")
    assert response.status_code == 429
    assert "Too many saves" in text(response) and "<html" not in response.get_data(as_text=True)
    other = Pupil(app.test_client(), lesson.code, "Alex")  # counted per pupil, not per address
    assert other.save(1, "Iran").status_code == 200
    assert [a.saves for a in answers(app)] == [3, 1]
