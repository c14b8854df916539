"""Refit the reading-level model on the OneStopEnglish texts in tests/data and report its figures.

Run: ``make refit-readability``. Two steps, each writing a plain file:

1. features: every corpus text is cleaned, parsed and counted exactly as the
   app does it (``readability.counted_sentences``, ``reading_level.features``)
   and the numbers go to tests/data/reading_level_features.json, so the tests
   can re-run the cross-validation without spaCy (``--reuse-features`` skips
   this step);
2. fit: cross-validation by story (the figures docs/readability.md quotes),
   then one fit on all texts, written to quizapp/text/reading/reading_level.json with
   a calibration from the model's score to a US grade.

The OneStopEnglish texts are from Vajjala & Lučić (2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout: import this copy of quizapp

from quizapp.text.reading import reading_level, reading_level_fit  # noqa: E402  (after the path is set)

CORPUS = ROOT / "tests" / "data" / "onestopenglish"
FEATURES_FILE = ROOT / "tests" / "data" / "reading_level_features.json"
LEVELS = ("ele", "int", "adv")


def extract() -> list[dict]:
    """Features of every corpus text, as the app computes them."""
    from quizapp.text.reading import cleaning, nlp, readability

    model = nlp.load()
    rows = []
    for path in sorted(CORPUS.glob("*-ele.txt")):
        story = path.name.removesuffix("-ele.txt")
        for level, suffix in enumerate(LEVELS):
            raw = (CORPUS / f"{story}-{suffix}.txt").read_text(encoding="utf-8-sig")
            docs = list(model.pipe(cleaning.clean(raw).paragraphs))
            sentences = readability.counted_sentences(docs)
            total = sum((c for _, _, c in sentences), readability.Counts())
            values = reading_level.features(sentences, total, docs)
            rows.append(
                {
                    "story": story,
                    "level": level,
                    "grade_level_formulas": _classic(total),
                    "features": {k: round(v, 6) for k, v in values.items()},
                }
            )
    return rows


def _classic(total) -> float:
    """The old headline (mean of FK, Coleman-Liau, ARI), kept to calibrate the grade scale."""
    from quizapp.text.reading import readability

    return round(readability.formula_grade(readability.formulas(total)), 4)


def arrays(rows: list[dict], names: tuple[str, ...]):
    """(x, y, stories) from the features file's rows, with the levels of exchanged files put right."""
    x = np.array([[row["features"][n] for n in names] for row in rows], dtype=float)
    stories = [row["story"] for row in rows]
    return x, reading_level_fit.corrected(np.array([row["level"] for row in rows]), stories), stories


def grade_calibration(scores: np.ndarray, y: np.ndarray, classic: np.ndarray) -> dict:
    """The score on the familiar US grade scale: a straight line through the level means.

    An average elementary text gets the grade the classic formulas give an
    average elementary text, and likewise for advanced, so teachers keep the
    scale they know while the order within it comes from the model.
    """
    low, high = (y == 0), (y == LEVELS.index("adv"))
    slope = (classic[high].mean() - classic[low].mean()) / (scores[high].mean() - scores[low].mean())
    intercept = classic[low].mean() - slope * scores[low].mean()
    return {"intercept": round(float(intercept), 4), "slope": round(float(slope), 4)}


def to_json(fitted, calibration: dict, cv, n: int) -> dict:
    """The shipped model: plain numbers, rounded (no pickle)."""
    names = fitted.names
    return {
        "about": "quizapp reading-level model; refit with `make refit-readability` (scripts/refit_readability.py)",
        "corpus": f"OneStopEnglish (Vajjala & Lucic 2018, CC BY-SA 4.0), {n} texts in tests/data",
        "intercept": round(fitted.intercept, 6),
        "coef": {k: round(float(v), 6) for k, v in zip(names, fitted.coef)},
        "mean": {k: round(float(v), 6) for k, v in zip(names, fitted.mean)},
        "scale": {k: round(float(v), 6) for k, v in zip(names, fitted.scale)},
        "cuts": [round(c, 6) for c in fitted.cuts],
        "grade": calibration,
        "cross_validation": {
            "folds": reading_level_fit.FOLDS,
            "pairs_right": cv.pairs_right,
            "pairs": cv.pairs,
            "accuracy": round(cv.accuracy, 4),
            "adjacent": round(cv.adjacent, 4),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reuse-features", action="store_true", help=f"read {FEATURES_FILE.name} instead of parsing"
    )
    args = parser.parse_args()
    if args.reuse_features:
        rows = json.loads(FEATURES_FILE.read_text(encoding="utf-8"))
    else:
        rows = extract()
        FEATURES_FILE.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    names = tuple(reading_level.FEATURE_WORDS)
    x, y, stories = arrays(rows, names)
    cv = reading_level_fit.cross_validate(x, y, stories, names)
    fitted = reading_level_fit.fit(x, y, names)
    calibration = grade_calibration(fitted.score(x), y, np.array([r["grade_level_formulas"] for r in rows]))
    model = to_json(fitted, calibration, cv, len(rows))
    reading_level.MODEL_FILE.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"cross-validated by story ({reading_level_fit.FOLDS} folds, {len(rows)} texts):")
    print(f"  pairs in order  {cv.pairs_right}/{cv.pairs} = {cv.pairwise:.2%}")
    print(f"  three levels    {cv.accuracy:.2%} right, {cv.adjacent:.2%} within one level")
    distributed = np.array([row["level"] for row in rows])
    right, pairs = reading_level_fit.pairs_in_order(cv.scores, distributed, stories)
    print(
        f"  against the labels as distributed: {right}/{pairs} pairs, {np.mean(cv.predicted == distributed):.2%} right"
    )
    print(f"wrote {reading_level.MODEL_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
