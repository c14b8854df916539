"""Oversized and malformed requests: a 413 or 400 page a person can act on, never a 500, nothing saved.

Every POST route is tried (read from ``app.url_map``), so one added later is
covered. The app runs with TESTING on, so an unhandled exception would fail
the test rather than hide behind the 500 page.
"""

import io

import pytest
import sqlalchemy as sa
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Answer, Article, Pack

from .breakin import csrf_token, log_in, post_rules, rule_values, url_for_rule

pytestmark = pytest.mark.db

TOO_BIG = 2 * 1024 * 1024 + 1  # one byte over MAX_CONTENT_LENGTH


def counts(app) -> tuple[int, int, int]:
    """How many articles, packs and answers are stored."""
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Article, Pack, Answer)
        )


def test_the_upload_limit_is_two_megabytes(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024


def test_an_oversized_pack_file_gets_the_413_page_and_nothing_is_saved(app, client, victim):
    log_in(client, victim.teacher_id)
    before = counts(app)
    data = {"csrf_token": csrf_token(client), "file": (io.BytesIO(b"x" * TOO_BIG), "huge.yaml")}
    response = client.post("/teacher/packs/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    page = parse(response)
    assert page.find("h1").clean_text() == "That is too big to send"
    assert page.find("p", class_="problem").clean_text() == "quizapp accepts files and texts up to 2 MB."
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert counts(app) == before


def test_an_oversized_article_upload_is_refused_with_the_form_and_a_reason(app, client, victim):
    log_in(client, victim.teacher_id)
    before = counts(app)
    data = {
        "csrf_token": csrf_token(client),
        "upload": (io.BytesIO(b"word " * (TOO_BIG // 5 + 1)), "long.txt"),
    }
    response = client.post("/teacher/articles/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "That is more than 2 MB" in parse(response).clean_text()
    assert counts(app) == before


def test_a_program_sending_too_much_gets_json(client):
    response = client.post("/login", data=b"{" + b" " * TOO_BIG + b"}", content_type="application/json")
    assert response.status_code == 413
    assert response.get_json() == {"error": "quizapp accepts files and texts up to 2 MB."}


def test_every_post_route_answers_an_oversized_body_with_413(app, client, victim):
    log_in(client, victim.teacher_id)
    values, token = rule_values(victim), csrf_token(client)
    before = counts(app)
    wrong = []
    for rule in post_rules(app):
        data = {"csrf_token": token, "text": (io.BytesIO(b"x" * TOO_BIG), "big.txt")}
        response = client.post(url_for_rule(rule, values), data=data, content_type="multipart/form-data")
        if response.status_code != 413 or parse(response).find("h1") is None:
            wrong.append((rule.rule, response.status_code))
    assert not wrong, f"not a 413 page: {wrong}"
    assert counts(app) == before


# ---- malformed JSON ------------------------------------------------------------------------------

NOT_JSON = "What was sent is not valid JSON."
NOT_AN_OBJECT = "Send a JSON object: field names and their values."
BROKEN = ['{"title": "unfinished', "not json at all", "\xff\xfe", '{"a": 1}}']
WRONG_SHAPE = [
    "[1, 2, 3]",
    '"just a string"',
    "42",
    "null",
    '{"title": {"nested": [1]}, "response": [{"a": 1}]}',
]


@pytest.mark.parametrize("body", BROKEN + WRONG_SHAPE)
def test_every_post_route_survives_malformed_json(app, client, victim, body):
    """The owner, with a valid token in the header, as a script would send it: a 4xx or a normal answer, never a 500."""
    log_in(client, victim.teacher_id)
    values, token = rule_values(victim), csrf_token(client)
    failures = []
    for rule in post_rules(app):
        response = client.post(
            url_for_rule(rule, values),
            data=body.encode("utf-8", "surrogatepass"),
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        if response.status_code >= 500:
            failures.append((rule.rule, response.status_code))
        elif response.status_code == 400 and response.is_json:
            assert response.get_json()["error"] in (NOT_JSON, NOT_AN_OBJECT), (
                rule.rule,
                response.get_data(as_text=True),
            )
    assert not failures, failures


@pytest.mark.parametrize("body, message", [('{"email": ', NOT_JSON), ("[1, 2]", NOT_AN_OBJECT)])
def test_a_script_gets_a_clear_json_answer(client, body, message):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data=body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 400
    assert response.get_json() == {"error": message}


def test_a_form_that_cannot_be_read_gets_a_page(client):
    """A multipart body cut short, as a dropped connection or a broken client leaves it."""
    token = csrf_token(client, "/login")
    body = b'--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nann'
    response = client.post(
        "/login", data=body, content_type="multipart/form-data; boundary=xyz", headers={"X-CSRFToken": token}
    )
    assert 400 <= response.status_code < 500
    assert parse(response).find("h1") is not None
