"""axe-core on every page of the app, in a real browser, with the app's own headers (CSP included).

The crawl visits each GET page the app serves, in the states a pupil or a teacher meets (a form
shown again with its errors, the quiz's results, the error pages), and fails on any serious or
critical WCAG 2.0/2.1 A or AA violation, listing every page's problems at once. A last test reads
``app.url_map``: a new GET page that the crawl does not visit fails until a visit is added here
(or, for something that is not an HTML page, a line in ``NOT_PAGES``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import class_visits
import pytest
from axe import assert_accessible
from factories import SEED
from playwright.sync_api import expect
from werkzeug.exceptions import HTTPException

pytestmark = [pytest.mark.browser, pytest.mark.db]

# GET rules that do not answer with an HTML page a person reads, and why.
NOT_PAGES = {
    "/static/<path:filename>": "stylesheets, scripts and images",
    "/healthz": "JSON for the load balancer",
    "/teacher/packs/<int:pack_id>/export/<fmt>": "a pack file download (YAML, JSON, GIFT)",
    "/teacher/sessions/<int:session_id>/answers.csv": "a CSV download",
    "/teacher/sessions/<int:session_id>/summary.csv": "a CSV download",
    "/teacher/classes/<int:class_id>/term.csv": "a CSV download",
    "/teacher/sessions/<int:session_id>/qr.svg": "the QR image (its alt text is checked on the session page)",
    "/teacher/sessions/<int:session_id>/live": "the fragment htmx swaps into the session page (checked there)",
    "/teacher/articles/jobs/<int:job_id>/status": "the fragment htmx swaps into the progress page (checked there)",
}

TEACHER = {"name": "Mr Okafor", "email": "okafor@school.example", "password": "a long pass phrase"}


@dataclass
class Site:
    """What the crawl made so that every page has something to show: ids and codes."""

    seed_slug: str = SEED.stem
    article_id: int | None = None
    article_slug: str | None = None
    actor_drop: str | None = None
    pack_id: int | None = None
    session_id: int | None = None
    code: str | None = None
    participant_id: int | None = None
    job_id: int | None = None
    failed_job_id: int | None = None
    reset_path: str | None = None
    story_id: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Visit:
    """One page (or one state of a page) to check: which URL rule it covers and how to get there."""

    name: str
    rule: str | None  # the url_map rule it shows; None for error pages
    go: Callable  # go(page, site): navigate there (and act, for a state a form leads to)
    who: str = "pupil"  # "pupil" (not logged in) or "teacher"


def goto(path: Callable[[Site], str]):
    """A visit that is only a GET."""
    return lambda page, site: page.goto(path(site))


def stale_form(page, site):
    """A form sent with an out-of-date CSRF token: the 'page left open too long' page (400)."""
    page.goto("/login")
    page.locator("input[name=csrf_token]").evaluate("input => { input.value = 'stale'; }")
    page.get_by_label("Email").fill("nobody@school.example")
    page.get_by_label("Password").fill("whatever")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def login_errors(page, site):
    """The login form again, saying the password did not match."""
    page.goto("/login")
    page.get_by_label("Email").fill(TEACHER["email"])
    page.get_by_label("Password").fill("not the password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("alert").or_(page.locator(".field-error")).first).to_be_visible()


def server_checks_only(page):
    """Turn off the browser's own form checks, so the server's error messages are what shows."""
    page.evaluate("document.querySelectorAll('form').forEach((form) => { form.noValidate = true; })")


def register_errors(page, site):
    """The register form again, with its field errors."""
    page.goto("/register")
    server_checks_only(page)
    page.get_by_label("Your name").fill("")
    page.get_by_label("Email").fill("not an email")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password again").fill("different")
    page.get_by_label("Password again").press("Enter")
    expect(page.locator(".field-error").first).to_be_visible()


def quiz_results(page, site):
    """The results page after one right answer and the rest blank."""
    page.goto(f"/articles/{site.seed_slug}/quiz")
    page.get_by_label("Who backs the Syrian government?").fill("Russia and Iran")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")


def study_results(page, site):
    """Self-study's results after a blank attempt: the 'try again' page."""
    page.goto(f"/study/articles/{site.seed_slug}")
    switch = page.get_by_role("link", name=re.compile(r"^Questions \("))
    if switch.is_visible():  # a phone shows the article first
        switch.click()
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_load_state()


