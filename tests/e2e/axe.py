"""axe-core in the browser tests: check one page on demand, or every page a test loads.

axe is the npm package pinned in package.json and vendored at ``vendor/axe.min.js``. It goes
into the page through the DevTools protocol (``page.evaluate`` or an init script), never as a
``<script>`` tag: the app's Content-Security-Policy (``script-src 'self'``) would block an
inline tag, and the protocol's own evaluation is exempt from it, so the page is checked with
the same headers a pupil's browser gets.

Only *serious* and *critical* violations of WCAG 2.0/2.1 A and AA fail a test: those are the
ones that stop a pupil with a screen reader or a keyboard; moderate and minor findings are
best-practice advice.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

# Runs axe once the previous run (the automatic one, if any) is over: axe refuses two at once.
RUN = """async (options) => {
  await (window.__quizappAxeRun || Promise.resolve()).catch(() => null);
  const results = await axe.run(document, options);
  return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.join(' '))}));
}"""

# The automatic audit: in every top-level HTML page of an audited context, axe runs once the page
# has loaded and hands its findings to Python through a binding (also exempt from the CSP).
AUTO = """(() => {
  if (window.top !== window || !/^https?:$/.test(location.protocol)) return;
  %(axe)s
  const options = %(options)s;
  window.addEventListener('load', () => {
    if (document.contentType !== 'text/html' || !window.axe) return;
    const url = location.href;
    window.__quizappAxeRun = axe.run(document, options).then(
      (results) => window.__quizappAxeReport({url, violations: results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.join(' '))}))}),
      (error) => window.__quizappAxeReport({url, error: String(error)}));
  });
})();"""


@functools.cache
def axe_source() -> str:
    """The vendored axe-core, read once per test run (not at import time)."""
    return AXE_JS.read_text(encoding="utf-8")


def blocking(violations: list[dict]) -> list[dict]:
    """The violations that fail a test: serious or critical."""
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(url: str, violations: list[dict], context: str = "") -> str:
    """A readable list: where, then one paragraph per rule with the offending elements."""
    where = f"{url} ({context})" if context else url
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {where}:"]
    for v in violations:
        lines.append(f"  - [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(f"      {target}" for target in v["targets"][:10])
        if len(v["targets"]) > 10:
            lines.append(f"      ... and {len(v['targets']) - 10} more")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """Every WCAG A/AA violation axe finds on the page as it is now (axe injected if missing)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;typeof window.axe")
    return page.evaluate(RUN, OPTIONS)


def assert_accessible(page, context: str = "") -> None:
    """Fail, naming the URL, each rule and its elements, if axe finds a serious or critical violation.

    ``context`` says which state of the page this is ("results after a wrong answer"), for pages
    whose URL does not tell (a form shown again with its errors, a fragment htmx swapped in).
    """
    found = blocking(run_axe(page))
    assert not found, describe(page.url, found, context)


@dataclass
class Audit:
    """What one test's pages showed axe: URLs loaded, findings reported, failures collected."""

    loaded: list[str] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)

    def report(self, source, payload: dict) -> None:
        """Binding target: the page's own axe run is over (called from the browser)."""
        url = payload.get("url", "?")
        self.reported.add(url)
        if "error" in payload:
            self.failures.append(f"axe could not run on {url}: {payload['error']}")
        elif found := blocking(payload.get("violations", [])):
            self.failures.append(describe(url, found, "as loaded"))

    def watch(self, page) -> None:
        """Remember each URL this page loads (a navigation, a form post's answer, a reload)."""
        page.on("load", lambda p: self.loaded.append(p.url))

    def unreported(self) -> list[str]:
        """HTML pages loaded whose automatic check never came back (the test moved on first)."""
        seen = []
        for url in self.loaded:
            if url not in self.reported and url not in seen and url.startswith("http"):
                seen.append(url)
        return seen


def settle(page, timeout: float = 15_000) -> None:
    """Wait for the automatic run on this page to finish, if one started."""
    try:
        page.evaluate("async () => { await (window.__quizappAxeRun || Promise.resolve()); }")
    except Exception:  # closed or navigating: the fallback in ``flush`` covers it
        pass


def flush(context, audit: Audit) -> None:
    """Before a context closes: let running checks end, then re-check pages whose check was lost.

    A page the test left before axe finished (a click straight after ``goto``) is fetched again
    with GET in the same context (so with the same login) and checked in place. A page reached by
    a POST comes back as its GET form; the tests check such states with ``assert_accessible``.
    """
    for page in context.pages:
        settle(page)
    missing = audit.unreported()
    if not missing:
        return
    page = context.new_page()
    try:
        for url in missing:
            try:
                response = page.goto(url)
            except Exception:  # gone, or a download now: nothing left to check there
                audit.reported.add(url)
                continue
            content_type = response.headers.get("content-type", "") if response else ""
            settle(page)
            if url in audit.reported or not content_type.startswith("text/html"):
                audit.reported.add(url)
                continue
            found = blocking(run_axe(page))
            audit.reported.add(url)
            if found:
                audit.failures.append(describe(url, found, "fetched again after the test left it"))
    finally:
        page.close()


class AuditedBrowser:
    """The session's browser, with every context it makes audited by axe.

    Test modules keep calling ``browser.new_context(...)`` in their own ``page`` fixtures; the
    context they get loads axe into each page and reports to the current test's ``Audit``.
    Everything else is delegated to Playwright's ``Browser``.
    """

    def __init__(self, browser):
        self._browser = browser
        self.audit: Audit | None = None
        self._contexts: list = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, audited: bool = True, **kwargs):
        """A context whose pages are checked by axe as they load.

        ``audited=False`` is for a test that checks each page itself with ``assert_accessible``
        (the crawl): axe would otherwise run twice on every page.
        """
        context = self._browser.new_context(**kwargs)
        if self.audit is None or not audited:
            return context
        audit = self.audit
        context.add_init_script(AUTO % {"axe": axe_source(), "options": _json(OPTIONS)})
        context.expose_binding("__quizappAxeReport", audit.report)
        context.on("page", audit.watch)
        close = context.close

        def close_after_flush(**close_kwargs):
            try:
                flush(context, audit)
            finally:
                if context in self._contexts:
                    self._contexts.remove(context)
                close(**close_kwargs)

        context.close = close_after_flush
        self._contexts.append(context)
        return context

    def new_page(self, **kwargs):
        """A page in a context of its own, audited like the others."""
        context = self.new_context(**kwargs)
        page = context.new_page()
        return page

    def start(self) -> Audit:
        """Begin a test: a fresh audit for the contexts it will make."""
        self.audit = Audit()
        return self.audit

    def finish(self) -> Audit:
        """End a test: flush contexts it left open, and stop auditing new ones."""
        audit, self.audit = self.audit, None
        for context in list(self._contexts):
            try:
                flush(context, audit)
            except Exception as error:  # the context was closed behind our back
                audit.failures.append(f"could not finish the accessibility check: {error}")
            self._contexts.remove(context)
        return audit


def _json(value) -> str:
    import json

    return json.dumps(value)
