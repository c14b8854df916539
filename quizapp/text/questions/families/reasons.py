"""Why-questions: a stated cause or purpose, asked as a choice between reasons.

"The jail closed because it had few prisoners" -> "Why did the jail
close?". The key is the reason phrase as the article words it; the wrong
options are the article's other reasons of the same form ("because …",
"to …"), so every option sounds like a reason and only reading tells them
apart. A typed reason is hard to grade exactly, so a why-question is only
asked where the article has two other reasons of the same form to offer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.questions.families import clauses, speakers
from quizapp.text.questions.families.base import Candidate, choices, question
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

CAUSE_PREPS = {("because", "of"), ("due", "to"), ("thanks", "to")}
MAX_REASON_WORDS = 14
FINITE = {"VBD", "VBZ", "VBP"}


@dataclass(frozen=True)
class Reason:
    """A reason phrase found in one sentence, and the clause it explains."""

    sentence: Sentence
    verb: Token  # the explained clause's verb token
    tokens: frozenset[int]  # token indices of the reason phrase
    text: str
    form: str  # "clause" (because S), "purpose" (to V), "cause" (because of / due to NP)
    speaker: str | None = None  # whose words the clause and its reason are; None when the article's


def find(sentences: list[Sentence], analysis: Analysis) -> list[Reason]:
    """Every reason phrase in the article whose explained clause is stated as fact, or by a sure speaker."""
    found = []
    for s in sentences:
        for t in s.sent:
            reason = _reason_at(s, t, analysis)
            if reason and len(reason.text.split()) <= MAX_REASON_WORDS:
                found.append(reason)
    return found


def _reason_at(s: Sentence, t: Token, analysis: Analysis) -> Reason | None:
    """The reason phrase introduced at token ``t``, if it explains a stated clause or a sure speaker's."""
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    if (
        t.lower_ in {"because", "since"}
        and t.dep_ == "mark"
        and t.head.dep_ == "advcl"
        and t.lower_ == "because"
    ):
        head, phrase, form = t.head.head, t.head, "clause"
        ids = {x.i for x in phrase.subtree}
    elif nxt is not None and (t.lower_, nxt.lower_) in CAUSE_PREPS and t.head.pos_ in {"VERB", "AUX"}:
        head, form = t.head, "cause"
        ids = {x.i for x in t.subtree} | {x.i for x in nxt.subtree}
    elif (
        t.dep_ == "advcl"
        and t.tag_ == "VB"
        and any(c.tag_ == "TO" for c in t.children)
        and t.i > t.head.i
        and t.doc[max(t.left_edge.i - 1, 0)].lower_ != "only"
        and not any(c.lower_ == "only" for c in t.children)
    ):  # "only to have them overturned": not a purpose
        head, form = t.head, "purpose"
        ids = {x.i for x in t.subtree}
        if t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].lower_ == "order":
            ids |= {t.left_edge.i - 1, t.left_edge.i - 2}
    elif _in_order(t, nxt):
        head, form = t.head, "purpose"
        ids = {x.i for x in t.subtree}
    else:
        return None
    if any(clauses.pronoun(x) and x.lower_ not in {"it", "they"} for x in t.doc if x.i in ids):
        return None
    said_by = None
    if not clauses.stated(head):
        said_by = _said_by(s, head, ids, analysis)
        if said_by is None:
            return None
    text = lexicon.join(x for x in t.doc if x.i in ids).strip(" ,.;:")
    if text.lower().startswith("in order to "):
        text = text[len("in order ") :]  # "to study …", worded as the other purposes offered beside it
    return Reason(s, head, frozenset(ids), text, form, said_by)


def _in_order(t: Token, nxt: Token | None) -> bool:
    """ "In order to study …, the team encoded …": spaCy hangs the purpose on "in", before or after its clause.

    A bare fronted infinitive is as often a comment ("To be fair, …") as a
    purpose, so before the clause only "in order to" is taken.
    """
    return (
        t.lower_ == "in"
        and t.dep_ == "prep"
        and nxt is not None
        and nxt.lower_ == "order"
        and t.head.pos_ in {"VERB", "AUX"}
        and any(c.tag_ == "VB" for c in nxt.children)
    )


def _said_by(s: Sentence, head: Token, ids: set[int], analysis: Analysis) -> str | None:
    """Whose words the reason and its clause are, if someone sure says them in words that read alone.

    "We will fight because the facts are on our side" is not asked: "we"
    and "our" need the speaker's place to be understood.
    """
    words = [x for x in head.subtree] + [x for x in s.sent if x.i in ids]
    if not clauses.plain(head) or any(
        clauses.first_person(x) or x.lower_ in {"i", "me", "my"} for x in words
    ):
        return None
    return speakers.speaker(s, head, analysis)


