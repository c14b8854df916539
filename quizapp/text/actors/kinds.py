"""Kinds with evidence: a person or a place stays in the glossary only if the text shows it is one.

spaCy's labels are guesses from the look of a word. These rules (issue 10,
docs/glossary.md) keep a label only with evidence from the text or the
gazetteer, turn a name into another kind where the evidence says so, and
find a person's surname where the model saw no name. Span tests take a
spaCy span; article-wide passes take the list of candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quizapp.text.actors import evidence, gazetteer, lexicon, nouns
from quizapp.text.actors.candidate import Candidate, make

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


def with_evidence(candidates: list[Candidate], full_names_only: bool = False) -> list[Candidate]:
    """Keep a person or a place only where some mention of it gives evidence of its kind.

    A person without evidence whom the gazetteer knows as a place becomes
    that place ("Roswell"); other names without evidence are dropped: a
    doubtful entry is worse than a missing one.
    """
    spoken_of = {lexicon.fold(c.text) for c in candidates if c.person_hint}
    if full_names_only:
        candidates = [_organisation_that_speaks(c, spoken_of) for c in candidates]
    candidates = _families(candidates)
    proven: dict[str, str] = {}
    for c in candidates:
        if c.evidence:
            proven.setdefault(c.key, c.evidence)
    for c in candidates:  # "Malala said" proves "Malala Yousafzai"
        words = lexicon.fold(c.text).split()
        if c.kind == "person" and len(words) > 1 and {words[0], words[-1]} & spoken_of:
            proven.setdefault(c.key, "name word")
    out = []
    for c in candidates:
        if (
            c.kind not in {"person", "place"}
            or c.key in proven
            or (full_names_only and len(c.text.split()) < 2)
        ):
            out.append(c)
        elif c.kind == "person" and c.label == "PERSON" and _located(c) and evidence.is_known_place(c.text):
            out.append(replace(c, key=f"place:{lexicon.fold(c.name)}", kind="place"))
    return out


def _organisation_that_speaks(c: Candidate, spoken_of: set[str]) -> Candidate:
    """ "Guillaume Chapron" labelled ORG, with "Chapron said" elsewhere: a given name and a verb
    of saying, two pieces of evidence, make it a person."""
    words = c.text.split()
    if c.kind != "organization" or len(words) < 2 or not evidence.given_name_gender(words[0]):
        return c
    if lexicon.fold(words[-1]) not in spoken_of:
        return c
    return replace(
        c, key=f"person:{lexicon.person_key(c.text)}", kind="person", evidence="given name, saying"
    )


def surnames(docs: Sequence[Doc], candidates: list[Candidate]) -> list[Candidate]:
    """ "Manby said": a person's last name alone, where the model saw no name, is that person.

    Only a surname that one person of the story carries, used as a proper
    noun, and not already part of a mention.
    """
    owners: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for c in candidates:
        words = c.text.split()
        if c.kind == "person" and len(words) > 1:
            owners.setdefault(words[-1], set()).add(c.key)
            names[c.key] = c.name
    covered = {(c.doc, i) for c in candidates for i in range(c.start, c.end)}
    found = []
    for i, doc in enumerate(docs):
        for token in doc:
            keys = owners.get(token.text, set())
            if len(keys) == 1 and token.pos_ == "PROPN" and (i, token.idx) not in covered:
                key = next(iter(keys))
                found.append(make(i, doc[token.i : token.i + 1], "RULE", key, "person", names[key]))
    return found


def _located(c: Candidate) -> bool:
    """ "in Roswell", "from Mingora": the name follows a preposition of place."""
    return c.place_prep


def place_evidence(span: SpacySpan, descriptor: str) -> str:
    """Why a name is a place: the gazetteer knows it, the text calls it one, or its last word does."""
    if descriptor:
        return "descriptor"
    if evidence.is_known_place(span.text):
        return "gazetteer"
    if span[-1].lemma_.lower() in lexicon.PLACE_NAME_WORDS:
        return "place word"  # "Manly Beach", "the Baltic Sea"
    return ""


def person_named_as_organisation(span: SpacySpan) -> bool:
    """An ORG that is a person: a title or role ("JMW Turner, one of Britain's painters"), born, or a
    given name and surname listed with people ("the report by Malik Falkenmark and colleagues").

    A given name alone is not enough here: "Royal Academy" and "Turner
    Contemporary" start with words that are given names too; nor is a verb of
    saying, since organisations say things as well.
    """
    root = span.root
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in evidence.PERSON_TITLES:
        return True
    born = root.dep_ == "nsubjpass" and root.head.lower_ == "born"
    colleagues = (
        len(span) == 2
        and evidence.given_name_gender(span[0].text) is not None
        and any(c.pos_ == "NOUN" and nouns.noun_gender(c) for c in root.conjuncts)
    )  # "X and colleagues"
    return born or colleagues or bool(lexicon.title_of(root)) or bool(nouns.human_role_of(root))


def among_common_nouns(span: SpacySpan) -> bool:
    """A name whose every conjunct is a common noun: "national insurance, VAT and business rates"."""
    conjuncts = [c for c in span.root.conjuncts if not span.start <= c.i < span.end]
    return len(conjuncts) >= 2 and all(c.pos_ == "NOUN" for c in conjuncts)


def among_places(span: SpacySpan) -> bool:
    """ "Edinburgh, Aberdeenshire and Borders": a name listed with places (every other one of at least
    two a GPE or LOC) is a place too, whatever the model called it."""
    conjuncts = [c for c in span.root.conjuncts if not span.start <= c.i < span.end]
    return len(conjuncts) >= 2 and all(c.ent_type_ in {"GPE", "LOC"} for c in conjuncts)


KIN_NOUNS = {
    "brother",
    "sister",
    "son",
    "daughter",
    "father",
    "mother",
    "wife",
    "husband",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "cousin",
    "grandfather",
    "grandmother",
    "grandson",
    "granddaughter",
}
SPREAD_PREPOSITIONS = {"across", "throughout", "around"}


def named_relative(span: SpacySpan) -> bool:
    """ "his brother Richard": a given name after a possessive and a kinship noun names a relative,
    who is not the better-known bearer of the name elsewhere in the story."""
    doc = span.doc
    if span.start < 2:
        return False
    kin, owner = doc[span.start - 1], doc[span.start - 2]
    return kin.lower_ in KIN_NOUNS and owner.tag_ == "PRP$"


def spread_over(span: SpacySpan) -> bool:
    """ "across the Sahel": what a thing spreads across is a place, whatever the model called it."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in SPREAD_PREPOSITIONS


