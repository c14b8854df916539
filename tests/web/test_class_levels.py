"""Reading levels on a class list, on the web: the teacher sets them once, pupils who pick their name get
the version nearest their level in a lesson or homework of a story at several levels.

The story is tests/story_factories.py's (easy A2, middle B1, hard C1, packs of 2, 3 and 4 questions), so
a pupil's "0 of n answered." says which version they were given.
"""

from __future__ import annotations

import pytest
from classroom_factories import join_client, rows
from homework_factories import BEFORE, DUE, DURING, OPENS
from html_tree import parse
from records import make_teacher
from story_factories import make_levelled_story

from quizapp.extensions import db
from quizapp.models import ClassPupil, ClassSession, SessionClass, SessionLevel
from quizapp.services import roster_levels, rosters

from .session_setup import Teacher

pytestmark = pytest.mark.db


@pytest.fixture
def room(app):
    """Ann's story at three levels and her class 7B of Ada, Ben and Cy: (owner id, story id, class id, ids)."""
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        class_id = rosters.create_class(owner_id, "7B", "Ada\nBen\nCy")
        ids = {p.name: p.id for p in rosters.owned_class(class_id, owner_id).pupils}
    return owner_id, story_id, class_id, ids


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def saved_levels(app) -> dict:
    with app.app_context():
        return {p.name: p.reading_level for p in rows(ClassPupil)}


def progress(client, code) -> str:
    return parse(client.get(f"/class/{code}")).find(**{"data-testid": "progress"}).clean_text()


def test_the_teacher_sets_levels_from_the_class_page_and_the_list_shows_them(app, room):
    owner_id, _, class_id, ids = room
    ann = Teacher(app, owner_id)
    page = parse(ann.get(f"/teacher/classes/{class_id}"))
    links = [a.clean_text() for a in page.find_all("a", href=f"/teacher/classes/{class_id}/levels")]
    assert links == ["reading level", "Set reading levels"]  # in "run a pack" and under the names
    assert [c.clean_text() for c in page.find_all(**{"data-testid": "roster-level"})] == ["not set"] * 3

    form = parse(ann.get(f"/teacher/classes/{class_id}/levels"))
    assert (
        form.find(**{"data-testid": "not-set-note"})
        .clean_text()
        .startswith("Not set: the pupil gets the story's middle version")
    )
    label = form.find("label", **{"for": f"level-{ids['Ada']}"})
    assert label.clean_text() == "Ada"
    options = [o.clean_text() for o in form.by_id(f"level-{ids['Ada']}").find_all("option")]
    assert options == ["Not set (middle version)", "A1", "A2", "B1", "B2", "C1", "C2"]

    response = ann.post(
        f"/teacher/classes/{class_id}/levels",
        {f"level-{ids['Ada']}": "A2", f"level-{ids['Ben']}": "C1", f"level-{ids['Cy']}": ""},
    )
    assert response.headers["Location"].endswith(f"/teacher/classes/{class_id}#pupils")
    page = parse(ann.get(f"/teacher/classes/{class_id}"))
    assert "Reading levels saved (2 changed)." in page.clean_text()
    assert [c.clean_text() for c in page.find_all(**{"data-testid": "roster-level"})] == [
        "A2",
        "C1",
        "not set",
    ]
    again = parse(ann.get(f"/teacher/classes/{class_id}/levels"))
    chosen = [
        o.attrs["value"]
        for o in again.by_id(f"level-{ids['Ben']}").find_all("option")
        if "selected" in o.attrs
    ]
    assert chosen == ["C1"]


