"""Helpers of the break-in tests: log in, get a CSRF token, build every route's URL from the url_map.

``url_for_rule`` fills in a rule's arguments and fails loudly for an
argument it does not know, so whoever adds a route with a new kind of id
decides what it should point at, and the route is covered.
"""

from __future__ import annotations

import re

# Rule arguments that name something a teacher owns: another teacher must get 404 for each.
OWNED_ARGUMENTS = {"article_id", "pack_id", "session_id", "participant_id", "job_id", "class_id", "story_id"}


def log_in(client, teacher_id: int):
    """Log ``client`` in as ``teacher_id`` (Flask-Login's session keys, no form)."""
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(teacher_id), True
    return client


def csrf_token(client, url: str = "/teacher") -> str:
    """A valid CSRF token for ``client``'s session, from any form on ``url`` (tokens are per session, not per form)."""
    html = client.get(url).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group()
    return re.search(r'value="([^"]+)"', field).group(1)


def rule_values(victim) -> dict:
    """A value for every argument a route of this app has, pointing at the victim's things."""
    return {
        "article_id": victim.article_id,
        "pack_id": victim.pack_id,
        "session_id": victim.session_id,
        "participant_id": victim.participant_id,
        "number": 1,
        "actor_id": victim.actor_id,
        "fmt": "json",
        "slug": victim.slug,
        "code": victim.code,
        "filename": "css/app.css",
        "job_id": victim.job_id,
        "class_id": victim.class_id,
        "pupil_id": victim.pupil_id,
        "token": victim.reset_token,
        "story_id": victim.story_id,
    }


def url_for_rule(rule, values: dict) -> str:
    """The path of ``rule`` with its arguments from ``values``; an unknown argument fails the test."""
    unknown = set(rule.arguments) - set(values)
    assert not unknown, (
        f"{rule.rule} has arguments {unknown} the security tests do not know: add them to rule_values"
    )
    _, path = rule.build({name: values[name] for name in rule.arguments})
    return path


def post_rules(app):
    """Every URL rule that accepts POST, i.e. every state-changing route (GETs must not change state)."""
    return [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