def new_article_errors(page, site):
    """Adding an article with nothing in it: the form says to give one source."""
    page.goto("/teacher/articles/new")
    server_checks_only(page)
    page.get_by_role("button", name="Add article").click()
    expect(page.get_by_role("alert")).to_contain_text("one of the three")


def join_page(page, site):
    page.goto("/join")


def class_page(page, site):
    """The pupil's class page, after joining with the code."""
    join(page, site.code, "Ana")


PUPIL_VISITS = [
    Visit("reading index", "/", goto(lambda s: "/")),
    Visit("article", "/articles/<slug>", goto(lambda s: f"/articles/{s.seed_slug}")),
    Visit("quiz", "/articles/<slug>/quiz", goto(lambda s: f"/articles/{s.seed_slug}/quiz")),
    Visit("quiz results", None, quiz_results),
    Visit("login", "/login", goto(lambda s: "/login")),
    Visit("login with a wrong password", None, login_errors),
    Visit("register", "/register", goto(lambda s: "/register")),
    Visit("register with errors", None, register_errors),
    Visit("forgot password (no mail server)", "/forgot-password", goto(lambda s: "/forgot-password")),
    Visit("reset password", "/reset-password/<token>", goto(lambda s: s.reset_path)),
    Visit(
        "reset link that does not work", "/reset-password/<token>", goto(lambda s: "/reset-password/spent")
    ),
    Visit("404", None, goto(lambda s: "/no-such-page")),
    Visit("404 article", None, goto(lambda s: "/articles/no-such-article")),
    Visit("400 stale form", None, stale_form),
    Visit("study index", "/study", goto(lambda s: "/study")),
    Visit("study article", "/study/articles/<slug>", goto(lambda s: f"/study/articles/{s.seed_slug}")),
    Visit("study results", None, study_results),
    Visit("study pack", "/study/packs/<int:pack_id>", goto(lambda s: f"/study/packs/{s.pack_id}")),
    Visit("study progress", "/study/progress", goto(lambda s: "/study/progress")),
    Visit("join", "/join", join_page),
    Visit("join with the code", "/join/<code>", goto(lambda s: f"/join/{s.code}")),
    Visit("class", "/class/<code>", class_page),
    Visit("pick a name from the class list", "/join/<code>/names", class_visits.pick_name),
]

