"""The glossary of actors: who and what the story is about, and the part each plays.

Mentions found by ``mentions`` are merged into actors (all the names of
Russia, "Russian" and "Moscow" among them, become one entry), the relations
between actors are read off the parse (``relations``), and each actor gets a
one-line role written from the text itself (``roles``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from quizapp.text import lexicon, mentions, relations, roles
from quizapp.text.types import Actor, Mention, Relation, Span

KIND_ORDER = {"person": 0, "country": 1, "organization": 2, "group": 3, "place": 4, "other": 5}


@dataclass(frozen=True)
class Glossary:
    """The actors, every mention of them, and the relations between them."""

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


def _merge_people(candidates):
    """Group candidates by actor key; a person's short name joins the full name."""
    groups: dict[str, list] = defaultdict(list)
    for c in candidates:
        groups[c.key].append(c)
    return groups


def _canonical(group) -> str:
    """The name to show: the fullest name given to a person, else the usual one."""
    first = group[0]
    if first.kind == "person":
        return max((c.text for c in group), key=lambda t: (len(t.split()), len(t)))
    if first.key.startswith(("country:", "gov:")):
        return first.name
    return Counter(c.name for c in group).most_common(1)[0][0]


def _actor_id(name: str, taken: set[str]) -> str:
    """A short, URL-safe id made from the name, stable for the same article."""
    base = "-".join(lexicon.fold(name).split()) or "actor"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _aliases(name: str, group) -> tuple[str, ...]:
    """Other words the story uses for the actor, once each, in order of use."""
    seen = {lexicon.fold(name)}
    out = []
    for c in group:
        if lexicon.fold(c.text) not in seen:
            seen.add(lexicon.fold(c.text))
            out.append(c.text)
    return tuple(out)


def _token_index(docs, candidates, ids):
    """(paragraph, token) -> actor id, the longer mention winning where two overlap."""
    index = {}
    for c in sorted(candidates, key=lambda c: c.end - c.start):
        doc = docs[c.doc]
        for token in doc:
            if token.idx >= c.start and token.idx + len(token.text) <= c.end:
                index[(c.doc, token.i)] = ids[c.key]
    return index


def _inner_index(docs, candidates, ids):
    """(paragraph, char) -> actor id for names inside a longer token ("U.S." in "U.S.-backed")."""
    inner = {}
    for c in candidates:
        token = next((t for t in docs[c.doc] if t.idx == c.start), None)
        if token is not None and c.end < token.idx + len(token.text):
            inner[(c.doc, c.start)] = ids[c.key]
    return inner


def build_glossary(docs) -> Glossary:
    """Find the actors of an article given its paragraphs parsed by spaCy."""
    candidates = mentions.collect(docs)
    groups = _merge_people(candidates)
    taken: set[str] = set()
    canonical = {key: _canonical(group) for key, group in groups.items()}
    ids = {key: _actor_id(canonical[key], taken) for key in groups}
    names = {ids[key]: canonical[key] for key in groups}
    persons = {ids[key] for key, group in groups.items() if group[0].kind == "person"}
    countries = {ids[key] for key, group in groups.items() if group[0].kind == "country"}
    index = relations.ActorIndex(_token_index(docs, candidates, ids), names, persons,
                                 _inner_index(docs, candidates, ids), countries)
    backed = [list(lexicon.backed_nouns(doc)) for doc in docs]
    found_relations = relations.extract(docs, index, backed)
    country_names = [names[i] for i in countries]
    actors = []
    for key, group in groups.items():
        ident = ids[key]
        actors.append(Actor(
            id=ident, name=names[ident], kind=group[0].kind,
            aliases=_aliases(names[ident], group),
            role=roles.describe(ident, group, docs, found_relations, names, country_names),
            mentions=len(group),
            first=Span(group[0].doc, group[0].start, group[0].end),
            label=group[0].label,
        ))
    actors.sort(key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))
    return Glossary(tuple(actors), _display_mentions(docs, candidates, ids), found_relations)


def _display_mentions(docs, candidates, ids) -> tuple[Mention, ...]:
    """Mentions that never overlap, so each word links to one glossary entry.

    A name inside a longer one ("U.S." in "U.S.-backed militias") keeps its
    own link and the longer one is cut around it ("-backed militias").
    """
    out = []
    for c in candidates:
        inner = sorted((o for o in candidates if o is not c and o.doc == c.doc
                        and c.start <= o.start and o.end <= c.end and (o.end - o.start) < (c.end - c.start)),
                       key=lambda o: o.start)
        start = c.start
        for o in inner + [None]:
            end = o.start if o is not None else c.end
            text = docs[c.doc].text[start:end]
            if text.strip(" -,"):
                out.append(Mention(ids[c.key], Span(c.doc, start, end), text))
            start = o.end if o is not None else start
    return tuple(sorted(out, key=lambda m: (m.span.paragraph, m.span.start)))
