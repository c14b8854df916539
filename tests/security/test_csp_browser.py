"""The strict Content-Security-Policy in a real browser: no page breaks it, and htmx still works under it.

Chromium reports each blocked script, style or eval as a console error
("Refused to ..."), so every page visited here is watched for them: the
reading pages, a pupil answering (htmx autosave, no reload) and the
teacher's dashboard filling in live (htmx polling). The server and the
browser are this module's own (the accessibility audit of tests/e2e runs
on its own pages).
"""

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from classroom_factories import make_quiz_pack
from databases import ENGINE_OPTIONS
from records import make_article
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import classroom, teachers

pytestmark = [pytest.mark.browser, pytest.mark.db]

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery"
INLINE = (
    "<!doctype html><title>inline</title><h1 style='color: red'>Inline</h1>"
    "<script>document.title = 'ran'</script>"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, database):
    """A real server on a free port, with a teacher who can log in, an article, a pack and a started class."""
    url = database.fresh(tmp_path_factory.mktemp("csp-database"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "csp",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS,
        }
    )
    with app.app_context():
        teacher_id = teachers.create_teacher("csp@school.example", "Ms Strict", PASSWORD)
        teacher = db.session.get(Teacher, teacher_id)
        article = make_article(slug="syria", owner=None)
        pack_id = make_quiz_pack(teacher, article).id
        db.session.commit()
        session_id = classroom.start_session(pack_id, teacher_id)
        code = classroom.owned_session(session_id, teacher_id).code
    app.add_url_rule("/_test/inline", view_func=lambda: INLINE)  # the watcher's control
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{http.server_port}", "session_id": session_id, "code": code}
    http.shutdown()
    thread.join(timeout=5)


def in_chromium(scenario) -> None:
    """Run ``scenario(browser)`` with a Chromium of its own, in a thread of its own.

    Playwright's sync API cannot start while another sync Playwright runs in
    the same thread, and tests/e2e keeps one open for the whole session; a
    thread has its own event loop, so this module works in any order.
    Exceptions (failed assertions included) are raised again here.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`.")
    errors = []

    def run():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
                )
                try:
                    scenario(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run, name="csp-browser")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


class Watched:
    """A browser context whose pages record every CSP refusal and every page load."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=base_url)
        self.refusals, self.loads = [], []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("load", lambda page: self.loads.append(page.url))

    def _console(self, message):
        if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
            self.refusals.append(f"{self.page.url}: {message.text}")


@pytest.fixture
def watched(server):
    """Run a scenario given ``make()``, which opens a watched browser context; all closed after."""

    def scenario_runner(scenario):
        def with_browser(browser):
            made = []

            def make():
                made.append(Watched(browser, server["url"]))
                return made[-1]

            try:
                scenario(make)
            finally:
                for context in made:
                    context.context.close()

        in_chromium(with_browser)

    return scenario_runner


def test_the_watcher_sees_an_inline_script_and_style_refused(watched):
    """The control: a page that breaks the policy is caught, and its script did not run."""

    def scenario(make):
        browser = make()
        browser.page.goto("/_test/inline")
        assert browser.page.title() == "inline"
        assert any("script" in r for r in browser.refusals) and any("style" in r for r in browser.refusals)

    watched(scenario)


def test_the_reading_pages_load_without_a_csp_refusal(watched):
    from playwright.sync_api import expect

    def scenario(make):
        reader = make()
        for path in (
            "/",
            "/articles/syria",
            "/articles/syria/quiz",
            "/study",
            "/join",
            "/login",
            "/no-such-page",
        ):
            reader.page.goto(path)
            expect(reader.page.locator("h1").first).to_be_visible()
        assert reader.refusals == []

    watched(scenario)


def test_htmx_autosaves_and_the_dashboard_updates_live_under_the_csp(watched, server):
    from playwright.sync_api import expect

    def scenario(make):
        teacher = make()
        teacher.page.goto("/login")
        teacher.page.get_by_label("Email").fill("csp@school.example")
        teacher.page.get_by_label("Password").fill(PASSWORD)
        teacher.page.get_by_role("button", name="Log in").click()
        teacher.page.goto(f"/teacher/sessions/{server['session_id']}")
        expect(teacher.page.get_by_test_id("pupil-count")).to_have_text("0")
        teacher.page.wait_for_load_state("load")
        dashboard_loads = len(teacher.loads)

        pupil = make()
        pupil.page.goto(f"/join/{server['code']}")
        pupil.page.get_by_label("Your name").fill("Sam")
        pupil.page.get_by_role("button", name="Join").click()
        expect(pupil.page.get_by_test_id("pupil-name")).to_have_text("Sam")
        pupil.page.wait_for_load_state("load")
        class_loads = len(pupil.loads)
        pupil.page.locator("#question-2").get_by_label(
            "al-Sukhna", exact=True
        ).check()  # no Save click: htmx posts
        expect(pupil.page.get_by_test_id("status-2")).to_contain_text("Saved")
        assert len(pupil.loads) == class_loads  # saved in place by htmx, not by reloading the page

        expect(teacher.page.get_by_test_id("pupil-count")).to_have_text("1", timeout=15_000)  # htmx's poll
        assert len(teacher.loads) == dashboard_loads
        assert teacher.refusals == [] and pupil.refusals == []

    watched(scenario)
