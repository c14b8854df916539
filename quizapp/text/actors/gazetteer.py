"""Countries by every name a news story uses for them.

The small spaCy model recognises "Russia" as a place but reports "Russian" as
a nationality, "Moscow" as a city, and misses "U.S." inside "U.S.-backed". A
reader knows all of these point at one country. The country data (names,
alternative spellings, capitals, demonyms) comes from the ``countryinfo``
package, so no list is kept by hand here; this module only derives the
lookup keys a text needs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from countryinfo.countryinfo import CountryInfoDict

# Two-letter ISO codes are real words too ("IT", "AT", "IN"); accept a bare
# code only where spaCy already called the span a place, and always accept
# the dotted forms ("U.S.", "U.K."), which mean nothing else.
_CODE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True)
class Country:
    """One country and the words that name it or stand for it."""

    name: str
    demonym: str
    capital: str
    aliases: tuple[str, ...]
    code: str = ""  # ISO 3166 alpha-3
    borders: tuple[str, ...] = ()  # alpha-3 codes of the neighbours

    @property
    def government(self) -> str:
        """How a story names the country's government ("Syrian government")."""
        return f"{self.demonym} government" if self.demonym else f"Government of {self.name}"


def _key(text: str) -> str:
    """Comparison key: case, the article "the" and final dots do not matter."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    return text.rstrip(".").lower()


def _dotted(code: str) -> str:
    """ "US" -> "U.S." """
    return "".join(f"{letter}." for letter in code)


def _capital_forms(capital: str) -> tuple[str, ...]:
    """ "Washington D.C." is "Washington" in running text."""
    short = re.sub(r",?\s+D\.?C\.?$", "", capital).strip()
    return tuple(dict.fromkeys(form for form in (capital, short) if form))


def _text(value: str | list[str] | tuple[str, ...] | None) -> str:
    """A field as text: a few entries hold a list (several capitals); take the first."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return (value or "").strip()


def _country(info: CountryInfoDict) -> Country | None:
    name = _text(info.get("name"))
    if not name:
        return None
    spellings = [s.strip() for s in info.get("altSpellings") or [] if s and s.strip()]
    codes = [s for s in spellings if _CODE.match(s)]
    aliases = [s for s in spellings if not _CODE.match(s)] + [_dotted(c) for c in codes]
    # "Great Britain" is "Britain" in running text.
    aliases += [s.split(" ", 1)[1] for s in aliases if s.startswith("Great ")]
    return Country(
        name=name,
        demonym=_text(info.get("demonym")),
        capital=_text(info.get("capital")),
        aliases=tuple(dict.fromkeys(aliases + codes)),
        code=_text((info.get("ISO") or {}).get("alpha3")),
        borders=tuple(info.get("borders") or ()),
    )


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables from a surface form to its country."""

    by_name: dict[str, Country]
    by_code: dict[str, Country]
    by_demonym: dict[str, Country]
    by_capital: dict[str, Country]
    by_iso: dict[str, Country]

    def country(self, text: str, allow_code: bool = False) -> Country | None:
        """The country named by ``text`` ("Russia", "the U.S."), if any."""
        found = self.by_name.get(_key(text))
        if found is None and allow_code:
            found = self.by_code.get(text.strip())
        return found

    def demonym(self, text: str) -> Country | None:
        """The country of a nationality word ("Russian", "Russians")."""
        key = _key(text)
        return self.by_demonym.get(key) or self.by_demonym.get(key.removesuffix("s"))

    def capital(self, text: str) -> Country | None:
        """The country whose capital is ``text`` ("Moscow" -> Russia)."""
        return self.by_capital.get(_key(text))

    def neighbours(self, name: str) -> list[Country]:
        """The countries bordering the country called ``name``: plausible wrong answers."""
        country = self.country(name)
        return [self.by_iso[c] for c in country.borders if c in self.by_iso] if country else []


def _index(countries: list[Country]) -> Gazetteer:
    by_name: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    by_iso = {c.code: c for c in countries if c.code}
    # Smaller territories share demonyms and capitals with their countries
    # ("American" Samoa); the first, sovereign entry wins because the
    # territories' entries are longer names that we add second.
    for country in sorted(countries, key=lambda c: len(c.name)):
        for alias in (country.name, *country.aliases):
            if _CODE.match(alias):
                by_code.setdefault(alias, country)
            else:
                by_name.setdefault(_key(alias), country)
        if country.demonym:
            by_demonym.setdefault(_key(country.demonym), country)
        for form in _capital_forms(country.capital):
            by_capital.setdefault(_key(form), country)
    return Gazetteer(by_name, by_code, by_demonym, by_capital, by_iso)


@functools.cache
def load() -> Gazetteer:
    """The gazetteer, built once per process from ``countryinfo``'s data."""
    from countryinfo import all_countries

    countries = [_country(c.info()) for c in all_countries()]
    return _index([c for c in countries if c is not None])