def described_as(span: SpacySpan, words: Collection[str]) -> bool:
    """The text says what the name is, by an apposition or "is a ...": "Mondadori – the publishing company"."""
    root = span.root
    return any(c.dep_ == "appos" and c.lemma_.lower() in words for c in root.children)


def one_of_other(span: SpacySpan, words: Collection[str]) -> bool:
    """ "the Thames and other London rivers": a name listed beside "other Ns" is itself an N."""
    return any(
        c.dep_ == "conj" and c.lemma_.lower() in words and any(a.lower_ == "other" for a in c.children)
        for c in span.root.children
    )


def placed_in(span: SpacySpan) -> bool:
    """ "the Cairngorms in Scotland": a name located in a known place is a place."""
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.ent_type_ in {"GPE", "LOC"} for g in c.children)
        for c in span.root.children
    )


def indefinite(span: SpacySpan) -> bool:
    """ "a World Heritage Site", "a Spitfire": the name follows "a" or "an"."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in {"a", "an"}


NAMING_VERBS = {"call", "name", "christen", "rename"}


def name_as_word(span: SpacySpan) -> bool:
    """A name talked about as a word, not an actor: "you can be called Dimmblá", "passports with the
    names Stúlka and Drengur Cardew", "which mean Girl and Boy Cardew"."""
    token = span.root
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in {"oprd", "dobj", "attr", "xcomp"} and head.lemma_.lower() == "mean":
        return True  # "which mean Girl and Boy Cardew"
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)
    if token.dep_ in {"oprd", "attr"} and head.lemma_.lower() in NAMING_VERBS and modal:
        return True  # "you can be called Aagot"; but "an engineer called Sam Eyde" names an actor
    doc = span.doc
    first = doc[token.left_edge.i]
    before = [t.lower_ for t in doc[max(0, first.i - 2) : first.i]]
    if any(t.lemma_.lower() == "name" and t.pos_ == "NOUN" and t.i < span.start for t in token.subtree):
        return True  # "the names Stúlka and Drengur Cardew", however the parser hangs it
    return before in (["the", "name"], ["the", "names"]) or (before[-1:] == ["names"])


def spelled_out_acronym(span: SpacySpan) -> bool:
    """ "CSP – concentrated solar power": an acronym followed by its lower-case expansion is a
    common noun, not an organisation."""
    text = span.text
    doc = span.doc
    if not (text.isupper() and 2 <= len(text) <= 6) or span.end + 1 >= len(doc):
        return False
    if doc[span.end].text not in {"–", "-", "(", "—", ","}:
        return False
    words = [t for t in doc[span.end + 1 : span.end + 1 + len(text)] if t.is_alpha]
    return (
        len(words) == len(text)
        and all(t.is_lower for t in words)
        and "".join(t.text[0] for t in words).upper() == text
    )


