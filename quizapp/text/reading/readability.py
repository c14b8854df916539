"""Readability figures a teacher can trust: textstat's formulas fed with true counts.

Why not call ``textstat.flesch_kincaid_grade(text)``? Its public functions take
raw text and count sentences with a regex that splits at every full stop
("U.S." makes three sentences) and then drops "sentences" of two words or
fewer. On the seed article that turns 6 sentences into 7 and moves the
Flesch-Kincaid grade by almost two grades. Its API has no way to pass counts
in, so we count ourselves and apply the same published formulas:

- sentences are spaCy's (``doc.sents`` over every paragraph's Doc), counting
  only sentences that contain a word;
- a word is what textstat's ``lexicon_count`` calls one: a whitespace-separated
  chunk with at least one letter or digit, so "U.S.-backed" and "Assad's" are
  one word each. We group spaCy tokens back into such chunks (a token with no
  trailing whitespace is glued to the next one) inside each sentence;
- syllables come from textstat's own counter (CMU dictionary, then pyphen),
  word by word. Two deliberate differences from textstat on messy text: a
  curly apostrophe is read as a straight one (so "Syria’s" is looked up as
  "syria's" in the dictionary) and a hyphenated word is the sum of its parts
  ("Russian-backed" = russian + backed), where textstat would guess at the
  glued-together "russianbacked" with pyphen;
- letters (Coleman-Liau) are letters and digits; characters (ARI) are all
  non-space characters of the words, punctuation included, as textstat counts;
- difficult words (Dale-Chall) are words not on textstat's Dale-Chall easy
  list; complex words (Gunning fog) are difficult words of 3+ syllables, as
  textstat's ``count_difficult_words`` with the language's syllable threshold.

On clean text (no abbreviations, no very short sentences, no hyphens) every
figure equals textstat's own to 1e-6; tests/text/test_readability.py checks it.

``grade_level`` comes from the reading-level model (``reading_level.py``),
fitted on OneStopEnglish texts that teachers wrote at three levels; the band,
CEFR level and UK year follow from it. The mean of the Flesch-Kincaid,
Coleman-Liau and ARI grades (``formula_grade``, the headline until the model)
only puts the model on the familiar US grade scale. docs/readability.md has
the figures.

``cmudict_offline.ensure()`` runs before any textstat call, so syllables are
counted with the CMU dictionary even with no network (textstat would
otherwise try to download it).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, fields, replace
from typing import TYPE_CHECKING, Literal, TypeAlias, TypedDict

import textstat
from textstat.backend.transformations import remove_punctuation
from textstat.backend.utils import get_lang_cfg, get_lang_easy_words

from quizapp.text.errors import InputError
from quizapp.text.reading import cmudict_offline, reading_level
from quizapp.text.types import HardSentence, Readability, Span

if TYPE_CHECKING:  # spaCy itself is imported only where a model is loaded (nlp.py): it is slow to import
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

LANG = "en_US"  # textstat's default language, which we do not change
READING_WPM = 150  # silent reading of a middle-school pupil; adults read ~200-250
HARD_GRADE = 12  # a sentence past high-school level (Flesch-Kincaid) is flagged...
LONG_SENTENCE = 30  # ...and so is any sentence of this many words or more
MAX_HARD_SENTENCES = 5
# In a hard article every sentence passes the fixed bars, and a page painted
# all over says nothing. A sentence is flagged only if it is also clearly
# harder than the article around it: this many grades above the article's
# Flesch-Kincaid grade, or this many times its mean sentence length.
RELATIVE_GRADES = 2
RELATIVE_LENGTH = 1.5
MAX_DIFFICULT_WORDS = 30
GradeFormula = Literal["flesch_kincaid_grade", "coleman_liau_index", "automated_readability_index"]
GRADE_FORMULAS: tuple[GradeFormula, ...] = (
    "flesch_kincaid_grade",
    "coleman_liau_index",
    "automated_readability_index",
)

# (grade_level below which the band applies, band); grade 5.9 is still "grades 3-5".
BANDS = (
    (3, "Very easy: grades 1–2"),
    (6, "Easy: grades 3–5"),
    (9, "Fairly easy: grades 6–8"),
    (11, "Standard: grades 9–10"),
    (13, "Fairly hard: grades 11–12"),
    (math.inf, "Hard: college"),
)

_HAS_WORD = re.compile(r"\w")
_HYPHENS = re.compile(r"[-‐‑–—/]+")
_NAME_ENTITIES = {
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
}


@dataclass(frozen=True)
class Counts:
    """The raw counts every formula is built from; they add up across sentences."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    letters: int = 0
    characters: int = 0
    polysyllables: int = 0
    complex_words: int = 0
    difficult_words: int = 0

    def __add__(self, other: Counts) -> Counts:
        """Field-by-field sum, so ``sum(..., Counts())`` totals sentences into an article."""
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))


