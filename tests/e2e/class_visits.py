"""The accessibility crawl's visits to the class-list pages (tests/e2e/test_accessibility_browser.py).

Each makes what its page needs the first time it runs (a class with two
names, a session run with it) through the pages themselves, and keeps the
ids on the crawl's ``site``, so the crawl's own set-up stays as it was.
"""

import re

from playwright.sync_api import expect


def make_class(page, site):
    """A class 7B with Ada and Ben, made on the class-lists page by the logged-in teacher; its id."""
    if getattr(site, "class_id", None) is None:
        page.goto("/teacher/classes")
        page.get_by_label("Class name").fill("7B")
        page.get_by_label("Pupils’ names").fill("Ada\nBen")
        page.get_by_role("button", name="Save the class").click()
        expect(page).to_have_url(re.compile(r"/teacher/classes/\d+$"))
        site.class_id = int(page.url.rsplit("/", 1)[-1])
    return site.class_id


def class_lists(page, site):
    """The class-lists page, with one class on it."""
    make_class(page, site)
    page.goto("/teacher/classes")


def class_page(page, site):
    """A class's page."""
    page.goto(f"/teacher/classes/{make_class(page, site)}")


def class_pupil(page, site):
    """One pupil's history in the class."""
    page.goto(f"/teacher/classes/{make_class(page, site)}")
    page.get_by_role("link", name="Ada", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada")


def class_levels(page, site):
    """The class's reading levels, a select per pupil."""
    page.goto(f"/teacher/classes/{make_class(page, site)}/levels")


def class_delete(page, site):
    """The "delete this class list?" page."""
    page.goto(f"/teacher/classes/{make_class(page, site)}/delete")


def pick_name(page, site):
    """The pupil's name list: the crawl's teacher runs a pack with a class (in a browser of their own),
    then this pupil types a name that is not on the list."""
    from test_accessibility_browser import (
        TEACHER,  # the crawl's teacher (that module imports this one)
    )

    page.goto("/")
    teacher = page.context.browser.new_context(base_url=re.match(r"https?://[^/]+", page.url).group())
    try:
        other = teacher.new_page()
        other.goto("/login")
        other.get_by_label("Email").fill(TEACHER["email"])
        other.get_by_label("Password").fill(TEACHER["password"])
        other.get_by_label("Password").press("Enter")
        class_id = make_class(other, site)
        other.goto(f"/teacher/classes/{class_id}")
        other.get_by_role("button", name="Start a class session").click()
        code = re.sub(r"\W", "", other.get_by_test_id("join-code").inner_text())
    finally:
        teacher.close()
    page.goto(f"/join/{code}")
    page.get_by_label("Your name").fill("Cyrus")
    page.get_by_label("Your name").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pick your name")
