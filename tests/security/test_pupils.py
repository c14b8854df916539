"""Pupils: nobody posts into a class their browser did not join, and the cookie that says who joined cannot be forged.

Every pupil route that takes a POST (each rule with a ``code`` argument in
``app.url_map``) is tried by a pupil of another class and by a browser that
joined nothing: 403 with a page that says why, and no answer written.
"""

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as page_token
from classroom_factories import join_client, start_class_session
from flask.sessions import SecureCookieSessionInterface
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, Participant

pytestmark = pytest.mark.db


def pupil_post_rules(app):
    """The POST routes of a class, by its code."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if "code" in rule.arguments and "POST" in rule.methods and rule.rule.startswith("/class/")
    ]


def stored(app, session_id: int) -> list[tuple]:
    """The class's answers and hand-ins, as stored."""
    with app.app_context():
        answers = db.session.execute(
            sa.select(Answer.participant_id, Answer.number, Answer.response).where(
                Answer.session_id == session_id
            )
        ).all()
        finished = db.session.scalars(
            sa.select(Participant.finished_at).where(Participant.session_id == session_id)
        ).all()
        return [tuple(a) for a in answers] + [("finished", f) for f in finished]


@pytest.fixture
def two_classes(app, victim):
    """The victim's class, and a pupil (a test client) who joined another class."""
    other = start_class_session(app, email="bob@school.example", slug="other")
    pupil = app.test_client()
    assert join_client(pupil, other.code, "Mallory").status_code in (302, 303)
    return victim, pupil


def test_there_are_pupil_post_routes(app):
    assert {rule.endpoint for rule in pupil_post_rules(app)} >= {"join.save", "join.finish"}


def test_a_pupil_of_another_class_cannot_post_into_this_one(app, two_classes):
    victim, pupil = two_classes
    before = stored(app, victim.session_id)
    token = page_token(pupil.get("/join").get_data(as_text=True))
    for rule in pupil_post_rules(app):
        url = rule.build({"code": victim.code, "number": 1})[1]
        response = pupil.post(url, data={"csrf_token": token, "response": "hijacked"})
        assert response.status_code == 403, (url, response.status_code)
        assert "You have not joined this class on this device" in parse(response).clean_text()
    assert stored(app, victim.session_id) == before


def test_a_browser_that_joined_nothing_cannot_post_either(app, victim):
    stranger = app.test_client()
    token = page_token(stranger.get("/join").get_data(as_text=True))
    before = stored(app, victim.session_id)
    for rule in pupil_post_rules(app):
        url = rule.build({"code": victim.code, "number": 1})[1]
        assert stranger.post(url, data={"csrf_token": token, "response": "x"}).status_code == 403
    assert stored(app, victim.session_id) == before


def forged_cookie(app, secret: str, contents: dict) -> str:
    """A session cookie with ``contents`` signed with ``secret`` (the app's own, or an attacker's guess)."""
    signer = SecureCookieSessionInterface().get_signing_serializer(
        type("App", (), {"secret_key": secret, "config": app.config})()
    )
    return signer.dumps(contents)


def test_a_cookie_signed_with_another_key_is_ignored(app, client, victim):
    """Knowing a pupil's token (say, read over a shoulder) is not enough: the cookie must carry the app's signature."""
    joined = app.test_client()
    join_client(joined, victim.code, "Ann")
    real = joined.get_cookie("session").value
    contents = SecureCookieSessionInterface().get_signing_serializer(app).loads(real)
    # The same contents, but Sam's token in place of Ann's, signed with a guessed key.
    key = next(k for k, v in contents.items() if isinstance(v, list) and [victim.code] == [p[0] for p in v])
    contents[key] = {victim.code: victim.pupil_token}
    before = stored(app, victim.session_id)
    attacker = app.test_client()
    attacker.set_cookie("session", forged_cookie(app, "guessed-secret", contents))
    token = page_token(attacker.get("/join").get_data(as_text=True))
    response = attacker.post(
        f"/class/{victim.code}/answers/1", data={"csrf_token": token, "response": "hijacked"}
    )
    assert response.status_code == 403
    assert stored(app, victim.session_id) == before


def test_the_same_cookie_signed_with_the_apps_key_is_accepted(app, victim):
    """The control for the test above: the forged contents are right, so only the signature refused them."""
    joined = app.test_client()
    join_client(joined, victim.code, "Ann")
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    contents = serializer.loads(joined.get_cookie("session").value)
    key = next(k for k, v in contents.items() if isinstance(v, list) and [victim.code] == [p[0] for p in v])
    contents[key] = {victim.code: victim.pupil_token}
    insider = app.test_client()
    insider.set_cookie("session", forged_cookie(app, app.secret_key, contents))
    token = page_token(insider.get("/join").get_data(as_text=True))
    response = insider.post(f"/class/{victim.code}/answers/1", data={"csrf_token": token, "response": "Iran"})
    assert response.status_code in (302, 303)
    assert (victim.participant_id, 1, "Iran") in stored(app, victim.session_id)
