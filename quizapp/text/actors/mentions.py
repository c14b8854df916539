"""Finding where the story names its actors, and repairing what the model gets wrong.

spaCy's small English model is good but not a reader. On real news it splits
names ("Islamic" NORP + "State" ORG), calls a town an organisation ("the town
of al-Sukhna" as ORG), keeps a leading "the" in a name, reports nationalities
("Russian") rather than the country, and misses "U.S." inside "U.S.-backed".
Each repair below is a rule about language, stated once and applied to any
article, never a list of this article's names.

The result is a list of ``Candidate`` mentions, each already resolved to an
actor *key* (``country:Russia``, ``person:assad``, ``gov:Syria`` ...), which
``actors`` turns into glossary entries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quizapp.text.actors import central, evidence, gazetteer, kinds, lexicon, nouns, spellings
from quizapp.text.actors.candidate import Candidate, make

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

Found = tuple[int, "SpacySpan", str]  # a name the model recognised: (paragraph, its words, its label)


NOT_SURNAMES = {"day", "week", "prize", "award", "fund", "foundation", "act", "law", "trust", "street"}
KEEP_LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
LAW_WORDS = {
    "act",
    "acts",
    "treaty",
    "amendment",
    "amendments",
    "bill",
    "law",
}  # the last word of a law's name
CORPORATE_SUFFIXES = {
    "international",
    "plc",
    "ltd",
    "inc",
    "group",
    "sa",
    "corp",
    "corporation",
    "co",
    "limited",
    "llc",
    "ag",
    "holdings",
}
_EDGE_JUNK = {"the", "a", "an", "and", "or", "of", "(", ")", ",", "-", "'s", "’s", "'", "’", '"', "“", "”"}


def _trim(span: SpacySpan) -> SpacySpan | None:
    """Drop determiners and stray punctuation the model left at a name's edges."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _EDGE_JUNK:
        start += 1
    while end > start and doc[end - 1].lower_ in _EDGE_JUNK:
        end -= 1
    verb = next(
        (t.i for t in doc[start:end] if t.pos_ == "VERB" and t.tag_ in {"VBD", "VBZ", "VBP"} and t.is_lower),
        None,
    )
    if verb is not None:  # "House of Commons questioned Starbucks": a name ends before its verb
        end = verb
    return doc[start:end] if end > start else None


def _entities(docs: Sequence[Doc]) -> list[Found]:
    """The model's named entities of the kinds a glossary wants, trimmed."""
    found: list[Found] = []
    for i, doc in enumerate(docs):
        for ent in doc.ents:
            span = _trim(ent) if ent.label_ in KEEP_LABELS else None
            if span is not None and ent.label_ == "ORG" and kinds.country_before(span):
                span = doc[span.start - 1 : span.end]  # "the UK Independence Party", where "UK" was left out
            if span is not None and ent.label_ == "PERSON" and kinds.given_name_before(span):
                span = doc[span.start - 1 : span.end]  # "Anders Jägerskog", where "Anders" was left out
            if span is not None and any(t.is_alpha and t.text[0].isupper() for t in span):
                found.append((i, span, ent.label_))
    return found


def _mend_splits(docs: Sequence[Doc], found: list[Found]) -> list[Found]:
    """Re-join names the model cut in two, and label a name the same way everywhere.

    A name recognised whole in one sentence ("Islamic State" as ORG) is a
    name everywhere in the article: any other occurrence of the same words,
    however the model tagged it there, becomes one mention with the label the
    model gave most often. This is the one-sense-per-discourse idea.
    """
    labels: dict[str, Counter[str]] = {}
    for _, span, label in found:
        if len(span) > 1:
            labels.setdefault(span.text, Counter())[label] += 1
    whole: list[Found] = []
    for i, doc in enumerate(docs):
        for text, counts in labels.items():
            for match in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", doc.text):
                words = doc.char_span(match.start(), match.end())
                if words is not None:
                    whole.append((i, words, counts.most_common(1)[0][0]))
    kept = [f for f in found if not any(_overlaps(f, w) for w in whole)]
    unique = {(i, s.start, s.end): (i, s, label) for i, s, label in whole}
    return sorted(kept + list(unique.values()), key=lambda f: (f[0], f[1].start))


def _overlaps(a: Found, b: Found) -> bool:
    return a[0] == b[0] and a[1].start < b[1].end and b[1].start < a[1].end