class Formulas(TypedDict):
    """The seven formulas' figures, named as ``Readability``'s fields."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float


Sentences: TypeAlias = "list[tuple[int, SpacySpan, Counts]]"  # (paragraph, spaCy sentence, Counts), in order


def score(docs: Sequence[Doc]) -> Readability:
    """Score an article given as one spaCy Doc per paragraph; ``InputError`` if it has no words."""
    sentences = counted_sentences(docs)
    total = sum((counts for _, _, counts in sentences), Counts())
    if total.words == 0:
        raise InputError("There are no words to score: paste the text of the article and try again.")
    figures = formulas(total)
    level = reading_level.predict(reading_level.features(sentences, total, docs))
    return Readability(
        **figures,
        **{f.name: getattr(total, f.name) for f in fields(Counts)},
        grade_level=level.grade,
        band=band(level.grade),
        cefr=level.cefr,
        uk_year=reading_level.uk_year(level.grade),
        level_reasons=level.reasons,
        reading_minutes=reading_minutes(total.words),
        hard_sentences=hard_sentences(
            sentences, figures["flesch_kincaid_grade"], total.words / total.sentences
        ),
        difficult_word_list=difficult_word_list(docs),
    )


def counted_sentences(docs: Iterable[Doc]) -> Sentences:
    """``(paragraph, spaCy sentence, Counts)`` for every sentence of the article, in order."""
    cmudict_offline.ensure()  # before any textstat call: it would try to download otherwise
    return [(i, sent, sentence_counts(sent)) for i, doc in enumerate(docs) for sent in doc.sents]


def sentence_counts(sent: SpacySpan) -> Counts:
    """Count one spaCy sentence; a sentence with no words counts as no sentence."""
    words = [word_counts(chunk) for chunk in _chunks(sent)]
    total = sum((w for w in words if w.words), Counts())
    return replace(total, sentences=1) if total.words else total


def _chunks(sent: SpacySpan) -> Iterator[str]:
    """The sentence's text split at whitespace, rebuilt from spaCy tokens."""
    chunk = ""
    for token in sent:
        chunk += token.text
        if token.whitespace_ or token.is_space or token.i == sent.end - 1:
            yield chunk.strip()
            chunk = ""


def word_counts(chunk: str) -> Counts:
    """Counts for one whitespace-separated chunk; all zero if it has no letter or digit."""
    cmudict_offline.ensure()  # cheap after the first call; textstat needs it for syllables
    form = chunk.replace("’", "'")
    if not _HAS_WORD.search(form):
        return Counts()
    syllables = sum(textstat.syllable_count(part) for part in _HYPHENS.split(form) if _HAS_WORD.search(part))
    # textstat's own word form ("U.S.-backed" -> "USbacked") decides difficulty.
    difficult = remove_punctuation(form, rm_apostrophe=False).lower() not in get_lang_easy_words(LANG)
    return Counts(
        words=1,
        syllables=syllables,
        letters=len(re.findall(r"\w", form)),
        characters=len(chunk),
        polysyllables=int(syllables >= 3),
        complex_words=int(difficult and syllables >= get_lang_cfg(LANG, "syllable_threshold")),
        difficult_words=int(difficult),
    )


