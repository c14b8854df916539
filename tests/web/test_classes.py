"""Classes (rosters) through the web: a teacher's class lists, pupils picking their name to join, renaming
and merging, a pupil's history, the term's chart and CSV; another teacher gets 404 everywhere.

Scores were worked out by hand from the answers given (tests/roster_factories.py: the right answer of
each question is its first choice, a wrong one its second).
"""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token
from homework_factories import BEFORE
from html_tree import parse
from roster_factories import (
    RIGHT,
    WRONG,
    join_and_answer,
    make_room,
    pupil_id,
    run_session,
)

from quizapp.extensions import db
from quizapp.models import (
    ClassPupil,
    ClassSession,
    Participant,
    PupilSeat,
    SchoolClass,
    SessionClass,
)
from quizapp.services import classroom

from .session_setup import Teacher

pytestmark = pytest.mark.db
HTMX = {"HX-Request": "true"}


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


@pytest.fixture
def room(app):
    """Ann's class 7B (Ada, Ben, Cy) and her four-skill pack."""
    return make_room(app)


@pytest.fixture
def ann(app, room):
    return Teacher(app, room.owner_id)


def join_form(client, code: str, name: str):
    """Type the code and a name on /join, as a pupil does; the response, not followed."""
    token = csrf_token(client.get("/join").get_data(as_text=True))
    return client.post("/join", data={"csrf_token": token, "code": code, "name": name})


def pick(client, code: str, value):
    """Pick a name (its id, or "typed") on the name list."""
    token = csrf_token(client.get(f"/join/{code}/names").get_data(as_text=True))
    return client.post(f"/join/{code}/names", data={"csrf_token": token, "pupil": str(value)})


def seats(app) -> list[tuple[str, str]]:
    """(participant's name, name on the list) for every seat."""
    with app.app_context():
        return list(
            db.session.execute(
                sa.select(Participant.name, ClassPupil.name)
                .join(PupilSeat, PupilSeat.participant_id == Participant.id)
                .join(ClassPupil, ClassPupil.id == PupilSeat.pupil_id)
                .order_by(Participant.id)
            )
        )


# ---- the teacher's lists -----------------------------------------------------------------------


def test_a_teacher_makes_a_class_by_pasting_names(app, ann):
    response = ann.post("/teacher/classes", data={"name": "8C", "names": "Zoë\n\nyusuf\nYusuf\nAmir\n"})
    with app.app_context():
        class_id = db.session.scalars(sa.select(SchoolClass.id).where(SchoolClass.name == "8C")).one()
    assert response.headers["Location"] == f"/teacher/classes/{class_id}"
    page = parse(ann.get(f"/teacher/classes/{class_id}"))
    assert [
        row.find("th").find("a").clean_text() for row in page.find_all("tr", **{"data-testid": "roster-row"})
    ] == [
        "Amir",
        "yusuf",
        "Zoë",
    ]
    listing = parse(ann.get("/teacher/classes"))
    assert [c.find("h2").clean_text() for c in listing.find_all(**{"data-testid": "class"})] == ["7B", "8C"]
    assert "Class lists" in parse(ann.get("/teacher")).find("a", href="/teacher/classes").clean_text()


def test_a_class_without_a_name_or_with_an_unusable_name_is_refused_and_not_made(app, ann):
    empty = ann.post("/teacher/classes", data={"name": "", "names": "Ada"})
    assert empty.status_code == 422 and "Give the class a name, for example 7B." in text(empty)
    long = ann.post("/teacher/classes", data={"name": "9D", "names": "Ada\n" + "x" * 41})
    assert long.status_code == 422 and "Line 2" in text(long) and "at most 40 characters" in text(long)
    with app.app_context():
        assert db.session.scalars(sa.select(SchoolClass.name)).all() == ["7B"]