def _joined_names(found: list[Found]) -> list[Found]:
    """One name the model cut in two: "Spanish" + "Ornithological Society", "UK" + "Independence Party",
    "Royal Society" + "for the" + "Protection of Birds", "Lockheed" + "Martin" (a person's name the
    organisation's name runs into, in one noun phrase). A nationality, a country or an organisation
    right before an organisation's name,
    inside its noun phrase or joined by "for"/"of" (and "the"), is part of that name, unless the
    organisation is named on its own elsewhere ("Pakistani Taliban leaders" beside "the Taliban")."""
    own = Counter(span.text for _, span, label in found if label == "ORG")
    out: list[Found] = []
    for item in found:
        i, span, label = item
        if out and label == "ORG" and out[-1][0] == i and own[span.text] == 1:
            _, before, before_label = out[-1]
            gap = [t.lower_ for t in span.doc[before.end : span.start]]
            if (
                before_label in {"NORP", "GPE"}
                and not gap
                and before.root.head.i in range(span.start, span.end)
            ) or (before_label == "ORG" and gap in (["for"], ["of"], ["for", "the"], ["of", "the"])):
                out[-1] = (i, span.doc[before.start : span.end], "ORG")
                continue
        if out and label == "PERSON" and out[-1][0] == i and out[-1][2] == "ORG":
            _, before, _ = out[-1]
            if before.end == span.start and before.root.head.i in range(span.start, span.end):
                out[-1] = (i, span.doc[before.start : span.end], "ORG")  # "Lockheed" + "Martin"
                continue
        out.append(item)
    return out


def collect(docs: Sequence[Doc]) -> list[Candidate]:
    """All mentions in the article, each resolved to an actor key."""
    found = _mend_splits(docs, _joined_names(_entities(docs)))
    candidates = [c for i, span, label in found if (c := _resolve(i, span, label)) is not None]
    candidates = kinds.lost_apostrophes(
        docs, candidates, lambda span: f"org:{_org_key(span, gazetteer.load())}"
    )
    candidates = spellings.one_organisation(kinds.longer_country(candidates))
    candidates += _missed_countries(docs, candidates)
    candidates += _governments(docs, candidates)
    candidates += _backed_groups(docs, candidates)
    candidates = kinds.with_evidence(candidates, full_names_only=True)
    candidates = _one_sense(_apply_government_metonymy(candidates))
    candidates = kinds.with_evidence(candidates)
    candidates += kinds.surnames(docs, candidates)
    candidates += central.find(docs, candidates)
    return sorted(candidates, key=lambda c: (c.doc, c.start))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _acronyms(candidates: Iterable[Candidate]) -> dict[str, tuple[str, str, str]]:
    """ "the National Security Agency (NSA)": the short form names the same actor."""
    found: dict[str, tuple[str, str, str]] = {}
    for c in candidates:
        words = c.text.split()
        if len(words) > 1 and c.text.isupper() is False:
            found.setdefault(_initials(c.text), (c.key, c.kind, c.name))
    return {short: value for short, value in found.items() if len(short) >= 2}


def _likeliest(owners: set[str], by_text: dict[str, Counter[tuple[str, str, str]]]) -> set[str]:
    """Of the full names sharing a word, the one named most often, if one stands out."""
    if len(owners) < 2:
        return owners
    counts: Counter[str] = Counter()
    for counter in by_text.values():
        for (key, _, _), n in counter.items():
            if key in owners:
                counts[key] += n
    (best, top), (_, second) = counts.most_common(2)
    return {best} if top > second else owners


