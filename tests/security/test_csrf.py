"""CSRF: every route that accepts POST refuses one without the page's token (Flask-WTF's CSRFProtect).

The routes come from ``app.url_map``, so a POST route added later is tested
without editing this file. ``EXEMPT`` is where a route that must take POSTs
from other sites would be listed, with the reason; there is none.
"""

import logging

import pytest

from quizapp.extensions import db
from quizapp.models import ClassSession, Pack

from .breakin import csrf_token, log_in, post_rules, rule_values, url_for_rule

pytestmark = pytest.mark.db

EXEMPT: dict[str, str] = {}  # endpoint -> why it may be posted to without a token


def test_csrf_protection_is_on(app):
    assert app.config["WTF_CSRF_ENABLED"] is True and "csrf" in app.extensions


def test_every_post_route_refuses_a_post_without_a_token(app, client, victim, caplog):
    """CSRFProtect refuses in ``before_request`` and logs why, so the view never ran.

    What the browser then sees is the route's own choice (a 400 page, the
    study's 404, a pupil's redirect back to the question with a message):
    any answer but a server error.
    """
    log_in(client, victim.teacher_id)  # the owner: only the missing token can be the reason for refusing
    values = rule_values(victim)
    accepted, checked = [], 0
    for rule in post_rules(app):
        if rule.endpoint in EXEMPT:
            continue
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="flask_wtf.csrf"):
            response = client.post(url_for_rule(rule, values), data={"response": "x", "title": "hijacked"})
        checked += 1
        if "The CSRF token is missing." not in caplog.messages or response.status_code >= 500:
            accepted.append((rule.rule, response.status_code))
    assert checked >= 20 and not accepted, f"not refused for a missing CSRF token: {accepted}"


def test_a_post_with_a_forged_token_is_refused_too(app, client, victim):
    log_in(client, victim.teacher_id)
    response = client.post(f"/teacher/sessions/{victim.session_id}/close", data={"csrf_token": "forged"})
    assert response.status_code == 400


def test_a_refused_post_changes_nothing(app, client, victim):
    """A cross-site form aimed at the teacher's delete and close buttons: the pack and the class are untouched."""
    log_in(client, victim.teacher_id)
    client.post(f"/teacher/packs/{victim.pack_id}/delete")
    client.post(f"/teacher/sessions/{victim.session_id}/close")
    client.post(f"/teacher/sessions/{victim.session_id}/delete")
    with app.app_context():
        assert db.session.get(Pack, victim.pack_id) is not None
        session = db.session.get(ClassSession, victim.session_id)
        assert session is not None and session.closed_at is None


def test_the_same_post_with_the_token_is_accepted(app, client, victim):
    """The control: the refusals above are the token's doing, not a broken route."""
    log_in(client, victim.teacher_id)
    response = client.post(
        f"/teacher/sessions/{victim.session_id}/close", data={"csrf_token": csrf_token(client)}
    )
    assert response.status_code in (302, 303)
    with app.app_context():
        assert db.session.get(ClassSession, victim.session_id).closed_at is not None
