"""Classes (rosters) as the services keep them: names pasted, renamed and merged; pupils picking their name
(once per session); a typed name merged into the list; another teacher's class never reachable."""

from __future__ import annotations

import pytest
from classroom_factories import rows
from roster_factories import RIGHT, join_and_answer, make_room, pupil_id, run_session

from quizapp.models import (
    ClassPupil,
    ClassSession,
    Participant,
    PupilSeat,
    SchoolClass,
    SessionClass,
)
from quizapp.services import classroom, roster_sessions, rosters

pytestmark = pytest.mark.db


def names(app, room) -> list[str]:
    with app.app_context():
        return [p.name for p in rosters.owned_class(room.class_id, room.owner_id).pupils]


# ---- the list ----------------------------------------------------------------------------------


def test_names_pasted_one_per_line_are_cleaned_and_repeats_dropped():
    pasted = "  Zoë Adams \n\nben\tKing\r\nBEN\nAda\n"  # a spreadsheet column: the first cell of each row
    assert rosters.parse_names(pasted) == ["Zoë Adams", "ben", "Ada"]


@pytest.mark.parametrize(
    "pasted, message",
    [
        ("Ada\n" + "x" * 41, r"Line 2 \(“x{41}”\): That name is too long"),
        ("Ada\nJоhn", "Line 2"),  # a Cyrillic "о" among Latin letters
    ],
)
def test_a_name_that_cannot_be_used_is_named_by_its_line_and_nothing_is_added(app, pasted, message):
    room = make_room(app)
    with app.app_context(), pytest.raises(rosters.RosterError, match=message):
        rosters.add_pupils(room.class_id, room.owner_id, pasted)
    assert names(app, room) == ["Ada", "Ben", "Cy"]


def test_adding_names_keeps_those_already_on_the_list_and_says_so(app):
    room = make_room(app)
    with app.app_context():
        added = rosters.add_pupils(room.class_id, room.owner_id, "ada\nDee\nEve")
    assert added == rosters.Added(("Dee", "Eve"), ("ada",))
    assert names(app, room) == ["Ada", "Ben", "Cy", "Dee", "Eve"]


@pytest.mark.parametrize(
    "name, message", [("", "Give the class a name"), ("x" * 81, "at most 80 characters")]
)
def test_a_class_needs_a_name(app, name, message):
    room = make_room(app)
    with app.app_context():
        with pytest.raises(rosters.RosterError, match=message):
            rosters.create_class(room.owner_id, name, "Ada")
        assert len(rows(SchoolClass)) == 1


def test_a_list_is_capped(app):
    room = make_room(app, names="")
    with app.app_context():
        with pytest.raises(rosters.RosterError, match="at most 200 names; this would make 201"):
            rosters.add_pupils(room.class_id, room.owner_id, "\n".join(f"Pupil {n}" for n in range(201)))
        assert rows(ClassPupil) == []


def test_renaming_a_pupil_and_refusing_a_name_already_on_the_list(app):
    room = make_room(app)
    with app.app_context():
        ben = pupil_id(app, room, "Ben")
        assert rosters.rename_pupil(room.class_id, room.owner_id, ben, " Benjamin ") == "Benjamin"
        with pytest.raises(rosters.RosterError, match="“Ada” is already on the list.*merge"):
            rosters.rename_pupil(room.class_id, room.owner_id, ben, "ADA")
    assert names(app, room) == ["Ada", "Benjamin", "Cy"]


# ---- picking a name ----------------------------------------------------------------------------


def test_a_session_for_the_class_offers_its_names_and_a_taken_name_cannot_be_picked_twice(app):
    room = make_room(app)
    session_id, code = run_session(app, room)
    join_and_answer(app, room, code, "Ben", {})
    with app.app_context():
        choices = roster_sessions.names_for_join(code.lower())
        assert [(c.name, c.taken) for c in choices] == [("Ada", False), ("Ben", True), ("Cy", False)]
        with pytest.raises(roster_sessions.NameTaken, match="Someone has already joined as Ben"):
            roster_sessions.join_as(code, pupil_id(app, room, "Ben"))
        assert [p.name for p in rows(Participant)] == ["Ben"]
        assert roster_sessions.names_for_join("ZZZZZZ") is None
        assert roster_sessions.class_of_session(session_id, room.owner_id) == (room.class_id, "7B")


def test_a_name_from_another_class_cannot_be_picked(app):
    room = make_room(app)
    other = make_room(app, names="Zed", email="bob@school.example", slug="other", class_name="9C")
    _, code = run_session(app, room)
    with app.app_context(), pytest.raises(LookupError):
        roster_sessions.join_as(code, pupil_id(app, other, "Zed"))


def test_a_session_without_a_class_or_a_closed_one_offers_no_names(app):
    room = make_room(app)
    session_id, code = run_session(app, room)
    with app.app_context():
        plain_id = classroom.start_session(room.pack_id, room.owner_id)
        assert roster_sessions.names_for_join(classroom.owned_session(plain_id, room.owner_id).code) is None
        classroom.close_session(session_id)
        assert roster_sessions.names_for_join(code) is None


def test_if_two_pick_the_same_name_at_once_the_second_is_refused_and_not_left_in_the_class(app, monkeypatch):
    room = make_room(app)
    _, code = run_session(app, room)
    ada = pupil_id(app, room, "Ada")
    with app.app_context():
        stale = roster_sessions.names_for_join(code)  # both pupils saw Ada free
        roster_sessions.join_as(code, ada)
        monkeypatch.setattr(roster_sessions, "names_for_join", lambda code: stale)
        with pytest.raises(roster_sessions.NameTaken):
            roster_sessions.join_as(code, ada)  # the unique seat refuses it
        assert [p.name for p in rows(Participant)] == ["Ada"]