def _one_sense(candidates: list[Candidate]) -> list[Candidate]:
    """One name, one actor: the same words get the reading most of their mentions have.

    A person's short name ("Baumgartner", even where the model called it an
    organisation) joins the full name it is part of; where two full names
    share it, the one the story names more often ("Felix Baumgartner" over
    his mother "Ava Baumgartner"); on a tie ("Laurel Clark", "Jonathan
    Clark") it stays apart.
    """
    people: dict[str, set[str]] = {}
    acronyms = _acronyms(candidates)
    for c in candidates:
        if c.kind == "person" and len(c.text.split()) > 1:
            for word in lexicon.fold(c.text).split():
                people.setdefault(word, set()).add(c.key)
    full_names = {c.key: lexicon.fold(c.text) for c in candidates if c.kind == "person"}
    by_text: dict[str, Counter[tuple[str, str, str]]] = {}
    for c in candidates:
        by_text.setdefault(_said(c), Counter())[(c.key, c.kind, c.name)] += 1
    out = []
    for c in candidates:
        folded = _said(c)
        owners = _likeliest(people.get(folded, set()), by_text) if len(folded.split()) == 1 else set()
        if len(folded.split()) > 1 and c.kind == "person":  # "Del Nero" is "Marco Polo Del Nero"
            longer = {k for k in full_names if k != c.key and full_names[k].endswith(" " + folded)}
            owners = longer if len(longer) == 1 else set()
        if c.text in acronyms and c.kind != "person":
            key, kind, name = acronyms[c.text]
            c = replace(c, key=key, kind=kind, name=name)
        elif len(owners) == 1 and (
            c.kind in {"person", "organization", "other"}
            or (
                c.kind == "place"
                and not gazetteer.load().country(c.text)
                and not gazetteer.load().capital(c.text)
            )
        ):
            c = replace(c, key=next(iter(owners)), kind="person", evidence="full name")
        elif c.label != "RULE" and not c.key.startswith(("gov:", "country:")):
            key, kind, name = by_text[folded].most_common(1)[0][0]
            c = replace(c, key=key, kind=kind, name=name)
        out.append(c)
    return out


def _said(c: Candidate) -> str:
    """The name a mention says, folded: "Richards sister" (a lost apostrophe) says "Richard"."""
    return lexicon.fold(c.text[:-1] if c.evidence == "possessive" else c.text)