def test_adding_renaming_and_merging_names_on_the_page(app, room, ann):
    added = ann.post(
        f"/teacher/classes/{room.class_id}/pupils", data={"names": "Dee\nada"}, follow_redirects=True
    )
    assert "Added 1 name. Already on the list: ada." in text(added)
    ben = pupil_id(app, room, "Ben")
    renamed = ann.post(
        f"/teacher/classes/{room.class_id}/pupils/{ben}/rename",
        data={"name": "Benjamin"},
        follow_redirects=True,
    )
    assert "Renamed to Benjamin." in text(renamed)
    clash = ann.post(
        f"/teacher/classes/{room.class_id}/pupils/{ben}/rename", data={"name": "dee"}, follow_redirects=True
    )
    assert "“Dee” is already on the list." in text(clash)
    merged = ann.post(
        f"/teacher/classes/{room.class_id}/merge",
        data={"drop": pupil_id(app, room, "Dee"), "keep": pupil_id(app, room, "Cy")},
        follow_redirects=True,
    )
    assert "Merged: Cy now has both names’ sessions." in text(merged)
    with app.app_context():
        assert db.session.scalars(sa.select(ClassPupil.name).order_by(ClassPupil.name)).all() == [
            "Ada",
            "Benjamin",
            "Cy",
        ]


# ---- pupils pick their name --------------------------------------------------------------------


def test_a_pupil_who_types_a_name_on_the_list_joins_as_it_at_once(app, client, room):
    _, code = run_session(app, room)
    response = join_form(client, code, "ada")
    assert response.headers["Location"] == f"/class/{code}"
    assert seats(app) == [("Ada", "Ada")]  # the list's spelling, not the typed one
    assert parse(client.get(f"/class/{code}")).find(**{"data-testid": "pupil-name"}).clean_text() == "Ada"


def test_a_pupil_picks_their_name_from_the_list_and_a_taken_name_cannot_be_picked(app, client, room):
    _, code = run_session(app, room)
    join_and_answer(app, room, code, "Ben", {})
    response = join_form(client, code, "Benny")
    assert response.headers["Location"] == f"/join/{code}/names"
    page = parse(client.get(f"/join/{code}/names"))
    options = [
        (label.clean_text(), "disabled" in label.find("input").attrs)
        for label in page.find_all("label", class_="name-choice")
    ]
    assert options == [
        ("Ada", False),
        ("Ben (already joined)", True),
        ("Cy", False),
        ("My name is not on the list: join as “Benny”", False),
    ]

    taken = pick(client, code, pupil_id(app, room, "Ben"))  # a disabled radio posted anyway
    assert taken.status_code == 422 and "Someone has already joined as Ben." in text(taken)
    assert pick(client, code, pupil_id(app, room, "Cy")).headers["Location"] == f"/class/{code}"
    assert seats(app) == [("Ben", "Ben"), ("Cy", "Cy")]


def test_a_pupil_whose_name_is_taken_is_told_so_on_the_list(app, client, room):
    _, code = run_session(app, room)
    join_and_answer(app, room, code, "Ben", {})
    assert join_form(client, code, "ben").headers["Location"] == f"/join/{code}/names"
    page = client.get(f"/join/{code}/names")
    assert page.status_code == 200
    assert "Someone has already joined as Ben. If that is your name, tell your teacher" in text(page)
    assert "join as “ben”" not in text(page)  # a name on the list is not offered as a typed one


def test_a_pupil_not_on_the_list_joins_with_the_typed_name_and_the_teacher_merges_them(
    app, client, room, ann
):
    _, code = run_session(app, room)
    join_form(client, code, "Cyrus")
    assert pick(client, code, "typed").headers["Location"] == f"/class/{code}"
    with app.app_context():
        participant_id, name = db.session.execute(sa.select(Participant.id, Participant.name)).one()
    assert (name, seats(app)) == ("Cyrus", [])
    page = parse(ann.get(f"/teacher/classes/{room.class_id}"))
    assert "Cyrus" in page.find(**{"data-testid": "unlisted"}).clean_text()
    merged = ann.post(
        f"/teacher/classes/{room.class_id}/unlisted/{participant_id}",
        data={"pupil": pupil_id(app, room, "Cy")},
        follow_redirects=True,
    )
    assert "Merged: those answers are now Cy’s." in text(merged)
    assert seats(app) == [("Cyrus", "Cy")]
    assert parse(merged).find(**{"data-testid": "unlisted"}) is None


def test_the_name_list_is_shown_only_after_typing_the_code(app, client, room):
    _, code = run_session(app, room)
    response = client.get(f"/join/{code}/names")
    assert response.headers["Location"] == f"/join/{code}"  # no list of names for a bare URL
    assert "Ada" not in client.get(f"/join/{code}", follow_redirects=True).get_data(as_text=True)


