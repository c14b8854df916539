"""Nouns for people and for bodies of people: who a "the man", "X, a lawyer" or "the company" is.

Split from ``lexicon`` (the glossary's other closed word lists and parse
tests): these lists are long, and the questions they answer are one,
whether a noun names a person (and which sex), or an organisation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


# Nouns that name a person by sex, and nouns for people by what they do: a
# closed-enough list for "the man" or "her grandfather" to count as a person
# a pronoun could stand for, and for "X, a lawyer" to be person evidence.
MALE_NOUNS = set(
    """
    man boy father son brother husband grandfather grandson uncle nephew king prince gentleman
    spokesman businessman dad boyfriend
    """.split()
)
FEMALE_NOUNS = set(
    """
    woman girl mother daughter sister wife grandmother granddaughter aunt niece queen princess lady
    spokeswoman businesswoman mum girlfriend actress
    """.split()
)
HUMAN_NOUNS = (
    MALE_NOUNS
    | FEMALE_NOUNS
    | {
        "person",
        "child",
        "friend",
        "doctor",
        "teacher",
        "student",
        "pupil",
        "manager",
        "lawyer",
        "worker",
        "officer",
        "scientist",
        "researcher",
        "professor",
        "expert",
        "author",
        "writer",
        "novelist",
        "artist",
        "painter",
        "singer",
        "musician",
        "actor",
        "star",
        "player",
        "coach",
        "athlete",
        "skydiver",
        "pilot",
        "director",
        "editor",
        "journalist",
        "reporter",
        "photographer",
        "activist",
        "campaigner",
        "politician",
        "leader",
        "president",
        "minister",
        "chancellor",
        "senator",
        "governor",
        "mayor",
        "premier",
        "ambassador",
        "envoy",
        "secretary",
        "spokesperson",
        "founder",
        "owner",
        "boss",
        "chairman",
        "executive",
        "chief",
        "member",
        "fan",
        "resident",
        "citizen",
        "customer",
        "user",
        "victim",
        "survivor",
        "winner",
        "hero",
        "engineer",
        "designer",
        "chef",
        "waiter",
        "farmer",
        "fisherman",
        "hunter",
        "surfer",
        "diver",
        "driver",
        "soldier",
        "fighter",
        "gunman",
        "detective",
        "judge",
        "historian",
        "archaeologist",
        "economist",
        "analyst",
        "consultant",
        "psychologist",
        "neuroscientist",
        "biologist",
        "nurse",
        "patient",
        "nominee",
        "prisoner",
        "boxer",
        "footballer",
        "comedian",
        "poet",
        "composer",
        "producer",
        "presenter",
        "host",
        "teenager",
        "youngster",
        "adult",
        "parent",
        "grandparent",
        "baby",
        "cousin",
        "partner",
        "colleague",
        "candidate",
        "monarch",
        "celebrity",
        "model",
        "businessman",
        "entrepreneur",
        "inventor",
        "explorer",
        "astronaut",
        "priest",
        "vicar",
        "archbishop",
        "bishop",
        "pope",
        "volunteer",
        "guy",
        "individual",
        "human",
        "addict",
        "refugee",
        "migrant",
        "immigrant",
        "supporter",
        "laureate",
        "critic",
        "spokesman",
        "official",
        "opponent",
        "hunter-gatherer",
        "gatherer",
        "mentor",
        "keeper",
        "staff",
    }
)
# Words in the name of a club, a firm or an institution, never in a person's.
ORGANISATION_WORDS = set(
    """
    club fc united city university college school society association company group trust bank
    foundation institute council party museum gallery records press news times post airlines airways
    motors inc ltd plc corp & and of the for
    """.split()
)
COLLECTIVE_NOUNS = {"couple", "pair", "family", "crowd", "twins", "duo", "trio"}
# Nouns a story uses for an organisation it has named ("the company").
ORGANISATION_NOUNS = set(
    """
    company firm business organisation organization charity group bank club network agency retailer
    chain brand corporation newspaper magazine university school team band party publisher
    broadcaster website service museum gallery zoo park aquarium
    """.split()
)


def noun_gender(token: Token) -> str | None:
    """ "m"/"f" for a noun that names a person by sex, "?" for another human noun, else None."""
    lemma = token.lemma_.lower()
    if lemma in FEMALE_NOUNS or (lemma.endswith("woman") and lemma in HUMAN_NOUNS):
        return "f"
    if lemma in MALE_NOUNS or (lemma.endswith("man") and lemma in HUMAN_NOUNS and lemma != "human"):
        return "m"  # "gunman", "chairman", "fisherman"
    if lemma in HUMAN_NOUNS or re.fullmatch(r"\d+-year-old", token.lower_):
        return "?"
    if lemma.endswith("ist") and len(lemma) > 5 and token.pos_ == "NOUN":
        return "?"  # pianist, journalist, scientist: -ist nouns name people (not list, wrist, twist)
    return None


def human_role_of(token: Token) -> str:
    """A human noun the text says a name is: "X, a lawyer", "X is a singer", "X's mother"."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and noun_gender(child):
            return child.lemma_.lower()
        if child.dep_ == "appos" and child.lower_ == "one":  # "X, one of Britain's greatest painters"
            of = next((c for c in child.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None and noun_gender(pobj):
                return pobj.lemma_.lower()
    if token.dep_ == "appos" and token.head.pos_ == "NOUN" and noun_gender(token.head):
        return token.head.lemma_.lower()
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        attr = next((c for c in token.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is not None and noun_gender(attr):
            return attr.lemma_.lower()
    if token.dep_ == "poss" and token.head.lemma_.lower() in MALE_NOUNS | FEMALE_NOUNS:
        return token.head.lemma_.lower()
    return ""