def _resolve(i: int, span: SpacySpan, label: str) -> Candidate | None:
    """Decide which actor a recognised name stands for, and what kind it is."""
    gaz = gazetteer.load()
    text = span.text
    if label == "LAW" or (
        label in {"ORG", "PRODUCT", "EVENT"} and len(span) > 1 and span[-1].lower_ in LAW_WORDS
    ):
        # "the FISA Amendments Act", "Foreign Intelligence Surveillance Act": a law is a named thing, not a body
        law = span[-1].lower_ in LAW_WORDS and span[-1].text[0].isupper()
        return make(i, span, label, f"work:{lexicon.fold(text)}", "other", text) if law else None
    if label in {"ORG", "FAC", "LOC", "PRODUCT"} and kinds.indefinite(span):
        return None  # "a World Heritage Site": a description of an actor, not one
    if label == "ORG" and span[0].lower_ in lexicon.TITLES:
        return None  # "Minister for Economic Renewal": a title the model took for a body
    if "," in text or kinds.name_as_word(span) or kinds.spelled_out_acronym(span):
        return None  # a list of names, "girls can be called Dimmblá", "CSP – concentrated solar power"
    if label == "ORG" and gaz.capital(text):
        return replace(
            make(i, span, label, f"place:{lexicon.fold(text)}", "place", text), evidence="gazetteer"
        )  # "the capital Reykjavik"
    if label == "PERSON" and len(span) == 1 and kinds.named_relative(span):
        return None  # "his brother Richard": a relative named by his given name, not the full name's owner
    if label == "PRODUCT" and kinds.spread_over(span):
        return replace(make(i, span, label, f"place:{lexicon.fold(text)}", "place", text), evidence="located")
    if label in {"ORG", "PRODUCT", "PERSON"} and (
        kinds.among_places(span) or kinds.one_of_other(span, lexicon.PLACE_NAME_WORDS)
    ):
        return replace(make(i, span, label, f"place:{lexicon.fold(text)}", "place", text), evidence="listed")
    if "%" in text or (label in {"ORG", "PRODUCT"} and kinds.among_common_nouns(span)):
        return None  # "national insurance, VAT and business rates": a thing in a list of things
    if (
        span.start
        and span.doc[span.start - 1].lower_ in evidence.PERSON_TITLES
        and evidence.is_known_place(text)
    ):
        return None  # "Captain Wales": part of a person's name, not the place
    descriptor = lexicon.place_descriptor(span)
    country = gaz.country(text, allow_code=label == "GPE")
    if country and not descriptor:
        return make(i, span, label, f"country:{country.name}", "country", country.name)
    if label == "NORP" or (label == "ORG" and len(span) == 1 and gaz.demonym(text)):
        return _resolve_nationality(i, span, label, gaz)  # "Guatemalan" is a nationality, whatever the label
    if label == "PERSON" and (
        gaz.country(span[0].text)
        or gaz.country(span[0].text, allow_code=True)
        or {t.lower_ for t in span[1:]} & nouns.ORGANISATION_WORDS
    ):
        # "UK Uncut", "Manchester United": a person's name never starts with a country or holds "United"
        # "UK Uncut": a person's name never starts with a country's
        return make(i, span, label, f"org:{lexicon.fold(text)}", "organization", text)
    if lexicon.is_work_title(span) and label in {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"}:
        return make(i, span, label, f"work:{lexicon.fold(text)}", "other", text)
    if (
        label == "GPE"
        and span.end < len(span.doc)
        and span.doc[span.end].pos_ == "PROPN"
        and span.doc[span.end].is_title
        and span.doc[span.end].ent_type_ == ""
    ):
        return None  # "China Girl": a country's name as the first word of another name
    if label == "PERSON" and span[-1].lower_ in NOT_SURNAMES:
        return make(i, span, label, f"org:{lexicon.fold(text)}", "other", text)  # "Malala Day"
    if label == "PERSON" or (label == "ORG" and kinds.person_named_as_organisation(span)):
        while len(span) > 1 and span[0].lower_ in evidence.PERSON_TITLES:
            span = span[1:]  # "Ms Johansson" is Johansson; the title stays before the name
            text = span.text
        if not span[0].text[:1].isupper():
            return None  # "Minister for Economic Renewal": a title, not a name
        return replace(
            make(i, span, label, f"person:{lexicon.person_key(text)}", "person", text),
            evidence=evidence.person_evidence(span),
        )
    capital = gaz.capital(text) if label == "GPE" else None
    if capital and lexicon.acts_for_a_state(span.root):
        # "Moscow organized ..." : the capital stands for the country's government.
        return make(i, span, label, f"capital:{capital.name}", "country", capital.name)
    if descriptor or label in {"GPE", "LOC", "FAC"}:
        return replace(
            make(i, span, label, f"place:{lexicon.fold(text)}", "place", text, descriptor),
            evidence=kinds.place_evidence(span, descriptor),
        )
    kind = "group" if lexicon.is_fighting_side(span) else "organization"
    if label == "PRODUCT" and kinds.described_as(span, nouns.ORGANISATION_NOUNS):
        kind = "organization"  # "Mondadori – the publishing company"
    elif label == "PRODUCT" and kinds.placed_in(span):
        return replace(
            make(i, span, label, f"place:{lexicon.fold(text)}", "place", text), evidence="placed"
        )  # "the Cairngorms in Scotland"
    elif (
        label in {"EVENT", "PRODUCT"} or lexicon.is_work_title(span) or span[-1].lower_ in lexicon.PRIZE_WORDS
    ):
        kind = "other"
    elif span[-1].lemma_.lower() in lexicon.PLACE_NAME_WORDS and not gaz.country(text):
        return replace(
            make(i, span, label, f"place:{lexicon.fold(text)}", "place", text), evidence="place word"
        )  # "Virunga National Park"
    return make(i, span, label, f"org:{_org_key(span, gaz)}", kind, text)


def _org_key(span: SpacySpan, gaz: gazetteer.Gazetteer) -> str:
    """ "US Department of Justice" is the "Department of Justice" the story names again later,
    and "SOCO International plc" is "SOCO"."""
    if len(span) > 2 and (gaz.country(span[0].text, allow_code=True) or gaz.demonym(span[0].text)):
        span = span[1:]
    words = lexicon.fold(span.text).split()
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    if len(words) > 1 and len(words[-1]) > 3:
        words[-1] = words[-1].removesuffix(
            "s"
        )  # "United Nation", as a text may misspell it, is the United Nations
    return " ".join(words)


def _resolve_nationality(i: int, span: SpacySpan, label: str, gaz: gazetteer.Gazetteer) -> Candidate | None:
    """ "Russian" names Russia; "Western governments" names a group; "Americans" is a people.

    A nationality used as a plural noun ("Americans", "South American
    Indians") names a people: a group, never the country. A word the
    gazetteer does not know as a nationality ("ex-British") is dropped.
    """
    if span.root.tag_ in {"NNPS", "NNS"} and span.root.dep_ not in {"amod", "compound"}:
        return make(i, span, label, f"group:{lexicon.fold(span.text)}", "group", span.text)
    group_noun = lexicon.group_noun(span)
    if group_noun is not None:
        whole = span.doc[span.start : group_noun.i + 1]
        name = whole.text
        country = gaz.demonym(span.text)
        if group_noun.lemma_ == "government" and country:
            return make(i, whole, label, f"gov:{country.name}", "organization", country.government)
        return make(i, whole, label, f"group:{lexicon.fold(name)}", "group", name)
    country = gaz.demonym(span.text)
    if lexicon.is_person_by_nationality(span):
        return None  # "the Austrian landed": a person named by nationality, not the country
    if country:
        return make(i, span, label, f"country:{country.name}", "country", country.name)
    return None


def _missed_countries(docs: Sequence[Doc], candidates: list[Candidate]) -> list[Candidate]:
    """Dotted country abbreviations the model missed, even inside "U.S.-backed"."""
    gaz = gazetteer.load()
    covered = {(c.doc, c.start) for c in candidates}
    found = []
    for i, doc in enumerate(docs):
        for match in re.finditer(r"(?<![\w.])(?:[A-Z]\.){2,3}", doc.text):
            country = gaz.country(match.group())
            if country is None or (i, match.start()) in covered:
                continue
            token = next(t for t in doc if t.idx <= match.start() < t.idx + len(t.text))
            found.append(
                Candidate(
                    i,
                    match.start(),
                    match.end(),
                    match.group(),
                    "RULE",
                    f"country:{country.name}",
                    "country",
                    country.name,
                    token.i,
                )
            )
    return found


def _governments(docs: Sequence[Doc], candidates: list[Candidate]) -> list[Candidate]:
    """ "the government" and "government forces": the government of a country in the story."""
    covered = {(c.doc, c.head) for c in candidates}
    found = []
    for i, doc in enumerate(docs):
        for token in doc:
            if token.lemma_.lower() != "government" or token.tag_ not in {"NN", "NNP"}:
                continue
            if (i, token.i) in covered:
                continue
            country = lexicon.government_country(token)
            local = lexicon.is_local_government(token) or (country is None and lexicon.named_modifier(token))
            key = "gov:local" if local else f"gov:{country.name}" if country else "gov:?"
            name = country.government if country else "the government"
            span = doc[token.i : token.i + 1]
            found.append(make(i, span, "RULE", key, "organization", name))
    return found


def _backed_groups(docs: Sequence[Doc], candidates: list[Candidate]) -> list[Candidate]:
    """ "U.S.-backed militias": a group the text defines by who backs it."""
    found = []
    for i, doc in enumerate(docs):
        for noun, backer in lexicon.backed_nouns(doc):
            if lexicon.is_group_noun(noun):
                span = doc[backer.i : noun.i + 1]
                found.append(make(i, span, "RULE", f"group:{lexicon.fold(span.text)}", "group", span.text))
    return found


def _apply_government_metonymy(candidates: list[Candidate]) -> list[Candidate]:
    """Resolve what depended on the whole article.

    A capital that acts ("Damascus hailed") stands for the government when
    the story has that government as an actor, else for the country. An
    unqualified "the government" is the government of the country the story
    is most about, unless the story also names a regional or local one.
    """
    if any(c.key == "gov:local" for c in candidates):
        # "the Andalucían government ... the government": which one is not sure; neither is an entry
        candidates = [c for c in candidates if c.key not in {"gov:local", "gov:?"}]
    countries = Counter(c.name for c in candidates if c.key.startswith("country:"))
    governments = {c.key for c in candidates if c.key.startswith("gov:") and c.key != "gov:?"}
    main = countries.most_common(1)[0][0] if countries else None
    gaz = gazetteer.load()
    resolved = []
    for c in candidates:
        if c.key.startswith("capital:"):
            country = c.key.split(":", 1)[1]
            gov = f"gov:{country}"
            if gov in governments or country == main:
                c = replace(c, key=gov, kind="organization", name=_government_name(gaz, country))
            else:
                c = replace(c, key=f"country:{country}", kind="country", name=country)
        elif c.key == "gov:?" and main:
            c = replace(c, key=f"gov:{main}", name=_government_name(gaz, main))
        resolved.append(c)
    return resolved


def _government_name(gaz: gazetteer.Gazetteer, country: str) -> str:
    """ "the Syrian government" for a country the gazetteer named; as ``_governments`` says it otherwise."""
    found = gaz.country(country)
    return found.government if found else "the government"
