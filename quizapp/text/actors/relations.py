"""Who did what to whom: relations between actors, read off spaCy's dependency parse.

The glossary shows them as roles ("backs the Syrian government"), and the
question generator turns them into questions ("Who backs the Syrian
government?"), so they are kept as data with their sentence, not as prose.

The kinds found:

* ``backing``: "Backed by X and Y, the government ...", "X-backed militias",
  "the militias, backed by X", "X backs Y";
* ``capture`` and other nominal events: "the capture of the town of X";
* ``appositive``: "Islamic State’s last stronghold, the Deir al-Zor region";
* ``title``: "President Bashar al-Assad";
* ``description``: "Mark Drakeford, the Welsh Health Minister";
* ``action``: a verb whose subject or object is an actor, with relative
  pronouns ("governments that want ...") resolved, and personal pronouns
  only where ``coreference`` resolved them (an unresolved "he" is no one).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.types import Relation, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
DROP_FROM_PREDICATE = SUBJECT_DEPS | {"advcl", "mark", "cc", "conj", "punct", "parataxis", "dep", "agent"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
RELATIVE = {"that", "which", "who", "whom"}
PERSONAL = {"he", "him", "his", "she", "her"}
NOMINAL_EVENTS = {
    "capture": "capture",
    "seizure": "seize",
    "fall": "fall",
    "attack": "attack",
    "killing": "kill",
    "arrest": "arrest",
    "election": "elect",
    "defeat": "defeat",
}
MAX_PREDICATE_WORDS = 14


class ActorIndex:
    """Maps parse tokens to actor ids, resolving relative and personal pronouns."""

    def __init__(
        self,
        token_actor: dict[tuple[int, int], str],
        names: dict[str, str],
        persons: set[str],
        inner: dict[tuple[int, int], str] | None = None,
        countries: Collection[str] = frozenset(),
    ):
        self.token_actor = token_actor
        self.countries = countries
        self.inner = inner or {}
        self.names = names
        self.persons = persons

    def actor(self, doc_index: int, token: Token) -> str | None:
        """The actor a token names or stands for, if any."""
        if token.lower_ in RELATIVE and token.dep_ in SUBJECT_DEPS and token.head.dep_ == "relcl":
            token = lexicon.antecedent(token)
            if token.dep_ == "pobj" and token.head.head.pos_ in {"NOUN", "PROPN"}:
                return None  # "the fish farm in Ivory Coast, which produces ...": the farm or the country?
        return self.token_actor.get((doc_index, token.i))

    def backer(self, doc_index: int, token: Token) -> str | None:
        """The actor named at the start of a token: "U.S." in "U.S.-backed"."""
        return self.inner.get((doc_index, token.idx)) or self.actor(doc_index, token)

    def words(self, doc_index: int, tokens: Iterable[Token]) -> str:
        """Tokens as text, each resolved personal pronoun replaced by its actor's name.

        Only pronouns ``coreference`` resolved are replaced ("they" -> "Taliban");
        an unresolved one stays as it is, and names no one.
        """
        tokens = list(tokens)  # a subtree is a generator: read it once for the text, once for pronouns
        text = lexicon.join(tokens)
        for t in tokens:
            found = self.actor(doc_index, t) if t.tag_ == "PRP" and t.lower_ not in RELATIVE else None
            if found and found in self.names:
                text = re.sub(rf"(?<!\w){t.text}(?!\w)", self.names[found], text, count=1)
        return text


def _span(doc_index: int, sent: SpacySpan) -> Span:
    return Span(doc_index, sent.start_char, sent.end_char)


def _predicate(index: ActorIndex, doc_index: int, verb: Token) -> str:
    """The verb phrase as it stands, without its subject or side clauses."""
    dropped = set()
    for child in verb.children:
        if child.dep_ in DROP_FROM_PREDICATE or child.tag_ in {"WRB", "WDT", "WP"}:
            dropped |= {t.i for t in child.subtree}
    # Relative clauses and appositions inside the object make a question too long to read.
    for t in verb.subtree:
        if t.dep_ in {"relcl", "appos"} and t.i != verb.i:
            dropped |= {x.i for x in t.subtree}
            if t.i > 0 and t.doc[t.i - 1].text == ",":
                dropped.add(t.i - 1)
    # The phrase starts at the verb (with its auxiliaries): what stands before
    # it ("Earlier", "In a statement") is not part of what the actor did.
    tokens = [
        t
        for t in verb.subtree
        if t.i not in dropped and (t.i >= verb.i or (t.head == verb and t.dep_ in {"aux", "auxpass", "neg"}))
    ]
    words = index.words(doc_index, tokens).split()
    return " ".join(words[:MAX_PREDICATE_WORDS]) + (" …" if len(words) > MAX_PREDICATE_WORDS else "")


def _acl_predicate(index: ActorIndex, doc_index: int, verb: Token) -> str:
    """ "one organized by Moscow in the southwest" -> "organized one of the ceasefires in the southwest"."""
    rest = _predicate(index, doc_index, verb).split(maxsplit=1)
    return " ".join([rest[0], lexicon.noun_phrase_for(verb.head), *rest[1:]])


def _relation(
    index: ActorIndex,
    doc_index: int,
    verb: Token,
    subject: Token | None,
    obj: Token | None,
    kind: str,
    predicate: str | None = None,
    verb_lemma: str | None = None,
) -> Relation:
    sent = verb.sent
    return Relation(
        verb=verb_lemma or verb.lemma_.lower(),
        predicate=predicate or _predicate(index, doc_index, verb),
        subject=index.actor(doc_index, subject) if subject is not None else None,
        object=index.actor(doc_index, obj) if obj is not None else None,
        subject_text=index.words(doc_index, subject.subtree) if subject is not None else "",
        object_text=lexicon.phrase(obj) if obj is not None else "",
        sentence=sent.text.strip(),
        span=_span(doc_index, sent),
        kind=kind,
        reported=reported(verb),
    )


def reported(verb: Token) -> bool:
    """Whether a clause is said, thought or supposed rather than narrated: a verb of saying's complement, or "if …".

    "UK Uncut wants people to notice that Starbucks does not pay enough
    tax": the narrator does not say Starbucks pays too little, UK Uncut does.
    """
    from quizapp.text.actors.evidence import REPORTING  # evidence imports lexicon only

    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return True  # "If Amazon is to be believed, …": supposed, not narrated
    token = verb
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING:
            return True
        token = token.head
    # "For Philippa Langley, Richard was the true king": an opinion, framed at the start.
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"for", "according"}
        and c.i < verb.i
        and any(g.pos_ == "PROPN" for g in c.subtree)
        for c in verb.children
    )


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _backing(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """Every "X backs Y" the sentence states, in any of its usual shapes."""
    for token in doc:
        if token.lemma_.lower() != "back" or token.pos_ not in {"VERB", "ADJ"}:
            continue
        agents = [c for c in token.children if c.dep_ == "agent"]
        if agents:  # "Backed by X and Y, the government ..." / "militias backed by X"
            backed = _backed_one(token)
            for pobj in (c for a in agents for c in a.children if c.dep_ == "pobj"):
                for backer in _with_conjuncts(pobj):
                    if backed is not None:
                        yield _relation(
                            index,
                            doc_index,
                            token,
                            backer,
                            backed,
                            "backing",
                            predicate=f"backs {lexicon.phrase(backed)}",
                            verb_lemma="back",
                        )
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        objects = [c for c in token.children if c.dep_ == "dobj"]
        for subject in subjects:
            for obj in objects:
                yield _relation(index, doc_index, token, subject, obj, "backing", verb_lemma="back")


def _backed_one(participle: Token) -> Token | None:
    """Who is backed: the subject of the main clause, or the noun a participle modifies."""
    if participle.dep_ == "advcl":
        return next((c for c in participle.head.children if c.dep_ == "nsubj"), None)
    if participle.dep_ in {"acl", "amod"}:
        return participle.head
    return None


def _compound_backing(
    index: ActorIndex, doc_index: int, doc: Doc, backed_pairs: Iterable[tuple[Token, Token]]
) -> Iterator[Relation]:
    """ "U.S.-backed militias": the backer is inside the adjective."""
    for noun, backer_token in backed_pairs:
        backer = index.backer(doc_index, backer_token)
        if backer is None or backer == index.actor(doc_index, noun):
            continue
        yield Relation(
            verb="back",
            predicate=f"backs the {noun.text}",
            subject=backer,
            object=index.actor(doc_index, noun),
            subject_text=index.names.get(backer, ""),
            object_text=lexicon.phrase(noun),
            sentence=noun.sent.text.strip(),
            span=_span(doc_index, noun.sent),
            kind="backing",
        )


def _nominal_events(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """ "the capture of the town of X": an event whose object is named by a noun."""
    for token in doc:
        verb = NOMINAL_EVENTS.get(token.lemma_.lower())
        if verb is None or token.pos_ != "NOUN":
            continue
        of = next((c for c in token.children if c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            continue
        target = _named_inside(index, doc_index, pobj)
        reporter = token.head if token.dep_ in OBJECT_DEPS else None
        subject = (
            next((c for c in reporter.children if c.dep_ == "nsubj"), None) if reporter is not None else None
        )
        yield Relation(
            verb=verb,
            predicate=f"{reporter.text} the {token.text} of" if reporter is not None else token.text,
            subject=index.actor(doc_index, subject) if subject is not None else None,
            object=target,
            subject_text=subject.text if subject is not None else "",
            object_text=lexicon.phrase(pobj),
            sentence=token.sent.text.strip(),
            span=_span(doc_index, token.sent),
            kind=verb,
        )


def _named_inside(index: ActorIndex, doc_index: int, token: Token) -> str | None:
    """The actor a phrase is about: "the town of al-Sukhna" is about al-Sukhna."""
    for t in token.subtree:
        found = index.actor(doc_index, t)
        if found:
            return found
    return None


def _finite_auxiliary_after(verb: Token) -> bool:
    """A tensed auxiliary inside the verb's phrase, past the verb, is the mark of a misparse."""
    return any(
        t.i > verb.i
        and t.dep_ in {"aux", "auxpass"}
        and t.tag_ in {"VBD", "VBZ", "VBP"}
        and t.head.dep_ in {"pcomp", "pobj"}
        for t in verb.subtree
    )


