"""Reading levels on a class list: set once per pupil, given as they pick their name in a levelled session.

The story is tests/story_factories.py's: easy A2, middle B1, hard C1, with packs of 2, 3 and 4
questions, so the number of questions a pupil gets says which version they do.
"""

from __future__ import annotations

import pytest
from classroom_factories import join_pupil, rows
from records import make_teacher
from roster_factories import make_room, pupil_id, run_session
from story_factories import make_levelled_story

from quizapp.extensions import db
from quizapp.models import ClassPupil
from quizapp.services import classroom, roster_levels, roster_reports, roster_sessions, rosters

pytestmark = pytest.mark.db


@pytest.mark.parametrize(
    "target, versions, expected",
    [
        ("A2", ["A2", "B1", "C1"], 0),
        ("B1", ["A2", "B1", "C1"], 1),
        ("C2", ["A2", "B1", "C1"], 2),  # above every version: the hardest
        ("A1", ["A2", "B1", "C1"], 0),  # below every version: the easiest
        ("B2", ["A2", "B1", "C1"], 1),  # B1 and C1 are one step away each: the easier
        ("B1", ["A2", "B2"], 0),  # the same tie with two versions
        ("B1", ["A2", "", "C1"], None),  # a version without a CEFR level: no guess
        ("Z9", ["A2", "B1"], None),
        ("B1", [], None),
    ],
)
def test_nearest_picks_the_closest_version_and_the_easier_on_a_tie(target, versions, expected):
    assert roster_levels.nearest(target, versions) == expected


def levelled_room(app, names="Ada\nBen\nCy"):
    """Ann's story at three levels and her class 7B: ``(owner id, story id, class id)``."""
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        class_id = rosters.create_class(owner_id, "7B", names)
    return owner_id, story_id, class_id


def listed(app, class_id, owner_id) -> dict:
    """The class's names and their levels."""
    with app.app_context():
        return {p.name: p.level for p in rosters.owned_class(class_id, owner_id).pupils}


def ids_by_name(app, class_id, owner_id) -> dict:
    with app.app_context():
        return {p.name: p.id for p in rosters.owned_class(class_id, owner_id).pupils}


def test_levels_are_saved_on_the_list_and_not_set_is_none(app):
    owner_id, _, class_id = levelled_room(app)
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        changed = roster_levels.set_levels(
            class_id, owner_id, {ids["Ada"]: "a2", ids["Ben"]: "C1", ids["Cy"]: ""}
        )
        assert changed == 2  # Cy was not set and stays so
    assert listed(app, class_id, owner_id) == {"Ada": "A2", "Ben": "C1", "Cy": None}
    with app.app_context():
        assert roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "", ids["Ben"]: "C1"}) == 1
    assert listed(app, class_id, owner_id) == {"Ada": None, "Ben": "C1", "Cy": None}


def test_a_bad_level_or_a_name_gone_from_the_list_changes_nothing(app):
    owner_id, _, class_id = levelled_room(app)
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        with pytest.raises(rosters.RosterError, match="“D4” is not a reading level"):
            roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A2", ids["Ben"]: "D4"})
        with pytest.raises(rosters.RosterError, match="a name was removed"):
            roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A2", 999: "B1"})
    assert listed(app, class_id, owner_id) == {"Ada": None, "Ben": None, "Cy": None}


def test_another_teacher_cannot_set_levels_on_her_list(app):
    owner_id, _, class_id = levelled_room(app)
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
        with pytest.raises(LookupError):
            roster_levels.set_levels(class_id, bob_id, {ids["Ada"]: "A2"})
        assert [p.reading_level for p in rows(ClassPupil)] == [None, None, None]


