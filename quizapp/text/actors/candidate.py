"""One mention of an actor while the glossary is being built, and how one is made from a span.

Kept apart from ``mentions`` so that the rules in ``kinds`` and ``central``
can make and change candidates without importing the whole finder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.text.actors import evidence

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class Candidate:
    """One mention, resolved to the actor it names."""

    doc: int  # paragraph index
    start: int  # char offsets in the paragraph
    end: int
    text: str
    label: str  # spaCy's label, or "RULE" for mentions the rules found
    key: str
    kind: str
    name: str  # the actor's canonical name as this mention suggests it
    head: int  # token index (in the paragraph's doc) of the mention's syntactic head
    descriptor: str = ""  # "town", "region": what the text says this actor is
    evidence: str = ""  # why this mention shows the actor's kind ("title", "gazetteer" ...)
    place_prep: bool = False  # the name follows "in", "at", "from", "near" ...
    person_hint: str = ""  # person evidence this mention shows, whatever its label ("Malala said")


def make(
    i: int, span: SpacySpan, label: str, key: str, kind: str, name: str, descriptor: str = ""
) -> Candidate:
    root = span.root
    located = root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "from", "near", "to", "outside"}
    hint = evidence.person_evidence(span) if len(span) == 1 and label != "RULE" else ""
    return Candidate(
        i,
        span.start_char,
        span.end_char,
        span.text,
        label,
        key,
        kind,
        name,
        root.i,
        descriptor,
        place_prep=located,
        person_hint=hint,
    )
