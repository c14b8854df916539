"""One pack for every level, on the story's page: the shared questions asked at each level, the rest named.

The story and pack are tests/story_factories.py's ``story_with_pack``: of its three questions, only the one
about the seed text is in every version (the others are about one version's last line, or have no evidence).
"""

from __future__ import annotations

import pytest
from classroom_factories import join_client, rows
from html_tree import parse
from records import make_article, make_teacher
from story_factories import OPINION, WHICH, pack_of, story_with_pack

from quizapp.extensions import db
from quizapp.models import ClassSession, SessionLevel, Teacher
from quizapp.services import roster_levels, rosters

from .session_setup import Teacher as TeacherClient

pytestmark = pytest.mark.db


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def test_the_story_page_offers_the_pack_and_the_session_asks_only_the_shared_question(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    ann = TeacherClient(app, owner_id)
    page = parse(ann.get(f"/teacher/stories/{story_id}"))
    assert page.find("label", **{"for": "pack"}).clean_text() == "Questions"
    assert [o.clean_text() for o in page.by_id("pack").find_all("option")] == [
        "Each version's own pack",
        "One pack for every level: One pack (B1, 3 questions)",
    ]
    response = ann.post(f"/teacher/stories/{story_id}/sessions", {"pack": str(pack_id)})
    board = text(ann.get(response.headers["Location"]))
    assert (
        "Every level is asked the same 1 question. Left out, because not every version has the evidence and "
        "answer: “Which version is this?” (not in the A2 version); “Was it a big step?” (not in the A2 "
        "version)." in board
    )
    with app.app_context():
        code = rows(ClassSession)[0].code
    pupil = app.test_client()
    join_client(pupil, code, "Sam")
    class_page = parse(pupil.get(f"/class/{code}"))
    assert class_page.find(**{"data-testid": "progress"}).clean_text() == "0 of 1 answered."


def test_a_pack_with_no_shared_question_is_a_422_that_says_what_to_do(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app, questions=(WHICH, OPINION))
    response = TeacherClient(app, owner_id).post(
        f"/teacher/stories/{story_id}/sessions", {"pack": str(pack_id)}
    )
    assert response.status_code == 422
    assert "start the session with each version's own pack instead" in (
        parse(response).find(role="alert").clean_text()
    )
    with app.app_context():
        assert rows(ClassSession) == [] and rows(SessionLevel) == []


def test_a_pack_on_no_version_of_the_story_is_not_found(app):
    owner_id, story_id, _, _ = story_with_pack(app)
    with app.app_context():
        ann = db.session.get(Teacher, owner_id)
        outside = pack_of(make_article(slug="elsewhere", owner=ann), ann, (WHICH,)).id
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
    assert (
        TeacherClient(app, owner_id)
        .post(f"/teacher/stories/{story_id}/sessions", {"pack": str(outside)})
        .status_code
        == 404
    )
    assert (
        TeacherClient(app, bob_id).post(f"/teacher/stories/{story_id}/sessions", {"pack": "1"}).status_code
        == 404
    )
    with app.app_context():
        assert rows(ClassSession) == []


def test_one_pack_with_a_class_gives_each_listed_pupil_their_version_of_the_shared_questions(app):
    owner_id, story_id, pack_id, _ = story_with_pack(app)
    with app.app_context():
        class_id = rosters.create_class(owner_id, "7B", "Ada\nBen")
        ada = rosters.owned_class(class_id, owner_id).pupils[0].id
        roster_levels.set_levels(class_id, owner_id, {ada: "A2"})
    TeacherClient(app, owner_id).post(
        f"/teacher/stories/{story_id}/sessions", {"pack": str(pack_id), "school_class": str(class_id)}
    )
    with app.app_context():
        code = rows(ClassSession)[0].code
    pupil = app.test_client()
    join_client(pupil, code, "Ada")
    page = parse(pupil.get(f"/class/{code}"))
    assert page.find(**{"data-testid": "level-here"}).clean_text() == "A2"
    assert page.find(**{"data-testid": "progress"}).clean_text() == "0 of 1 answered."
