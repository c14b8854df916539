"""The glossary of actors: who and what the story is about, and the part each plays.

Mentions found by ``mentions`` are merged into actors (all the names of
Russia, "Russian" and "Moscow" among them, become one entry), the relations
between actors are read off the parse (``relations``), and each actor gets a
one-line role written from the text itself (``roles``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.text.actors import coreference, evidence, lexicon, mentions, nouns, quotes, relations, roles
from quizapp.text.types import Actor, Mention, Quote, Relation, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quizapp.text.actors.candidate import Candidate

Groups = dict[str, list["Candidate"]]  # actor key -> its mentions, in order
TokenActors = dict[tuple[int, int], str]  # (paragraph, token or char) -> actor id


KIND_ORDER = {"person": 0, "country": 1, "organization": 2, "group": 3, "place": 4, "other": 5}


@dataclass(frozen=True)
class Glossary:
    """The actors, every mention of them, and the relations between them."""

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    references: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()


def _merge_people(candidates: Iterable[Candidate]) -> Groups:
    """Group candidates by actor key; a person's short name joins the full name."""
    groups: Groups = defaultdict(list)
    for c in candidates:
        groups[c.key].append(c)
    return groups


def _canonical(group: list[Candidate]) -> str:
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


def _aliases(name: str, group: list[Candidate]) -> tuple[str, ...]:
    """Other words the story uses for the actor, once each, in order of use."""
    seen = {lexicon.fold(name)}
    out = []
    for c in group:
        if lexicon.fold(c.text) not in seen:
            seen.add(lexicon.fold(c.text))
            out.append(c.text)
    return tuple(out)


def _token_index(docs: Sequence[Doc], candidates: list[Candidate], ids: dict[str, str]) -> TokenActors:
    """(paragraph, token) -> actor id, the longer mention winning where two overlap."""
    index: TokenActors = {}
    for c in sorted(candidates, key=lambda c: c.end - c.start):
        doc = docs[c.doc]
        for token in doc:
            if token.idx >= c.start and token.idx + len(token.text) <= c.end:
                index[(c.doc, token.i)] = ids[c.key]
    return index


def _inner_index(docs: Sequence[Doc], candidates: list[Candidate], ids: dict[str, str]) -> TokenActors:
    """(paragraph, char) -> actor id for names inside a longer token ("U.S." in "U.S.-backed")."""
    inner: TokenActors = {}
    for c in candidates:
        token = next((t for t in docs[c.doc] if t.idx == c.start), None)
        if token is not None and c.end < token.idx + len(token.text):
            inner[(c.doc, c.start)] = ids[c.key]
    return inner


def build_glossary(docs: Sequence[Doc]) -> Glossary:
    """Find the actors of an article given its paragraphs parsed by spaCy."""
    candidates = mentions.collect(docs)
    groups = _merge_people(candidates)
    taken: set[str] = set()
    canonical = {key: _canonical(group) for key, group in groups.items()}
    ids = {key: _actor_id(canonical[key], taken) for key in groups}
    names = {ids[key]: canonical[key] for key in groups}
    persons = {ids[key] for key, group in groups.items() if group[0].kind == "person"}
    countries = {ids[key] for key, group in groups.items() if group[0].kind == "country"}
    token_actor = _token_index(docs, candidates, ids)
    found_quotes = quotes.find(docs)
    kinds = {ids[key]: group[0].kind for key, group in groups.items()}
    resolved, references = _resolve_references(docs, token_actor, groups, ids, kinds, found_quotes)
    index = relations.ActorIndex(
        {**resolved, **token_actor}, names, persons, _inner_index(docs, candidates, ids), countries
    )
    backed = [list(lexicon.backed_nouns(doc)) for doc in docs]
    found_relations = relations.extract(docs, index, backed)
    country_names = [names[i] for i in countries]

    def in_quote(p: int, char: int) -> bool:
        return quotes.inside(found_quotes, p, char) is not None

    actors = []
    for key, group in groups.items():
        ident = ids[key]
        actors.append(
            Actor(
                id=ident,
                name=names[ident],
                kind=group[0].kind,
                aliases=_aliases(names[ident], group),
                role=roles.describe(
                    ident,
                    group,
                    docs,
                    found_relations,
                    names,
                    country_names,
                    in_quote=in_quote,
                    resolve=lambda p, t: resolved.get((p, t.i)),
                ),
                mentions=len(group),
                first=Span(group[0].doc, group[0].start, group[0].end),
                label=group[0].label,
            )
        )
    actors.sort(key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))
    speakers = [_speaker(q, index) for q in found_quotes]
    return Glossary(
        tuple(actors),
        _display_mentions(docs, candidates, ids),
        found_relations,
        references,
        tuple(_quote(docs, q, s, names) for q, s in zip(found_quotes, speakers)),
    )


