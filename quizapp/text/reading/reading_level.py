"""The headline reading level: a small linear model fitted on texts teachers levelled by hand.

Why a model and not one more formula? The classic formulas were fitted in the
1940s-70s on school texts and look at one or two things each. On the
OneStopEnglish corpus (the same news story written by teachers at three
levels) their mean put the levels of one story in the wrong order 6 times in
246 and named a text's level right about half the time. This model weighs
what a teacher would look at: how long the sentences are (and how uneven),
how deep the clauses nest, subordinate and passive clauses, -ing/-ed verb
forms, syllables, the share of words off the Dale-Chall list and how familiar
the words are in everyday English, word by word and over the distinct words
used (``wordfreq``'s frequency list, which ships inside the package: nothing
is downloaded).

No feature reads the length of the whole text: the corpus's advanced versions
are longer, so length would "predict" its levels but not a teacher's article.

The coefficients, the feature means and scales, the cut points between the
corpus levels and the calibration to a US grade live in ``reading_level.json``
beside this file, written by ``scripts/refit_readability.py`` (``make
refit-readability``); docs/readability.md gives the cross-validated figures.
Predicting is a dot product, so scoring needs neither numpy nor the corpus.
"""

from __future__ import annotations

import functools
import json
import math
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from quizapp.text.reading.readability import Counts, Sentences

MODEL_FILE = Path(__file__).with_name("reading_level.json")
RARE_ZIPF = 4.0  # rarer than once in 100,000 words of everyday English
FLOOR_ZIPF = 3.0  # wordfreq's small English list stops about here
SUBORDINATE = {"advcl", "relcl", "ccomp", "csubj", "csubjpass", "acl"}
CLAUSAL = SUBORDINATE | {"xcomp", "conj"}
PASSIVE = {"nsubjpass", "csubjpass", "auxpass"}
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}
VERB_POS = {"VERB", "AUX"}
PARTICIPLES = {"VBN", "VBG"}  # "written", "writing": reduced clauses and participle phrases

# What a feature above / below the corpus average says about a text, in words read in two seconds.
FEATURE_WORDS = {
    "words_per_sentence": ("long sentences", "short sentences"),
    "sentence_length_sd": ("uneven sentence lengths", "even sentence lengths"),
    "syllables_per_word": ("long words", "short words"),
    "difficult_share": ("many hard words", "few hard words"),
    "rare_share": ("many rare words", "few rare words"),
    "mean_zipf": ("familiar words", "unfamiliar words"),
    "clause_depth": ("deeply nested clauses", "simple clauses"),
    "subordinate_per_sentence": ("many subordinate clauses", "few subordinate clauses"),
    "passive_per_sentence": ("many passives", "few passives"),
    "vocabulary_zipf": ("everyday vocabulary", "uncommon vocabulary"),
    "participle_share": ("many -ing/-ed verb forms", "few -ing/-ed verb forms"),
}


CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
LAST_UK_YEAR = 13  # Year 13 is the last year of school in England and Wales (US grade 12)

_HARDER = {"mean_zipf": -1, "vocabulary_zipf": -1}  # every other feature makes a text harder as it grows


@dataclass(frozen=True)
class Level:
    """What the model says about one text."""

    grade: float  # US school grade, calibrated on the corpus
    score: float  # the model's own scale: 0 elementary, 1 intermediate, 2 advanced
    cefr: str  # A1-C2
    reasons: tuple[str, ...]  # its largest contributions, in words, largest first


def features(sentences: Sentences, counts: Counts, docs: Iterable[Doc]) -> dict[str, float]:
    """The model's inputs for an article.

    ``sentences`` are ``(paragraph, spaCy sentence, Counts)`` triples and
    ``counts`` their total, exactly what ``readability.score`` has already
    counted, so nothing is counted twice.
    """
    lengths = [c.words for _, _, c in sentences if c.words]
    parsed = [sent for _, sent, c in sentences if c.words]
    n_sent = max(1, len(parsed))
    tokens = [t for doc in docs for t in doc]
    content = [t for t in tokens if t.is_alpha and t.pos_ in CONTENT_POS]
    zipfs = [_zipf(t.lower_.replace("’", "'")) for t in content]
    verbs = [t for t in tokens if t.pos_ in VERB_POS]
    return {
        "words_per_sentence": counts.words / counts.sentences,
        "sentence_length_sd": statistics.pstdev(lengths) if lengths else 0.0,
        "syllables_per_word": counts.syllables / counts.words,
        "difficult_share": counts.difficult_words / counts.words,
        "rare_share": sum(z < RARE_ZIPF for z in zipfs) / max(1, len(zipfs)),
        "mean_zipf": statistics.fmean(zipfs) if zipfs else 7.0,
        "clause_depth": statistics.fmean(_clause_depth(s) for s in parsed) if parsed else 0.0,
        "subordinate_per_sentence": sum(t.dep_ in SUBORDINATE for s in parsed for t in s) / n_sent,
        "passive_per_sentence": sum(t.dep_ in PASSIVE for s in parsed for t in s) / n_sent,
        "vocabulary_zipf": _vocabulary_zipf(content),
        "participle_share": sum(t.tag_ in PARTICIPLES for t in verbs) / max(1, len(verbs)),
    }


