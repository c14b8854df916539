"""Who says a clause: the speaker a reader would name, or nobody when a reader could not be sure.

A why-question about someone's words must say whose they are ("According
to Oxfam, why would world hunger worsen?"). The speaker is the subject of
the verb of saying the clause hangs from, a name the glossary knows or a
pronoun the mention layer resolved for sure; failing that, the speaker the
quotation layer gave the quotation the clause stands in. Nothing else: a
reason put in the wrong mouth is a false key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.text.types import Analysis, Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

SAYING = {"say", "tell", "warn", "claim", "argue", "believe", "think", "explain", "insist", "predict", "add"}
SPEAKER_KINDS = {"person", "organization", "country", "group"}


def speaker(s: Sentence, verb: Token, analysis: Analysis) -> str | None:
    """The name of whoever says ``verb``'s clause in sentence ``s``, if the article makes it sure."""
    sayer = _saying_verb(verb)
    if sayer is None:
        return quoted_by(s, analysis)
    subjects = sorted(  # "The charity Oxfam predicted …" parses as two subjects: the name speaks
        (c for c in sayer.children if c.dep_ == "nsubj"), key=lambda c: c.pos_ != "PROPN"
    )
    return _named(subjects[0], s, analysis) if subjects else None


def _saying_verb(verb: Token) -> Token | None:
    """The verb of saying whose reported clause ``verb`` is ("…, he said"; "Oxfam predicted that …")."""
    token = verb
    while token.head.i != token.i:
        if token.dep_ in {"ccomp", "parataxis"} and token.head.lemma_.lower() in SAYING:
            return token.head
        token = token.head
    return next(  # "The town is here because of the mine, says Niklas Siren": the sayer may hang below
        (c for c in verb.children if c.dep_ in {"parataxis", "ccomp"} and c.lemma_.lower() in SAYING), None
    )


def _named(subj: Token, s: Sentence, analysis: Analysis) -> str | None:
    """The glossary's name for the sayer: a name it knows, or a pronoun the mention layer tied for sure.

    Only the subject's own name counts: in "Chris Urmson, director of the
    project at Google, said …" the speaker is not Google.
    """
    if subj.pos_ == "PROPN":
        entity = next((e for e in s.sent.ents if e.start <= subj.i < e.end), None)
        if entity is None:
            return None
        return next(
            (
                a.name
                for a in analysis.actors
                if a.kind in SPEAKER_KINDS and entity.text in (a.name, *a.aliases)
            ),
            None,
        )
    if subj.tag_ != "PRP":
        return None
    tied = next(
        (
            m.actor
            for m in analysis.references
            if m.span.paragraph == s.span.paragraph and m.span.start == subj.idx and m.actor
        ),
        None,
    )
    return _actor_name(tied, analysis)


def quoted_by(s: Sentence, analysis: Analysis) -> str | None:
    """The speaker the quotation layer gave the quotation sentence ``s`` stands in."""
    return quoted_as(s, analysis)[1]


def quoted_as(s: Sentence, analysis: Analysis) -> tuple[bool, str | None]:
    """Whether sentence ``s`` is wholly quoted words, and whose they are if the quotation layer is sure."""
    quotes = [quote for quote in analysis.quotes if _holds(quote, s)]
    named = next((quote.speaker for quote in quotes if quote.speaker), None)
    return bool(quotes), _actor_name(named, analysis)


def _holds(quote: Quote, s: Sentence) -> bool:
    return any(
        q.paragraph == s.span.paragraph and q.start <= s.span.start + 1 and s.span.end - 1 <= q.end + 1
        for q in quote.spans
    )


def _actor_name(actor_id: str | None, analysis: Analysis) -> str | None:
    actor = next((a for a in analysis.actors if a.id == actor_id), None)
    return actor.name if actor is not None and actor.kind in SPEAKER_KINDS else None
