"""Fitting the reading-level model and cross-validating it by article (numpy; never run at serve time).

The corpus gives each text a level: 0 elementary, 1 intermediate, 2 advanced.
The score is ordinary least squares of that level on the standardised
features, with a small ridge penalty so that correlated features (syllables
and difficult words) share weight instead of cancelling out. Two cut points on
the score, each halfway between the mean scores of two neighbouring levels on
the training texts, name a level.

Cross-validation keeps the three versions of a story in the same fold: the
model never sees a story it is tested on, as with a teacher's new article.
Folds are fixed (stories in name order, dealt round-robin), so the figures are
the same on every run and every machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RIDGE = 1.0  # penalty on the standardised coefficients; 246 texts, few features
FOLDS = 10
LEVELS = 3
# One story's elementary and advanced files are exchanged in the corpus as distributed:
# wnl-shark-ele.txt is the newspaper's own copy ("Opposition to Western Australia's shark cull
# has intensified …", 690 words) and wnl-shark-adv.txt the simplest retelling ("Thousands of
# people protested …", 621 words), with the intermediate file between them in wording. All
# seven classic formulas and the word count order the three files the other way round, as
# they order no other story. Fits and figures use the levels the texts show; the files and
# the features file keep the labels as distributed (docs/readability.md gives both figures).
RELABELLED = {("wnl-shark", 0): 2, ("wnl-shark", 2): 0}


def corrected(y: np.ndarray, stories: list[str]) -> np.ndarray:
    """The corpus levels with the exchanged files of ``RELABELLED`` put right."""
    return np.array(
        [RELABELLED.get((story, int(level)), int(level)) for level, story in zip(y, stories, strict=True)]
    )


@dataclass(frozen=True)
class Fitted:
    """A fitted model in plain numbers (what ``reading_level.json`` stores)."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    cuts: tuple[float, float]

    def score(self, x: np.ndarray) -> np.ndarray:
        """The model's score for each row of raw features."""
        scores: np.ndarray = self.intercept + ((x - self.mean) / self.scale) @ self.coef
        return scores

    def classify(self, x: np.ndarray) -> np.ndarray:
        """0, 1 or 2 for each row: how many cut points its score passes."""
        return np.searchsorted(np.asarray(self.cuts), self.score(x), side="right")


def fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], ridge: float = RIDGE) -> Fitted:
    """Ridge least squares of level on standardised features, then two cut points between the levels."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    coef = np.linalg.solve(z.T @ z + ridge * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    intercept = float(y.mean())
    scores = intercept + z @ coef
    return Fitted(names, mean, scale, coef, intercept, mean_cuts(scores, y))


def mean_cuts(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The two cut points halfway between the mean training scores of neighbouring levels.

    Not the pair that classifies the training texts best: that search picks
    two numbers among some 220 candidates on the training texts themselves and
    follows their quirks; held out, it named 191 texts right where halfway
    between the means names 197 (docs/readability.md, "Every variant tried").
    """
    means = [float(scores[y == level].mean()) for level in range(LEVELS)]
    return ((means[0] + means[1]) / 2, (means[1] + means[2]) / 2)


def folds(stories: list[str], k: int = FOLDS) -> dict[str, int]:
    """Fold of each story: stories sorted by name and dealt round-robin (deterministic)."""
    return {story: i % k for i, story in enumerate(sorted(set(stories)))}


@dataclass(frozen=True)
class CrossValidation:
    """Held-out figures: each text scored by a model that never saw its story."""

    scores: np.ndarray
    predicted: np.ndarray
    pairs_right: int
    pairs: int
    accuracy: float
    adjacent: float  # off by at most one level

    @property
    def pairwise(self) -> float:
        """Share of (ele<int, int<adv, ele<adv) pairs of one story put in the right order."""
        return self.pairs_right / self.pairs


def cross_validate(
    x: np.ndarray,
    y: np.ndarray,
    stories: list[str],
    names: tuple[str, ...],
    k: int = FOLDS,
    ridge: float = RIDGE,
) -> CrossValidation:
    """Fit on k-1 folds of stories, score the held-out fold, for every fold."""
    fold_of = folds(stories, k)
    fold = np.array([fold_of[s] for s in stories])
    scores, predicted = np.zeros(len(y)), np.zeros(len(y), dtype=int)
    for f in range(k):
        test = fold == f
        model = fit(x[~test], y[~test], names, ridge)
        scores[test], predicted[test] = model.score(x[test]), model.classify(x[test])
    right, total = pairs_in_order(scores, y, stories)
    return CrossValidation(
        scores,
        predicted,
        right,
        total,
        float(np.mean(predicted == y)),
        float(np.mean(np.abs(predicted - y) <= 1)),
    )


def pairs_in_order(scores: np.ndarray, y: np.ndarray, stories: list[str]) -> tuple[int, int]:
    """(pairs in the right order, pairs) over every two levels of the same story."""
    right = total = 0
    for story in set(stories):
        rows = [i for i, s in enumerate(stories) if s == story]
        for a in rows:
            for b in rows:
                if y[a] < y[b]:
                    total += 1
                    right += bool(scores[a] < scores[b])
    return right, total