def _families(candidates: list[Candidate]) -> list[Candidate]:
    """ "The Cardews" beside "Tristan Cardew": a family, a group of people, whatever the model said."""
    surnames = {c.text.split()[-1] for c in candidates if c.kind == "person" and len(c.text.split()) > 1}
    people = {c.key for c in candidates if c.kind == "person" and len(c.text.split()) > 1}
    out = []
    for c in candidates:
        if (
            c.kind in {"organization", "person"}
            and len(c.text.split()) == 1
            and c.text.endswith("s")
            and c.text[:-1] in surnames
            and c.key not in people
        ):  # "Baxters customers" is Baxter's
            c = replace(
                c, key=f"group:{lexicon.fold(c.text)}", kind="group", name=f"the {c.text}", evidence="family"
            )
        out.append(c)
    return out


def lost_apostrophes(
    docs: Sequence[Doc], candidates: list[Candidate], org_key: Callable[[SpacySpan], str]
) -> list[Candidate]:
    """ "Trumps supporters", "Swedens most beautiful building", "Camerons Conservative Party": a
    possessive whose apostrophe the source lost, read as the name it belongs to.

    A name's first word is such a possessive when, less its final "s", it is
    a name of the story (the last word of a person's name, a whole name), a
    word the text writes elsewhere ("Shakespeare") or a country or place the
    gazetteer knows, and words follow it in the noun phrase (a verb after
    "the Baxters" is a family acting). A one-word name becomes a mention of
    that name, or is dropped when the story has no entry for it; a longer
    one loses the possessive ("Conservative Party"). ``org_key`` makes an
    organisation's actor key.
    """
    owners: dict[str, set[str]] = {}
    for c in candidates:  # a lone "Trump" is joined to "Donald Trump" later; the full name owns "Trumps"
        words = c.text.split()
        if c.kind == "person" and len(words) > 1:
            owners.setdefault(words[-1], set()).add(c.key)
        elif c.kind in {"country", "place"}:
            owners.setdefault(c.text, set()).add(c.key)
    by_key = {c.key: c for c in candidates}
    out = []
    for c in candidates:
        doc = docs[c.doc]
        first = next((t for t in doc if t.idx == c.start), None)
        stem = (
            first.text[:-1] if first is not None and first.text.endswith("s") and len(first.text) > 3 else ""
        )
        known = owners.get(stem, set())
        following = doc[first.i + 1] if first is not None and first.i + 1 < len(doc) else None
        written = stem and any(t.text == stem for d in docs for t in d)  # "Shakespeare" elsewhere in the text
        if (
            first is None
            or not stem
            or not first.text[0].isupper()
            or (len(known) != 1 and not written and not evidence.is_known_place(stem))
            or following is None
            or following.pos_ not in {"NOUN", "ADJ", "ADV", "PROPN", "NUM"}
        ):
            out.append(c)
            continue
        end = max(t.i for t in doc if c.start <= t.idx < c.end) + 1
        if first.i + 1 < end:  # "Camerons Conservative Party": the party's name follows
            rest = doc[first.i + 1 : end]
            organisation = c.kind in {"organization", "other", "group"}
            out.append(
                replace(
                    c,
                    start=rest.start_char,
                    text=rest.text,
                    key=org_key(rest),
                    name=rest.text,
                    head=rest.root.i,
                )
                if organisation
                else c
            )
        elif len(known) == 1:  # "Trumps supporters" is Trump's; "Swedens" is Sweden's
            owner = by_key[next(iter(known))]
            out.append(replace(c, key=owner.key, kind=owner.kind, name=owner.name, evidence="possessive"))
    return out


def country_before(span: SpacySpan) -> bool:
    """A country's name the model left outside an organisation's, inside its noun phrase."""
    before = span.doc[span.start - 1] if span.start else None
    return (
        before is not None
        and before.dep_ == "compound"
        and span.start <= before.head.i < span.end
        and before.ent_type_ == ""
        and gazetteer.load().country(before.text, allow_code=True) is not None
    )


def given_name_before(span: SpacySpan) -> bool:
    """A known given name the model left outside a person's name, inside its noun phrase."""
    before = span.doc[span.start - 1] if span.start else None
    return (
        before is not None
        and before.pos_ == "PROPN"
        and before.ent_type_ == ""
        and span.start <= before.head.i < span.end
        and evidence.given_name_gender(before.text) is not None
    )


def longer_country(candidates: list[Candidate]) -> list[Candidate]:
    """ "Congo" in a story that names "DR Congo": a country's one-word name that ends another
    country's name as the story writes it is that country, not the one the gazetteer says."""
    written = {c.key: c for c in candidates if c.kind == "country" and len(c.text.split()) > 1}
    out = []
    for c in candidates:
        longer = {k for k, o in written.items() if k != c.key and o.text.split()[-1] == c.text}
        if c.kind == "country" and len(c.text.split()) == 1 and len(longer) == 1:
            owner = written[longer.pop()]
            c = replace(c, key=owner.key, name=owner.name)
        out.append(c)
    return out
