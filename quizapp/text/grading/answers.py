"""Answer text as comparable tokens: what is left once a fair teacher ignores the noise.

Case, accents, punctuation, HTML tags, articles and the Arabic article
("al-Sukhna", "As-Sukhna", "Sukhna") do not change which name a pupil
wrote, so they are folded away here, on both the answer key and the response.
Numbers become digits however they are written ("two", "II" and "2nd" are
"2"; see ``numbers``), "isn't" becomes "is not" so a
negation is a word of its own, and abbreviations ("U.S.", "UK") become one
token that cannot be mistaken for a word ("us" the pronoun).

Work is capped: only the first ``MAX_CHARS`` characters and ``MAX_TOKENS``
tokens of a response are read, so a pasted essay costs no more than a line.
"""

from __future__ import annotations

import re
import unicodedata

from quizapp.text.grading import numbers

MAX_CHARS = 2000
MAX_TOKENS = 300

ARTICLES = frozenset({"a", "an", "the"})
# The Arabic article in its usual transliterations, sun-letter forms included
# ("ash-Sham", "ad-Dawla"). Dropped wherever it stands: as English words
# ("at", "as", "en") they never carry the answer.
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "ag", "an", "ar", "as", "at", "az", "ed", "en", "er", "es", "et", "ez", "ul", "ud"}
)
_ASH = re.compile(r"\bash-(?=\w)", re.I)  # "ash-Sham"; "ash" alone is the word (volcanic ash)
DROPPED = ARTICLES | ARABIC_ARTICLES
# Short words a pupil may type in capitals ("it's NOT Iraq"): never abbreviations.
_SHORT_WORDS = frozenset(
    """a am an and any are as at be but by can did do for go had has he her
    hi him his how i idk if in is it its lol me my no nor not now of off ok omg on one or our out
    she so the to too two up was we who why yes you""".split()
)
# Abbreviations typed in lower case that can only be the abbreviation (the country, the UN, the EU).
_LOWER_CODES = {"usa": "u_s_a", "uk": "u_k", "uae": "u_a_e", "ussr": "u_s_s_r", "un": "u_n", "eu": "e_u"}

_TAG = re.compile(r"<[^<>]{0,200}>")
_NOT = re.compile(r"n['’]t\b", re.I)
_POSSESSIVE = re.compile(r"['’]s\b", re.I)
_APOSTROPHE = re.compile(r"['’‘`ʼ]")
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z])+\.?(?!\w)")
_CAPS = re.compile(r"\b(?:[A-Z]{2,3}|USSR|DPRK)\b")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_SPACED = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)\b")  # "12 500": a space between thousands
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*")
_ALONE = re.compile(r"[\W_]*[^\W_]+(?:_[^\W_]+)*[\W_]*")
_DIGIT = re.compile(r"\d")


def tokens(text: str, form: bool = False) -> tuple[str, ...]:
    """The words of ``text`` that can name something, folded for comparison.

    ``form=True`` reads an answer key's form: capitals there are always an
    abbreviation ("IS" is Islamic State), and a form that is nothing but
    dropped words ("The The") keeps them rather than vanish.
    """
    text = text[:MAX_CHARS]
    text = _TAG.sub(" ", text) if "<" in text else text
    text = _ASH.sub(" ", text) if "-" in text else text
    text = _POSSESSIVE.sub("", _NOT.sub(" not", text))
    text = _APOSTROPHE.sub("", text)
    shouted = text.isupper()  # asked before "U.S." becomes the lower-case code "u_s"
    text = _DOTTED.sub(_code, text)
    alone = _ALONE.fullmatch(text) is not None  # "IS" or "US" on its own can only be the abbreviation
    if form or alone or not shouted:  # a shouted sentence has no abbreviations in it
        text = _CAPS.sub(_code if form or alone else _code_unless_word, text)
    text = numbers.symbols(text)  # after the capitals are read: "%" becomes a lower-case word
    digits = _DIGIT.search(text) is not None
    if digits:
        text = _DECIMAL.sub("_", _THOUSANDS.sub("", _SPACED.sub(_unspaced, text)))
    words = _WORD.findall(_fold(text))[:MAX_TOKENS]
    kept = tuple(numbers.normalise(_kept(["u_s"] if words == ["us"] else words), digits))
    return tuple(words) if form and not kept else kept


def key(words: tuple[str, ...]) -> tuple[str, ...]:
    """Order-free lookup key: "Assad Bashar" names the same man as "Bashar Assad"."""
    return words if len(words) < 2 else tuple(sorted(words))


def edit_budget(length: int) -> int:
    """Typos forgiven in a word this long: none up to 3 letters, 1 up to 7, then 2."""
    return 0 if length <= 3 else 1 if length <= 7 else 2


def _kept(words: list[str]) -> list[str]:
    """Words minus articles, with "the us" read as the country.

    A lone "us" is the country too: nobody answers a question with the pronoun.
    """
    kept = []
    previous = ""
    for word in words:
        if word in _LOWER_CODES:
            word = _LOWER_CODES[word]
        elif word == "us" and previous == "the":
            word = "u_s"
        previous = word
        if word not in DROPPED:
            kept.append(word)
    return kept


def _unspaced(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).replace(" ", "")


def _fold(text: str) -> str:
    """Lower case without accents; other scripts are kept, only their marks go."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _code(match: re.Match[str]) -> str:
    """ "U.S." / "US" -> the token "u_s", which no ordinary word can equal; "ONE", "TEN" stay numbers."""
    if match.group(0).lower() in numbers.NUMBER_WORDS:
        return match.group(0)
    return " " + "_".join(match.group(0).replace(".", "").lower()) + " "


def _code_unless_word(match: re.Match[str]) -> str:
    """A capitalised short word ("AND", "NOT") stays a word; others are abbreviations."""
    word = match.group(0)
    return word if word.lower() in _SHORT_WORDS else _code(match)
