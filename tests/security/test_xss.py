"""Stored XSS: hostile text typed or uploaded by one person is shown to others as text, never run.

Each test puts the payloads where a teacher or pupil can (an article and its
title, a pack file in each format and its GIFT feedback, a pupil's name, a
teacher's name), then renders every page that shows them and checks the
parsed page: no element the attacker wrote (``attacker_elements``) and,
where the text is shown as typed, the payload visible as text.
"""

import io
import json
import re

import pytest
import yaml
from classroom_factories import csrf_token as page_token
from classroom_factories import start_class_session
from html_tree import parse

from quizapp.extensions import db
from quizapp.models import Article, ClassSession

from .breakin import csrf_token

pytestmark = pytest.mark.db

SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(2)>'
PAYLOAD = f"{SCRIPT}{IMG}{SVG}"


def attacker_elements(page) -> list[str]:
    """Elements an injection would create: inline or foreign scripts, handlers, frames, javascript: links."""
    found = []
    for node in page.walk():
        attrs = node.attrs
        if node.tag == "script" and not attrs.get("src", "").startswith("/static/"):
            found.append(f"<script src={attrs.get('src')!r}>")
        if node.tag in ("iframe", "object", "embed", "base"):
            found.append(f"<{node.tag}>")
        if node.tag == "img" and attrs.get("src") == "x":
            found.append("<img src=x>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{node.tag} {name}=...>")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"<{node.tag} {name}=javascript:...>")
    return found


def assert_inert(response, *shown: str):
    """The page rendered, holds no attacker element, and shows each of ``shown`` as plain text."""
    assert response.status_code < 400, response.status_code
    page = parse(response)
    assert attacker_elements(page) == []
    text = page.text()
    for piece in shown:
        assert piece in text, f"{piece!r} is not shown as text"


def test_the_check_finds_an_injection():
    """The control: the same checks on a page where the payload was not escaped."""

    class Raw:
        status_code = 200

        def get_data(self, as_text=True):
            return f"<html><body><h1>{PAYLOAD}</h1><a href='javascript:alert(1)'>x</a></body></html>"

    assert attacker_elements(parse(Raw())) == [
        "<script src=None>",
        "<img src=x>",
        "<img onerror=...>",
        "<svg onload=...>",
        "<a href=javascript:...>",
    ]
    with pytest.raises(AssertionError):
        assert_inert(Raw())


# ---- articles ------------------------------------------------------------------------------------


def test_an_article_and_its_title_are_shown_as_text(app, teacher_client, quick_pipeline):
    client = teacher_client
    text = f"Headline {IMG}\n\nHostile {PAYLOAD} paragraph.\n\n{IMG} starts a line, so it names an actor."
    response = client.post(
        "/teacher/articles/new",
        data={"csrf_token": csrf_token(client), "text": text, "title": f"Title {PAYLOAD}"},
    )
    assert response.status_code in (302, 303), response.status_code
    with app.app_context():
        article = db.session.query(Article).filter_by(owner_id=client.teacher_id).one()
        article_id, slug = article.id, article.slug
    for url in (
        "/teacher",
        "/teacher/articles",
        f"/teacher/articles/{article_id}/edit",
        f"/articles/{slug}",
        f"/articles/{slug}/quiz",
        f"/study/articles/{slug}",
    ):
        assert_inert(client.get(url), f"Title {PAYLOAD}")


# ---- pack files ----------------------------------------------------------------------------------


def hostile_pack() -> dict:
    """A pack (native format) with the payload in every field a teacher writes."""
    return {
        "format": "quizapp-pack/1",
        "title": f"Pack {PAYLOAD}",
        "description": f"About {PAYLOAD}",
        "level": f"Level {IMG}"[:50],
        "settings": {"feedback": "immediate"},
        "article": {
            "title": f"Article {PAYLOAD}",
            "source": f"Source {IMG}",
            "dateline": "Beirut",
            "text": f"Syria is at war. {PAYLOAD}\n\nRussia backs the government.",
        },
        "questions": [
            {
                "id": "q1",
                "type": "short",
                "prompt": f"Who backs it? {PAYLOAD}",
                "answer": [["Russia", f"Russia {IMG}"]],
                "evidence": f"Russia backs the government. {IMG}",
            },
            {
                "id": "q2",
                "type": "choice",
                "prompt": f"Pick one {SCRIPT}",
                "answer": [["Russia"]],
                "choices": ["Russia", f"France {IMG}", f"Spain {SVG}"],
            },
        ],
    }