TEACHER_VISITS = [
    Visit("dashboard", "/teacher", goto(lambda s: "/teacher")),
    Visit("own article, logged in", "/articles/<slug>", goto(lambda s: f"/articles/{s.article_slug}")),
    Visit("articles list", "/teacher/articles", goto(lambda s: "/teacher/articles")),
    Visit("article new", "/teacher/articles/new", goto(lambda s: "/teacher/articles/new")),
    Visit("article new with errors", None, new_article_errors),
    Visit(
        "article being analysed",
        "/teacher/articles/jobs/<int:job_id>",
        goto(lambda s: f"/teacher/articles/jobs/{s.job_id}"),
    ),
    Visit(
        "article whose analysis failed",
        "/teacher/articles/jobs/<int:job_id>",
        goto(lambda s: f"/teacher/articles/jobs/{s.failed_job_id}"),
    ),
    Visit("invite a colleague", "/teacher/invites", goto(lambda s: "/teacher/invites")),
    Visit(
        "article edit",
        "/teacher/articles/<int:article_id>/edit",
        goto(lambda s: f"/teacher/articles/{s.article_id}/edit"),
    ),
    Visit(
        "article text edit",
        "/teacher/articles/<int:article_id>/text",
        goto(lambda s: f"/teacher/articles/{s.article_id}/text"),
    ),
    Visit(
        "article delete",
        "/teacher/articles/<int:article_id>/delete",
        goto(lambda s: f"/teacher/articles/{s.article_id}/delete"),
    ),
    Visit(
        "glossary entry drop",
        "/teacher/articles/<int:article_id>/actors/<actor_id>/drop",
        goto(lambda s: s.actor_drop),
    ),
    Visit("pack new", "/teacher/packs/new", goto(lambda s: "/teacher/packs/new")),
    Visit("pack review", "/teacher/packs/<int:pack_id>", goto(lambda s: f"/teacher/packs/{s.pack_id}")),
    Visit(
        "pack question edit",
        "/teacher/packs/<int:pack_id>/questions/<int:number>/edit",
        goto(lambda s: f"/teacher/packs/{s.pack_id}/questions/1/edit"),
    ),
    *[
        Visit(
            f"pack question new ({kind})",
            "/teacher/packs/<int:pack_id>/questions/new",
            goto(lambda s, kind=kind: f"/teacher/packs/{s.pack_id}/questions/new?type={kind}"),
        )
        for kind in ("short", "choice", "multi", "truefalse", "cloze")
    ],
    Visit("pack import", "/teacher/packs/import", goto(lambda s: "/teacher/packs/import")),
    Visit(
        "pack delete",
        "/teacher/packs/<int:pack_id>/delete",
        goto(lambda s: f"/teacher/packs/{s.pack_id}/delete"),
    ),
    Visit(
        "set as homework",
        "/teacher/packs/<int:pack_id>/homework",
        goto(lambda s: f"/teacher/packs/{s.pack_id}/homework"),
    ),
    Visit("class lists", "/teacher/classes", class_visits.class_lists),
    Visit("class list", "/teacher/classes/<int:class_id>", class_visits.class_page),
    Visit("class list delete", "/teacher/classes/<int:class_id>/delete", class_visits.class_delete),
    Visit(
        "class pupil history",
        "/teacher/classes/<int:class_id>/pupils/<int:pupil_id>",
        class_visits.class_pupil,
    ),
    Visit(
        "pack question delete",
        "/teacher/packs/<int:pack_id>/questions/<int:number>/delete",
        goto(lambda s: f"/teacher/packs/{s.pack_id}/questions/1/delete"),
    ),
    Visit("sessions", "/teacher/sessions", goto(lambda s: "/teacher/sessions")),
    Visit(
        "session", "/teacher/sessions/<int:session_id>", goto(lambda s: f"/teacher/sessions/{s.session_id}")
    ),
    Visit(
        "session delete",
        "/teacher/sessions/<int:session_id>/delete",
        goto(lambda s: f"/teacher/sessions/{s.session_id}/delete"),
    ),
    Visit(
        "session pupil",
        "/teacher/sessions/<int:session_id>/participants/<int:participant_id>",
        goto(lambda s: f"/teacher/sessions/{s.session_id}/participants/{s.participant_id}"),
    ),
    Visit("stories", "/teacher/stories", goto(lambda s: "/teacher/stories")),
    Visit("story", "/teacher/stories/<int:story_id>", goto(lambda s: f"/teacher/stories/{s.story_id}")),
    Visit(
        "set a story as homework",
        "/teacher/stories/<int:story_id>/homework",
        goto(lambda s: f"/teacher/stories/{s.story_id}/homework"),
    ),
    Visit("class reading levels", "/teacher/classes/<int:class_id>/levels", class_visits.class_levels),
]


def rules(app) -> set[str]:
    """The app's GET URL rules."""
    return {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}


def register(page):
    """A new teacher account, logged in."""
    page.goto("/register")
    page.get_by_label("Your name").fill(TEACHER["name"])
    page.get_by_label("Email").fill(TEACHER["email"])
    page.get_by_label("Password", exact=True).fill(TEACHER["password"])
    page.get_by_label("Password again").fill(TEACHER["password"])
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name=f"Hello, {TEACHER['name']}")).to_be_visible()