def test_a_session_without_a_class_still_joins_with_a_typed_name(app, client, room):
    with app.app_context():
        session_id = classroom.start_session(room.pack_id, room.owner_id)
        code = classroom.owned_session(session_id, room.owner_id).code
    assert join_form(client, code, "Ada").headers["Location"] == f"/class/{code}"
    assert seats(app) == []


# ---- the term ----------------------------------------------------------------------------------


@pytest.fixture
def term(app, room):
    """Two sessions: Ada 4/4 then 1/4; Ben 1/4 then absent; Cy absent then 3/4 (see test_roster_reports.py)."""
    _, first = run_session(app, room)
    _, second = run_session(app, room)
    join_and_answer(app, room, first, "Ada", RIGHT)
    join_and_answer(app, room, first, "Ben", {1: RIGHT[1], 2: WRONG[2], 3: WRONG[3], 4: WRONG[4]})
    join_and_answer(app, room, second, "Ada", {1: RIGHT[1], 4: WRONG[4]})
    join_and_answer(
        app, room, second, "Cy", {1: RIGHT[1], 2: RIGHT[2], 3: RIGHT[3], 4: WRONG[4]}, finish=True
    )


def test_the_class_page_charts_the_term_and_the_skills_missed_most(app, room, ann, term):
    page = parse(ann.get(f"/teacher/classes/{room.class_id}"))
    means = page.find(**{"data-testid": "session-means"})
    assert [b.find("span", class_="bar-count").clean_text() for b in means.find_all("li")] == [
        "62.5% · 2 pupils",
        "50% · 2 pupils",
    ]  # (100 + 25) / 2 and (25 + 75) / 2
    assert [r.attrs["width"] for r in means.find_all("rect", class_="bar-fill")] == ["62.5", "50.0"]
    skills = page.find(**{"data-testid": "skills"})
    assert [
        (b.find("span", class_="bar-label").clean_text(), b.find("span", class_="bar-count").clean_text())
        for b in skills.find_all("li")
    ] == [
        ("Main idea", "75% missed · 4 answers"),
        ("Vocabulary", "33.3% missed · 3 answers"),
        ("Inference", "33.3% missed · 3 answers"),
        ("Recall", "0% missed · 4 answers"),
    ]
    assert (
        page.find("script", src=lambda s: s and "chart" in s) is None
    )  # drawn on the server, no chart library


def test_a_pupils_history_lists_every_session(app, room, ann, term):
    page = parse(ann.get(f"/teacher/classes/{room.class_id}/pupils/{pupil_id(app, room, 'Cy')}"))
    assert page.find("h1").clean_text() == "Cy"
    rows = [
        r.find(**{"data-testid": "history-score"}).clean_text()
        for r in page.find_all("tr", **{"data-testid": "history-row"})
    ]
    assert rows == ["–", "3 / 4 (75%)"]
    assert "Handed in" in page.find_all("tr", **{"data-testid": "history-row"})[1].clean_text()


def test_the_term_csv_downloads_with_a_row_per_pupil_per_session_and_totals(app, room, ann, term):
    response = ann.get(f"/teacher/classes/{room.class_id}/term.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="7b-term.csv"'
    assert response.headers["Cache-Control"] == "private, no-store"
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["pupil"], r["session"], r["score"]) for r in table] == [
        ("Ada", "Syria", "4"),
        ("Ada", "Syria", "1"),
        ("Ada", "Total", "5"),
        ("Ben", "Syria", "1"),
        ("Ben", "Syria", "0"),
        ("Ben", "Total", "1"),
        ("Cy", "Syria", "0"),
        ("Cy", "Syria", "3"),
        ("Cy", "Total", "3"),
    ]


def test_a_session_started_from_the_class_page_is_run_with_the_class(app, room, ann):
    response = ann.post(f"/teacher/classes/{room.class_id}/sessions", data={"pack": room.pack_id})
    with app.app_context():
        session_id, class_id = db.session.execute(
            sa.select(SessionClass.session_id, SessionClass.class_id)
        ).one()
    assert class_id == room.class_id and response.headers["Location"] == f"/teacher/sessions/{session_id}"
    shown = parse(ann.get(response.headers["Location"])).find(**{"data-testid": "session-class"})
    assert (shown.clean_text(), shown.attrs["href"]) == ("7B", f"/teacher/classes/{room.class_id}")