def _gender(group: list[Candidate]) -> str:
    """A person's sex as the text shows it: a title ("Mr", "Queen"), else the given name; "?" if neither."""
    for c in group:
        found = evidence.title_gender(c.text.split()[:1])
        if found:
            return found
    full = max((c.text for c in group), key=lambda t: len(t.split()))
    words = full.split()
    found = evidence.given_name_gender(words[0]) if len(words) > 1 else None
    return found if found in {"m", "f"} else "?"


def _resolve_references(
    docs: Sequence[Doc],
    token_actor: TokenActors,
    groups: Groups,
    ids: dict[str, str],
    kinds: dict[str, str],
    found_quotes: list[quotes.Found],
) -> tuple[TokenActors, tuple[Mention, ...]]:
    """Pronouns, descriptions and quoted "I", resolved by ``coreference`` (or left unresolved)."""
    genders = {ids[key]: _gender(group) for key, group in groups.items() if group[0].kind == "person"}
    role_nouns: dict[str, set[str]] = {}
    for key, group in groups.items():
        said = {nouns.human_role_of(docs[c.doc][c.head]) for c in group}
        said |= {w.lower() for c in group for w in lexicon.title_of(docs[c.doc][c.head]).split()}
        role_nouns[ids[key]] = said - {""}
    governments = frozenset(ids[key] for key in groups if key.startswith("gov:"))
    known = coreference.Actors(kinds, genders, role_nouns, governments)
    speakers: dict[int, str | None] = {}

    def speaker_of(q: quotes.Found) -> str | None:
        if id(q) not in speakers:
            speakers[id(q)] = _speaker(
                q, relations.ActorIndex({**resolver.resolved, **token_actor}, {}, set())
            )
        return speakers[id(q)]

    resolver = coreference.Resolver(
        docs, token_actor, known, lambda p, char: quotes.inside(found_quotes, p, char), speaker_of
    )
    return resolver.run()


def _speaker(q: quotes.Found, index: relations.ActorIndex) -> str | None:
    """The actor who speaks a quotation, if its speaker's words name (or stand for) one.

    The speaker's words are the subject of the verb of saying; where that is
    a description with the name beside it ("the director, Victoria Pomery,
    said"), the name in apposition.
    """
    if q.speaker_token is None:
        return None
    p, token = q.speaker_token
    found = index.token_actor.get((p, token.i))
    if found is None:
        found = next(
            (
                index.token_actor.get((p, c.i))
                for c in token.children
                if c.dep_ == "appos" and index.token_actor.get((p, c.i))
            ),
            None,
        )
    return found


def _quote(docs: Sequence[Doc], q: quotes.Found, speaker: str | None, names: dict[str, str]) -> Quote:
    spans = tuple(Span(p, start, end) for p, start, end in q.spans)
    text = " ".join(docs[p].text[start:end] for p, start, end in q.spans)
    speaker_text = lexicon.phrase(q.speaker_token[1]) if q.speaker_token else ""
    return Quote(spans, text, speaker, speaker_text, q.cue)


def _display_mentions(
    docs: Sequence[Doc], candidates: list[Candidate], ids: dict[str, str]
) -> tuple[Mention, ...]:
    """Mentions that never overlap, so each word links to one glossary entry.

    A name inside a longer one ("U.S." in "U.S.-backed militias") keeps its
    own link and the longer one is cut around it ("-backed militias").
    """
    out = []
    for c in candidates:
        inner = sorted(
            (
                o
                for o in candidates
                if o is not c
                and o.doc == c.doc
                and c.start <= o.start
                and o.end <= c.end
                and (o.end - o.start) < (c.end - c.start)
            ),
            key=lambda o: o.start,
        )
        start = c.start
        for o in inner + [None]:
            end = o.start if o is not None else c.end
            text = docs[c.doc].text[start:end]
            if text.strip(" -,"):
                out.append(Mention(ids[c.key], Span(c.doc, start, end), text))
            start = o.end if o is not None else start
    return tuple(sorted(out, key=lambda m: (m.span.paragraph, m.span.start)))
