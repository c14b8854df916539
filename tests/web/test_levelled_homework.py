"""Homework of a story at its levels on the web: set from the story's page, each pupil doing one version.

The story is tests/story_factories.py's (easy A2, middle B1, hard C1, packs of 2, 3 and 4 questions);
the times are tests/homework_factories.py's, worked out by hand (Berlin is UTC+1 in December).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from classroom_factories import csrf_token, join_client, rows
from homework_factories import BEFORE, DUE, DURING, OPENS
from html_tree import parse
from records import make_teacher
from story_factories import make_levelled_story, story_with_pack

from quizapp.extensions import db
from quizapp.models import ClassSession, Homework, SessionClass, SessionLevel
from quizapp.services import rosters, stories

from .session_setup import Teacher

pytestmark = pytest.mark.db
BERLIN = {"opens": OPENS, "due": DUE, "timezone": "Europe/Berlin"}


class Clock:
    """The time the app sees."""

    now = BEFORE


@pytest.fixture
def clock(app):
    clock = Clock()
    app.config["CLOCK"] = lambda: clock.now
    return clock


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def new_session(app) -> ClassSession:
    with app.app_context():
        return rows(ClassSession)[0]


def test_the_story_page_offers_homework_at_its_levels_and_the_form_sets_it(app, clock):
    owner_id, story_id, _ = make_levelled_story(app)
    ann = Teacher(app, owner_id)
    link = parse(ann.get(f"/teacher/stories/{story_id}")).find(
        "a", href=f"/teacher/stories/{story_id}/homework"
    )
    assert link.clean_text() == "Set as homework at these levels"
    form = parse(ann.get(f"/teacher/stories/{story_id}/homework"))
    assert form.find("h1").clean_text() == "Set “Mars One” as homework at its levels"
    assert "one of the 3 versions (A2, B1, C1)" in form.find(**{"data-testid": "levels-note"}).clean_text()
    box = form.find("input", type="checkbox", name="pupils_choose")
    assert form.find("label", **{"for": box.attrs["id"]}).clean_text().startswith("Let pupils choose")

    response = ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "pupils_choose": "y"})
    session = new_session(app)
    assert response.headers["Location"] == f"/teacher/sessions/{session.id}"
    assert session.pupils_choose_level is True
    with app.app_context():
        assert db.session.get(Homework, session.id).due_at == datetime(2026, 12, 11, 16)  # 17:00 Berlin
    board = parse(ann.get(response.headers["Location"]))
    assert (
        board.find(**{"data-testid": "due"}).clean_text()
        == "Friday 11 December 2026 at 17:00 (Europe/Berlin)"
    )
    assert [r.clean_text() for r in board.find_all(**{"data-testid": "level-result"})] == [
        "A2 · Mars One (easy) no pupils",
        "B1 · Mars One (middle) no pupils",
        "C1 · Mars One (hard) no pupils",
    ]


def test_a_pupil_does_the_middle_version_and_may_go_easier_when_allowed(app, clock):
    owner_id, story_id, _ = make_levelled_story(app)
    Teacher(app, owner_id).post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "pupils_choose": "y"})
    code = new_session(app).code
    clock.now = DURING
    sam = app.test_client()
    join_client(sam, code, "Sam")
    page = parse(sam.get(f"/class/{code}"))
    assert page.find(**{"data-testid": "progress"}).clean_text() == "0 of 3 answered."
    assert "Friday 11 December 2026 at 17:00" in page.find(**{"data-testid": "homework-due-at"}).clean_text()
    with app.app_context():
        easy = rows(SessionLevel, SessionLevel.position == 0)[0].id
    token = csrf_token(sam.get(f"/class/{code}").get_data(as_text=True))
    sam.post(f"/class/{code}/level", data={"csrf_token": token, "level": easy})
    page = parse(sam.get(f"/class/{code}"))
    assert page.find(**{"data-testid": "level-here"}).clean_text() == "A2"
    assert page.find(**{"data-testid": "progress"}).clean_text() == "0 of 2 answered."


def test_with_a_class_the_homework_is_run_with_that_class(app, clock):
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        class_id = rosters.create_class(owner_id, "7B", "Ada\nBen")
    ann = Teacher(app, owner_id)
    form = parse(ann.get(f"/teacher/stories/{story_id}/homework?class={class_id}"))
    chosen = [o.clean_text() for o in form.by_id("school_class").find_all("option") if "selected" in o.attrs]
    assert chosen == ["7B"]  # asked for from the class's page
    ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "school_class": str(class_id)})
    with app.app_context():
        assert [link.class_id for link in rows(SessionClass)] == [class_id]


def test_impossible_times_and_a_version_without_questions_are_422_and_set_nothing(app, clock):
    owner_id, story_id, _ = make_levelled_story(app, packs=("mars-ele", "mars-int"))
    ann = Teacher(app, owner_id)
    backwards = ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "opens": DUE, "due": OPENS})
    assert backwards.status_code == 422
    assert "The due date must be after the opening time." in text(backwards)
    missing = ann.post(f"/teacher/stories/{story_id}/homework", BERLIN)
    assert missing.status_code == 422
    assert "“Mars One (hard)” has no questions yet: make a pack for it first." in text(missing)
    no_due = ann.post(f"/teacher/stories/{story_id}/homework", {"timezone": "UTC"})
    assert no_due.status_code == 422 and "Give the date and time it is due." in text(no_due)
    with app.app_context():
        assert rows(ClassSession) == [] and rows(SessionLevel) == [] and rows(Homework) == []


def test_another_teachers_story_is_not_found_and_a_class_not_hers_sets_nothing(app, clock):
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
        bobs_class = rosters.create_class(bob_id, "8C", "Cy")
    bob = Teacher(app, bob_id)
    assert bob.get(f"/teacher/stories/{story_id}/homework").status_code == 404
    assert bob.post(f"/teacher/stories/{story_id}/homework", BERLIN).status_code == 404
    ann = Teacher(app, owner_id)
    refused = ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "school_class": str(bobs_class)})
    assert refused.status_code == 422 and "Not a valid choice" in text(refused)  # not one of her classes
    with app.app_context():
        assert rows(ClassSession) == [] and rows(SessionClass) == []


def test_a_story_with_one_version_says_to_add_another_and_sets_nothing(app, clock):
    owner_id, story_id, ids = make_levelled_story(app)
    with app.app_context():
        for slug in ("mars-int", "mars-adv"):
            stories.remove_version(story_id, ids[slug], owner_id)
    ann = Teacher(app, owner_id)
    note = parse(ann.get(f"/teacher/stories/{story_id}/homework")).find(**{"data-testid": "levels-note"})
    assert note.clean_text().startswith("This story has one version, so every pupil would read the same text")
    refused = ann.post(f"/teacher/stories/{story_id}/homework", BERLIN)
    assert refused.status_code == 422
    assert "A story needs at least two versions to give pupils different levels: add another." in text(
        refused
    )
    with app.app_context():
        assert rows(ClassSession) == [] and rows(Homework) == []


def test_one_pack_for_every_level_from_the_homework_form(app, clock):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    ann = Teacher(app, owner_id)
    form = parse(ann.get(f"/teacher/stories/{story_id}/homework"))
    assert form.find("label", **{"for": "pack"}).clean_text() == "Questions"
    assert [o.clean_text() for o in form.by_id("pack").find_all("option")] == [
        "Each version's own pack",
        "One pack for every level: One pack (B1, 3 questions)",
    ]
    bogus = ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "pack": "999"})
    assert bogus.status_code == 422 and "Not a valid choice" in text(bogus)
    response = ann.post(f"/teacher/stories/{story_id}/homework", {**BERLIN, "pack": str(pack_id)})
    board = text(ann.get(response.headers["Location"]))
    assert "Every level is asked the same 1 question." in board
    assert "“Which version is this?” (not in the A2 version)" in board
    with app.app_context():
        assert [len(level.questions) for level in rows(SessionLevel)] == [1, 1, 1]
