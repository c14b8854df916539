"""Every template keeps to the Content-Security-Policy: scripts and styles from files only.

An inline ``<script>``, ``<style>``, ``style=""`` or ``onclick=""`` would be
refused by the browser under ``script-src 'self'; style-src 'self'`` and
the page would silently lose it; this finds one before a browser does.
Jinja comments are removed first (they may mention what not to do).
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORBIDDEN = {
    "inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "event-handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx hx-on (needs eval)": re.compile(r"\shx-on[:-]", re.I),
}
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_there_are_templates_to_check():
    assert len(templates()) > 20


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script_or_style(path):
    source = JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(source)]
    assert found == []


def test_the_check_catches_each_kind():
    """The control: each pattern finds what it is for, and passes a script file."""
    bad = {
        "inline <script>": "<script>alert(1)</script>",
        "<style> element": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "event-handler attribute": '<button onclick="x()">',
        "javascript: URL": '<a href="javascript:x()">',
        "htmx hx-on (needs eval)": '<div hx-on:click="x()">',
    }
    for name, html in bad.items():
        assert FORBIDDEN[name].search(html), name
    assert not any(p.search('<script src="/static/js/join.js" defer></script>') for p in FORBIDDEN.values())


def test_pages_with_htmx_forbid_eval_and_injected_styles():
    """htmx would otherwise add a <style> element (refused by style-src) and may eval attributes."""
    for path in templates():
        source = path.read_text(encoding="utf-8")
        if "htmx.min.js" in source:
            assert '"allowEval": false' in source and '"includeIndicatorStyles": false' in source, path.name
