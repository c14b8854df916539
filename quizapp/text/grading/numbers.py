"""Numbers, ordinals, units and a few abbreviations as one comparable token.

A teacher who writes "the Second World War" accepts "world war 2", "WW2",
"World War II" and "2nd world war"; "1,500" is "1500" is "one thousand five
hundred"; "5 km" is "5 kilometres" and "5km", but not "5 miles". So every
way of writing a number becomes the same token before answers are compared:

* digits, number words and Roman numerals of two letters or more (II to
  XXXIX, written in any case) become digits: "two", "II", "2" -> "2";
  "nineteen forty-five" -> "1945"; "1.5 million" -> "1500000";
* ordinals become their number: "second", "2nd" -> "2" (nobody marks
  "2" wrong for "second");
* a unit after a number joins it: "5 km", "5km", "five kilometres" ->
  "5_km"; "40%", "40 per cent" -> "40_percent"; "$5" -> "5_dollar";
* abbreviations pupils write for a few well-known things stand for
  their words: "WW2", "co2", "UN" (see ``ABBREVIATIONS``).

A lone "I" or "X" stays a word (the pronoun, a letter): "World War I" is read
as the letter, so "World War 1" or "WW1" is what counts for it.
The input is words as ``answers.tokens`` folds them: lower case, with
abbreviations typed in capitals as codes ("UN" -> "u_n", "II" -> "i_i").
"""

from __future__ import annotations

import re
from decimal import Decimal

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
    )
}
ORDINALS |= {w.replace("ty", "tieth"): v for w, v in TENS.items()} | {"hundredth": 100, "thousandth": 1000}
SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
UNIT_NAMES = {  # every spelling -> the unit's token
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "metre": "metre",
    "metres": "metre",
    "meter": "metre",
    "meters": "metre",
    "cm": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "mm": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "mile": "mile",
    "miles": "mile",
    "mi": "mile",
    "ft": "foot",
    "foot": "foot",
    "feet": "foot",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "gram": "gram",
    "grams": "gram",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "lb": "pound",
    "lbs": "pound",
    "pound": "pound",
    "pounds": "pound",
    "dollar": "dollar",
    "dollars": "dollar",
    "euro": "euro",
    "euros": "euro",
    "percent": "percent",
    "pc": "percent",
    "degree": "degree",
    "degrees": "degree",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "minute": "minute",
    "minutes": "minute",
    "mins": "minute",
    "seconds": "second",
    "secs": "second",
    "litre": "litre",
    "litres": "litre",
    "liter": "litre",
    "liters": "litre",
}
SCALE_NAMES = {"c": "", "celsius": "", "centigrade": "", "f": "_f", "fahrenheit": "_f"}  # Celsius unless said
PRONOUN_AFTER = frozenset({"of", "who", "that", "which", "where", "whose"})
CURRENCY_BEFORE = {"dollar", "pound", "euro"}  # "$5" is written before the number
ABBREVIATIONS = {
    "ww1": ("world", "war", "1"),
    "wwi": ("world", "war", "1"),
    "ww2": ("world", "war", "2"),
    "wwii": ("world", "war", "2"),
    "w_w": ("world", "war"),
    "ww": ("world", "war"),
    "co2": ("carbon", "dioxide"),
    "h2o": ("water",),
    "u_n": ("united", "nations"),
    "e_u": ("european", "union"),
    "g_d_p": ("gross", "domestic", "product"),
    "d_n_a": ("dna",),
    "n_h_s": ("national", "health", "service"),
    **{
        month[:3]: (month,)
        for month in "january february april june july august october november december".split()
    },
    "sept": ("september",),
    "sep": ("september",),
}
_GLUED = re.compile(r"(\d+(?:_\d+)?)(st|nd|rd|th|bn|km|kms|cm|mm|kg|kgs|lbs?|ft|mi|pc|yrs?|hrs?|mins?)")
_PLAIN = re.compile(r"[0-9]{1,20}(?:_[0-9]{1,20})?")
_WITH_UNIT = re.compile(r"(\d+(?:_\d+)?)(?:_([a-z_]+))?")
_SYMBOLS = (("%", " percent "), ("$", " dollar "), ("£", " pound "), ("€", " euro "), ("°", " degree "))
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(ORDINALS) | frozenset(SCALES)


