"""One teacher reaching another's things by id: every teacher route with an id gives teacher B a 404.

The routes are every rule in ``app.url_map`` with an argument that names
something a teacher owns (``OWNED_ARGUMENTS``), each method it accepts; so
a route added later is covered. 404, not 403, so that guessing ids does not
even tell B what exists. Afterwards A's article, pack, session and the
pupil's answers are exactly as they were.
"""

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, Article, ClassSession, Pack, Story

from .breakin import OWNED_ARGUMENTS, csrf_token, log_in, rule_values, url_for_rule

pytestmark = pytest.mark.db


def owned_rules(app):
    """(rule, method) for every route whose URL names a teacher's article, pack, session or pupil."""
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if OWNED_ARGUMENTS & set(rule.arguments)
        for method in sorted(rule.methods & {"GET", "POST"})
    ]


def snapshot(app, victim) -> dict:
    """What teacher A owns, as stored: anything B changed would show here."""
    with app.app_context():
        article, pack = db.session.get(Article, victim.article_id), db.session.get(Pack, victim.pack_id)
        session = db.session.get(ClassSession, victim.session_id)
        answers = db.session.execute(
            sa.select(Answer.number, Answer.score, Answer.overridden)
            .where(Answer.session_id == victim.session_id)
            .order_by(Answer.number)
        ).all()
        story = db.session.get(Story, victim.story_id)
        return {
            "article": (article.title, article.analysis),
            "story": (story.title, [v.article_id for v in story.versions]),
            "pack": (pack.title, pack.public, len(pack.questions)),
            "session": (session.code, session.closed_at),
            "answers": [tuple(a) for a in answers],
        }


def test_there_are_owned_routes_to_test(app):
    """Guard against the enumeration silently finding nothing (say after a rename of the arguments)."""
    endpoints = {rule.endpoint.split(".")[0] for rule, _ in owned_rules(app)}
    assert {"articles", "packs", "sessions"} <= endpoints and len(owned_rules(app)) >= 25


def test_another_teacher_gets_404_on_every_route_with_an_id(app, client, victim, intruder):
    before = snapshot(app, victim)
    log_in(client, intruder)
    token = csrf_token(client)
    values = rule_values(victim)
    leaks = []
    for rule, method in owned_rules(app):
        url = url_for_rule(rule, values)
        data = (
            {"csrf_token": token, "title": "hijacked", "accept": "1", "confirm": "y"}
            if method == "POST"
            else None
        )
        response = client.open(url, method=method, data=data)
        if response.status_code != 404:
            leaks.append((method, url, response.status_code))
    assert not leaks, f"teacher B was not refused with 404: {leaks}"
    assert snapshot(app, victim) == before


def test_the_owner_reaches_the_same_pages(app, client, victim):
    """The control: the 404s above are about who asks, not broken URLs.

    /study/packs/<id> is left out: it shows a pack only once it is shared, to anyone (A's is not).
    """
    log_in(client, victim.teacher_id)
    values = rule_values(victim)
    for rule, method in owned_rules(app):
        if method == "GET" and rule.rule.startswith("/teacher/"):
            response = client.get(url_for_rule(rule, values))
            assert response.status_code == 200, (rule.rule, response.status_code)


def test_a_pupil_or_a_stranger_is_sent_to_log_in(app, client, victim):
    response = client.get(f"/teacher/sessions/{victim.session_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get(f"/teacher/sessions/{victim.session_id}/answers.csv").status_code == 302
