"""The reading-level model: cross-validated on OneStopEnglish, shipped as plain JSON, offline.

The corpus texts are from Vajjala & Lučić (2018), CC BY-SA 4.0
(tests/data/onestopenglish/LICENSE.md). The features file beside them is what
``make refit-readability`` computed from them; these tests re-run the
cross-validation on it with numpy alone (no spaCy, no network, no randomness).
"""

import json
import socket
import tomllib
from pathlib import Path

import numpy as np
import pytest
from corpus import ONESTOP, onestop_text

from quizapp.text.reading import cleaning, readability, reading_level, reading_level_fit

ROOT = Path(__file__).resolve().parents[2]
FEATURES_FILE = ROOT / "tests" / "data" / "reading_level_features.json"
NAMES = tuple(reading_level.FEATURE_WORDS)
LEVELS = ("ele", "int", "adv")
# Cross-validated (10 folds by story) when the model was fitted, with wnl-shark's exchanged
# elementary and advanced files put right (reading_level_fit.RELABELLED): 246 of 246 pairs in
# order and 198 of 246 texts (80.5 %) at the right level, issue 15's targets (99.5 %, 80 %).
# Against the labels as distributed the same held-out scores give 243 pairs and 197 texts
# (80.1 %); with the cut points that classified the training texts best it was 243 and 191,
# before issue 15's richer features 242 and 165. A refit must not do worse.
CV_PAIRS_RIGHT = 246
CV_TEXTS_RIGHT = 198
DISTRIBUTED_PAIRS_RIGHT, DISTRIBUTED_TEXTS_RIGHT = 243, 197


