"""A real server and a real browser for the end-to-end tests.

The app runs in a background thread on a free port (``make_server`` with port
0), on a database of its own holding the seed article (stored, as ``quizapp
prepare`` would); Chromium is Debian's (``make browser``), since Playwright's
own download cannot work offline.

Every page a browser test loads is checked by axe-core (``axe.py``): the session's browser is
wrapped so that each context it makes runs axe in each page as it loads, and the autouse
``accessibility_audit`` fixture fails the test at its end, naming each URL and what is wrong.
"""

import os
import threading
from pathlib import Path

import pytest
from axe import AuditedBrowser
from databases import ENGINE_OPTIONS
from factories import SEED, seed_raw
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.services import articles

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, database, analysed_seed):
    """The app the browser talks to, with the seed article in its database."""
    from quizapp.services import articles

    url = database.fresh(tmp_path_factory.mktemp("e2e-database"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": ENGINE_OPTIONS,
        }
    )
    with app.app_context():
        articles.store_article(
            seed_raw(), analysed_seed, slug=SEED.stem, key=articles.analysis_key(app.config["SPACY_MODEL"])
        )
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve ``live_app`` on 127.0.0.1 and a free port; yield its base URL; shut down after."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (it installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield AuditedBrowser(chromium)
        chromium.close()


@pytest.fixture(autouse=True)
def accessibility_audit(request):
    """Check with axe every page the test loads; fail at the end if any had a serious violation.

    Tests that do not use the browser are left alone. The failure lists each page's URL with
    its violations, so a broken template is found from the report alone.
    """
    if "browser" not in request.fixturenames:
        yield None
        return
    browser = request.getfixturevalue("browser")
    audit = browser.start()
    yield audit
    browser.finish()
    if audit.failures:
        pytest.fail("\n\n".join(audit.failures), pytrace=False)


@pytest.fixture
def screenshots() -> Path:
    """Where screenshots go (gitignored), created on demand."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def doc_images(screenshots) -> Path:
    """Where the screenshots shown in docs/ go: docs/images with QUIZAPP_DOC_IMAGES=1, else beside the others.

    A join code is random, so every run takes slightly different pictures;
    written into docs/ each time they would dirty every checkout that runs
    the tests. Refresh the docs' copies on purpose (CONTRIBUTING.md).
    """
    if os.environ.get("QUIZAPP_DOC_IMAGES") == "1":
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        return DOC_IMAGES
    return screenshots


@pytest.fixture(scope="module")
def seed(live_app):
    """The seed article as the server shows it, from the live app's database."""
    with live_app.app_context():
        return articles.get_article(SEED.stem)


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page (a classroom projector is about this wide)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server)
    yield context.new_page()
    context.close()