def _roman_numerals() -> dict[str, int]:
    """II to XXXIX, as typed in lower case and as the code capitals become ("i_i")."""
    numerals = {}
    for n in range(2, 40):
        text = "x" * (n // 10) + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][n % 10]
        if len(text) > 1:
            numerals[text] = numerals["_".join(text)] = n
    return numerals


ROMANS = _roman_numerals()
TRIGGERS = NUMBER_WORDS | frozenset(ROMANS) | frozenset(ABBREVIATIONS) | frozenset(UNIT_NAMES) | {"per"}


def symbols(text: str) -> str:
    """ "40%", "$5", "£5" -> words the token pass can read: "40 percent", "dollar 5"."""
    for symbol, word in _SYMBOLS:
        if symbol in text:
            text = text.replace(symbol, word)
    return text


def normalise(words: list[str], digits: bool = True) -> list[str]:
    """The words with every number as digits, a unit joined to it, abbreviations spelled out.

    ``digits``: whether the text had any (when not, only number words need reading).
    """
    if TRIGGERS.isdisjoint(words) and not (digits and any(w[:1].isdigit() for w in words)):
        return words
    words = _expanded(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        value, i = _number_at(words, i)
        if value is None:
            out.append(words[i])
            i += 1
            continue
        number = _text(value)
        if i < len(words) and words[i] in UNIT_NAMES:
            number, i = f"{number}_{UNIT_NAMES[words[i]]}", i + 1
            if number.endswith("_degree") and i < len(words) and words[i] in SCALE_NAMES:
                number, i = number + SCALE_NAMES[words[i]], i + 1
        elif i + 1 < len(words) and words[i : i + 2] == ["per", "cent"]:
            number, i = f"{number}_percent", i + 2
        elif out and out[-1] in CURRENCY_BEFORE:
            number = f"{number}_{out.pop()}"
        out.append(number)
    return out


def roman(word: str) -> int | None:
    """ "ii", "i_i" (typed "II"), "xiv" -> 2, 2, 14; one letter alone ("i", "x") is no numeral."""
    return ROMANS.get(word)


def is_number(word: str) -> bool:
    """Whether a normalised token is a number (with or without its unit)."""
    return word[:1].isdigit()


def unit_of(word: str) -> str:
    """ "57_km" -> "km"; "1989" -> ""; "1_5" -> "" (a decimal, no unit)."""
    found = _WITH_UNIT.fullmatch(word)
    return (found.group(2) or "") if found else ""


def unit_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other keys a one-number answer accepts: the number without its unit, or with any unit.

    A teacher who keys "5 km" accepts "5"; one who keys "5" has not asked for
    a unit, so "5 km" and "5 people" count. "5 miles" for "5 km" does not.
    """
    found = _WITH_UNIT.fullmatch(words[0]) if len(words) == 1 else None
    if found is None:
        return []
    number, unit = found.groups()
    return [(number,)] if unit else [(f"{number}_{u}",) for u in sorted(set(UNIT_NAMES.values()))]


def _expanded(words: list[str]) -> list[str]:
    """Abbreviations spelled out, glued units split off ("5km" -> "5", "km")."""
    out: list[str] = []
    for word in words:
        glued = _GLUED.fullmatch(word)
        if word in ABBREVIATIONS:
            out += ABBREVIATIONS[word]
        elif glued:
            out += [glued.group(1)] + (
                [glued.group(2)] if glued.group(2) not in ("st", "nd", "rd", "th") else []
            )
        else:
            out.append(word)
    return out


def _number_at(words: list[str], i: int) -> tuple[Decimal | None, int]:
    """The number starting at ``words[i]`` and the index after it, or (None, i)."""
    word = words[i]
    if word[:1].isdigit():
        value = _decimal(word)
        if value is None:
            return None, i
        i += 1
        if i < len(words) and words[i] in SCALES:
            value, i = value * SCALES[words[i]], i + 1
        return value, i
    if word == "one" and i + 1 < len(words) and words[i + 1] in PRONOUN_AFTER:
        return None, i  # "one of them", "the one that won": a pronoun, not a count
    if word in ORDINALS or word in UNITS or word in TENS or (word in SCALES and word != "bn"):
        return _spelled(words, i)
    numeral = roman(word)
    return (Decimal(numeral), i + 1) if numeral else (None, i)


def _spelled(words: list[str], i: int) -> tuple[Decimal, int]:
    """A number in words: "twenty one", "one hundred and five", "nineteen forty five" (a year)."""
    total, current, century, last = 0, 0, None, None
    while i < len(words):
        word = words[i]
        if word == "and" and last in SCALES and i + 1 < len(words) and words[i + 1] in NUMBER_WORDS:
            i += 1
            continue
        small = UNITS.get(word, TENS.get(word, ORDINALS.get(word)))
        if small is not None:
            if last is not None and last not in SCALES and not (last in TENS and small < 10):
                if century is None and 10 <= current < 100 and small >= 10 and not total:
                    century, current = current, 0  # "nineteen | forty five"
                else:
                    break  # "one two" is two numbers
            current += small
        elif word in SCALES and word != "bn":
            if word == "hundred":
                current = max(current, 1) * 100
            else:
                total, current = total + max(current, 1) * SCALES[word], 0
        else:
            break
        last = word
        i += 1
        if word in ORDINALS:
            break  # an ordinal ends its number: "second world war"
    value = total + current
    return Decimal(century * 100 + value if century is not None else value), i


def _decimal(word: str) -> Decimal | None:
    """ "12", "1_5" -> 12, 1.5; anything else ("1e32024", "٣", forty digits) is no number we read."""
    if not _PLAIN.fullmatch(word):
        return None
    return Decimal(word.replace("_", "."))


def _text(value: Decimal) -> str:
    """ "1500", "1_5": a dot would split the token, so a decimal point is written "_"."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", "_")
