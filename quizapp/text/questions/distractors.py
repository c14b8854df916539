"""Plausible wrong answers, and the accepted forms of right ones.

A good distractor is the same kind of thing as the answer (another town,
another country), from the article first so that a pupil who did not read
cannot rule it out, and never a synonym of the answer ("Moscow" is not a
wrong answer when the answer is Russia). Where the article has too few,
countries' neighbours (from the gazetteer) and capitals fill in.
"""

from __future__ import annotations

from quizapp.text.actors import gazetteer, lexicon
from quizapp.text.types import Actor

CORPORATE = {
    "International",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "plc",
    "PLC",
    "Group",
    "Corporation",
    "Corp",
    "Corp.",
}
AREA_NOUNS = {"province", "region", "district", "county"}  # a place is often named without its area noun
NEAR_KINDS = {
    "country": ("country",),
    "person": ("person",),
    "place": ("place",),
    "organization": ("organization", "group"),
    "group": ("group", "organization", "country"),
    "other": ("other",),
}


def answer_forms(actor: Actor) -> tuple[str, ...]:
    """Every way a pupil may rightly name ``actor``: name, aliases, demonyms, family name."""
    gaz = gazetteer.load()
    forms = [actor.name, *actor.aliases]
    country = gaz.country(actor.name)
    if actor.kind == "country" and country:
        # Official and transliterated names ("Russian Federation") yes; codes ("RU", "R.U.") no.
        forms += [
            country.demonym,
            country.demonym + "s",
            *(a for a in country.aliases if a.isascii() and not _is_code(a)),
        ]
    if actor.kind == "organization" and actor.name.endswith(" government"):
        demonym = actor.name.removesuffix(" government")
        owner = gaz.demonym(demonym)
        forms += ["government", f"the {demonym} government"] + ([owner.name] if owner else [])
    if actor.kind == "organization" and actor.name.split()[-1] in CORPORATE and len(actor.name.split()) > 1:
        forms.append(actor.name.rsplit(" ", 1)[0])  # "SOCO International" is "SOCO" in most of the article
    if actor.kind == "place" and len(actor.name.split()) > 1 and actor.name.split()[-1].lower() in AREA_NOUNS:
        forms.append(actor.name.rsplit(" ", 1)[0])  # "in Helmand" is as right as "in Helmand Province"
    if actor.kind == "person" and len(actor.name.split()) > 1:
        forms.append(actor.name.split()[-1])
    if actor.kind == "group" and len(actor.name.split()) > 1:
        forms.append(actor.name.split()[-1])  # "U.S.-backed militias" -> "militias"
    own = {actor.name, *actor.aliases}
    return tuple(dict.fromkeys(f for f in forms if f and (f in own or not _is_code(f))))


def _is_code(form: str) -> bool:
    """ISO codes like "RUS" or "R.U." are not how anyone answers (the article's own "U.S." is kept)."""
    letters = form.replace(".", "")
    return letters.isupper() and len(letters) <= 3


def for_actors(answers: list[Actor], actors: tuple[Actor, ...], count: int = 3) -> list[str]:
    """``count`` wrong answers of the answers' kind, article first, then the wider world."""
    taken = {lexicon.fold(f) for a in answers for f in answer_forms(a)}
    kind = answers[0].kind
    found: list[str] = []

    def offer(name: str) -> None:
        if len(found) < count and lexicon.fold(name) not in taken:
            taken.add(lexicon.fold(name))
            found.append(name)

    for near in NEAR_KINDS.get(kind, (kind,)):
        for actor in actors:
            if len(found) == count:
                return found  # enough: stopping here keeps a long article's questions linear in its length
            if actor.kind == near and actor not in answers:
                offer(actor.name)
    for name in _outside(answers, actors):
        offer(name)
    return found


def _outside(answers: list[Actor], actors: tuple[Actor, ...]) -> list[str]:
    """Names from beyond the article: neighbours of its countries, or their capitals for places."""
    gaz = gazetteer.load()
    countries = [a.name for a in actors if a.kind == "country"]
    if answers[0].kind == "place":
        # The main country's capital, its neighbours', then the other countries' (Damascus, Baghdad ...).
        main = [c for name in countries[:1] if (c := gaz.country(name))]
        nearby = main + [n for name in countries[:1] for n in gaz.neighbours(name)]
        nearby += [c for name in countries[1:] if (c := gaz.country(name))]
        return [c.capital.removesuffix(" D.C.") for c in nearby if c.capital]
    if answers[0].kind in {"country", "group"}:
        return [n.name for name in countries for n in gaz.neighbours(name)]
    return []
