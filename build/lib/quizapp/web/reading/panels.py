"""What the readability panel and the glossary show, computed outside the templates.

Pure (no Flask): the templates only lay these values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.text.types import Actor, Readability

# (field, name, how to read it): the hint is what lets a teacher trust the number.
FORMULAS = (
    ("flesch_reading_ease", "Flesch reading ease", "0–100, higher is easier"),
    ("flesch_kincaid_grade", "Flesch–Kincaid", "US school grade"),
    ("gunning_fog", "Gunning fog", "years of schooling"),
    ("smog_index", "SMOG", "US school grade"),
    ("coleman_liau_index", "Coleman–Liau", "US school grade"),
    ("automated_readability_index", "ARI", "US school grade"),
    ("dale_chall_readability_score", "Dale–Chall", "score; 9+ is college"),
)

GAUGE_MIN, GAUGE_MAX = 1, 16
GAUGE_TICKS = (1, 4, 8, 12, 16)


@dataclass(frozen=True)
class Formula:
    """One row of the formulas table."""

    name: str
    value: float
    hint: str


@dataclass(frozen=True)
class Gauge:
    """Where ``grade`` sits on a 1–16+ scale, as a fraction in ``[0, 1]`` for the SVG."""

    grade: float
    fraction: float
    ticks: tuple[tuple[str, float], ...]

    @property
    def label(self) -> str:
        """The grade as printed: one decimal, rounded the way the formulas table rounds."""
        return f"{self.grade:.1f}"


def formulas(readability: Readability) -> list[Formula]:
    """The seven formulas in a fixed, documented order."""
    return [Formula(name, getattr(readability, field), hint) for field, name, hint in FORMULAS]


def gauge(grade: float) -> Gauge:
    """The gauge for ``grade``; grades outside 1–16 sit at the ends ("16+")."""
    ticks = tuple((f"{t}+" if t == GAUGE_MAX else str(t), _fraction(t)) for t in GAUGE_TICKS)
    return Gauge(grade=grade, fraction=_fraction(grade), ticks=ticks)


def _fraction(grade: float) -> float:
    """``grade`` mapped onto ``[0, 1]`` between GAUGE_MIN and GAUGE_MAX."""
    clamped = min(max(grade, GAUGE_MIN), GAUGE_MAX)
    return (clamped - GAUGE_MIN) / (GAUGE_MAX - GAUGE_MIN)


def reading_time(minutes: float) -> str:
    """Minutes as a person says them: "under 1 min", "3 min"."""
    if minutes < 0.75:
        return "under 1 min"
    return f"{max(1, round(minutes))} min"


def glossary(actors: Iterable[Actor]) -> list[Actor]:
    """Most-mentioned first (who the story is about), then by name for a stable order."""
    return sorted(actors, key=lambda a: (-a.mentions, a.name.casefold()))
