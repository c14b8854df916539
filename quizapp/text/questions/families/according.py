"""According-to statements: what a named person or body says, as a true/false statement.

"Sarah Greene, a UK Uncut activist, said money for refuges would be cut if
companies did not pay the fair amount of tax" -> "True or false: According
to Sarah Greene, money for refuges would be cut if companies did not pay
the fair amount of tax." The speaker must be named where they speak (never
"she said": a pronoun's speaker may be resolved wrongly), and the words must
read alone (no "I", "we", "it"). The false form negates the reported clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.text.questions.families import clauses
from quizapp.text.questions.families.base import Candidate, question
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

SAY = {"say", "tell", "warn", "claim", "argue", "believe", "think", "explain", "insist", "predict", "suggest"}
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
SPEAKER_KINDS = {"person", "organization", "country", "group"}
MAX_WORDS = 24


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """One according-to statement per sentence in which a named speaker says a clause that reads alone."""
    turn = 0
    names = {n for a in analysis.actors if a.kind in SPEAKER_KINDS for n in (a.name, *a.aliases)}
    for s in sentences:
        found = _report(s, names)
        if found is None:
            continue
        speaker, said = found
        text = _reported_text(said)
        if text is None:
            continue
        negated = _negated(said) if turn % 2 == 1 else None
        false = negated is not None
        turn += 1
        body = _lower_first(negated if negated is not None else text, said)
        prompt = f"True or false: According to {speaker}, {body}."
        if len(prompt.split()) > MAX_WORDS + 4:
            continue
        q = question(s, type="truefalse", prompt=prompt, answer=(("false",) if false else ("true",),))
        yield Candidate(
            f"according:{s.span}", q, 0.78, tags={"family:according", "family:statement-like", "restates"}
        )


def _lower_first(body: str, said: Token) -> str:
    """ "According to X, benefitting …": the reported words go on the sentence, a name keeps its capital."""
    first = said.doc[said.left_edge.i]
    if first.pos_ == "PROPN" or first.ent_type_ or first.text == "I":
        return body
    return body[:1].lower() + body[1:]


def _report(s: Sentence, names: set[str]) -> tuple[str, Token] | None:
    """(speaker's name, the reported clause's verb) when a named speaker says something."""
    for t in s.sent:
        if t.lemma_.lower() not in SAY or t.pos_ != "VERB":
            continue
        subj = clauses.subject(t)
        said = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None)
        if subj is None or said is None or subj.pos_ != "PROPN" or subj.ent_type_ not in SPEAKER_LABELS:
            continue
        if any(ch in tok.text for tok in s.sent for ch in clauses.QUOTES):
            return None
        entity = next((e for e in s.sent.ents if e.start <= subj.i < e.end), None)
        if entity is None or entity.text not in names:
            return None  # only a speaker the glossary knows by this name
        return entity.text, said
    return None


def _clause(said: Token) -> list[Token]:
    """The reported clause's words without its "that"s: "said that A and that B" reads "A and B"."""
    heads = {said.i, *(c.i for c in said.children if c.dep_ == "conj")}
    return [t for t in said.subtree if not (t.dep_ == "mark" and t.lower_ == "that" and t.head.i in heads)]


def _reported_text(said: Token) -> str | None:
    """The reported clause as it stands, if every word reads alone."""
    tokens = _clause(said)
    if any(clauses.pronoun(t) or clauses.first_person(t) for t in tokens):
        return None
    if any(t.lower_ == "such" and t.head.pos_ == "NOUN" for t in tokens):
        return None  # "such artists": the ones the sentence before named
    if clauses.subject(said) is None:
        return None
    text = "".join(t.text + t.whitespace_ for t in tokens).strip(" ,.;:")
    return text if len(text.split()) >= 4 else None


def _negated(said: Token) -> str | None:
    """The reported clause with its verb negated ("would be cut" -> "would not be cut")."""
    if any(c.dep_ == "neg" for c in said.children):
        return None
    aux = [c for c in said.children if c.dep_ in {"aux", "auxpass"} and c.i < said.i]
    tokens = _clause(said)
    out = []
    for t in tokens:
        if aux and t.i == aux[0].i:
            out.append(f"{t.text} not{t.whitespace_}")
        elif not aux and t.i == said.i:
            if said.lemma_ == "be":
                out.append(f"{t.text} not{t.whitespace_}")
            else:
                do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(said.tag_)
                if do is None:
                    return None
                out.append(f"{do} not {said.lemma_.lower()}{t.whitespace_}")
        else:
            out.append(t.text + t.whitespace_)
    return "".join(out).strip(" ,.;:")
