"""Is this request htmx's: the one test every view that answers htmx with a fragment uses."""

from __future__ import annotations

from flask import request


def is_htmx() -> bool:
    """Whether htmx sent this request (it always sends ``HX-Request: true``), so a fragment is the answer."""
    return request.headers.get("HX-Request") == "true"