@pytest.fixture(scope="module")
def rows():
    """The features file: one row per corpus text."""
    return json.loads(FEATURES_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data(rows):
    """(x, y, stories) as numpy arrays, the levels as the texts show them (wnl-shark put right)."""
    x = np.array([[row["features"][n] for n in NAMES] for row in rows])
    stories = [row["story"] for row in rows]
    return x, reading_level_fit.corrected(np.array([row["level"] for row in rows]), stories), stories


@pytest.fixture(scope="module")
def cv(data):
    """Ten-fold cross-validation by story, exactly as the refit script runs it."""
    x, y, stories = data
    return reading_level_fit.cross_validate(x, y, stories, NAMES)


def test_features_file_covers_the_whole_corpus(rows):
    """82 stories at 3 levels: 246 texts, each with every feature the model uses."""
    assert len(rows) == 246 == len(list(ONESTOP.glob("*.txt")))
    assert len({row["story"] for row in rows}) == 82
    assert all(set(row["features"]) == set(NAMES) for row in rows)


def test_folds_keep_every_story_together(data):
    """All three versions of a story are in one fold, so no fold is tested on a story it was fitted on."""
    _, _, stories = data
    fold_of = reading_level_fit.folds(stories)
    assert len(set(fold_of.values())) == reading_level_fit.FOLDS
    assert sorted(fold_of) == sorted(set(stories))


def test_cross_validated_pairwise_order(cv):
    """Each held-out story's three versions, pair by pair: ele < int, int < adv, ele < adv."""
    assert cv.pairs == 246
    assert cv.pairs_right >= CV_PAIRS_RIGHT


def test_cross_validated_three_level_accuracy(cv):
    """Each held-out text named elementary, intermediate or advanced on its own."""
    assert round(cv.accuracy * 246) >= CV_TEXTS_RIGHT


def test_the_figures_hold_against_the_labels_as_distributed(rows, cv):
    """The correction is one story's; counted against the corpus's own labels the model still does
    at least as well as it did before the correction."""
    stories = [row["story"] for row in rows]
    distributed = np.array([row["level"] for row in rows])
    right, pairs = reading_level_fit.pairs_in_order(cv.scores, distributed, stories)
    assert pairs == 246 and right >= DISTRIBUTED_PAIRS_RIGHT
    assert int(np.sum(cv.predicted == distributed)) >= DISTRIBUTED_TEXTS_RIGHT


def test_only_the_exchanged_files_are_relabelled(rows):
    """wnl-shark is the one story every classic formula reads backwards: its "elementary" file is
    the hardest of its three by the old headline, its "advanced" the easiest. No other story's
    labels are touched."""
    classic = {(r["story"], r["level"]): r["grade_level_formulas"] for r in rows}
    assert classic[("wnl-shark", 0)] > classic[("wnl-shark", 1)] > classic[("wnl-shark", 2)]
    backwards = {s for s, _ in classic if classic[(s, 0)] > classic[(s, 1)] > classic[(s, 2)]}
    assert backwards == {"wnl-shark"}
    assert {story for story, _ in reading_level_fit.RELABELLED} == {"wnl-shark"}


def test_shipped_model_is_the_fit_of_the_features_file(data):
    """reading_level.json is what fitting the features file gives: nobody edited it by hand."""
    x, y, stories = data
    fitted = reading_level_fit.fit(x, y, NAMES)
    shipped = reading_level.model()
    assert shipped["coef"] == pytest.approx(dict(zip(NAMES, fitted.coef)), abs=1e-5)
    assert shipped["cuts"] == pytest.approx(list(fitted.cuts), abs=1e-5)
    cv = reading_level_fit.cross_validate(x, y, stories, NAMES)
    assert (shipped["cross_validation"]["pairs_right"], shipped["cross_validation"]["accuracy"]) == (
        cv.pairs_right,
        pytest.approx(cv.accuracy, abs=1e-4),
    )


def test_cut_points_lie_halfway_between_the_levels_mean_scores():
    """Level means 0.2, 1.0 and 2.2 give cut points 0.6 and 1.6, wherever the scores would classify best."""
    scores = np.array([0.0, 0.2, 0.4, 0.8, 1.0, 1.2, 2.6, 1.8, 2.2])
    levels = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    assert reading_level_fit.mean_cuts(scores, levels) == pytest.approx((0.6, 1.6))


@pytest.mark.parametrize("story", ["amazon", "wnl-shark"])
def test_features_file_matches_what_the_app_computes(nlp, rows, story):
    """The file was made by today's code: recomputing one story's features gives the same numbers."""
    for level, suffix in enumerate(LEVELS):
        docs = list(nlp.pipe(cleaning.clean(onestop_text(f"{story}-{suffix}")).paragraphs))
        sentences = readability.counted_sentences(docs)
        total = sum((c for _, _, c in sentences), readability.Counts())
        ours = reading_level.features(sentences, total, docs)
        stored = next(r["features"] for r in rows if r["story"] == story and r["level"] == level)
        assert ours == pytest.approx(stored, abs=1e-5)


def test_model_is_plain_json_shipped_as_package_data():
    """Coefficients and cut points in a JSON file inside the package, listed as package data."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "reading_level.json" in config["tool"]["setuptools"]["package-data"]["quizapp.text.reading"]
    assert reading_level.MODEL_FILE.parent == Path(reading_level.__file__).parent
    model = json.loads(reading_level.MODEL_FILE.read_text(encoding="utf-8"))
    assert set(model["coef"]) == set(NAMES) and len(model["cuts"]) == 2


# A made-up model for the rules that turn a score into words: cut points 0.5 and 1.5.
TOY = {
    "intercept": 1.0,
    "coef": {"words_per_sentence": 0.5, "rare_share": 0.3, "mean_zipf": -0.2, "difficult_share": 0.1},
    "mean": {"words_per_sentence": 20.0, "rare_share": 0.2, "mean_zipf": 5.0, "difficult_share": 0.25},
    "scale": {"words_per_sentence": 5.0, "rare_share": 0.1, "mean_zipf": 0.5, "difficult_share": 0.05},
    "cuts": [0.5, 1.5],
    "grade": {"intercept": 8.0, "slope": 2.0},
}


@pytest.mark.parametrize(
    "score, expected",
    [
        (-0.6, "A1"),
        (-0.5, "A2"),
        (0.49, "A2"),
        (0.5, "B1"),
        (0.99, "B1"),
        (1.0, "B2"),
        (1.49, "B2"),
        (1.5, "C1"),
        (2.49, "C1"),
        (2.5, "C2"),
        (9.0, "C2"),
    ],
)
def test_cefr_from_score(score, expected):
    """Cuts 0.5 and 1.5: B1/B2 split at 1.0, A1 below -0.5, C2 from 2.5 (a corpus level past the cuts)."""
    assert reading_level.cefr(score, TOY) == expected


@pytest.mark.parametrize(
    "grade, year",
    [
        (-1.0, "Year 1"),
        (0.5, "Year 1"),
        (1.0, "Year 2"),
        (8.0, "Year 9"),
        (8.99, "Year 9"),
        (12.5, "Year 13"),
        (13.0, "university"),
        (18.0, "university"),
    ],
)
def test_uk_year_is_one_more_than_the_us_grade(grade, year):
    """US grade 8 is Year 9 in England and Wales; past Year 13 is university."""
    assert reading_level.uk_year(grade) == year


def test_prediction_and_reasons_by_hand():
    """Sentences of 30 words (2 scales above 20: +1.0), 40 % rare words (+0.6), zipf 5.5 (-0.2),
    difficult share at the mean (0): score 1 + 1.0 + 0.6 - 0.2 = 2.4, grade 8 + 2 * 2.4 = 12.8, C1.

    The three largest pushes, largest first; zipf above the mean reads "familiar words".
    """
    values = {"words_per_sentence": 30.0, "rare_share": 0.4, "mean_zipf": 5.5, "difficult_share": 0.25}
    level = reading_level.predict(values, TOY)
    assert level.score == pytest.approx(2.4)
    assert level.grade == pytest.approx(12.8)
    assert level.cefr == "C1"
    assert level.reasons == ("long sentences", "many rare words", "familiar words")


def test_easier_than_average_reads_as_such():
    """Short sentences and few hard words push the other way and say so."""
    values = {"words_per_sentence": 10.0, "rare_share": 0.2, "mean_zipf": 5.0, "difficult_share": 0.15}
    assert reading_level.predict(values, TOY).reasons == ("short sentences", "few hard words")


def test_a_feature_weighed_against_common_sense_is_never_a_reason():
    """With correlated features a fit can weigh one backwards (here: more hard words, easier).
    Saying "many hard words" as a reason for a level it lowered would mislead; it is left out."""
    backwards = {**TOY, "coef": {**TOY["coef"], "difficult_share": -0.9}}
    values = {"words_per_sentence": 22.0, "rare_share": 0.2, "mean_zipf": 5.0, "difficult_share": 0.35}
    assert reading_level.predict(values, backwards).reasons == ("long sentences",)


def test_word_frequencies_load_with_no_network(monkeypatch):
    """wordfreq reads the list shipped inside its package: no socket is ever opened."""

    def refuse(*args, **kwargs):
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    reading_level._frequencies.cache_clear()
    assert reading_level._zipf("the") > 7
    assert 3 < reading_level._zipf("truce") < 4  # wordfreq: 3.52
    assert reading_level._zipf("zzyzzyx") == reading_level.FLOOR_ZIPF
