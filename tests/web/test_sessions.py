"""A teacher's class sessions through the web: start, projector page, live dashboard, the list, privacy.

Overrides, closing, deleting and the CSV exports are in test_session_results.py; the shared
set-up (teachers, pack, session, answers) is in session_setup.py.
"""

import csv
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
import segno
import sqlalchemy as sa
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Pack, PackQuestion, Participant
from quizapp.services import classroom

from .session_setup import (
    ALPHABET,
    QUESTIONS,
    ann,
    answered,
    bob,
    count,
    ids,
    rows_by_name,
    started,
    stored_answer,
    text,
)

pytestmark = pytest.mark.db


# ---- starting --------------------------------------------------------------------------------


def test_the_pack_page_starts_a_session_and_opens_its_projector_page(app, ids, ann):
    page = parse(ann.get(f"/teacher/packs/{ids[2]}"))
    form = next(
        f for f in page.find_all("form") if f.attrs.get("action") == f"/teacher/packs/{ids[2]}/sessions"
    )
    assert form.find("button").clean_text() == "Start a class session"

    response = ann.post(f"/teacher/packs/{ids[2]}/sessions")
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalars(sa.select(ClassSession)).one()
        assert (row.owner_id, row.pack_id, row.title) == (ids[0], ids[2], "Syria quiz = war")
        assert [q["prompt"] for q in row.questions] == [q.prompt for q in QUESTIONS]
        session_id, code = row.id, row.code
    assert response.headers["Location"] == f"/teacher/sessions/{session_id}"

    shown = parse(ann.get(f"/teacher/sessions/{session_id}"))
    assert shown.find("p", **{"data-testid": "join-code"}).clean_text() == f"{code[:3]} {code[3:]}"
    assert shown.find("a", **{"data-testid": "join-link"}).attrs["href"] == f"http://localhost/join/{code}"


def test_join_codes_use_only_the_letters_and_digits_that_cannot_be_mixed_up(app, ids, ann):
    for _ in range(25):
        ann.post(f"/teacher/packs/{ids[2]}/sessions")
    with app.app_context():
        codes = list(db.session.scalars(sa.select(ClassSession.code)))
    assert len(codes) == len(set(codes)) == 25
    for code in codes:
        assert len(code) == 6 and set(code) <= ALPHABET, code
        assert not set(code) & set("0O1IL2Z5S8B")


def test_a_pack_without_questions_cannot_start_a_session(app, ids, ann):
    with app.app_context():
        db.session.execute(sa.delete(PackQuestion))
        db.session.commit()
    response = ann.post(f"/teacher/packs/{ids[2]}/sessions", follow_redirects=True)
    assert "no questions yet" in text(response)
    assert count(app, ClassSession) == 0


def test_the_pack_page_shares_the_pack_in_self_study_and_stops(app, ids, ann):
    page = parse(ann.get(f"/teacher/packs/{ids[2]}"))
    assert page.find(**{"data-testid": "public-state"}).clean_text() == "not shared"

    response = ann.post(f"/teacher/packs/{ids[2]}/public", {"public": "1"}, follow_redirects=True)
    assert parse(response).find(**{"data-testid": "public-state"}).clean_text() == "shared"
    with app.app_context():
        assert db.session.get(Pack, ids[2]).public is True

    ann.post(f"/teacher/packs/{ids[2]}/public", {"public": "0"})
    with app.app_context():
        assert db.session.get(Pack, ids[2]).public is False
    assert ann.post(f"/teacher/packs/{ids[2]}/public", {"public": "yes"}).status_code == 400


# ---- the projector page ----------------------------------------------------------------------


def qr_modules(svg: str) -> list[list[bool]]:
    """The dark modules of segno's SVG path (``M``/``m`` moves, ``h`` runs), border cut off."""
    root = ET.fromstring(svg)
    path = next(p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("stroke"))
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path.get("d")):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(float(a)))}
            x += float(a)
    size = int(root.get("viewBox").split()[2])
    border = min(min(c for c, _ in dark), min(r for _, r in dark))
    return [[(c, r) in dark for c in range(border, size - border)] for r in range(border, size - border)]