def test_each_pupil_who_picks_their_name_gets_the_version_nearest_their_level(app):
    owner_id, story_id, class_id = levelled_room(app, "Ada\nBen\nCy\nDee")
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A1", ids["Ben"]: "C2", ids["Dee"]: "B2"})
        session_id = roster_sessions.start_levelled_for_class(class_id, owner_id, story_id)
        code = classroom.owned_session(session_id, owner_id).code
        counts = {}
        for name in ("Ada", "Ben", "Cy", "Dee"):
            joined = roster_sessions.join_as(code, ids[name])
            counts[name] = len(classroom.pupil_for(code, joined.token).questions)
    # A1 gets the easiest (2 questions), C2 the hardest (4); Cy has no level: the middle (3);
    # B2 is as near B1 as C1, and gets the easier of the two, B1 (3).
    assert counts == {"Ada": 2, "Ben": 4, "Cy": 3, "Dee": 3}
    typed = join_pupil(app, code, "Zed")  # not on the list: the middle version
    with app.app_context():
        assert len(classroom.pupil_for(code, typed.token).questions) == 3


def test_the_level_is_given_as_the_pupil_joins_not_changed_afterwards(app):
    owner_id, story_id, class_id = levelled_room(app)
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        session_id = roster_sessions.start_levelled_for_class(class_id, owner_id, story_id)
        code = classroom.owned_session(session_id, owner_id).code
        ada = roster_sessions.join_as(code, ids["Ada"])
        roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A2"})  # after she joined
        assert len(classroom.pupil_for(code, ada.token).questions) == 3
        ben = roster_sessions.join_as(code, ids["Ben"])  # Ben joins after: nothing set for him either
        assert len(classroom.pupil_for(code, ben.token).questions) == 3


def test_a_session_of_one_pack_ignores_the_levels(app):
    room = make_room(app)
    with app.app_context():
        roster_levels.set_levels(room.class_id, room.owner_id, {pupil_id(app, room, "Ada"): "A2"})
    _, code = run_session(app, room)
    with app.app_context():
        ada = roster_sessions.join_as(code, pupil_id(app, room, "Ada"))
        pupil = classroom.pupil_for(code, ada.token)
        assert (len(pupil.questions), pupil.level_id) == (4, None)  # the skills pack's four questions


def test_a_levelled_session_for_another_teachers_class_is_not_started(app):
    owner_id, story_id, _ = make_levelled_story(app)
    with app.app_context():
        bob_id = make_teacher("bob@school.example", "Bob").id
        db.session.commit()
        bobs_class = rosters.create_class(bob_id, "8C", "Cy")
        with pytest.raises(LookupError):
            roster_sessions.start_levelled_for_class(bobs_class, owner_id, story_id)
        assert classroom.owned_sessions(owner_id) == []


def test_the_term_counts_each_pupil_out_of_their_own_levels_questions(app):
    owner_id, story_id, class_id = levelled_room(app)
    ids = ids_by_name(app, class_id, owner_id)
    with app.app_context():
        roster_levels.set_levels(class_id, owner_id, {ids["Ada"]: "A2", ids["Ben"]: "C1"})
        session_id = roster_sessions.start_levelled_for_class(class_id, owner_id, story_id)
        code = classroom.owned_session(session_id, owner_id).code
        for name, questions in (("Ada", 2), ("Ben", 4)):  # every question of their level right
            joined = roster_sessions.join_as(code, ids[name])
            for number in range(1, questions + 1):
                classroom.save_answer(code, joined.token, number, "Answer")
        histories = {
            name: roster_reports.history(class_id, owner_id, ids[name])[1][0] for name in ("Ada", "Ben")
        }
        mean = roster_reports.term(class_id, owner_id).sessions[0].mean_percent
    # 2 of the easy level's 2 and 4 of the hard level's 4: 100% each (not 2/3 and 4/3 of the middle's 3).
    assert {n: (h.score, h.questions, h.percent) for n, h in histories.items()} == {
        "Ada": (2, 2, 100.0),
        "Ben": (4, 4, 100.0),
    }
    assert mean == 100.0  # 6 marks of the 6 the two could earn
