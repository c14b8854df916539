"""Central actors the model's NER cannot see: "the octopus", "the hunter-gatherer".

A story about an animal or an unnamed person names its main actor with a
common noun, again and again, as the subject of what happens. A reader
takes such a noun phrase for an actor; so do we when:

* it is "the" + a singular common noun with no name of its own inside
  (not "the company", which ``coreference`` ties to the company named);
* a mention in apposition ("quinoa, the Andean grain") describes what it
  stands beside and is not counted;
* it is the subject of a verb at least three times in the article, at
  least two of them different verbs other than "be" and "have";
* the noun is not an abstract or a made thing (words ending in -tion,
  -ment, -ness, -ity, -sis ..., and "study", "report", "plan" ...), nor a title
  or role the text gives a named person ("the prince" beside "Prince
  Harry": that is a description of Harry), nor a noun the text puts after
  a name ("the index" beside "the Global AgeWatch index").

Its kind is group for a noun naming people together ("the couple"),
person when the noun names a person ("the hunter-gatherer"), else other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon, nouns
from quizapp.text.actors.candidate import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


MIN_SUBJECT = 3
ABSTRACT_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ism",
    "ance",
    "ence",
    "ing",
    "ure",
    "ship",
    "dom",
    "age",
    "cy",
    "ogy",
    "ics",
    "sis",
)
NOT_ACTORS = {
    "study",
    "report",
    "survey",
    "research",
    "plan",
    "idea",
    "law",
    "rule",
    "book",
    "film",
    "data",
    "result",
    "number",
    "money",
    "price",
    "system",
    "problem",
    "website",
    "world",
    "cull",
    "project",
    "programme",
    "program",
    "vote",
    "policy",
    "case",
    "story",
    "news",
    "war",
    "game",
    "event",
    "work",
    "way",
    "time",
    "year",
    "day",
    "answer",
    "question",
    "reason",
    "thing",
    "list",
    "note",
    "picture",
    "image",
    "photo",
    "video",
    "song",
    "album",
    "novel",
    "app",
    "phone",
    "car",
    "device",
    "technology",
    "internet",
    "weather",
    "sun",
    "sea",
    "water",
    "food",
    "menu",
    "market",
    "economy",
    "industry",
    "trade",
    "tax",
    "deal",
    "contract",
    "prize",
    "award",
    "competition",
    "match",
    "show",
    "campaign",
    "scheme",
    "test",
    "experiment",
    "paper",
    "letter",
    "message",
    "statement",
    "court",
    "trial",
    "area",
    "place",
    "city",
    "town",
    "country",
    "government",
    "company",
    "group",
    "team",
    "family",
    "public",
    "police",
    "man",
}  # "the man" is too common to be one person throughout


def _definite_noun(token: Token) -> bool:
    det = next((c for c in token.children if c.dep_ == "det"), None)
    return (
        det is not None
        and det.lower_ == "the"
        and token.tag_ == "NN"
        and token.ent_type_ == ""
        and not any(c.dep_ == "poss" or (c.dep_ == "compound" and not _hyphened(c)) for c in token.children)
    )


def _hyphened(token: Token) -> bool:
    """ "hunter" in "hunter-gatherer": part of one hyphenated word."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_


def _beside_a_noun(token: Token) -> bool:
    """ "quinoa, the Andean grain": a noun phrase set off by a comma after the noun it describes
    (the parser calls it an apposition, or a modifier of that noun)."""
    first = token.doc[token.left_edge.i]
    comma = token.doc[first.i - 1] if first.i else None
    return (
        token.dep_ in {"appos", "npadvmod"}
        and token.head.pos_ in {"NOUN", "PROPN"}
        and token.head.i < token.i
        and comma is not None
        and comma.text == ","
    )


def _words(token: Token) -> str:
    """The noun with its hyphenated first part: "hunter-gatherer"."""
    start = token.i
    while start >= 2 and token.doc[start - 1].text == "-" and _hyphened(token.doc[start - 2]):
        start -= 2
    return token.doc[start : token.i + 1].text.lower()


def _abstract(lemma: str) -> bool:
    return (
        lemma in NOT_ACTORS
        or lemma in nouns.ORGANISATION_NOUNS
        or lemma in lexicon.PLACE_NOUNS
        or lemma.endswith(ABSTRACT_ENDINGS)
        or len(lemma) < 3
    )


def _named_heads(docs: Sequence[Doc]) -> set[str]:
    """Nouns the text also uses after a name ("the Global AgeWatch index"): "the index" is that name."""
    return {
        t.lemma_.lower()
        for doc in docs
        for t in doc
        if any(c.dep_ == "compound" and c.ent_type_ for c in t.children)
    }


def find(docs: Sequence[Doc], candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates (as ``mentions.Candidate``) for every central common-noun actor of the article."""
    covered = {(c.doc, c.head) for c in candidates}
    # "the prince" when the story names Prince Harry is Harry, not an actor of its own.
    said_of_people = {
        w.lower()
        for c in candidates
        if c.kind == "person"
        for w in lexicon.title_of(docs[c.doc][c.head]).split()
    }
    said_of_people |= {nouns.human_role_of(docs[c.doc][c.head]) for c in candidates if c.kind == "person"}
    subjects: Counter[str] = Counter()
    verbs: dict[str, set[str]] = defaultdict(set)
    uses: dict[str, list[tuple[int, Token]]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for token in doc:
            if token.pos_ != "NOUN" or not _definite_noun(token) or (i, token.i) in covered:
                continue
            if _beside_a_noun(token):
                continue  # "quinoa, the Andean grain": a description of what it stands beside
            lemma = token.lemma_.lower()
            if _abstract(lemma) or lemma in said_of_people:
                continue
            lemma = _words(token)
            if lemma in NOT_ACTORS:
                continue
            uses[lemma].append((i, token))
            if token.dep_ in {"nsubj", "nsubjpass"}:
                subjects[lemma] += 1
                if token.head.lemma_ not in {"be", "have"}:
                    verbs[lemma].add(token.head.lemma_)
    named = _named_heads(docs)
    found = []
    for lemma, n in subjects.items():
        if n < MIN_SUBJECT or len(verbs[lemma]) < 2 or lemma in named:
            continue
        kind = (
            "group"
            if lemma in nouns.COLLECTIVE_NOUNS
            else ("person" if nouns.noun_gender(uses[lemma][0][1]) else "other")
        )
        name = f"the {lemma}"
        for i, token in uses[lemma]:
            start = next(c for c in token.children if c.dep_ == "det")
            found.append(
                Candidate(
                    i,
                    start.idx,
                    token.idx + len(token.text),
                    token.doc.text[start.idx : token.idx + len(token.text)],
                    "RULE",
                    f"thing:{lemma}",
                    kind,
                    name,
                    token.i,
                    evidence="recurring subject",
                )
            )
    return found
