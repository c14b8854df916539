"""A session at several levels on the web: started from a story, a level given per pupil or chosen, compared."""

import pytest
from classroom_factories import csrf_token, join_client
from html_tree import parse
from story_factories import make_levelled_story, start_levelled_lesson

from quizapp.services import classroom, classroom_results, session_levels

from .session_setup import Teacher

pytestmark = pytest.mark.db


def level_ids(app, session_id) -> dict:
    """The session's level ids by CEFR."""
    with app.app_context():
        return {level.cefr: level.id for level in session_levels.levels(session_id)}


def pupil_client(app, code, name="Sam"):
    """A browser that joined ``code`` as ``name``, with the CSRF token of its class page; (client, token)."""
    client = app.test_client()
    join_client(client, code, name)
    return client, csrf_token(client.get(f"/class/{code}").get_data(as_text=True))


def participant_id(app, code, name) -> int:
    """The id of the pupil called ``name`` in the class ``code``."""
    with app.app_context():
        info = classroom.session_for_code(code)
        return next(
            p.participant_id
            for p in classroom_results.dashboard(info.id).participants
            if p.display_name == name
        )


def test_a_teacher_starts_a_session_at_the_storys_levels_from_its_page(app):
    owner, story_id, _ = make_levelled_story(app)
    ann = Teacher(app, owner)
    page = parse(ann.get(f"/teacher/stories/{story_id}"))
    assert page.find("button", type="submit").clean_text()  # the page has its forms
    response = ann.post(f"/teacher/stories/{story_id}/sessions", {"pupils_choose": "1"})
    assert response.status_code == 302 and "/teacher/sessions/" in response.headers["Location"]
    board = parse(ann.get(response.headers["Location"]))
    bars = [row.clean_text() for row in board.find_all(**{"data-testid": "level-result"})]
    assert bars == [
        "A2 · Mars One (easy) no pupils",
        "B1 · Mars One (middle) no pupils",
        "C1 · Mars One (hard) no pupils",
    ]


def test_a_story_with_a_version_without_questions_gives_a_clear_422(app):
    owner, story_id, _ = make_levelled_story(app, packs=("mars-ele", "mars-int"))
    response = Teacher(app, owner).post(f"/teacher/stories/{story_id}/sessions")
    assert response.status_code == 422
    assert "“Mars One (hard)” has no questions yet" in parse(response).find(role="alert").clean_text()


def test_a_pupil_who_may_choose_goes_easier_and_sees_that_text_and_its_questions(app):
    lesson = start_levelled_lesson(app, pupils_choose=True)
    sam, token = pupil_client(app, lesson.code)
    page = parse(sam.get(f"/class/{lesson.code}"))
    assert (
        page.find(**{"data-testid": "level-switch"}).clean_text()
        == "Reading level: ← Easier (A2) B1 Harder (C1) →"
    )
    assert page.find(**{"data-testid": "progress"}).clean_text() == "0 of 3 answered."
    response = sam.post(
        f"/class/{lesson.code}/level",
        data={"csrf_token": token, "level": level_ids(app, lesson.session_id)["A2"]},
    )
    assert response.status_code == 303
    page = parse(sam.get(f"/class/{lesson.code}"))
    assert page.find(**{"data-testid": "level-switch"}).clean_text() == "Reading level: A2 Harder (B1) →"
    assert page.find(**{"data-testid": "progress"}).clean_text() == "0 of 2 answered."


def test_a_pupil_cannot_choose_when_the_teacher_gives_the_levels(app):
    lesson = start_levelled_lesson(app)
    sam, token = pupil_client(app, lesson.code)
    page = parse(sam.get(f"/class/{lesson.code}"))
    assert page.find(**{"data-testid": "level-switch"}).clean_text() == "Reading level: B1"
    assert page.find("form", action=f"/class/{lesson.code}/level") is None
    response = sam.post(
        f"/class/{lesson.code}/level",
        data={"csrf_token": token, "level": level_ids(app, lesson.session_id)["A2"]},
    )
    assert response.status_code == 409
    assert "Your teacher chooses the level in this class." in parse(response).find(role="alert").clean_text()
    assert (
        sam.post(f"/class/{lesson.code}/level", data={"csrf_token": token, "level": "x"}).status_code == 400
    )


def test_the_teacher_gives_a_pupil_a_level_from_the_pupils_page(app):
    lesson = start_levelled_lesson(app)
    sam, _ = pupil_client(app, lesson.code)
    ann = Teacher(app, lesson.owner_id)
    pid = participant_id(app, lesson.code, "Sam")
    url = f"/teacher/sessions/{lesson.session_id}/participants/{pid}"
    form = parse(ann.get(url)).find(**{"data-testid": "level-form"})
    assert "now B1: Mars One (middle)" in form.clean_text()
    response = ann.post(f"{url}/level", {"level": level_ids(app, lesson.session_id)["C1"]})
    assert response.status_code == 302
    assert (
        parse(sam.get(f"/class/{lesson.code}")).find(**{"data-testid": "progress"}).clean_text()
        == "0 of 4 answered."
    )
    live = parse(ann.get(f"/teacher/sessions/{lesson.session_id}/live"))
    assert [c.clean_text() for c in live.find_all(**{"data-testid": "pupil-level"})] == ["C1"]
    assert live.find(**{"data-testid": "progress"}).clean_text() == "0 / 4 answered"


def test_after_the_first_answer_the_teacher_is_told_why_the_level_stays(app):
    lesson = start_levelled_lesson(app)
    sam, token = pupil_client(app, lesson.code)
    sam.post(f"/class/{lesson.code}/answers/1", data={"csrf_token": token, "response": "Answer"})
    ann = Teacher(app, lesson.owner_id)
    pid = participant_id(app, lesson.code, "Sam")
    url = f"/teacher/sessions/{lesson.session_id}/participants/{pid}/level"
    response = ann.post(url, {"level": level_ids(app, lesson.session_id)["A2"]})
    assert response.status_code == 409
    assert (
        parse(response).find(role="alert").clean_text()
        == "Sam has already answered at B1: a level can change only before the first answer."
    )
    assert ann.post(url, {"level": "nope"}).status_code == 400


def test_the_dashboard_shows_the_mean_score_per_level_as_bars(app):
    lesson = start_levelled_lesson(app)
    sam, token = pupil_client(app, lesson.code)
    for number in (1, 2):  # two of the middle pack's three right
        sam.post(f"/class/{lesson.code}/answers/{number}", data={"csrf_token": token, "response": "Answer"})
    live = parse(Teacher(app, lesson.owner_id).get(f"/teacher/sessions/{lesson.session_id}/live"))
    means = [c.clean_text() for c in live.find_all(**{"data-testid": "level-mean"})]
    assert means == ["no pupils", "2 / 3 (67%)", "no pupils"]  # 2 of 3 = 66.7 %, shown whole
    bars = live.find_all("rect", class_="bar-fill")
    assert bars[1].attrs["width"] == "67"
