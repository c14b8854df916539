"""Pronouns, descriptions and quoted "I": which actor each stands for, or none when unsure.

No coreference library installs from the package index and runs offline on
spaCy 3.8 with our pinned model (coreferee needs a model download and an
older spaCy), so these are rules of English, each in docs/glossary.md with a
test in tests/text/test_coreference.py. They are written for precision: a
pronoun is tied to an actor only when exactly one candidate fits, and
anything else is kept as an unresolved reference that nothing downstream
uses.

* **he/she** (him, his, her, himself, herself): the people named in the same
  sentence before the pronoun and in the two sentences before it, plus any
  person a common noun names there ("her grandfather", "the man"), are the
  candidates; those of the other sex (known from a title, a given name, or
  the noun) drop out; it resolves when exactly one remains and it is an
  actor. Where several remain, the pronoun is the one of them that is the
  subject of the pronoun's own or the previous sentence, if exactly one is
  and it is an actor ("Scarlett Johansson is suing a French novelist. She
  says ..."). Names inside a quotation are not candidates for a pronoun
  outside it ("As JFK said, ..." “...,” he told them: he is the speaker).
* A proper noun that is a subject but names no actor ("Gerard’t Hooft"),
  the subject of a verb of saying ("a prominent supporter ... said") and
  "one of the world’s top pianists" as a subject
  count as other candidates for he/she: someone the glossary does not know
  is still someone the pronoun may mean.
* **it/its**: the subject of the same or the previous sentence, when that is
  one actor that is not a person (a company, a country, the octopus), and
  "it" is not the empty subject of "it is hard to ..." nor the subject of
  "it is/was a ..." (which says what something is, often a process or an
  event rather than an actor).
* **they/them/their**: the same, for an actor that is a group or an
  organisation, when no plural noun stands between them.
* **I/me/my** inside a quotation: its speaker; **we/us/our**: its speaker
  when that is an organisation or a group.
* **the company** (the firm, the charity...), **the country**, **the city**:
  the one actor of that kind named in the three sentences before (a
  government is never "the company");
  **the 63-year-old**: as "he/she" of unknown sex; **the singer**: the one
  person the text called a singer before. Another "the" + person noun
  ("the teenager") with exactly one person in reach stays unresolved and
  does not count as a second candidate either.
* Where candidates remain, a he/she whose other candidates are all "the"
  + person noun is the story's only man (or woman) named so far, if it
  is named in the five sentences before and only such nouns came since ("Malala Yousafzai ... the teenager ... she").
* A person whose sex the text had not shown takes the sex of the first
  pronoun that resolves to them as the only candidate.

Pronouns inside a quotation, other than I and we, stay unresolved: they
point at people the speaker has in mind, not the article's last name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.text.actors import nouns
from quizapp.text.types import Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from quizapp.text.actors.quotes import Found


MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
FIRST = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
KIND_NOUNS = {
    "country": "country",
    "nation": "country",
    "city": "place",
    "town": "place",
    "village": "place",
    "island": "place",
}
WINDOW = 2  # sentences before the one a pronoun stands in
DESCRIPTION_WINDOW = 3
WIDE_WINDOW = 5  # for the story's only man or woman
PLACES = {"GPE", "LOC", "FAC", "NORP"}


@dataclass(frozen=True)
class Entity:
    """Something a pronoun could stand for, as found in reading order."""

    sent: int  # global sentence number
    actor: str | None  # None: a person the text names by a common noun only
    gender: str | None  # "m", "f", "?" (a person of unknown sex) or None (not a person)
    subject: bool
    quoted: bool = False  # named inside a quotation: the speaker's world, not the narrator's
    definite: bool = False  # "the teenager": a description, perhaps of an actor already named


@dataclass(frozen=True)
class Actors:
    """What the resolver needs to know of each actor: kind, sex, the role nouns said of it."""

    kind: dict[str, str]
    gender: dict[str, str]
    role_nouns: dict[str, set[str]]
    governments: frozenset[str] = frozenset()  # a government is an organisation, but never "the company"


def _is_subject(token: Token) -> bool:
    """A subject, or one of several joined by "and" ("John Smith and Peter Brown met")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