def test_a_bad_level_or_an_expired_page_saves_nothing_and_says_what_to_do(app, room):
    owner_id, _, class_id, ids = room
    ann = Teacher(app, owner_id)
    url = f"/teacher/classes/{class_id}/levels"
    bad = ann.post(url, {f"level-{ids['Ada']}": "A2", f"level-{ids['Ben']}": "Q7"})
    assert bad.status_code == 422
    assert "“Q7” is not a reading level: choose one of A1, A2, B1, B2, C1, C2, or not set." in text(bad)
    kept = [
        o.clean_text()
        for o in parse(bad).by_id(f"level-{ids['Ada']}").find_all("option")
        if "selected" in o.attrs
    ]
    assert kept == ["A2"]  # what she chose is still on the form, to fix the one mistake
    expired = ann.post(url, {f"level-{ids['Ada']}": "A2"}, csrf=False)
    assert expired.status_code == 400 and "reload the page and send it again" in text(expired)
    assert ann.post(url, {"level-ada": "A2"}).status_code == 400
    assert saved_levels(app) == {"Ada": None, "Ben": None, "Cy": None}


def test_another_teacher_cannot_see_or_set_the_levels(app, room):
    _, _, class_id, ids = room
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
    bob = Teacher(app, bob_id)
    assert bob.get(f"/teacher/classes/{class_id}/levels").status_code == 404
    assert bob.post(f"/teacher/classes/{class_id}/levels", {f"level-{ids['Ada']}": "A2"}).status_code == 404
    assert saved_levels(app) == {"Ada": None, "Ben": None, "Cy": None}


def test_a_lesson_for_the_class_gives_each_pupil_their_version_as_they_pick_their_name(app, room):
    owner_id, story_id, class_id, ids = room
    with app.app_context():
        roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A2", ids["Ben"]: "C1"})
    ann = Teacher(app, owner_id)
    story_page = parse(ann.get(f"/teacher/stories/{story_id}"))
    assert [o.clean_text() for o in story_page.by_id("school_class").find_all("option")] == [
        "No class: pupils type their names",
        "7B",
    ]
    ann.post(f"/teacher/stories/{story_id}/sessions", {"school_class": str(class_id)})
    with app.app_context():
        assert [link.class_id for link in rows(SessionClass)] == [class_id]
        session_id, code = next((s.id, s.code) for s in rows(ClassSession))
    seen = {}
    for name in ("Ada", "Ben", "Cy"):
        pupil = app.test_client()
        join_client(pupil, code, name)  # a name on the list joins as that name
        seen[name] = progress(pupil, code)
    assert seen == {"Ada": "0 of 2 answered.", "Ben": "0 of 4 answered.", "Cy": "0 of 3 answered."}
    live = parse(ann.get(f"/teacher/sessions/{session_id}/live"))
    assert sorted(c.clean_text() for c in live.find_all(**{"data-testid": "pupil-level"})) == [
        "A2",
        "B1",
        "C1",
    ]


def test_homework_at_levels_for_the_class_gives_each_pupil_their_version(app, room):
    owner_id, story_id, class_id, ids = room
    app.config["CLOCK"] = lambda: BEFORE
    with app.app_context():
        roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A1"})
    Teacher(app, owner_id).post(
        f"/teacher/stories/{story_id}/homework",
        {"opens": OPENS, "due": DUE, "timezone": "Europe/Berlin", "school_class": str(class_id)},
    )
    app.config["CLOCK"] = lambda: DURING
    with app.app_context():
        code = rows(ClassSession)[0].code
    ada, cy = app.test_client(), app.test_client()
    join_client(ada, code, "ada")  # in any case
    join_client(cy, code, "Cy")
    assert (progress(ada, code), progress(cy, code)) == ("0 of 2 answered.", "0 of 3 answered.")


def test_a_lesson_for_another_teachers_class_is_not_started(app, room):
    owner_id, story_id, _, _ = room
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
        bobs_class = rosters.create_class(bob_id, "8C", "Dee")
    response = Teacher(app, owner_id).post(
        f"/teacher/stories/{story_id}/sessions", {"school_class": str(bobs_class)}
    )
    assert response.status_code == 404
    with app.app_context():
        assert rows(ClassSession) == [] and rows(SessionLevel) == []