def formulas(c: Counts) -> Formulas:
    """The seven published formulas, written as textstat 0.7.13 writes them."""
    wps, spw = c.words / c.sentences, c.syllables / c.words
    pct_difficult = 100 * c.difficult_words / c.words
    dale_chall = 0.1579 * pct_difficult + 0.0496 * wps + (3.6365 if pct_difficult > 5 else 0)
    return {
        "flesch_reading_ease": get_lang_cfg(LANG, "fre_base")
        - get_lang_cfg(LANG, "fre_sentence_length") * wps
        - get_lang_cfg(LANG, "fre_syll_per_word") * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * c.complex_words / c.words),
        "smog_index": 1.043 * (30 * c.polysyllables / c.sentences) ** 0.5 + 3.1291,
        "coleman_liau_index": 0.058 * (100 * c.letters / c.words)
        - 0.296 * (100 * c.sentences / c.words)
        - 15.8,
        "automated_readability_index": 4.71 * c.characters / c.words + 0.5 * wps - 21.43,
        "dale_chall_readability_score": dale_chall,
    }


def formula_grade(figures: Formulas) -> float:
    """The mean of the FK, Coleman-Liau and ARI grades: the scale the model's grade is put on."""
    return sum(figures[name] for name in GRADE_FORMULAS) / len(GRADE_FORMULAS)


def band(grade: float) -> str:
    """The plain-words band for a grade level (``BANDS``)."""
    return next(label for upper, label in BANDS if grade < upper)


def reading_minutes(words: int) -> float:
    """Minutes a pupil needs at ``READING_WPM``, rounded up to the half minute."""
    return max(0.5, math.ceil(2 * words / READING_WPM) / 2)


def hard_sentences(
    sentences: Sentences, text_grade: float = 0.0, mean_length: float = 0.0
) -> tuple[HardSentence, ...]:
    """The hardest few sentences, hardest first: hard or long, and harder than the text around them."""
    grade_bar = max(HARD_GRADE, text_grade + RELATIVE_GRADES)
    length_bar = max(LONG_SENTENCE, mean_length * RELATIVE_LENGTH)
    found = []
    for paragraph, sent, counts in sentences:
        if not counts.words:
            continue
        grade = formulas(counts)["flesch_kincaid_grade"]
        if grade >= grade_bar or counts.words >= length_bar:
            span = Span(paragraph, sent.start_char, sent.end_char)
            reason = f"{counts.words} words; grade {round(grade)}"
            found.append(HardSentence(span=span, text=sent.text, grade=grade, reason=reason))
    found.sort(key=lambda h: (-h.grade, h.span.paragraph, h.span.start))
    return tuple(found[:MAX_HARD_SENTENCES])


def difficult_word_list(docs: Iterable[Doc]) -> tuple[str, ...]:
    """Words to pre-teach: off the Dale-Chall easy list, most frequent then longest first.

    Unlike the count fed to Dale-Chall, this list is meant for a person: it
    gives the dictionary form ("truce" for "truces"), skips regular forms of
    easy words ("hopes", "quietly"), names (the actor glossary explains those)
    and numbers.
    """
    easy = get_lang_easy_words(LANG)
    lemmas = Counter(
        token.lemma_.lower()
        for doc in docs
        for token in doc
        if token.is_alpha
        and token.pos_ != "PROPN"
        and token.ent_type_ not in _NAME_ENTITIES
        and not _easy(token, easy)
    )
    ranked = sorted(lemmas, key=lambda w: (-lemmas[w], -len(w), w))
    return tuple(ranked[:MAX_DIFFICULT_WORDS])


def _easy(token: Token, easy: set[str]) -> bool:
    """On the easy list as written, as its dictionary form, or as an easy word + "-ly"."""
    forms = {token.lower_, token.lemma_.lower()}
    adverb = token.lower_.removesuffix("ly")
    if adverb != token.lower_:
        forms |= {adverb, adverb[:-1] + "y" if adverb.endswith("i") else adverb}
    return not forms.isdisjoint(easy)