def test_the_qr_code_is_an_svg_of_the_join_link(started, ann):
    session_id, code = started
    page = parse(ann.get(f"/teacher/sessions/{session_id}"))
    img = page.find("img", class_="join-qr")
    assert img.attrs["src"] == f"/teacher/sessions/{session_id}/qr.svg"
    assert f"/join/{code}" in img.attrs["alt"]

    response = ann.get(img.attrs["src"])
    assert response.mimetype == "image/svg+xml"
    modules = qr_modules(text(response))
    url = f"http://localhost/join/{code}"
    # Whatever error-correction level was chosen, the modules are exactly those of a QR code holding the URL.
    expected = [
        [[bool(v) for v in row] for row in segno.make(url, error=level, boost_error=False).matrix]
        for level in "LMQH"
    ]
    assert modules in expected


def test_the_page_warns_when_the_join_link_points_at_this_computer_only(started, ann):
    session_id, _ = started
    page = text(ann.get(f"/teacher/sessions/{session_id}"))
    assert "which only this computer can open" in page  # the test client's host is localhost
    page = text(ann.get(f"/teacher/sessions/{session_id}", base_url="http://192.168.1.20:8000"))
    assert "which only this computer can open" not in page


def test_the_projector_page_polls_the_live_partial_with_htmx(started, ann):
    session_id, _ = started
    html = text(ann.get(f"/teacher/sessions/{session_id}"))
    page = parse(ann.get(f"/teacher/sessions/{session_id}"))
    assert page.find("script", src="/static/vendor/htmx.min.js") is not None
    assert (
        page.find("meta", name="htmx-config").attrs["content"]
        == '{"includeIndicatorStyles": false, "allowEval": false}'
    )
    live = page.by_id("live")
    assert live.attrs["hx-get"] == f"/teacher/sessions/{session_id}/live"
    assert live.attrs["hx-trigger"] == "every 3s" and live.attrs["hx-swap"] == "outerHTML"
    assert "Nobody has joined yet" in live.clean_text()
    assert 'style="' not in html and "<script>" not in html  # ready for the strict Content-Security-Policy


# ---- the live dashboard ----------------------------------------------------------------------


def test_the_live_partial_shows_who_joined_their_progress_and_each_question(app, answered, ann):
    session_id, _, pupils = answered
    with app.app_context():  # Sam has handed in (as the pupil's "Hand in my answers" records it)
        db.session.get(Participant, pupils["Sam"]).finished_at = datetime(2026, 11, 26, 9, 30)
        db.session.commit()
    response = ann.get(f"/teacher/sessions/{session_id}/live", headers={"HX-Request": "true"})
    assert "<html" not in text(response)  # a fragment for htmx to swap in
    page = parse(response)
    assert page.find(**{"data-testid": "pupil-count"}).clean_text() == "2"

    rows = rows_by_name(page)
    assert set(rows) == {"Sam", "Ali"}
    assert rows["Sam"].find(**{"data-testid": "progress"}).clean_text() == "2 / 3 answered"
    assert rows["Sam"].find(**{"data-testid": "score"}).clean_text() == "2"
    assert rows["Ali"].find(**{"data-testid": "score"}).clean_text() == "0"
    assert "Handed in" in rows["Sam"].clean_text() and "Working" in rows["Ali"].clean_text()
    assert (
        rows["Ali"].find("a").attrs["href"] == f"/teacher/sessions/{session_id}/participants/{pupils['Ali']}"
    )

    stats = page.find_all(**{"data-testid": "question-stat"})
    assert len(stats) == 3
    first, second = stats[0], stats[1]
    assert first.find(**{"data-testid": "count-unanswered"}).clean_text() == "2 (100%)"
    assert second.find(class_="q-prompt").clean_text() == "Which town was captured?"
    assert second.find(**{"data-testid": "count-correct"}).clean_text() == "1 (50%)"
    assert second.find(**{"data-testid": "count-incorrect"}).clean_text() == "1 (50%)"
    assert second.find(class_="verdict-correct").find("rect", class_="bar-fill").attrs["width"] == "50"
    # Words beside the colours: each bar is labelled.
    assert "Correct" in second.clean_text() and "Incorrect" in second.clean_text()
    wrong = second.find(class_="wrong-answers")
    assert "Damascus" in wrong.clean_text() and "× 1" in wrong.clean_text()


def test_a_name_typed_by_a_pupil_is_escaped_on_the_dashboard(app, started, ann):
    session_id, code = started
    with app.app_context():
        classroom.join(code, "<b>Sam</b>")
    html = text(ann.get(f"/teacher/sessions/{session_id}/live"))
    assert "<b>Sam</b>" not in html and "&lt;b&gt;Sam&lt;/b&gt;" in html