def _actions(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """Verbs whose subject is an actor: what each actor does in the story."""
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() == "back":
            continue
        if any(
            t.tag_ in {"WP", "WDT"} and t.dep_ not in SUBJECT_DEPS
            for c in verb.children
            if c.dep_ not in {"ccomp"}
            for t in ([c] if c.dep_ != "xcomp" else c.subtree)
        ):
            continue  # "what he wanted to do": the clause is itself a question about its object
        if _finite_auxiliary_after(verb):
            continue  # "All Felix could think about was getting back alive": a misparse
        if not _finite(verb) and verb.dep_ != "acl":
            continue  # "Huawei entering the table": a participle, not something the actor did
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "acl":  # "one organized by Moscow": the agent did it; in a plain passive it did not
            subjects += [
                p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            ]
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS | {"ccomp", "xcomp"}]
        predicate = None
        if verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
            objects = [verb.head]  # "one organized by Moscow": what was organized
            predicate = _acl_predicate(index, doc_index, verb)
        for subject in subjects:
            if _negated_subject(subject):
                continue  # "neither he nor the organization was corrupt"
            for s in _with_conjuncts(subject):
                if index.actor(doc_index, s) is None:
                    continue
                obj = objects[0] if objects else None
                found = _relation(index, doc_index, verb, s, obj, "action", predicate=predicate)
                yield replace(found, shared=bool(subject.conjuncts))


