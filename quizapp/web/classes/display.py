"""What the class pages show, worked out outside the templates: bar widths, percentages, file names.

No request or app needed: tests call these directly.
"""

from __future__ import annotations

from quizapp.services.articles import slugify


def percent(value: float | None) -> str:
    """``62.5%``, ``100%``; a dash for no value (nobody joined)."""
    if value is None:
        return "–"
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def bar_width(value: float | None) -> float:
    """A bar's width in the charts' 0–100 viewBox, kept inside it."""
    return round(min(max(value or 0.0, 0.0), 100.0), 1)


def csv_filename(name: str) -> str:
    """``7b-term.csv``: the class's name in ASCII, for every browser."""
    return f"{slugify(name) or 'class'}-term.csv"