def test_polling_stops_once_the_session_is_closed(answered, ann):
    session_id, *_ = answered
    ann.post(f"/teacher/sessions/{session_id}/close")
    live = parse(ann.get(f"/teacher/sessions/{session_id}/live")).by_id("live")
    assert "hx-trigger" not in live.attrs and "hx-get" not in live.attrs
    assert "final results" in live.clean_text()


# ---- the list, the dashboard link ---------------------------------------------------------------


def test_the_list_shows_the_teachers_sessions_and_the_dashboard_links_to_it(answered, ann, bob):
    session_id, code, _ = answered
    assert parse(ann.get("/teacher")).find("a", href="/teacher/sessions") is not None
    page = parse(ann.get("/teacher/sessions"))
    card = page.find(**{"data-testid": "session"})
    assert card.find("a").attrs["href"] == f"/teacher/sessions/{session_id}"
    assert code in card.clean_text() and "2 pupils" in card.clean_text() and "Open" in card.clean_text()
    assert parse(bob.get("/teacher/sessions")).find(**{"data-testid": "session"}) is None


# ---- privacy and CSRF ---------------------------------------------------------------------------

GETS = ("", "/live", "/qr.svg", "/delete", "/participants/{pid}", "/answers.csv", "/summary.csv")
POSTS = (
    ("/close", {}),
    ("/reopen", {}),
    ("/delete", {}),
    ("/participants/{pid}/answers/2/override", {"accept": "1"}),
)


def test_another_teacher_gets_404_on_every_route_and_changes_nothing(app, answered, bob):
    session_id, _, pupils = answered
    base = f"/teacher/sessions/{session_id}"
    for path in GETS:
        assert bob.get(base + path.format(pid=pupils["Ali"])).status_code == 404, path
    for path, data in POSTS:
        assert bob.post(base + path.format(pid=pupils["Ali"]), data).status_code == 404, path
    with app.app_context():
        assert db.session.get(ClassSession, session_id).closed_at is None
    assert count(app, Answer) == 4
    assert stored_answer(app, pupils["Ali"], 2).overridden is False


def test_a_teacher_cannot_start_a_session_of_another_teachers_pack(app, ids, bob):
    assert bob.post(f"/teacher/packs/{ids[2]}/sessions").status_code == 404
    assert bob.post(f"/teacher/packs/{ids[2]}/public", {"public": "1"}).status_code == 404
    assert count(app, ClassSession) == 0


def test_every_post_needs_the_csrf_token(app, ids, answered, ann):
    session_id, _, pupils = answered
    base = f"/teacher/sessions/{session_id}"
    for path, data in POSTS:
        assert ann.post(base + path.format(pid=pupils["Ali"]), data, csrf=False).status_code == 400, path
    assert ann.post(f"/teacher/packs/{ids[2]}/sessions", csrf=False).status_code == 400
    assert ann.post(f"/teacher/packs/{ids[2]}/public", {"public": "1"}, csrf=False).status_code == 400
    assert (count(app, ClassSession), count(app, Answer)) == (1, 4)
    with app.app_context():
        assert db.session.get(ClassSession, session_id).closed_at is None
        assert db.session.get(Pack, ids[2]).public is False


def test_nobody_logged_in_is_sent_to_the_login_page(app, answered):
    session_id, *_ = answered
    client = app.test_client()
    for path in (
        "/teacher/sessions",
        f"/teacher/sessions/{session_id}",
        f"/teacher/sessions/{session_id}/live",
        f"/teacher/sessions/{session_id}/answers.csv",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), path
    live = client.get(f"/teacher/sessions/{session_id}/live", headers={"HX-Request": "true"})
    # htmx's poll is sent to the login page as a whole page, instead of swapping the login form into the dashboard.
    assert live.status_code == 204
    assert live.headers["HX-Redirect"] == f"/login?next=/teacher/sessions/{session_id}"


def test_a_session_deleted_in_another_tab_is_a_404_not_an_error(app, started, ann, monkeypatch):
    """Between the ownership check and the read, the session went (the teacher deleted it elsewhere)."""
    from quizapp.services import classroom_results

    session_id, _ = started

    def gone(session_id):
        raise LookupError(session_id)

    monkeypatch.setattr(classroom_results, "dashboard", gone)
    monkeypatch.setattr(classroom_results, "answers_csv", gone)
    monkeypatch.setattr(classroom, "close_session", gone)
    assert ann.get(f"/teacher/sessions/{session_id}/live").status_code == 404
    assert ann.get(f"/teacher/sessions/{session_id}/answers.csv").status_code == 404
    assert ann.post(f"/teacher/sessions/{session_id}/close").status_code == 404