def add_article(page, site):
    """A copy of the seed article of the teacher's own, with its id, slug and a glossary entry."""
    page.goto("/teacher/articles/new")
    page.get_by_label("Or copy a shared article").select_option(index=1)
    page.get_by_role("button", name="Add article").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=60_000)
    site.article_slug = page.url.rsplit("/", 1)[-1]
    page.goto("/teacher/articles")
    edit = page.locator("a[href^='/teacher/articles/'][href$='/edit']").first.get_attribute("href")
    site.article_id = int(re.search(r"/teacher/articles/(\d+)/edit", edit).group(1))
    page.goto(edit)
    site.actor_drop = page.locator("a[href$='/drop']").first.get_attribute("href")


def waiting_job(app, fails: bool = False) -> int:
    """An article of the teacher's waiting for the background worker (the test app runs analyses at once,
    so the job is recorded without being queued), or whose analysis failed; its id."""
    import sqlalchemy as sa

    from quizapp.extensions import db
    from quizapp.models import Teacher
    from quizapp.services import article_jobs
    from quizapp.text.reading.bounds import Bounds

    with app.app_context():
        teacher_id = db.session.scalar(sa.select(Teacher.id).where(Teacher.email == TEACHER["email"]))
        job_id = article_jobs.submit(
            "Floods close schools\nHeavy rain closed twelve schools on Monday.",
            owner_id=teacher_id,
            title_hint=None,
            bounds=Bounds(),
            per_hour=1000,
        )
        if fails:
            article_jobs.fail(job_id, article_jobs.UNEXPECTED)
        return job_id


def reset_path(app) -> str:
    """A live password reset link for the teacher (only opened, never used: her password stays)."""
    from quizapp import mail
    from quizapp.services import password_reset

    with app.app_context():
        return mail.link_url(
            app, password_reset.make_link(TEACHER["email"], app.config["SECRET_KEY"]).token, None
        )


def add_pack(page, site):
    """A pack from the teacher's article's questions, shared in self-study."""
    page.goto("/teacher/packs/new")
    page.get_by_role("button", name="Start a pack from this article's questions").click()
    expect(page).to_have_url(re.compile(r"/teacher/packs/\d+$"))
    site.pack_id = int(page.url.rsplit("/", 1)[-1])
    page.get_by_role("button", name="Share in self-study").click()
    expect(page.get_by_test_id("public-state")).to_have_text("shared")


def start_session(page, site):
    """A class session of the pack, with its code."""
    page.goto(f"/teacher/packs/{site.pack_id}")
    page.get_by_role("button", name="Start a class session").click()
    expect(page).to_have_url(re.compile(r"/teacher/sessions/\d+$"))
    site.session_id = int(page.url.rsplit("/", 1)[-1])
    site.code = re.sub(r"\W", "", page.get_by_test_id("join-code").inner_text())


def add_story(page, site):
    """A story whose one version is the teacher's article (the page then offers to add another)."""
    page.goto("/teacher/stories")
    page.get_by_role("button", name="Start a story").click()
    expect(page).to_have_url(re.compile(r"/teacher/stories/\d+$"))
    site.story_id = int(page.url.rsplit("/", 1)[-1])


def join(page, code, name):
    """A pupil joins with the code and a name, as the join form asks."""
    page.goto(f"/join/{code}")
    name_box = page.get_by_label(re.compile("name", re.I)).first
    name_box.fill(name)
    name_box.press("Enter")
    expect(page).to_have_url(re.compile(f"/class/{code}"))


@pytest.fixture(scope="module")
def site(browser, live_server, live_app):
    """A teacher with an article, a shared pack and a session a pupil joined (where the app has them)."""
    made = Site()
    available = rules(live_app)
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    register(page)
    add_article(page, made)
    add_pack(page, made)
    if "/reset-password/<token>" in available:
        made.reset_path = reset_path(live_app)
    if "/teacher/stories/<int:story_id>" in available:
        add_story(page, made)
    if "/teacher/articles/jobs/<int:job_id>" in available:
        made.job_id, made.failed_job_id = waiting_job(live_app), waiting_job(live_app, fails=True)
    if "/teacher/sessions/<int:session_id>" in available:
        start_session(page, made)
        if "/class/<code>" in available:
            pupil = browser.new_context(base_url=live_server)
            join(pupil.new_page(), made.code, "Sam")
            pupil.close()
            page.goto(f"/teacher/sessions/{made.session_id}")
            link = page.locator("a[href*='/participants/']").first.get_attribute("href")
            made.participant_id = int(re.search(r"/participants/(\d+)", link).group(1))
    yield made
    remove(page, made)
    context.close()


