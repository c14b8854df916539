"""Small holes on the pupil's side found by issue 14 (Low): each test failed before its fix."""

from __future__ import annotations

import pytest
from classroom_factories import RIGHT, csrf_token, join_client, start_class_session
from html_tree import parse

from quizapp.services import classroom

pytestmark = pytest.mark.db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def lesson(app):
    return start_class_session(app)


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def test_handing_in_while_the_class_is_closed_does_not_lock_the_pupil_out_after_it_reopens(
    app, client, lesson
):
    join_client(client, lesson.code, "Sam")
    token = csrf_token(
        client.get(f"/class/{lesson.code}").get_data(as_text=True)
    )  # the page, loaded while open
    with app.app_context():
        classroom.close_session(lesson.session_id)
    handed_in = client.post(f"/class/{lesson.code}/finish", data={"csrf_token": token})
    assert handed_in.status_code == 303
    assert "This class is closed." in text(client.get(f"/class/{lesson.code}"))
    with app.app_context():
        classroom.reopen_session(lesson.session_id)
    saved = client.post(
        f"/class/{lesson.code}/answers/2", data={"csrf_token": token, "response": RIGHT[2]}, headers=HTMX
    )
    assert saved.status_code == 200 and "Saved" in text(saved)
    assert "Hand in my answers" in text(client.get(f"/class/{lesson.code}"))


def test_a_browser_that_joined_nine_classes_forgets_the_oldest_not_the_alphabetically_first(app, client):
    lessons = [start_class_session(app, email=f"t{n}@school.example", slug=f"syria-{n}") for n in range(9)]
    codes = sorted(lesson.code for lesson in lessons)[::-1]  # joined from Z to A: the oldest sorts last
    for code in codes:
        assert join_client(client, code, "Sam").status_code == 303
    with client.session_transaction() as session:
        kept = [code for code, _ in session["classes"]]
    assert kept == codes[1:]  # the first joined is forgotten; the newest, alphabetically first, kept
    assert client.get(f"/class/{codes[-1]}").status_code == 200
    assert client.get(f"/class/{codes[0]}").status_code == 303  # forgotten: sent to the join form


@pytest.mark.parametrize(
    "name",
    ["\u3164", "\u3164 \u3164", "\u2800\u2800", "\u0301", "\uffa0\u115f"],
    ids=["hangul-filler", "two-fillers", "braille-blanks", "lone-accent", "half-width-fillers"],
)
def test_a_name_that_shows_nothing_is_refused(app, client, lesson, name):
    refused = join_client(client, lesson.code, name)
    assert refused.status_code == 422
    assert "Please type your name, so your teacher knows whose answers these are." in text(refused)


def test_a_look_alike_of_a_pupils_name_is_numbered_or_refused(app, lesson):
    with app.app_context():
        assert classroom.join(lesson.code, "Sam").display_name == "Sam"
        assert classroom.join(lesson.code, "\u0405\u0430m".replace("m", "\u043c")).display_name.endswith(
            "(2)"
        )
        assert classroom.join(lesson.code, "\uff33\uff41\uff4d").display_name == "\uff33\uff41\uff4d (3)"
        with pytest.raises(classroom.InvalidName, match="one alphabet"):
            classroom.join(lesson.code, "S\u0430m")  # Latin S and m around a Cyrillic a


@pytest.mark.parametrize(
    "name", ["Zoë", "José María", "Дмитрий", "Αλέξης", "李雷", "Nguyễn Văn An", "O'Brien-Smith"]
)
def test_real_names_in_any_one_alphabet_are_kept_as_typed(app, lesson, name):
    with app.app_context():
        assert classroom.join(lesson.code, name).display_name == name