def _wrong(reason: Reason, reasons: list[Reason], stand_ins: list[tuple[int, str]]) -> list[str]:
    """Three wrong reasons: the article's other reasons of this form, then stand-ins, never a neighbour's."""
    wrong: list[str] = []
    seen = {lexicon.fold(reason.text)}
    topic = _topic(reason)
    candidates = [(r.sentence.index, r.text) for r in reasons if r.form == reason.form] + stand_ins
    for index, text in candidates:
        if abs(index - reason.sentence.index) < 2 or lexicon.fold(text) in seen:
            continue  # a neighbouring sentence may well give a second reason
        if _forms(text) & topic:
            continue  # "because Apple ... avoided tax" may also be why the government lost tax
        seen.add(lexicon.fold(text))
        wrong.append(text)
        if len(wrong) == 3:
            break
    return wrong


def _forms(text: str) -> set[str]:
    """The words of an option, each also without a plural ending: "pools" meets "pool" in the topic."""
    words = set(lexicon.fold(text).split())
    return words | {w[:-1] for w in words if w.endswith("s")} | {w[:-2] for w in words if w.endswith("es")}


def _whole(text: str) -> bool:
    """No bracket left open where a side clause was cut out ("HSBC (33rd Shell (65th)")."""
    return text.count("(") == text.count(")")


def _topic(reason: Reason) -> set[str]:
    """The words of the explained clause and of its reason, in their own and dictionary forms.

    A wrong reason sharing one of them may well be a second reason for the
    same thing ("because Apple avoided tax" beside "the government lost
    tax"). The rest of the sentence does not count: "SeaWorld's profits
    fell" does not make every clause about SeaWorld a reason customers
    stay away.
    """
    asked = [t for t in reason.verb.subtree if t.i not in reason.tokens]
    words = [*asked, *(t for t in reason.sentence.sent if t.i in reason.tokens)]
    return {
        lexicon.fold(form)
        for t in words
        if t.pos_ in {"NOUN", "VERB", "PROPN", "ADJ"} and not t.is_stop
        for form in (t.text, t.lemma_)
    }


def _stand_ins(sentences: list[Sentence]) -> dict[str, list[tuple[int, str]]]:
    """Wrong reasons in each form, made once from the short clauses the article states.

    "because UK Uncut turned its attentions to Starbucks" is true in the
    article but not why the government lost money: a pupil who read the
    sentence can tell, one who matches words cannot.
    """
    out: dict[str, list[tuple[int, str]]] = {"clause": [], "purpose": []}
    for s in sentences:
        for verb in s.sent:
            if verb.dep_ not in {"ROOT", "conj"} or not clauses.stated(verb):
                continue
            if not (verb.tag_ in FINITE or verb.lemma_ == "be" or _perfect(verb)):
                continue
            text = clauses.plain_clause(verb)
            if text and 4 <= len(text.split()) <= MAX_REASON_WORDS and "," not in text and _whole(text):
                out["clause"].append((s.index, f"because {text}"))
        out["purpose"] += [
            (s.index, lexicon.join(t.subtree))
            for t in s.sent
            if t.tag_ == "VB"
            and t.dep_ in {"xcomp", "advcl"}
            and any(c.tag_ == "TO" and c.i == t.left_edge.i for c in t.children)
            and 3 <= len(list(t.subtree)) <= 10
            and not any(clauses.pronoun(x) for x in t.subtree)
        ]
    return out


def _perfect(verb: Token) -> bool:
    """ "Brazil and Peru have asked …": a present or past perfect is as plain a statement as "asked"."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """A choice question for every reason that has two others of its form to stand beside."""
    reasons = find(sentences, analysis)
    stand_ins = _stand_ins(sentences) if reasons else {}
    for reason in reasons:
        prompt = clauses.ask(reason.verb, "Why", set(reason.tokens))
        if prompt is None:
            continue
        if reason.speaker is not None:
            prompt = f"According to {reason.speaker}, {prompt[:1].lower()}{prompt[1:]}"
        wrong = _wrong(reason, reasons, stand_ins.get(reason.form, []))
        if len(wrong) < 2:
            continue  # three options at least: the reason and two that are not
        q = question(
            reason.sentence,
            type="choice",
            prompt=prompt,
            answer=((reason.text,),),
            choices=choices(reason.text, wrong),
            distractors=tuple(wrong),
        )
        yield Candidate(f"reason:{reason.sentence.span}", q, 0.9, tags={"family:reason"})
