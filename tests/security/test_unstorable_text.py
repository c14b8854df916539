"""Text no database can store (issue 14, Low): NUL bytes (PostgreSQL refuses them) and lone surrogates
(no encoding can write them) gave 500s, even on anonymous URLs (``/articles/x%00y``) and in JSON bodies.

Every such request gets a 400 that says what to remove, and nothing is saved. The sweeps read the rules
from ``app.url_map``, so a route added later is covered. Run on SQLite and PostgreSQL (``-m db``).
"""

import pytest
from html_tree import parse

from .breakin import csrf_token, log_in, post_rules, rule_values, url_for_rule
from .test_request_limits import counts

pytestmark = pytest.mark.db

UNSTORABLE = (
    "That contains a character that cannot be stored (a NUL byte or half of a character pair): "
    "remove it and try again."
)
FIELDS = (
    "title",
    "text",
    "name",
    "code",
    "email",
    "password",
    "confirm",
    "display_name",
    "response",
    "prompt",
    "part1",
    "description",
    "level",
    "role",
    "actor",
    "search",
    "q",
)


@pytest.mark.parametrize("bad", ["\\u0000", "\\ud800"], ids=["nul", "lone-surrogate"])  # as JSON writes them
def test_every_post_route_refuses_unstorable_text_in_a_json_body(app, client, victim, bad):
    log_in(client, victim.teacher_id)
    values, token = rule_values(victim), csrf_token(client)
    before = counts(app)
    body = "{" + ", ".join(f'"{name}": "x{bad}y"' for name in FIELDS) + "}"
    wrong = []
    for rule in post_rules(app):
        response = client.post(
            url_for_rule(rule, values),
            data=body,
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        if response.status_code != 400 or response.get_json() != {"error": UNSTORABLE}:
            wrong.append((rule.rule, response.status_code))
    assert not wrong, wrong
    assert counts(app) == before


def test_every_post_route_refuses_a_nul_in_a_form(app, client, victim):
    log_in(client, victim.teacher_id)
    values, token = rule_values(victim), csrf_token(client)
    before = counts(app)
    wrong = []
    for rule in post_rules(app):
        response = client.post(
            url_for_rule(rule, values), data={"csrf_token": token, **dict.fromkeys(FIELDS, "Sam\x00")}
        )
        if response.status_code != 400 or UNSTORABLE not in parse(response).clean_text():
            wrong.append((rule.rule, response.status_code))
    assert not wrong, wrong
    assert counts(app) == before


@pytest.mark.parametrize(
    "url",
    [
        "/articles/x%00y",
        "/articles/x%00y/quiz",
        "/class/AB%00CD",
        "/join/AB%00CD",
        "/?q=%00",
        "/study?article=x%00y",
        "/?q=fine&q=x%00y",
    ],
)
def test_an_anonymous_url_with_a_nul_gets_a_page_not_a_500(client, url):
    response = client.get(url)
    assert response.status_code == 400
    page = parse(response)
    assert page.find("h1").clean_text() == "That request could not be read"
    assert UNSTORABLE in page.clean_text()