def test_homework_can_be_set_for_a_class(app, room, ann):
    app.config["CLOCK"] = lambda: BEFORE
    form = parse(ann.get(f"/teacher/packs/{room.pack_id}/homework"))
    assert [o.clean_text() for o in form.find("select", name="school_class").find_all("option")] == [
        "No class: pupils type their names",
        "7B",
    ]
    ann.post(
        f"/teacher/packs/{room.pack_id}/homework",
        data={"due": "2026-12-11T17:00", "timezone": "UTC", "school_class": room.class_id},
    )
    with app.app_context():
        assert db.session.scalars(sa.select(SessionClass.class_id)).all() == [room.class_id]


# ---- ownership ---------------------------------------------------------------------------------


def test_another_teacher_gets_404_on_every_class_page_and_changes_nothing(app, room, term):
    bob_room = make_room(app, names="", email="bob@school.example", slug="other", class_name="9C")
    bob = Teacher(app, bob_room.owner_id)
    ada = pupil_id(app, room, "Ada")
    base = f"/teacher/classes/{room.class_id}"
    for url in (base, f"{base}/pupils/{ada}", f"{base}/term.csv"):
        assert bob.get(url).status_code == 404, url
    for url, data in (
        (f"{base}/pupils", {"names": "Eve"}),
        (f"{base}/pupils/{ada}/rename", {"name": "Eve"}),
        (f"{base}/merge", {"drop": ada, "keep": pupil_id(app, room, "Ben")}),
        (f"{base}/sessions", {"pack": bob_room.pack_id}),
        (f"/teacher/classes/{bob_room.class_id}/pupils/{ada}/rename", {"name": "Eve"}),
    ):
        assert bob.post(url, data=data).status_code == 404, url
    with app.app_context():
        assert db.session.scalars(
            sa.select(ClassPupil.name).where(ClassPupil.class_id == room.class_id).order_by(ClassPupil.name)
        ).all() == ["Ada", "Ben", "Cy"]
    listing = parse(bob.get("/teacher/classes"))
    assert [c.find("h2").clean_text() for c in listing.find_all(**{"data-testid": "class"})] == ["9C"]


def test_the_teacher_renames_removes_a_name_and_deletes_the_class_list_keeping_its_sessions(
    app, room, ann, term
):
    base = f"/teacher/classes/{room.class_id}"
    removed = ann.post(f"{base}/pupils/{pupil_id(app, room, 'Ben')}/remove", follow_redirects=True)
    assert "Ben is off the list. Their answers stay in each session." in text(removed)
    assert ann.post(f"{base}/pupils/{pupil_id(app, room, 'Ada')}/remove", csrf=False).status_code == 400
    renamed = ann.post(f"{base}/rename", data={"name": "8B"}, follow_redirects=True)
    assert parse(renamed).find("h1").clean_text() == "8B"
    confirm = parse(ann.get(f"{base}/delete"))
    assert "The sessions you ran with it, every pupil's answers in them" in confirm.clean_text()
    gone = ann.post(f"{base}/delete", follow_redirects=True)
    assert "The class list “8B” was deleted. Its sessions and answers are kept." in text(gone)
    assert ann.get(base).status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Participant.id))) == 4  # both sessions' pupils


def test_a_class_homework_before_it_opens_says_when_before_any_name_list(app, client, room, ann):
    app.config["CLOCK"] = lambda: BEFORE
    ann.post(
        f"/teacher/packs/{room.pack_id}/homework",
        data={
            "opens": "2026-12-07T09:00",
            "due": "2026-12-11T17:00",
            "timezone": "UTC",
            "school_class": room.class_id,
        },
    )
    with app.app_context():
        code = db.session.scalars(sa.select(ClassSession.code)).one()
    response = join_form(client, code, "Zed")
    assert response.status_code == 422
    assert "This homework opens on Monday 7 December 2026 at 09:00 (UTC)." in text(response)
    assert client.get(f"/join/{code}/names").headers["Location"] == f"/join/{code}"