# ---- merging -----------------------------------------------------------------------------------


def test_a_pupil_who_typed_their_name_is_merged_into_the_list(app):
    room = make_room(app)
    session_id, code = run_session(app, room)
    with app.app_context():
        typed = classroom.join(code, "Cyrus")  # not on the list: joined with a typed name
        [loose] = roster_sessions.unlisted(room.class_id, room.owner_id)
        assert (loose.participant_id, loose.display_name, loose.session_id) == (
            typed.participant_id,
            "Cyrus",
            session_id,
        )
        cy = pupil_id(app, room, "Cy")
        assert (
            roster_sessions.link_participant(room.class_id, room.owner_id, typed.participant_id, cy) == "Cy"
        )
        assert roster_sessions.unlisted(room.class_id, room.owner_id) == []
        assert [(s.participant_id, s.pupil_id) for s in rows(PupilSeat)] == [(typed.participant_id, cy)]


def test_a_typed_name_is_not_merged_into_a_pupil_who_was_there_under_their_own_name(app):
    room = make_room(app)
    _, code = run_session(app, room)
    join_and_answer(app, room, code, "Ada", {})
    with app.app_context():
        typed = classroom.join(code, "Ada L")
        with pytest.raises(rosters.RosterError, match="Ada already joined that session"):
            roster_sessions.link_participant(
                room.class_id, room.owner_id, typed.participant_id, pupil_id(app, room, "Ada")
            )
        assert roster_sessions.add_and_link(room.class_id, room.owner_id, typed.participant_id) == "Ada L"
    assert names(app, room) == ["Ada", "Ada L", "Ben", "Cy"]


def test_two_names_for_one_pupil_are_merged_with_their_sessions(app):
    room = make_room(app, names="Ada\nBen\nBenny")
    _, first = run_session(app, room)
    _, second = run_session(app, room)
    join_and_answer(app, room, first, "Ben", {1: RIGHT[1]})
    join_and_answer(app, room, second, "Benny", {1: RIGHT[1]})
    with app.app_context():
        ben, benny = pupil_id(app, room, "Ben"), pupil_id(app, room, "Benny")
        assert rosters.merge_pupils(room.class_id, room.owner_id, ben, benny) == "Ben"
        assert sorted(s.pupil_id for s in rows(PupilSeat)) == [ben, ben]
    assert names(app, room) == ["Ada", "Ben"]


def test_two_pupils_in_the_same_session_are_not_merged(app):
    room = make_room(app)
    _, code = run_session(app, room)
    join_and_answer(app, room, code, "Ada", {})
    join_and_answer(app, room, code, "Ben", {})
    ada, ben = pupil_id(app, room, "Ada"), pupil_id(app, room, "Ben")
    with app.app_context(), pytest.raises(rosters.RosterError, match="both answered in the same session"):
        rosters.merge_pupils(room.class_id, room.owner_id, ada, ben)
    assert names(app, room) == ["Ada", "Ben", "Cy"]


# ---- ownership ---------------------------------------------------------------------------------


def test_another_teachers_class_is_not_found_by_any_service(app):
    room = make_room(app)
    bob = make_room(app, names="", email="bob@school.example", slug="other", class_name="9C")
    session_id, code = run_session(app, room)
    with app.app_context():
        typed = classroom.join(code, "Cyrus")
        ada = pupil_id(app, room, "Ada")
        assert rosters.owned_class(room.class_id, bob.owner_id) is None
        assert [c.name for c in rosters.owned_classes(bob.owner_id)] == ["9C"]
        for call in (
            lambda: rosters.add_pupils(room.class_id, bob.owner_id, "Eve"),
            lambda: rosters.rename_pupil(room.class_id, bob.owner_id, ada, "Eve"),
            lambda: rosters.merge_pupils(room.class_id, bob.owner_id, ada, pupil_id(app, room, "Ben")),
            lambda: rosters.rename_class(room.class_id, bob.owner_id, "Mine"),
            lambda: rosters.delete_class(room.class_id, bob.owner_id),
            lambda: roster_sessions.start_for_class(room.class_id, bob.owner_id, bob.pack_id),
            lambda: roster_sessions.unlisted(room.class_id, bob.owner_id),
            lambda: roster_sessions.link_participant(room.class_id, bob.owner_id, typed.participant_id, ada),
            lambda: roster_sessions.start_for_class(room.class_id, room.owner_id, bob.pack_id),
        ):
            with pytest.raises(LookupError):
                call()
        assert roster_sessions.class_of_session(session_id, bob.owner_id) is None
        assert len(rows(ClassSession)) == 1  # the refused start left no session behind
    assert names(app, room) == ["Ada", "Ben", "Cy"]


def test_deleting_a_class_keeps_its_sessions_and_answers(app):
    room = make_room(app)
    session_id, code = run_session(app, room)
    join_and_answer(app, room, code, "Ada", {1: RIGHT[1]})
    with app.app_context():
        rosters.delete_class(room.class_id, room.owner_id)
        assert rows(SchoolClass) == [] and rows(SessionClass) == [] and rows(PupilSeat) == []
        assert classroom.owned_session(session_id, room.owner_id).participant_count == 1


def test_removing_a_name_keeps_that_pupils_answers_in_the_session(app):
    room = make_room(app)
    session_id, code = run_session(app, room)
    join_and_answer(app, room, code, "Ben", {1: RIGHT[1]})
    with app.app_context():
        assert rosters.remove_pupil(room.class_id, room.owner_id, pupil_id(app, room, "Ben")) == "Ben"
        assert rows(PupilSeat) == []
        assert classroom.owned_session(session_id, room.owner_id).participant_count == 1
    assert names(app, room) == ["Ada", "Cy"]
