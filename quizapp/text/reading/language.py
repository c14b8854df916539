"""Is this English? quizapp's reading level, glossary and questions are made for English text only.

A Chinese article used to get reading grade 1425.2: the formulas count
syllables and words the English way, and a line of Han characters is one
enormous "word". This check runs right after cleaning, before any of that:
a text that is not English is refused with a message that says what
quizapp can and cannot do with it. It is deliberately simple (no model):

* mostly letters of another script (Han, Arabic, Cyrillic...) is not English;
* in Latin letters, a text of some length with few of the commonest English
  words ("the", "and", "of"...) is not English either: they make up about a
  third of any English article, and a few percent of a French or Spanish one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from quizapp.text.errors import InputError

COMMON_ENGLISH = frozenset(
    "the and of to a in is that for it was on with as he she his her they are be by at this from have has had "
    "not but said will an were which or their its who".split()
)
MIN_WORDS_TO_JUDGE = 30  # below this a headline or a list of names could be anything
MIN_COMMON_SHARE = 0.10
CAN_AND_CANNOT = (
    "quizapp measures reading level, finds who's who and writes questions for English articles "
    "only, so it was not added. Paste the English version of the article instead."
)


class NotEnglish(InputError):
    """The text is not English; the message says why it looks so and what quizapp can do."""


def require_english(paragraphs: tuple[str, ...] | list[str]) -> None:
    """Raise ``NotEnglish`` for text that is not English (see the module docstring for how it is told)."""
    text = "\n".join(paragraphs)
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return
    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in letters)
    main, count = scripts.most_common(1)[0]
    if main != "LATIN" and count / len(letters) > 0.5:
        raise NotEnglish(
            f"This text does not look like English: most of its letters are {_script_name(main)}. "
            + CAN_AND_CANNOT
        )
    words = re.findall(r"[^\W\d_]+", text.lower())
    if (
        len(words) >= MIN_WORDS_TO_JUDGE
        and sum(w in COMMON_ENGLISH for w in words) / len(words) < MIN_COMMON_SHARE
    ):
        raise NotEnglish(
            "This text does not look like English: it has almost none of the commonest English "
            "words (the, and, of, to). " + CAN_AND_CANNOT
        )


def _script_name(unicode_word: str) -> str:
    """ "CJK" -> "Chinese or Japanese characters", "CYRILLIC" -> "Cyrillic"."""
    return {
        "CJK": "Chinese or Japanese characters",
        "HANGUL": "Korean (Hangul)",
        "HIRAGANA": "Japanese",
        "KATAKANA": "Japanese",
    }.get(unicode_word, unicode_word.title())