class Resolver:
    """Reads the article once, in order, keeping the entities a pronoun could stand for."""

    def __init__(
        self,
        docs: Sequence[Doc],
        names: dict[tuple[int, int], str],
        actors: Actors,
        quotes: Callable[[int, int], Found | None],
        speaker_of: Callable[[Found], str | None],
    ):
        self.docs, self.names, self.actors = docs, names, actors
        self.quotes, self.speaker_of = quotes, speaker_of
        self.history: list[Entity] = []
        self.resolved: dict[tuple[int, int], str] = {}
        self.references: list[Mention] = []
        self.quoted: list[
            tuple[int, Token, Found]
        ] = []  # first-person words, resolved once every speaker is known

    def run(self) -> tuple[dict[tuple[int, int], str], tuple[Mention, ...]]:
        """(paragraph, token) -> actor for every resolved reference, and all references."""
        sent_no = 0
        for p, doc in enumerate(self.docs):
            for sent in doc.sents:
                for token in sent:
                    self._read(p, token, sent_no)
                sent_no += 1
        for p, token, quote in self.quoted:
            self._quoted(p, token, quote)
        refs = sorted(self.references, key=lambda m: (m.span.paragraph, m.span.start))
        return self.resolved, tuple(refs)

    def _read(self, p: int, token: Token, sent_no: int) -> None:
        actor = self.names.get((p, token.i))
        if actor is not None:
            if token.i == token.sent.root.i or token.head.i not in self._span_of(p, token, actor):
                self._remember(sent_no, actor, token, quoted=self.quotes(p, token.idx) is not None)
            return
        lowered = token.lower_
        quote = self.quotes(p, token.idx)
        if token.tag_ in {"PRP", "PRP$"}:
            if quote is not None:
                self.quoted.append((p, token, quote))
            elif lowered in MALE | FEMALE:
                self._personal(p, token, sent_no, "m" if lowered in MALE else "f")
            elif lowered in NEUTER | PLURAL:
                self._neuter(p, token, sent_no, plural=lowered in PLURAL)
            return
        if quote is None and (token.pos_ == "NOUN" or _year_old(token)):
            self._description(p, token, sent_no)
        elif quote is None and _one_of_them(token):
            # "one of the world’s top pianists ... when he left": someone, though no noun names him
            self.history.append(Entity(sent_no, None, "?", True))
        elif quote is None and token.pos_ == "PROPN" and _is_subject(token) and token.ent_type_ not in PLACES:
            # "Gerard’t Hooft ... said": someone the glossary has no entry for is still someone
            self.history.append(Entity(sent_no, None, "?", True))

    def _span_of(self, p: int, token: Token, actor: str) -> set[int]:
        """Token indices of the name a token belongs to (its neighbours naming the same actor)."""
        out, i = {token.i}, token.i
        while (p, i - 1) in self.names and self.names[(p, i - 1)] == actor:
            i -= 1
            out.add(i)
        i = token.i
        while (p, i + 1) in self.names and self.names[(p, i + 1)] == actor:
            i += 1
            out.add(i)
        return out

    def _remember(self, sent_no: int, actor: str, token: Token, quoted: bool = False) -> None:
        kind = self.actors.kind.get(actor)
        gender = self.actors.gender.get(actor, "?") if kind == "person" else None
        self.history.append(Entity(sent_no, actor, gender, _is_subject(token), quoted))

    def _add(
        self, p: int, token: Token, actor: str | None, via: str, confidence: float, sent_no: int
    ) -> None:
        first = token.doc[token.left_edge.i] if via == "description" else token
        start, end = first.idx, token.idx + len(token.text)
        self.references.append(
            Mention(actor, Span(p, start, end), token.doc.text[start:end], via, confidence if actor else 0.0)
        )
        if actor is not None:
            self.resolved[(p, token.i)] = actor
            self._remember(sent_no, actor, token)

    def _recent(self, sent_no: int, window: int) -> list[Entity]:
        """Entities of the last ``window`` sentences, leaving out names spoken inside quotations."""
        return [e for e in self.history if sent_no - e.sent <= window and not e.quoted]

    def _personal(self, p: int, token: Token, sent_no: int, gender: str) -> None:
        """he/she: the one person of that sex (or unknown sex) in reach, else unresolved."""
        fits = [e for e in self._recent(sent_no, WINDOW) if e.gender in {gender, "?"}]
        distinct = {e.actor if e.actor else id(e) for e in fits}
        actor = fits[-1].actor if len(distinct) == 1 else None
        sure = actor is not None and any(e.gender == gender for e in fits)
        confidence = 0.9 if sure else 0.7
        if actor is None:
            actor, confidence = _subject_goes_on(fits, sent_no), 0.8
        if actor is None:
            wide = [e for e in self._recent(sent_no, WIDE_WINDOW) if e.gender in {gender, "?"}]
            actor, confidence = self._only_one_of_that_sex(wide, gender), 0.75
        if actor is not None and self.actors.gender.get(actor) == "?" and len(distinct) == 1:
            self.actors.gender[actor] = gender  # "Malala Yousafzai ... as she went home": now known
        self._add(p, token, actor, "pronoun", confidence, sent_no)

    def _only_one_of_that_sex(self, fits: list[Entity], gender: str) -> str | None:
        """The story's only woman (or man) already named, when the other candidates are "the ..." nouns.

        "Malala Yousafzai ... the teenager ... she": with no other woman
        named in the story, and only descriptions ("the teenager", "the
        girl") since she was last named, "she" is Malala. A person named
        since, or an indefinite or possessed person ("a woman", "her
        mother"), still blocks it.
        """
        same = [a for a, g in self.actors.gender.items() if g == gender]
        if len(same) != 1:
            return None
        last = max((n for n, e in enumerate(fits) if e.actor == same[0]), default=None)
        if last is not None and all(e.actor is None and e.definite for e in fits[last + 1 :]):
            return same[0]
        return None

    def _neuter(self, p: int, token: Token, sent_no: int, plural: bool) -> None:
        """it/they: the one non-person actor that is a subject in this sentence or the one before."""
        if token.lower_ == "it" and _empty_it(token):
            self._add(p, token, None, "pronoun", 0.0, sent_no)
            return
        kinds = {"group", "organization"} if plural else {"organization", "country", "place", "other"}
        fits = [
            e
            for e in self._recent(sent_no, 1)
            if e.actor and e.subject and self.actors.kind.get(e.actor) in kinds
        ]
        actor = fits[-1].actor if len({e.actor for e in fits}) == 1 else None
        if actor is not None and _noun_between(self.docs, p, token, plural):
            actor = None
        self._add(p, token, actor, "pronoun", 0.6 if plural else 0.7, sent_no)

    def _quoted(self, p: int, token: Token, quote: Found) -> None:
        """I/we inside a quotation: its speaker; other pronouns there stay unresolved."""
        lowered = token.lower_
        speaker = self.speaker_of(quote)
        if lowered in FIRST:
            actor = speaker if speaker and self.actors.kind.get(speaker) == "person" else None
        elif lowered in FIRST_PLURAL:
            actor = (
                speaker if speaker and self.actors.kind.get(speaker) in {"organization", "group"} else None
            )
        elif lowered in MALE | FEMALE | NEUTER | PLURAL:
            actor = None
        else:
            return  # "you": the reader, not an actor
        self.references.append(
            Mention(
                actor,
                Span(p, token.idx, token.idx + len(token.text)),
                token.text,
                "quote",
                0.95 if actor else 0.0,
            )
        )
        if actor is not None:
            self.resolved[(p, token.i)] = actor

    def _description(self, p: int, token: Token, sent_no: int) -> None:
        """ "the company", "the country", "the 63-year-old", "the singer": a definite description."""
        det = next((c for c in token.children if c.dep_ == "det"), None)
        if _year_old(token):
            if det is not None and det.lower_ == "the":
                self._person_description(p, token, sent_no, "?", "year-old")
            return
        if self._describes_named(p, token):
            return  # "Anna Walker, a lawyer": the lawyer is Anna Walker, not someone else
        if det is None or det.lower_ != "the" or token.tag_ != "NN" or _restricted(token):
            gender = nouns.noun_gender(token) or ("?" if _speaks(token) else None)
            if gender and token.tag_ == "NN":
                definite = det is not None and det.lower_ == "the"
                self.history.append(Entity(sent_no, None, gender, _is_subject(token), definite=definite))
            return
        lemma = token.lemma_.lower()
        kind = "organization" if lemma in nouns.ORGANISATION_NOUNS else KIND_NOUNS.get(lemma)
        if kind is not None:
            recent = {
                e.actor
                for e in self._recent(sent_no, DESCRIPTION_WINDOW)
                if e.actor
                and self.actors.kind.get(e.actor) == kind
                and e.actor not in self.actors.governments
            }
            self._add(p, token, recent.pop() if len(recent) == 1 else None, "description", 0.7, sent_no)
            return
        gender = nouns.noun_gender(token)
        if gender is not None:
            self._person_description(p, token, sent_no, gender, lemma)

    def _person_description(self, p: int, token: Token, sent_no: int, gender: str, lemma: str) -> None:
        """ "the man", "the 63-year-old", "the singer": a person in reach, as for "he"/"she"."""
        fits = [
            e
            for e in self._recent(sent_no, WINDOW)
            if e.gender in {gender, "?"} or (gender == "?" and e.gender in {"m", "f"})
        ]
        people = {e.actor if e.actor else id(e) for e in fits}
        actor = fits[-1].actor if len(people) == 1 else None
        if (
            actor is not None
            and gender == "?"
            and lemma != "year-old"
            and lemma not in self.actors.role_nouns.get(actor, set())
        ):
            # "the teenager": most likely the one person in reach, but not sure enough to say so;
            # nor is it someone else a later "she" could mean.
            self._add(p, token, None, "description", 0.0, sent_no)
            return
        if actor is None:
            self.history.append(Entity(sent_no, None, gender, _is_subject(token), definite=True))
        self._add(p, token, actor, "description", 0.75, sent_no)

    def _named(self, p: int, token: Token) -> bool:
        return (p, token.i) in self.names or (p, token.i) in self.resolved

    def _describes_named(self, p: int, token: Token) -> bool:
        """A noun in apposition to a name, or said of a named subject ("X is a lawyer")."""
        if token.dep_ == "appos" and self._named(p, token.head):
            return True
        if any(c.dep_ == "appos" and self._named(p, c) for c in token.children):
            return True
        if any(c.dep_ == "compound" and self._named(p, c) for c in token.children):
            return True  # "the Virgin Atlantic owner"
        if token.dep_ == "attr":
            return any(c.dep_ == "nsubj" and self._named(p, c) for c in token.head.children)
        return False


