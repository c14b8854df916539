"""The progress chart's geometry: one bar per attempt, its height the score in percent.

Pure (no Flask): the template draws an inline SVG from these numbers, so
the chart needs no JavaScript and no chart library, and a test can check
every bar by hand. The plot is exactly 100 units high, so a bar's height is
its score in percent; bars keep a fixed width until there are more than
``MIN_SLOTS`` of them, so one attempt does not fill the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.services.study import Attempt

WIDTH, HEIGHT = 320, 124  # the SVG's viewBox
LEFT, RIGHT = 40, 314  # plot area, leaving room for the "100%" labels on the left
TOP, BOTTOM = 10, 110  # 100 units: a bar of 54% is 54 high
MIN_SLOTS = 10
BAR_SHARE = 0.6  # of a slot; the rest is the gap between bars
ZERO_HEIGHT = 1.5  # a score of 0 still shows a sliver on the axis, so the attempt is seen


@dataclass(frozen=True)
class ChartBar:
    """One attempt's bar, in viewBox units, and what its tooltip says."""

    x: float
    y: float
    width: float
    height: float
    percent: float
    retry: bool
    label: str


@dataclass(frozen=True)
class Gridline:
    """A horizontal rule at a round percentage, with its label."""

    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything the template needs to draw the chart."""

    width: int
    height: int
    left: int
    right: int
    bottom: int
    bars: tuple[ChartBar, ...]
    gridlines: tuple[Gridline, ...]


def score_chart(history: Sequence[Attempt]) -> Chart:
    """The chart of ``history``'s scores in the order they were made, oldest on the left."""
    slot = (RIGHT - LEFT) / max(len(history), MIN_SLOTS)
    bars = tuple(_bar(i, attempt, slot) for i, attempt in enumerate(history))
    gridlines = tuple(Gridline(BOTTOM - p, f"{p}%") for p in (0, 50, 100))
    return Chart(WIDTH, HEIGHT, LEFT, RIGHT, BOTTOM, bars, gridlines)


def _bar(index: int, attempt: Attempt, slot: float) -> ChartBar:
    """The bar of the ``index``-th attempt."""
    height = attempt.percent if attempt.percent > 0 else ZERO_HEIGHT
    kind = "try again" if attempt.retry else "first try"
    label = f"{attempt.title} ({kind}): {percent_text(attempt.percent)}"
    return ChartBar(
        x=round(LEFT + index * slot + slot * (1 - BAR_SHARE) / 2, 2),
        y=round(BOTTOM - height, 2),
        width=round(slot * BAR_SHARE, 2),
        height=height,
        percent=attempt.percent,
        retry=attempt.retry,
        label=label,
    )


def percent_text(percent: float) -> str:
    """A percentage as a pupil reads it: "54%", "37.5%"."""
    return f"{percent:.1f}".removesuffix(".0") + "%"
