"""The OneStopEnglish texts the tests read, kept in the repository (tests/data/onestopenglish/).

Sowmya Vajjala and Ivana Lučić (2018), "OneStopEnglish corpus: A new corpus for
automatic readability assessment and text simplification", BEA workshop; CC BY-SA 4.0
(tests/data/onestopenglish/LICENSE.md). A clone of quizapp has nothing beside it, so no
test may read the corpus from anywhere else (tests/test_self_contained.py checks this).
"""

from pathlib import Path

ONESTOP = Path(__file__).resolve().parent / "data" / "onestopenglish"


def onestop_text(name: str) -> str:
    """The raw text of one corpus file, ``name`` without ``.txt`` (e.g. ``"teff-ele"``)."""
    return (ONESTOP / f"{name}.txt").read_text(encoding="utf-8-sig")
