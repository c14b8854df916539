"""Small facts about English the glossary rules rely on, and the parse tests that use them.

Word lists here are closed classes of the language (titles, nouns that name
a place or a body of people, verbs of fighting), not names from any article.
Every test reads spaCy's parse: dependency labels, lemmas and tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from quizapp.text.actors import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


PLACE_NOUNS = set(
    """
    town city village region province district county state capital port island area valley desert
    border suburb neighbourhood neighborhood river mountain country republic airport place site spot
    location
    """.split()
)
# "the town of X" names X a town; "the capital of X" or "the border of X" does not.
NAMING_PLACE_NOUNS = set(
    """
    town city village region province district county state port island
    """.split()
)
# "the X region" names X a region; "the X airport", "the X border" or "X site" name something of X's.
SAME_PLACE_NOUNS = set(
    """
    town city village region province district county state island area valley desert river mountain
    neighbourhood neighborhood
    """.split()
)
GROUP_NOUNS = set(
    """
    government militia force rebel fighter troop soldier army insurgent militant official leader
    minister diplomat ally power citizen voter people authority police protester party company firm
    group
    """.split()
)
TITLES = set(
    """
    president prime minister king queen prince princess chancellor senator governor general pope
    mayor secretary ambassador judge dr dr. professor sheikh emir ayatollah commander colonel chief
    """.split()
)
# Verbs and nouns that put an organisation on one side of a fight.
FIGHTING = set(
    """
    attack capture fight battle defeat bomb strike seize recapture retake war offensive assault
    stronghold militant
    """.split()
)
AGENT_DEPS = {"nsubj", "nsubjpass", "poss"}
# What a state does through its capital ("Damascus hailed", "organized by Moscow"); a city
# that grows, hosts or lies somewhere is the city.
STATE_VERBS = set(
    """
    hail organize organise back support want say warn accuse deny demand announce agree reject sign
    threaten condemn welcome urge insist claim refuse impose respond hope fear broker negotiate
    sanction recognise recognize veto order approve ban expel arm
    """.split()
)
# Last words that make a name a place: "Manly Beach", "the Baltic Sea", "Mount Everest".
PLACE_NAME_WORDS = set(
    """
    beach sea ocean bay river lake island islands mountain mountains coast street road square park
    valley desert forest city county province region gulf strait peninsula canal airport station
    bridge harbour harbor hill hills wetlands falls glacier cathedral church abbey castle palace
    tower stadium prison temple mosque channel
    """.split()
)


def fold(text: str) -> str:
    """A key for comparing names: no accents, case, hyphens or "al-" prefixes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`]s$", "", text)
    text = re.sub(r"\b(?:al|el|ad|as|ash|an)[-\s]+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def person_key(name: str) -> str:
    """The folded full name; a short form is matched to it by ``mentions``."""
    return fold(name)


def place_descriptor(span: SpacySpan) -> str:
    """What the text calls a place: "the town of X" -> "town"; "the X region" -> "region"."""
    root = span.root
    head = root.head
    noun = head.head
    if (
        head.lower_ == "of"
        and noun.lemma_.lower() in NAMING_PLACE_NOUNS
        and noun.i < span.start
        and noun.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    ):
        return noun.lemma_.lower()  # "the town of X"; not "regions of Europe"
    if (
        root.dep_ == "compound"
        and head.lemma_.lower() in SAME_PLACE_NOUNS
        and head.i == span.end
        and head.tag_ != "NNS"
    ):
        return head.lemma_.lower()  # "the Tigris river"; not "London rivers", which are in London
    return ""


def acts(token: Token) -> bool:
    """Whether a name is the doer in its clause: a subject, or the agent after "by"."""
    if token.dep_ in AGENT_DEPS:
        return True
    if token.dep_ == "conj":
        return acts(token.head)
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


# Last words of the name of a prize or an occasion, not of an organisation: "the Nobel Peace Prize".
PRIZE_WORDS = set(
    """
    prize award awards medal cup trophy championship games festival day
    """.split()
)
WORK_NOUNS = set(
    """
    novel book film movie song album play painting series show programme poem opera documentary
    magazine newspaper game single track tour concert festival
    """.split()
)


def is_work_title(span: SpacySpan) -> bool:
    """A book, a film, a song or a tour, not an organisation or a person: "his last novel, My List of
    Desires", "the album Young Americans", "Aladdin Sane (1973)", or a title-case name with a verb in
    it ("The First Thing We Look At")."""
    root = span.root
    doc = span.doc
    if any(t.pos_ in {"VERB", "AUX"} and t.i != span.start for t in span):
        return True
    if span.start and doc[span.start - 1].lemma_.lower() in WORK_NOUNS:
        return True  # "the album Young Americans", "the hit single Starman"
    if span[0].lemma_.lower() in WORK_NOUNS:
        return True  # "Concert for New York City"
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 1].like_num:
        return True  # "Aladdin Sane (1973)": a work and its year
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "a good album, Scary Monsters (and Super Creeps)": a list hung on the album
        if token.lemma_.lower() in WORK_NOUNS:
            return True
    if token.dep_ == "appos" and token.head.lemma_.lower() in WORK_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in WORK_NOUNS for c in root.children)


def acts_for_a_state(token: Token) -> bool:
    """A capital that does what a state does ("Damascus hailed", "organized by Moscow")."""
    if not acts(token) or token.dep_ == "poss":
        return False
    while token.dep_ == "conj":
        token = token.head
    verb = token.head.head if token.dep_ == "pobj" else token.head
    return verb.lemma_.lower() in STATE_VERBS


def is_fighting_side(span: SpacySpan) -> bool:
    """An organisation attacked, captured from or holding strongholds is an armed group."""
    for token in span.sent:
        if token.lemma_.lower() not in FIGHTING or span.start <= token.i < span.end:
            continue  # "Shark Attack File": a word of the name itself says nothing
        near = {token.head.i, *(c.i for c in token.children)}
        near |= {g.i for c in token.children for g in c.children}
        if span.root.i in near or span.root.head.i in near:
            return True
    return False


def is_group_noun(token: Token) -> bool:
    """A noun naming a body of people: militias, governments, forces."""
    return token.lemma_.lower() in GROUP_NOUNS and token.pos_ == "NOUN"


def group_noun(span: SpacySpan) -> Token | None:
    """The group noun a nationality word qualifies ("Western governments"), if any."""
    head = span.root.head
    if span.root.dep_ not in {"amod", "compound"} or head.i != span.end or not is_group_noun(head):
        return None
    return head if head.tag_ in {"NNS", "NNPS"} or head.lemma_.lower() == "government" else None


def is_person_by_nationality(span: SpacySpan) -> bool:
    """ "the Austrian" as a subject or object: one person, named by nationality."""
    root = span.root
    singular_det = any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in root.children)
    return (
        singular_det
        and root.tag_ in {"NNP", "NN"}
        and root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        and span.doc[span.end - 1].i == root.i
    )


def is_local_government(token: Token) -> bool:
    """ "the state government", "local government", "a government": not the government of the country."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an", "any", "every", "no"} for c in token.children):
        return True
    return any(
        c.dep_ in {"amod", "compound"}
        and c.lower_ in {"state", "local", "regional", "provincial", "city", "municipal", "county", "town"}
        for c in token.children
    )


def named_modifier(token: Token) -> bool:
    """A capitalised word before a noun, or a name after "in", that names no country: "the Andalucían
    government", "the government in Edinburgh"."""
    places = [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
    ]
    return bool(places) or any(
        c.dep_ in {"amod", "compound"} and c.text[:1].isupper() and c.i < token.i for c in token.children
    )


def government_country(token: Token) -> gazetteer.Country | None:
    """Whose government: "Syrian government", "Syria's government", "the government in London"
    (a capital's country), else unknown."""
    gaz = gazetteer.load()
    for child in token.children:
        if child.dep_ in {"amod", "compound"}:
            found = gaz.demonym(child.text) or gaz.country(child.text)
        elif child.dep_ == "poss":
            found = gaz.country(child.text)
        elif child.dep_ == "prep" and child.lower_ in {"in", "of"}:
            place = next((g for g in child.children if g.dep_ == "pobj"), None)
            found = (gaz.country(place.text) or gaz.capital(place.text)) if place is not None else None
        else:
            continue
        if found:
            return found
    return None


def backed_nouns(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """Pairs (noun, backer-first-token) for "X-backed N" and "X - backed N"."""
    for token in doc:
        if token.dep_ not in {"amod", "compound"}:
            continue
        if token.lower_.endswith("-backed") and len(token.text) > len("-backed"):
            yield token.head, token
        elif token.lower_ == "backed" and token.i >= 2 and doc[token.i - 1].text == "-":
            yield token.head, doc[token.i - 2]


def join(tokens: Iterable[Token]) -> str:
    """Tokens as text, with a space wherever tokens were left out between them."""
    out = []
    previous = None
    for t in sorted(tokens, key=lambda t: t.i):
        if previous is not None:
            out.append(previous.whitespace_ if t.i == previous.i + 1 else " ")
        out.append(t.text)
        previous = t
    return "".join(out).strip(" ,")


def phrase(token: Token) -> str:
    """A noun phrase without its relative clauses and appositions, so it stays short."""
    dropped = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
    return join(t for t in token.subtree if t.i not in dropped)


def noun_phrase_for(token: Token) -> str:
    """A noun phrase that reads alone: "including one" -> "one of the ceasefires"."""
    if token.lower_ == "one" and token.dep_ == "pobj" and token.head.lower_ == "including":
        return f"one of the {token.head.head.text}"
    text = phrase(token)
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in {"A", "An", "The"} and rest else text


def has_word(text: str, name: str) -> bool:
    """Whether ``name`` stands in ``text`` as whole words ("Russia" is not in "Russian")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def antecedent(relative: Token) -> Token:
    """The noun a relative pronoun stands for.

    The parser attaches "that" in "the dilemma facing Western governments
    that still want ..." to "dilemma"; the verb's number ("want", plural)
    shows it is the nearer "governments". Prefer the nearest preceding noun
    when it agrees in number with the clause's verb and the parser's choice
    does not.
    """
    verb = relative.head
    chosen = verb.head
    before = relative.doc[relative.i - 1] if relative.i > 0 else None
    if before is None or before.pos_ not in {"NOUN", "PROPN"} or before.i == chosen.i:
        return chosen
    plural_verb = verb.tag_ == "VBP"
    singular_verb = verb.tag_ == "VBZ"
    agrees = (plural_verb and before.tag_ in {"NNS", "NNPS"}) or (
        singular_verb and before.tag_ in {"NN", "NNP"}
    )
    chosen_agrees = (plural_verb and chosen.tag_ in {"NNS", "NNPS"}) or (
        singular_verb and chosen.tag_ in {"NN", "NNP"}
    )
    return before if agrees and not chosen_agrees else chosen


def title_of(token: Token) -> str:
    """The title before a person's name ("Prime Minister"), in the text's order."""
    words = [t for t in token.subtree if t.i < token.i and t.lower_ in TITLES]
    return " ".join(dict.fromkeys(t.text for t in sorted(words, key=lambda t: t.i)))


def country_in_focus(sentence_tokens: Iterable[Token], countries: Collection[str]) -> str | None:
    """The one country a clause is about: its subject, or the subject's possessor ("Syria’s war")."""
    found = {t.text for t in sentence_tokens if t.dep_ in {"nsubj", "poss"} and t.text in countries}
    return found.pop() if len(found) == 1 else None
