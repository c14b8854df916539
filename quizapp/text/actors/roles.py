"""One line per actor saying the part it plays, as one phrase a pupil can read, or nothing.

The line is built from the parse, never cut out of it at random (issue 10):

* a person: the title the text gives ("Syria’s president"), else what the
  text says the person is ("X, a surfer", "X is the director of ..."), else
  the verb phrase of a sentence with the person as its subject ("found a
  message in a bottle on the Baltic coast");
* a country, an organisation or a group: who backs it or whom it backs, an
  event done to or by it, what it is, else what it does;
* a place: what the text calls it ("town"), with what happened to it or
  what it is to another actor ("town whose capture was hailed by the
  Syrian government").

A phrase is kept only if it reads alone: at most ``MAX_WORDS`` words, no
quotation marks and no words from inside a quotation, no "I", "we" or
"you", no pronoun left standing for someone unresolved, no verb of saying
(what was said belongs to the quote, not the role), and it does not end on
a word that needs more after it ("of", "the", "and"). Where no phrase
passes, the actor has no role: an empty role is better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, cast

from quizapp.text.actors import evidence, lexicon, nouns
from quizapp.text.actors.relations import NOMINAL_EVENTS, reported

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from quizapp.text.actors.candidate import Candidate
    from quizapp.text.types import Relation

InQuote = Callable[[int, int], bool]  # (paragraph, char) -> whether it is inside a quotation
Resolve = Callable[[int, "Token"], "str | None"]  # (paragraph, pronoun) -> the actor it was resolved to


MAX_WORDS = 12
EVENT_KINDS = set(NOMINAL_EVENTS.values())
STRAY_PRONOUNS = set(
    """
    i me my we us our you your he him she it they them this that these those
    """.split()
)
BAD_ENDINGS = set(
    """
    of the a an and or but to for with in on at by from that which who is are was were be has have
    had – - , :
    """.split()
)


def _and(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def with_article(name: str) -> str:
    """ "United States" reads as "the United States" in a sentence; "Russia" does not."""
    lowered = name.lower()
    if lowered.startswith(("united ", "republic ")) or lowered.endswith((" government", " militias")):
        return "the " + name
    return name


def readable(phrase: str) -> bool:
    """Whether a phrase reads alone as a role (the rules in the module's docstring)."""
    words = phrase.replace("’s", "").replace("'s", "").split()
    if not words or len(words) > MAX_WORDS or "…" in phrase:
        return False
    if any(mark in phrase for mark in '“”";()[]'):
        return False
    lowered = [w.strip(",.:;!?").lower() for w in words]
    if any(w in STRAY_PRONOUNS for w in lowered):
        return False
    if "between" in lowered and "and" not in lowered:
        return False  # "a connection between government cuts": the second thing was cut off
    return lowered[-1] not in BAD_ENDINGS and words[-1][-1] not in ",:–-"


def _title(group: Sequence[Candidate], docs: Sequence[Doc], countries: Iterable[str]) -> str:
    """ "President" -> "Syria's president" when the sentence names one country;
    "former Brazilian federation chief" as the text puts it before the name."""
    for c in group:
        token = docs[c.doc][c.head]
        title = lexicon.title_of(token)
        if not title or title.lower() in {"dr", "dr.", "mr", "mrs", "ms"}:
            continue
        before = [
            t
            for t in token.subtree
            if (t.i < token.i and t.pos_ not in {"DET", "PUNCT"} and t.ent_iob_ in {"", "O"})
            or (t.i < token.i and t.ent_type_ in {"NORP", "ORG"})
        ]
        phrase = lexicon.join(t for t in before if t.i < token.i)
        if (
            len(before) > len(title.split())
            and readable(phrase)
            and phrase.split()[-1].lower() in lexicon.TITLES
        ):
            return phrase[:1].lower() + phrase[1:] if before[0].pos_ != "PROPN" else phrase
        country = lexicon.country_in_focus(token.sent, set(countries))
        return f"{country}’s {title.lower()}" if country else title
    return ""


def _described(
    group: Sequence[Candidate],
    docs: Sequence[Doc],
    in_quote: InQuote,
    resolve: Resolve = lambda p, t: None,
    names: dict[str, str] | None = None,
    ident: str | None = None,
    person: bool = False,
) -> str:
    """What the text says the actor is: an apposition ("X, a surfer"), "the Prime Minister, X",
    or "X is a/the ...". A person is never what an organisation noun says ("Y of White, the
    architects company": the company is White)."""
    for c in group:
        token = docs[c.doc][c.head]
        if in_quote(c.doc, token.idx):
            continue
        appos = next((ch for ch in token.children if ch.dep_ == "appos" and ch.pos_ == "NOUN"), None)
        if appos is None and token.dep_ == "nsubj" and token.head.lemma_ == "be" and not reported(token.head):
            appos = next((ch for ch in token.head.children if ch.dep_ == "attr" and ch.pos_ == "NOUN"), None)
        if (
            appos is None
            and token.dep_ == "appos"
            and token.head.pos_ in {"NOUN", "PROPN"}
            and not in_quote(c.doc, token.head.idx)
        ):
            head = token.head  # "the British Prime Minister, David Cameron"
            if nouns.noun_gender(head) or head.lower_ in lexicon.TITLES:
                after = {
                    t.i
                    for ch in head.children
                    if ch.dep_ == "prep" and ch.i > head.i and ch.i < token.i
                    for t in ch.subtree
                }  # "the governor of the Bank of England, Mark Carney"
                commas = [t.i for t in head.subtree if t.text == "," and t.i < head.i]
                start = max(commas, default=-1)  # "... a view of the square, Rjukan’s young mayor, X"
                tokens = [t for t in head.subtree if start < t.i <= head.i or t.i in after]
                phrase = _owned(tokens, c.doc, resolve, names or {}, ident)
                if phrase and readable(phrase):
                    return phrase
            continue
        if person and appos is not None and appos.lemma_.lower() in nouns.ORGANISATION_NOUNS:
            continue
        if appos is not None and _cut_at_hyphen(appos):
            continue  # "vice-president" parsed as "vice", "-", "president": "vice" is no role
        first = appos.doc[appos.left_edge.i] if appos is not None else None
        if (
            appos is not None
            and first is not None
            and (first.pos_ == "DET" or first.tag_ == "PRP$" or first.i == appos.i)
        ):
            dropped = {
                t.i for ch in appos.children if ch.dep_ in {"relcl", "acl", "appos"} for t in ch.subtree
            }
            if dropped and any(
                t.lower_ in {"only", "first", "last", "sole"} or t.tag_ == "JJS" for t in appos.subtree
            ):
                continue  # "the only company [seeking to explore ...]": the cut-off clause carries the claim
            phrase = _owned(
                [t for t in appos.subtree if t.i not in dropped], c.doc, resolve, names or {}, ident
            )
            if phrase and readable(phrase):
                return phrase
    return ""


def _cut_at_hyphen(noun: Token) -> bool:
    """A noun the parse cut off from the rest of its word at a hyphen ("vice" of "vice-president")."""
    doc = noun.doc
    return noun.i + 1 < len(doc) and not noun.whitespace_ and doc[noun.i + 1].text in {"-", "–"}


def _owned(
    tokens: Sequence[Token], paragraph: int, resolve: Resolve, names: dict[str, str], ident: str | None = None
) -> str:
    """A noun phrase as text, "the" lowered, a leading "his"/"her" replaced by the resolved owner.

    "Her lawyer" alone does not say whose; "Scarlett Johansson’s lawyer"
    does. An unresolved owner, or "whose", leaves no phrase.
    """
    first = tokens[0]
    if first.tag_ == "WP$":
        return ""
    phrase = lexicon.join(tokens)
    if first.tag_ == "PRP$":
        owner = resolve(paragraph, first)
        if owner is None or owner not in names or owner == ident:
            return ""  # unresolved, or "his brother" said of himself: a merge gone wrong
        phrase = f"{names[owner]}’s {lexicon.join(tokens[1:])}"
    return phrase[:1].lower() + phrase[1:] if phrase.split()[0] in {"A", "An", "The"} else phrase


def _possession(group: Sequence[Candidate], docs: Sequence[Doc], in_quote: InQuote) -> str:
    """ "Islamic State’s last stronghold, the Y region" -> "its last stronghold is the Y region"."""
    for c in group:
        token = docs[c.doc][c.head]
        if token.dep_ != "poss" or in_quote(c.doc, token.idx):
            continue
        owned = token.head
        appos = next((ch for ch in owned.children if ch.dep_ == "appos"), None)
        if appos is not None:
            what = lexicon.join(t for t in owned.subtree if token.i < t.i <= owned.i and t.dep_ != "case")
            phrase = f"its {what} is {lexicon.phrase(appos)}"
            if readable(phrase.replace("its ", "", 1)):
                return phrase
    return ""


def _links(ident: str, found: Sequence[Relation], names: dict[str, str]) -> list[str]:
    """Backing and events: "backed by Russia and Iran", "backs the Syrian government"."""
    backers = [names[r.subject] for r in found if r.kind == "backing" and r.object == ident and r.subject]
    parts = [f"backed by {_and([with_article(b) for b in backers])}"] if backers else []
    for r in sorted(found, key=lambda r: r.object is None):
        if r.kind == "backing" and r.subject == ident and r.object:
            parts.append(f"backs {with_article(names[r.object])}")
        elif r.kind in EVENT_KINDS and r.subject == ident and r.object in names:
            parts.append(f"{r.predicate} {names[r.object]}")
    return [p for p in parts if readable(p)]


def _event_on(ident: str, found: Sequence[Relation], names: dict[str, str]) -> str:
    """ "whose capture was hailed by the Syrian government", for a place."""
    for r in found:
        if r.kind in EVENT_KINDS and r.object == ident and r.subject in names:
            return f"whose {r.kind} was {r.predicate.split()[0]} by {with_article(names[r.subject])}"
    return ""


def _names_it(subject_text: str, names: Collection[str]) -> bool:
    """Whether a subject is the actor by one of its names, or "the company" that was resolved to it.

    "the Guatemalan Rafael Salguero left ..." has Guatemala inside its
    subject, but the sentence is about Salguero.
    """
    folded = lexicon.fold(subject_text)
    words = subject_text.split()
    return (
        folded in names
        or (len(words) == 2 and words[0].lower() == "the")
        or folded in {"that", "which", "who"}
    )  # "governments that want ...": resolved by the parse


def _action(
    ident: str, found: Sequence[Relation], in_quote: InQuote, names: Collection[str] = frozenset()
) -> str:
    """The first verb phrase with the actor as subject that reads alone and is not a saying."""
    for r in found:
        if r.kind != "action" or r.subject != ident or r.verb in evidence.SAYING:
            continue
        if names and not _names_it(r.subject_text, names):
            continue
        if in_quote(r.span.paragraph, r.span.start + 1) or r.predicate.split()[0].lower() in {
            "'s",
            "’s",
            "’m",
            "'m",
        }:
            continue
        if r.subject_text.lower() in {"i", "we"}:  # a quoted "I": the words are the quote's
            continue
        if r.reported or r.shared:
            continue  # "he maintained the organization was not corrupt": said, not done; or done with others
        if re.search(r"\bthe (first|only|last|sole)\b", r.predicate):
            continue  # "is not the first singer [to say ...]": the cut-off clause carries the claim
        if _bare_verb(r.predicate):
            continue  # "couldn’t do": the thing done was the noun the clause hangs on
        if readable(r.predicate) and len(r.predicate.split()) >= 2:
            return r.predicate
    return ""


AUXILIARIES = set(
    """
    is are was were be been has have had do does did can could will would shall should may might
    must not n’t n't couldn’t can’t won’t didn’t doesn’t don’t wasn’t isn’t never
    """.split()
)


def _bare_verb(predicate: str) -> bool:
    """A verb with nothing after it but its auxiliaries: "couldn’t do", "has been working"."""
    words = predicate.lower().split()
    return len([w for w in words if w not in AUXILIARIES]) <= 1


def _place(ident: str, group: Sequence[Candidate], found: Sequence[Relation], names: dict[str, str]) -> str:
    """A place: "town whose capture was hailed by X", "a region: X's last stronghold", or "town"."""
    descriptor = next((c.descriptor for c in group if c.descriptor), "")
    event = _event_on(ident, found, names)
    if descriptor and event:
        return f"{descriptor} whose {event.removeprefix('whose ')}"
    owner = next(
        (r for r in found if r.kind == "appositive" and r.subject == ident and r.object in names), None
    )
    if owner is not None:
        what = f"{names[cast(str, owner.object)]}’s {owner.predicate}"  # chosen for an object in names
        return f"a {descriptor}: {what}" if descriptor else what
    return descriptor


def describe(
    ident: str,
    group: Sequence[Candidate],
    docs: Sequence[Doc],
    found: Sequence[Relation],
    names: dict[str, str],
    countries: Iterable[str],
    kind: str = "",
    in_quote: InQuote = lambda p, c: False,
    resolve: Resolve = lambda p, t: None,
) -> str:
    """The role line for the actor ``ident`` whose mentions are ``group``.

    ``names`` maps every actor id to its name; ``countries`` lists the names
    of the countries in the story, to say whose president a president is;
    ``in_quote(paragraph, char)`` tells whether a place in the text is inside
    a quotation, whose words are never a role; ``resolve(paragraph, token)``
    is the actor a pronoun was resolved to, if any.
    """
    kind = kind or group[0].kind
    if kind == "place":
        return _place(ident, group, found, names)
    if kind == "person":
        options = [
            _title(group, docs, countries),
            _described(group, docs, in_quote, resolve, names, ident, person=True),
        ]
    else:
        options = [
            *_links(ident, found, names),
            _possession(group, docs, in_quote),
            _described(group, docs, in_quote, resolve, names, ident),
        ]
    own = {lexicon.fold(c.text) for c in group} | {lexicon.fold(names[ident])}
    options.append(_action(ident, found, in_quote, own))
    return next((o for o in options if o), "")