def gift_escape(text: str) -> str:
    """GIFT's escapes for its special characters."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


def hostile_gift() -> str:
    """A Moodle GIFT file with the payload in titles, prompts, answers and per-answer and general feedback."""
    article = {
        "format": "quizapp-pack/1",
        "title": f"Pack {PAYLOAD}",
        "article": {
            "title": f"Article {PAYLOAD}",
            "source": "Reuters",
            "dateline": "Beirut",
            "text": f"Syria is at war. {PAYLOAD}\n\nRussia backs the government.",
        },
    }
    e = gift_escape
    return (
        f"// quizapp-pack: {json.dumps(article)}\n\n"
        f"::{e('Q1 ' + IMG)}::{e('Which town? ' + PAYLOAD)} {{\n"
        f"  ={e('Russia')}#{e('Right! ' + PAYLOAD)}\n"
        f"  ~{e('France ' + IMG)}#{e('Wrong: ' + SVG)}\n"
        f"  ####{e('General ' + SCRIPT)}\n"
        f"}}\n\n"
        f"::Q2::{e('Russia backs the government. ' + IMG)} {{T#{e('if wrong ' + IMG)}#{e('if right ' + SVG)}}}\n"
    )


PACK_FILES = {
    "json": lambda: json.dumps(hostile_pack()),
    "yaml": lambda: yaml.safe_dump(hostile_pack(), allow_unicode=True),
    "gift": hostile_gift,
}


def import_pack(client, fmt: str) -> int:
    """Upload the hostile pack file in ``fmt``; the new pack's id."""
    data = {"csrf_token": csrf_token(client), "file": (io.BytesIO(PACK_FILES[fmt]().encode()), f"evil.{fmt}")}
    response = client.post("/teacher/packs/import", data=data, content_type="multipart/form-data")
    assert response.status_code in (302, 303), parse(response).clean_text()[:500]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.mark.parametrize("fmt", sorted(PACK_FILES))
def test_a_pack_file_is_shown_as_text_to_the_teacher_the_class_and_self_study(
    app, teacher_client, quick_pipeline, fmt
):
    client = teacher_client
    pack_id = import_pack(client, fmt)
    for url in (
        f"/teacher/packs/{pack_id}",
        f"/teacher/packs/{pack_id}/questions/1/edit",
        f"/teacher/packs/{pack_id}/questions/2/edit",
        "/teacher",
    ):
        assert_inert(client.get(url), IMG)

    # Shared in self-study: a stranger's browser.
    token = csrf_token(client)
    assert (
        client.post(f"/teacher/packs/{pack_id}/public", data={"csrf_token": token, "public": "1"}).status_code
        == 302
    )
    stranger = app.test_client()
    assert_inert(stranger.get("/study"), IMG)
    assert_inert(stranger.get(f"/study/packs/{pack_id}"), IMG)

    # A class session of it: the pupil's page, an answer with its feedback, the teacher's dashboard.
    started = client.post(f"/teacher/packs/{pack_id}/sessions", data={"csrf_token": token})
    session_path = started.headers["Location"]
    with app.app_context():
        code = db.session.get(ClassSession, int(session_path.rstrip("/").split("/")[-1])).code
    pupil = app.test_client()
    pupil.post(
        "/join",
        data={
            "csrf_token": page_token(pupil.get("/join").get_data(as_text=True)),
            "code": code,
            "name": "Sam",
        },
    )
    assert_inert(pupil.get(f"/class/{code}"), IMG)
    pupil_token = page_token(pupil.get(f"/class/{code}").get_data(as_text=True))
    wrong = "France " + IMG if fmt == "gift" else "Canada"
    saved = pupil.post(
        f"/class/{code}/answers/1",
        data={"csrf_token": pupil_token, "response": wrong},
        headers={"HX-Request": "true"},
    )
    assert_inert(saved)
    assert_inert(pupil.get(f"/class/{code}"))
    for url in (session_path, f"{session_path}/live"):
        assert_inert(client.get(url), IMG)


# ---- names ---------------------------------------------------------------------------------------


def test_a_pupils_name_is_shown_as_text_to_the_teacher_and_the_pupil(app, client):
    lesson = start_class_session(app)
    pupil = app.test_client()
    joined = pupil.post(
        "/join",
        data={
            "csrf_token": page_token(pupil.get("/join").get_data(as_text=True)),
            "code": lesson.code,
            "name": IMG,
        },
    )
    assert joined.status_code in (302, 303)
    assert_inert(pupil.get(f"/class/{lesson.code}"), IMG)
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(lesson.owner_id), True
    from quizapp.models import Participant

    with app.app_context():
        participant_id = db.session.query(Participant).one().id
    base = f"/teacher/sessions/{lesson.session_id}"
    for url in (base, f"{base}/live", f"{base}/participants/{participant_id}"):
        assert_inert(client.get(url), IMG)


def test_a_teachers_name_is_shown_as_text(app, client):
    html = client.get("/register").get_data(as_text=True)
    password = "correct horse battery"
    response = client.post(
        "/register",
        data={
            "csrf_token": page_token(html),
            "display_name": IMG,
            "email": "evil@school.example",
            "password": password,
            "confirm": password,
        },
        follow_redirects=True,
    )
    assert_inert(response, IMG)
    assert_inert(client.get("/teacher"), IMG)


@pytest.mark.parametrize("fmt", sorted(PACK_FILES))
def test_an_exported_pack_is_a_download_a_browser_will_not_run(app, teacher_client, quick_pipeline, fmt):
    """GIFT feedback is kept and exported, not shown on any page: its way back out is the export, never HTML."""
    client = teacher_client
    pack_id = import_pack(client, "gift")
    response = client.get(f"/teacher/packs/{pack_id}/export/{fmt}")
    assert response.status_code == 200 and "Right! <script>" in response.get_data(as_text=True)
    assert response.mimetype in ("application/json", "application/yaml", "text/plain")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # no browser guesses "text/html"
