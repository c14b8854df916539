"""Caps that say themselves (issue 14, item 4): pupils per class, questions per pack (web and CLI import,
and the editor). 420 fake pupils joined one class in 17 s; a 60,000-question GIFT file was accepted."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from classroom_factories import join_client, start_class_session
from html_tree import parse

from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion, Participant
from web.test_packs import Browser, ids

pytestmark = pytest.mark.db


def text(response) -> str:
    return " ".join(parse(response).clean_text().split())


def counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Pack, Article, PackQuestion, Participant)
        )


def test_a_full_class_refuses_one_more_pupil_and_says_the_cap(app):
    app.config["MAX_PUPILS_PER_SESSION"] = 3
    lesson = start_class_session(app)
    browsers = [app.test_client() for _ in range(3)]
    for number, browser in enumerate(browsers):
        assert join_client(browser, lesson.code, f"Pupil {number}").status_code == 303
    refused = join_client(app.test_client(), lesson.code, "Pupil 4")
    assert refused.status_code == 422
    assert "This class is full: 3 pupils have joined, the most one class can have." in text(refused)
    assert counts(app)[3] == 3
    assert (
        join_client(browsers[0], lesson.code, "Pupil 0").status_code == 303
    )  # a pupil already in gets back in


@pytest.fixture
def ann(client, ids):
    return Browser(client, "ann@school.example")


def test_a_pack_file_over_the_cap_is_refused_on_the_web_and_nothing_is_saved(app, ann, ids, stub_pipeline):
    exported = ann.get(f"/teacher/packs/{ids[3]}/export/gift").data  # three questions
    app.config["MAX_QUESTIONS_PER_PACK"] = 2
    before = counts(app)
    refused = ann.post(
        "/teacher/packs/import",
        {"file": (io.BytesIO(exported), "pack.gift")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    assert "This pack has 3 questions; a pack can have at most 2. Split it into smaller packs." in text(
        refused
    )
    assert counts(app) == before and stub_pipeline == []  # refused before the article is analysed


def test_a_pack_file_over_the_cap_is_refused_by_the_cli(app, runner, ann, ids, stub_pipeline, tmp_path):
    path = tmp_path / "pack.gift"
    path.write_bytes(ann.get(f"/teacher/packs/{ids[3]}/export/gift").data)
    app.config["MAX_QUESTIONS_PER_PACK"] = 2
    before = counts(app)
    result = runner.invoke(main, ["pack", "import", str(path)])
    assert result.exit_code == 1
    assert "This pack has 3 questions; a pack can have at most 2." in result.output
    assert counts(app) == before


def test_the_editor_refuses_a_question_over_the_cap_and_keeps_what_was_typed(app, ann, ids):
    app.config["MAX_QUESTIONS_PER_PACK"] = 3
    before = counts(app)
    refused = ann.post(
        f"/teacher/packs/{ids[3]}/questions/new?type=short",
        {
            "prompt": "Who holds al-Sukhna now?",
            "part1": "the government",
            "skill": "recall",
            "difficulty": "0.3",
            "save": "1",
        },
    )
    assert refused.status_code == 422
    page = parse(refused)
    assert (
        "This pack already has 3 questions, the most a pack can have (3): delete one before adding another."
        in " ".join(page.clean_text().split())
    )
    assert page.find("textarea", id="prompt").clean_text() == "Who holds al-Sukhna now?"
    assert counts(app) == before
    edited = ann.post(
        f"/teacher/packs/{ids[3]}/questions/1/edit",  # changing a question is not adding one
        {
            "prompt": "Who backs Assad?",
            "part1": "Russia",
            "part2": "Iran",
            "skill": "recall",
            "difficulty": "0.4",
            "save": "1",
        },
    )
    assert edited.status_code == 302


@pytest.mark.parametrize("field, most", [("title", 200), ("level", 50)])
def test_a_pack_title_longer_than_its_column_is_refused_with_the_length(
    app, ann, ids, stub_pipeline, field, most
):
    """Issue 14 (Low): PostgreSQL gave a 500 for a title over 200 characters (SQLite kept it)."""
    import json

    document = json.loads(ann.get(f"/teacher/packs/{ids[3]}/export/json").data)
    document[field] = "x" * (most + 1)
    before = counts(app)
    refused = ann.post(
        "/teacher/packs/import",
        {"file": (io.BytesIO(json.dumps(document).encode()), "pack.json")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    assert f"is {most + 1} characters long; it can have at most {most}" in text(refused)
    assert counts(app) == before
    document[field] = "x" * most  # the longest that fits is kept whole
    kept = ann.post(
        "/teacher/packs/import",
        {"file": (io.BytesIO(json.dumps(document).encode()), "pack.json")},
        content_type="multipart/form-data",
    )
    assert kept.status_code == 302


def test_an_import_with_many_skipped_questions_shows_its_notes_in_a_cookie_a_browser_keeps(
    app, ann, ids, stub_pipeline
):
    """Issue 14 (Low): one flashed note per skipped question made a cookie over 4 KB (23 KB for 3,000 essay
    questions), which browsers drop, and the notes and the login with it."""
    gift = ann.get(f"/teacher/packs/{ids[3]}/export/gift").data
    gift += b"".join(b"\n\n::essay%d:: Write about Syria, part %d. {}\n" % (n, n) for n in range(3000))
    imported = ann.post(
        "/teacher/packs/import", {"file": (io.BytesIO(gift), "pack.gift")}, content_type="multipart/form-data"
    )
    assert imported.status_code == 302
    assert len(imported.headers["Set-Cookie"].split(";")[0]) < 4000  # browsers keep up to 4,096 bytes
    page = text(ann.get(imported.headers["Location"]))
    assert page.count("Skipped: question") == 5
    assert (
        "Skipped: question 4 (essay, line 26): Moodle essay questions have no quizapp type; skipped" in page
    )
    assert "…and 2995 more notes like these (`quizapp pack import` prints them all)." in page
