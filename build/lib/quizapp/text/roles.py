"""One line per actor saying the part it plays, in the article's own words.

Sources, most telling first: a title before a person's name ("President"),
what the text calls a place ("the town of ..."), an apposition ("Islamic
State's last major Syrian stronghold, the Deir al-Zor region"), who backs
whom, what happened to it ("its capture was hailed by ..."), and what it does
(the verb phrase it is the subject of). At most two of these are joined, so
the line stays readable on a phone.
"""

from __future__ import annotations

from quizapp.text import lexicon
from quizapp.text.relations import NOMINAL_EVENTS

MAX_PARTS = 2
EVENT_KINDS = set(NOMINAL_EVENTS.values())


def _and(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def with_article(name: str) -> str:
    """ "United States" reads as "the United States" in a sentence; "Russia" does not."""
    lowered = name.lower()
    if lowered.startswith(("united ", "republic ")) or lowered.endswith((" government", " militias")):
        return "the " + name
    return name


def _title(group, docs, countries) -> str:
    """ "President" -> "Syria's president" when the sentence names one country."""
    for c in group:
        token = docs[c.doc][c.head]
        title = lexicon.title_of(token)
        if title:
            country = lexicon.country_in_focus(token.sent, set(countries))
            return f"{country}’s {title.lower()}" if country else title
    return ""


def _apposition(group, docs) -> str:
    """ "X's last stronghold, the Deir al-Zor region" -> "X's last stronghold"."""
    for c in group:
        token = docs[c.doc][c.head]
        holder = token.head if token.dep_ == "compound" else token
        if holder.dep_ == "appos":
            head = holder.head
            words = [t for t in head.subtree if t.i < head.i or t.i == head.i]
            return "".join(t.text_with_ws for t in words).strip()
        appos = next((ch for ch in holder.children if ch.dep_ == "appos"), None)
        if appos is not None and appos.pos_ == "NOUN":
            return "".join(t.text_with_ws for t in appos.subtree).strip(" ,")
    return ""


def _possessions(group, docs) -> str:
    """What the actor's possessive says: "its last stronghold is the Y region", "its war has ..."."""
    for c in group:
        token = docs[c.doc][c.head]
        if token.dep_ != "poss":
            continue
        owned = token.head
        what = "".join(t.text_with_ws for t in owned.subtree
                       if token.i < t.i <= owned.i and t.dep_ != "case").strip()
        appos = next((ch for ch in owned.children if ch.dep_ == "appos"), None)
        if appos is not None:
            return f"its {what} is {lexicon.phrase(appos)}"
        if owned.dep_ == "nsubj":
            verb = owned.head
            rest = [t for t in verb.subtree if t.i >= verb.i and not _in_side_clause(t, verb)]
            aux = [t for t in verb.children if t.dep_ in {"aux", "neg"} and t.i < verb.i]
            words = "".join(t.text_with_ws for t in sorted(aux + rest, key=lambda t: t.i)).strip(" ,.")
            return f"its {what} {words}"
    return ""


def _in_side_clause(token, verb) -> bool:
    """Whether a token belongs to a side clause of ``verb`` (advcl, conj, punctuation)."""
    for child in verb.children:
        if child.dep_ in {"advcl", "conj", "cc", "punct", "mark", "parataxis"} and token in child.subtree:
            return True
    return False


def _modified(group, docs) -> str:
    """Last resort: the phrase a name qualifies ("the Iraqi border")."""
    for c in group:
        token = docs[c.doc][c.head]
        if token.dep_ in {"amod", "compound"} and token.head.pos_ == "NOUN":
            return lexicon.phrase(token.head)
    return ""


def _relations(ident, found, names) -> list[str]:
    """What the relations say about the actor: backing, capture, actions."""
    backers = [names[r.subject] for r in found if r.kind == "backing" and r.object == ident and r.subject]
    parts = [f"backed by {_and([with_article(b) for b in backers])}"] if backers else []
    # A relation with another actor says more than one with a thing: list those first.
    for r in sorted(found, key=lambda r: r.object is None):
        if r.kind == "backing" and r.subject == ident:
            parts.append(f"backs {with_article(names[r.object])}" if r.object else r.predicate)
        elif r.kind in EVENT_KINDS and r.object == ident:
            by = f" by {with_article(names[r.subject])}" if r.subject else ""
            parts.append(f"its {r.kind} was {r.predicate.split()[0]}{by}" if by else f"{r.verb}d")
        elif r.kind in EVENT_KINDS and r.subject == ident:
            target = names.get(r.object, r.object_text)
            parts.append(f"{r.predicate} {target}")
    for r in found:
        if r.kind == "action" and r.subject == ident:
            parts.append(r.predicate)
    return parts


def describe(ident, group, docs, found, names, countries) -> str:
    """The role line for the actor ``ident`` whose mentions are ``group``.

    ``names`` maps every actor id to its name; ``countries`` lists the names
    of the countries in the story, to say whose president a president is.
    """
    descriptor = next((c.descriptor for c in group if c.descriptor), "")
    parts = [
        _title(group, docs, countries),
        descriptor,
        _possessions(group, docs),
        *_relations(ident, found, names),
        _apposition(group, docs),
        _modified(group, docs),
    ]
    parts = [p for p in dict.fromkeys(parts) if p]
    return "; ".join(parts[:MAX_PARTS])
