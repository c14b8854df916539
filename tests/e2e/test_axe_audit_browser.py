"""The accessibility audit checks itself: a page with known violations must fail it, by URL and rule.

Split from test_accessibility_browser.py (the crawl of the app's pages):
these tests are about the audit in tests/e2e/axe.py, not about any page.
"""

import pytest
from axe import assert_accessible, flush

pytestmark = [pytest.mark.browser, pytest.mark.db]


BROKEN = (
    "<!doctype html><html><head><title>Broken</title></head><body><main>"
    "<img src='/static/missing.png'><input id='nameless'><a href='/'>home</a></main></body></html>"
)
STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'"


def serve_broken(page, path="/axe-self-test"):
    """A page with three violations axe must find, served under the strict CSP the app sends
    (to every page of the context: the audit may fetch it again in a page of its own)."""
    page.context.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=200,
            body=BROKEN,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": STRICT_CSP},
        ),
    )
    return path


def test_assert_accessible_names_the_url_rules_and_elements_under_a_strict_csp(page, accessibility_audit):
    page.goto(serve_broken(page))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "self-test")
    message = str(failure.value)
    assert "/axe-self-test (self-test)" in message
    for rule, element in (("image-alt", "img"), ("label", "#nameless"), ("html-has-lang", "html")):
        assert f"] {rule}: " in message and f"      {element}" in message
    flush(page.context, accessibility_audit)
    accessibility_audit.failures.clear()  # the automatic check found the same: expected here


def test_every_loaded_page_is_checked_even_when_the_test_moves_on_at_once(page, accessibility_audit):
    path = serve_broken(page)
    page.goto(path)
    page.goto("/")  # straight on: the first page's own check may not have finished
    flush(page.context, accessibility_audit)
    assert len(accessibility_audit.failures) == 1
    assert path in accessibility_audit.failures[0] and "image-alt" in accessibility_audit.failures[0]
    accessibility_audit.failures.clear()  # the deliberate failure is not this test's verdict