def _subject_goes_on(fits: list[Entity], sent_no: int) -> str | None:
    """The one actor among the candidates that is a subject of this sentence or the one before.

    "Scarlett Johansson is suing a French novelist. She says ...": two
    candidates fit "she" by sex, but only one was the subject, and a story
    keeps talking about its subject. The subject of the pronoun's own
    sentence comes first ("Obama said he was proud"). Resolves only when that
    subject is an actor and no other candidate was a subject there.
    """
    for first in (sent_no, sent_no - 1):  # this sentence's subject first, then the one before
        subjects = [e for e in fits if e.subject and e.sent >= first]
        distinct = {e.actor if e.actor else id(e) for e in subjects}
        if len(distinct) == 1:
            return subjects[-1].actor
    return None


def _one_of_them(token: Token) -> bool:
    """ "one of the world’s top pianists" as a subject: a person named by a plural person noun."""
    if token.lower_ != "one" or not _is_subject(token):
        return False
    of = next((c for c in token.children if c.lower_ == "of"), None)
    return of is not None and any(c.dep_ == "pobj" and nouns.noun_gender(c) for c in of.children)


def _speaks(token: Token) -> bool:
    """ "a prominent supporter of the project ... said": whoever says something is a person."""
    from quizapp.text.actors.evidence import SAYING  # evidence imports lexicon only

    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SAYING


