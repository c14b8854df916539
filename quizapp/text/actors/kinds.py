"""Kinds with evidence: a person or a place stays in the glossary only if the text shows it is one.

spaCy's labels are guesses from the look of a word. These rules (issue 10,
docs/glossary.md) keep a label only with evidence from the text or the
gazetteer, turn a name into another kind where the evidence says so, and
find a person's surname where the model saw no name. Span tests take a
spaCy span; article-wide passes take the list of candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quizapp.text.actors import evidence, lexicon
from quizapp.text.actors.candidate import Candidate, make

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan



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
        if c.kind not in {"person", "place"} or c.key in proven or (full_names_only and len(c.text.split()) < 2):
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
    return replace(c, key=f"person:{lexicon.person_key(c.text)}", kind="person", evidence="given name, saying")


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
                found.append(make(i, doc[token.i:token.i + 1], "RULE", key, "person", names[key]))
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
    """An ORG that is a person: a title or role ("JMW Turner, one of Britain's painters"), or born.

    A given name alone is not enough here: "Royal Academy" and "Turner
    Contemporary" start with words that are given names too; nor is a verb of
    saying, since organisations say things as well.
    """
    root = span.root
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in evidence.PERSON_TITLES:
        return True
    born = root.dep_ == "nsubjpass" and root.head.lower_ == "born"
    return born or bool(lexicon.title_of(root)) or bool(lexicon.human_role_of(root))


def among_common_nouns(span: SpacySpan) -> bool:
    """A name whose every conjunct is a common noun: "national insurance, VAT and business rates"."""
    conjuncts = [c for c in span.root.conjuncts if not span.start <= c.i < span.end]
    return len(conjuncts) >= 2 and all(c.pos_ == "NOUN" for c in conjuncts)


def described_as(span: SpacySpan, nouns: Collection[str]) -> bool:
    """The text says what the name is, by an apposition or "is a ...": "Mondadori – the publishing company"."""
    root = span.root
    return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children)


def placed_in(span: SpacySpan) -> bool:
    """ "the Cairngorms in Scotland": a name located in a known place is a place."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.ent_type_ in {"GPE", "LOC"} for g in c.children)
               for c in span.root.children)


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
    before = [t.lower_ for t in doc[max(0, first.i - 2):first.i]]
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
    words = [t for t in doc[span.end + 1:span.end + 1 + len(text)] if t.is_alpha]
    return len(words) == len(text) and all(t.is_lower for t in words) and \
        "".join(t.text[0] for t in words).upper() == text


def _families(candidates: list[Candidate]) -> list[Candidate]:
    """ "The Cardews" beside "Tristan Cardew": a family, a group of people, whatever the model said."""
    surnames = {c.text.split()[-1] for c in candidates if c.kind == "person" and len(c.text.split()) > 1}
    out = []
    for c in candidates:
        if c.kind in {"organization", "person"} and len(c.text.split()) == 1 and c.text.endswith("s") \
                and c.text[:-1] in surnames:
            c = replace(c, key=f"group:{lexicon.fold(c.text)}", kind="group", name=f"the {c.text}",
                        evidence="family")
        out.append(c)
    return out
