"""The progress page of an article being analysed, in a real browser under the app's CSP: with htmx polling
its status, and with JavaScript off (the page reloads itself); both land on the article once it is ready."""

import re

import pytest
import sqlalchemy as sa
from factories import naive_analyse
from playwright.sync_api import expect
from teacher_login import log_in

from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import article_jobs, articles
from quizapp.text.reading.bounds import Bounds

pytestmark = [pytest.mark.browser, pytest.mark.db]

EMAIL, PASSWORD = "okoro@school.example", "correct horse battery"


@pytest.fixture(scope="module")
def teacher(live_app):
    """Mr Okoro's account, made as `quizapp create-teacher` makes it."""
    from quizapp.services import teachers

    with live_app.app_context():
        return teachers.create_teacher(EMAIL, "Mr Okoro", PASSWORD)


def logged_in_page(browser, live_server, javascript: bool):
    """Mr Okoro's page, with or without JavaScript (axe needs it: the audit is left to the htmx case);
    every CSP refusal in its console noted in ``page.refused``."""
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript, audited=javascript)
    page = context.new_page()
    page.refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.refused.append(message.text),
    )
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Mr Okoro")).to_be_visible()
    return context, page


def waiting_job(app, title: str) -> int:
    """An article of Mr Okoro's recorded and not yet analysed (the test app would analyse it at once if queued)."""
    with app.app_context():
        owner = db.session.scalar(sa.select(Teacher.id).where(Teacher.email == EMAIL))
        return article_jobs.submit(
            f"{title}\nHeavy rain closed twelve schools in the valley on Monday.",
            owner_id=owner,
            title_hint=None,
            bounds=Bounds(),
            per_hour=1000,
        )


def analyse(app, job_id: int, monkeypatch) -> None:
    """What the background worker does, with a quick stand-in for spaCy."""
    monkeypatch.setattr(
        articles, "run_pipeline", lambda raw, model, title_hint=None: naive_analyse(raw, model)
    )
    with app.app_context():
        article_jobs.run(job_id, model="stand-in", bounds=Bounds())


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_the_progress_page_waits_then_goes_to_the_article(
    browser, live_server, live_app, teacher, monkeypatch, javascript
):
    context, page = logged_in_page(browser, live_server, javascript)
    title = f"Floods close schools {'htmx' if javascript else 'plain'}"
    job_id = waiting_job(live_app, title)
    page.goto(f"/teacher/articles/jobs/{job_id}")
    expect(page.get_by_role("heading", name="Waiting for its turn")).to_be_visible()
    expect(page.get_by_role("link", name="Check again")).to_be_visible()
    analyse(live_app, job_id, monkeypatch)
    expect(page).to_have_url(re.compile(r"/articles/floods-close-schools"), timeout=20_000)
    expect(page.get_by_text(f"“{title}” is ready")).to_be_visible()
    assert page.refused == []
    context.close()