def _negated_subject(subject: Token) -> bool:
    """A subject under "neither ... nor": the clause says it did *not* do it."""
    words = {c.lower_ for c in subject.subtree} | {c.lower_ for c in subject.children}
    return "neither" in words or "nor" in words


def _appositions(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """ "Islamic State’s last major Syrian stronghold, the Deir al-Zor region": what a place is to whom."""
    for token in doc:
        if token.dep_ != "appos" or token.head.pos_ != "NOUN":
            continue
        named = _named_inside(index, doc_index, token)
        owner = next((c for c in token.head.children if c.dep_ == "poss"), None)
        if named is None or owner is None or index.actor(doc_index, owner) is None:
            continue
        head = token.head
        what = lexicon.join(t for t in head.subtree if owner.i < t.i <= head.i and t.dep_ != "case")
        yield Relation(
            verb="be",
            predicate=what,
            subject=named,
            object=index.actor(doc_index, owner),
            subject_text=lexicon.phrase(token),
            object_text=lexicon.join(owner.subtree),
            sentence=token.sent.text.strip(),
            span=_span(doc_index, token.sent),
            kind="appositive",
        )


def _describes_a_person(noun: Token) -> bool:
    """A singular common noun that can say who someone is ("the Welsh Health Minister", "his mentor")."""
    words = len(list(noun.subtree))
    return (
        noun.pos_ == "NOUN"
        and noun.tag_ == "NN"
        and len(noun.text) > 2
        and noun.lemma_.lower() not in lexicon.PLACE_NOUNS
        and 2 <= words <= 12
    )


def _finite(verb: Token) -> bool:
    """Whether a verb carries tense itself or through an auxiliary: "entering the table" does not."""
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in verb.children
    )


