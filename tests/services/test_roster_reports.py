"""A class over a term: the mean score of each session, the skills missed most, a pupil's history and the
class's CSV. The scores were worked out by hand from the answers below (see each test).

Two sessions of the four-question skills pack (tests/roster_factories.py: recall, vocabulary,
inference, main idea), run with 7B (Ada, Ben, Cy):
- first: Ada all right (4/4, 100%); Ben right on 1 only (1/4, 25%); Cy absent. Mean 62.5%.
- second: Ada right on 1, wrong on 4, nothing else (1/4, 25%); Cy right on 1-3, wrong on 4 (3/4, 75%),
  and hands in; Ben absent. Mean 50%.
"""

from __future__ import annotations

import csv
import io

import pytest
from roster_factories import (
    RIGHT,
    WRONG,
    join_and_answer,
    make_room,
    pupil_id,
    run_session,
)

from quizapp.services import classroom, roster_reports, roster_sessions, rosters

pytestmark = pytest.mark.db


@pytest.fixture
def term(app):
    room = make_room(app)
    first_id, first = run_session(app, room)
    second_id, second = run_session(app, room)
    join_and_answer(app, room, first, "Ada", RIGHT)
    join_and_answer(app, room, first, "Ben", {1: RIGHT[1], 2: WRONG[2], 3: WRONG[3], 4: WRONG[4]})
    join_and_answer(app, room, second, "Ada", {1: RIGHT[1], 4: WRONG[4]})
    join_and_answer(
        app, room, second, "Cy", {1: RIGHT[1], 2: RIGHT[2], 3: RIGHT[3], 4: WRONG[4]}, finish=True
    )
    return room, first_id, second_id


def test_the_term_shows_each_sessions_mean_score_in_the_order_they_were_run(app, term):
    room, first_id, second_id = term
    with app.app_context():
        report = roster_reports.term(room.class_id, room.owner_id)
    assert [(s.session_id, s.joined, s.questions, s.mean_percent) for s in report.sessions] == [
        (first_id, 2, 4, 62.5),
        (second_id, 2, 4, 50.0),
    ]


def test_the_skills_the_class_misses_most_come_first(app, term):
    room, _, _ = term
    with app.app_context():
        skills = roster_reports.term(room.class_id, room.owner_id).skills
    # main idea: 4 answers, 1 right (75% missed); vocabulary and inference: 3 answers, 2 right (33.3%);
    # recall: 4 answers, all right (0%). Ties keep the order recall, vocabulary, inference, main idea.
    assert [(s.skill, s.answers, round(s.missed_percent, 1)) for s in skills] == [
        ("main idea", 4, 75.0),
        ("vocabulary", 3, 33.3),
        ("inference", 3, 33.3),
        ("recall", 4, 0.0),
    ]


def test_a_class_with_no_sessions_yet_has_an_empty_term(app):
    room = make_room(app)
    with app.app_context():
        assert roster_reports.term(room.class_id, room.owner_id) == roster_reports.Term((), ())


def test_a_session_nobody_joined_has_no_mean(app):
    room = make_room(app)
    run_session(app, room)
    with app.app_context():
        [session] = roster_reports.term(room.class_id, room.owner_id).sessions
    assert (session.joined, session.mean_percent) == (0, None)


def test_a_pupils_history_has_every_session_of_the_class_joined_or_not(app, term):
    room, first_id, second_id = term
    with app.app_context():
        name, rows = roster_reports.history(room.class_id, room.owner_id, pupil_id(app, room, "Ben"))
    assert name == "Ben"
    assert [(r.session_id, r.joined, r.answered, r.score, r.percent) for r in rows] == [
        (first_id, True, 4, 1.0, 25.0),
        (second_id, False, 0, 0, None),
    ]


def test_a_merged_typed_name_counts_in_the_pupils_history(app, term):
    room, first_id, _ = term
    with app.app_context():
        code = classroom.owned_session(first_id, room.owner_id).code
        typed = classroom.join(code, "Cyrus")
        classroom.save_answer(code, typed.token, 2, RIGHT[2])
        roster_sessions.link_participant(
            room.class_id, room.owner_id, typed.participant_id, pupil_id(app, room, "Cy")
        )
        _, rows = roster_reports.history(room.class_id, room.owner_id, pupil_id(app, room, "Cy"))
    assert [(r.joined, r.score) for r in rows] == [(True, 1.0), (True, 3.0)]


def test_the_csv_has_a_row_per_pupil_per_session_and_a_total_per_pupil(app, term):
    room, _, _ = term
    with app.app_context():
        text = roster_reports.term_csv(room.class_id, room.owner_id)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == roster_reports.CSV_HEADER
    got = [(r[1], r[2], r[5], r[6], r[7], r[8], r[9], r[10]) for r in table[1:]]
    assert got == [
        ("Ada", "Syria", "yes", "4", "4", "4", "100", "no"),
        ("Ada", "Syria", "yes", "2", "4", "1", "25", "no"),
        ("Ada", "Total", "2 of 2", "6", "8", "5", "62.5", "0"),  # 5 of 8 questions
        ("Ben", "Syria", "yes", "4", "4", "1", "25", "no"),
        ("Ben", "Syria", "no", "0", "4", "0", "", "no"),
        ("Ben", "Total", "1 of 2", "4", "8", "1", "12.5", "0"),  # a missed session counts its questions
        ("Cy", "Syria", "no", "0", "4", "0", "", "no"),
        ("Cy", "Syria", "yes", "4", "4", "3", "75", "yes"),
        ("Cy", "Total", "1 of 2", "4", "8", "3", "37.5", "1"),
    ]
    assert {r[0] for r in table[1:]} == {"7B"} and {r[4] for r in table[1:] if r[2] == "Syria"} == {"lesson"}


def test_the_csv_is_safe_against_spreadsheet_formulas(app):
    room = make_room(app, names='=HYPERLINK("http://x")\n@SUM(A1)\n-2+3', class_name="+cmd")
    with app.app_context():
        text = roster_reports.term_csv(room.class_id, room.owner_id)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row[:2]][2:]
    assert cells and all(cell.startswith("'") for cell in cells), cells


def test_another_teacher_gets_no_report(app, term):
    room, _, _ = term
    bob = make_room(app, names="", email="bob@school.example", slug="other", class_name="9C")
    with app.app_context():
        ada = pupil_id(app, room, "Ada")
        for call in (
            lambda: roster_reports.term(room.class_id, bob.owner_id),
            lambda: roster_reports.history(room.class_id, bob.owner_id, ada),
            lambda: roster_reports.history(bob.class_id, bob.owner_id, ada),  # a name from another class
            lambda: roster_reports.term_csv(room.class_id, bob.owner_id),
        ):
            with pytest.raises(LookupError):
                call()
        assert rosters.owned_class(room.class_id, room.owner_id).name == "7B"