def _vocabulary_zipf(content: list[Token]) -> float:
    """Mean Zipf frequency of the distinct content words (dictionary forms), each counted once.

    ``mean_zipf`` counts every occurrence, so a story about gorillas, whose
    topic word comes back twenty times at every level, looks hard at every
    level. Counting each word once weighs the range of vocabulary the writer
    chose over the topic: on the corpus it separates the levels of different
    stories better than any other single measure (docs/readability.md).
    """
    lemmas = {t.lemma_.lower().replace("’", "'") for t in content}
    return statistics.fmean(_zipf(w) for w in lemmas) if lemmas else 7.0


def _clause_depth(sent: SpacySpan) -> int:
    """How many clauses deep the deepest word sits (a simple sentence is 0)."""
    deepest = 0
    for token in sent:
        depth, node = 0, token
        while node.head.i != node.i:
            depth += node.dep_ in CLAUSAL
            node = node.head
        deepest = max(deepest, depth)
    return deepest


def _zipf(word: str) -> float:
    """How common ``word`` is on wordfreq's Zipf scale (7 = "the", 3 = once per million words)."""
    freq = _frequencies().get(word)
    return FLOOR_ZIPF if not freq else max(FLOOR_ZIPF, math.log10(freq) + 9)


@functools.cache
def _frequencies() -> dict[str, float]:
    """wordfreq's small English list (about 29,000 words), read once from its packaged file."""
    import wordfreq  # imported here: its data is read on first use, not at import time

    return wordfreq.get_frequency_dict("en", wordlist="small")


@functools.cache
def model() -> dict[str, Any]:
    """The fitted model, read once from ``MODEL_FILE``."""
    fitted: dict[str, Any] = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return fitted


def predict(values: dict[str, float], fitted: dict[str, Any] | None = None) -> Level:
    """The level of a text from its ``features``, with the three largest reasons."""
    fitted = fitted or model()
    parts = contributions(values, fitted)
    score = fitted["intercept"] + sum(parts.values())
    grade = fitted["grade"]["intercept"] + fitted["grade"]["slope"] * score
    return Level(grade=grade, score=score, cefr=cefr(score, fitted), reasons=reasons(parts, fitted["coef"]))


def contributions(values: dict[str, float], fitted: dict[str, Any]) -> dict[str, float]:
    """Each feature's push away from the corpus average, in the model's units."""
    return {
        name: coef * (values[name] - fitted["mean"][name]) / fitted["scale"][name]
        for name, coef in fitted["coef"].items()
    }


def reasons(parts: dict[str, float], coef: dict[str, float], n: int = 3) -> tuple[str, ...]:
    """The ``n`` largest contributions as words: "long sentences", "few hard words".

    The words describe the text (above the corpus average: "long sentences"):
    the sign of ``part * coef`` is the sign of (value - mean). A feature the
    fit weighs against common sense (correlated features share out their
    weight, so deeper clauses can come out as *lowering* the level once
    sentence length is known) is a correction, not a reason a teacher could
    act on, so it is never named.
    """
    sensible = [name for name in parts if parts[name] and coef[name] * _HARDER.get(name, 1) > 0]
    largest = sorted(sensible, key=lambda name: -abs(parts[name]))[:n]
    return tuple(FEATURE_WORDS[name][0 if parts[name] * coef[name] > 0 else 1] for name in largest)


def cefr(score: float, fitted: dict[str, Any] | None = None) -> str:
    """The CEFR level (A1-C2) for a score, anchored on the corpus levels.

    OneStopEnglish's elementary, intermediate and advanced are taught as A2,
    B1-B2 and C1. So: below the elementary/intermediate cut point is A2 (A1 a
    whole corpus level further down), the intermediate band splits into B1 and
    B2 at its middle, above the intermediate/advanced cut point is C1 (C2 a
    whole level further up). It is an estimate, as any text-only CEFR is.
    """
    low, high = (fitted or model())["cuts"]
    bounds = (low - 1, low, (low + high) / 2, high, high + 1)
    return CEFR[sum(score >= b for b in bounds)]


def uk_year(grade: float) -> str:
    """The school year in England and Wales for a US grade: US grade 8 is Year 9."""
    year = math.floor(grade) + 1
    return "university" if year > LAST_UK_YEAR else f"Year {max(1, year)}"