def _described_people(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """ "Mark Drakeford, the Welsh Health Minister": who a person is, in the text's words."""
    for token in doc:
        if token.dep_ != "appos" or not _describes_a_person(token):
            continue
        person = index.actor(doc_index, token.head)
        if person not in index.persons:
            continue
        yield Relation(
            verb="be",
            predicate=lexicon.phrase(token),
            subject=person,
            object=None,
            subject_text=index.names[person],
            object_text=lexicon.phrase(token),
            sentence=token.sent.text.strip(),
            span=_span(doc_index, token.sent),
            kind="description",
        )


def _titles(index: ActorIndex, doc_index: int, doc: Doc) -> Iterator[Relation]:
    """ "President Bashar al-Assad": the title a person holds."""
    for token in doc:
        person = index.actor(doc_index, token)
        if person not in index.persons or token.dep_ == "compound":
            continue
        title = lexicon.title_of(token)
        if title:
            countries = {name for actor, name in index.names.items() if actor in index.countries}
            country = lexicon.country_in_focus(token.sent, countries)
            yield Relation(
                verb="be",
                predicate=title,
                subject=person,
                object=None,
                subject_text=index.names[person],
                object_text=f"{country}’s {title.lower()}" if country else title,
                sentence=token.sent.text.strip(),
                span=_span(doc_index, token.sent),
                kind="title",
            )


def extract(
    docs: Sequence[Doc], index: ActorIndex, backed_pairs_by_doc: Sequence[Iterable[tuple[Token, Token]]]
) -> tuple[Relation, ...]:
    """All relations in the article, in reading order, without repeats."""
    found: dict[tuple[str, str | None, str | None, Span], Relation] = {}
    for i, doc in enumerate(docs):
        for relation in (
            *_backing(index, i, doc),
            *_compound_backing(index, i, doc, backed_pairs_by_doc[i]),
            *_nominal_events(index, i, doc),
            *_appositions(index, i, doc),
            *_titles(index, i, doc),
            *_described_people(index, i, doc),
            *_actions(index, i, doc),
        ):
            if relation.subject is None and relation.object is None:
                continue
            found.setdefault((relation.verb, relation.subject, relation.object, relation.span), relation)
    return tuple(found.values())