def remove(page, site):
    """Delete the session and the shared pack again: other modules' tests share this database and
    count what the self-study page lists."""
    if site.session_id:
        page.goto(f"/teacher/sessions/{site.session_id}/delete")
        page.get_by_role("button", name="Delete the session and its answers").click()
        expect(page).not_to_have_url(re.compile(r"/delete$"))
    page.goto(f"/teacher/packs/{site.pack_id}/delete")
    page.get_by_role("button", name="Delete the pack").click()
    expect(page).not_to_have_url(re.compile(r"/delete$"))


@pytest.fixture(scope="module")
def teacher_context(browser, live_server, site):
    """The teacher's logged-in browser, laptop-sized."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(TEACHER["email"])
    page.get_by_label("Password").fill(TEACHER["password"])
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name=f"Hello, {TEACHER['name']}")).to_be_visible()
    page.close()
    yield context
    context.close()


def crawl(page, visits, site, app, screenshots, prefix, reflow=False):
    """Visit each page the app has, check it with axe (and, with ``reflow``, that nothing scrolls
    sideways); one message listing every failing page."""
    available = rules(app)
    adapter = app.url_map.bind("localhost")
    failures = []
    for visit in visits:
        if visit.rule is not None and visit.rule not in available:
            continue  # a page another engineer has not built yet; the coverage test watches for it
        visit.go(page, site)
        if visit.rule is not None:
            assert rule_of(adapter, page.url) == visit.rule, (
                f"{visit.name}: landed on {page.url}, not on {visit.rule}"
            )
        page.screenshot(path=screenshots / f"a11y-{prefix}-{slug(visit.name)}.png", full_page=True)
        try:
            assert_accessible(page, visit.name)
        except AssertionError as failure:
            failures.append(str(failure))
        wide = page.evaluate("document.documentElement.scrollWidth")
        if reflow and wide > page.viewport_size["width"]:  # WCAG 1.4.10: no sideways scrolling
            failures.append(
                f"{page.url} ({visit.name}) scrolls sideways: {wide}px in a "
                f"{page.viewport_size['width']}px window"
            )
    assert not failures, "\n\n".join(failures)


def rule_of(adapter, url: str) -> str | None:
    """The URL rule a browser's URL matched, or None."""
    path = re.sub(r"^https?://[^/]+", "", url).split("#")[0].split("?")[0]
    try:
        return adapter.match(path, method="GET", return_rule=True)[0].rule
    except HTTPException:
        return None


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name).strip("-")


def test_every_pupil_page_passes_axe(browser, live_server, live_app, site, screenshots):
    context = browser.new_context(audited=False, base_url=live_server, viewport={"width": 390, "height": 844})
    try:
        crawl(context.new_page(), PUPIL_VISITS, site, live_app, screenshots, "phone", reflow=True)
    finally:
        context.close()


def test_every_teacher_page_passes_axe(teacher_context, live_app, site, screenshots):
    page = teacher_context.new_page()
    try:
        crawl(page, TEACHER_VISITS, site, live_app, screenshots, "laptop")
    finally:
        page.close()


def test_every_get_page_of_the_app_is_in_the_crawl(live_app):
    crawled = {visit.rule for visit in PUPIL_VISITS + TEACHER_VISITS}
    missing = sorted(rules(live_app) - crawled - set(NOT_PAGES))
    assert not missing, (
        "GET pages the accessibility crawl does not visit (add a Visit in "
        f"tests/e2e/test_accessibility_browser.py, or a NOT_PAGES line if it is not HTML): {missing}"
    )
    assert not set(NOT_PAGES) & crawled