def _year_old(token: Token) -> bool:
    """ "the 63-year-old": the parser makes "old" the head of "63 - year - old"."""
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.i >= 2
        and doc[token.i - 2].lower_ in {"year", "years"}
        and doc[token.i - 1].text == "-"
    )


def _restricted(token: Token) -> bool:
    """ "the man who ...", "the company's", "the city of X": not a bare description."""
    return any(
        c.dep_ in {"relcl", "acl", "prep", "compound", "amod", "appos", "poss"} for c in token.children
    ) and not any(c.dep_ == "compound" and c.lower_.endswith("year-old") for c in token.children)


def _empty_it(token: Token) -> bool:
    """ "It is hard to ...", "it was said that ...", "it rains": no antecedent."""
    head = token.head
    if token.dep_ == "expl":
        return True
    if head.lemma_ == "be" and any(c.dep_ == "attr" for c in head.children):
        return True  # "It has been an expensive process": says what "it" is, not who
    return any(
        c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > head.i for c in head.children
    ) and head.lemma_ in {"be", "seem", "appear", "take", "make", "become"}


def _noun_between(docs: Sequence[Doc], p: int, token: Token, plural: bool) -> bool:
    """A plural noun (or a subject noun) earlier in the pronoun's sentence could be its antecedent."""
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.pos_ == "NOUN" and (t.tag_ == "NNS" if plural else _is_subject(t)):
            return True
    return False
