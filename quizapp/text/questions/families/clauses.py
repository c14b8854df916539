"""Turning one clause of the parse into a wh-question, and the checks that keep it honest.

Heilman & Smith (2010) make a question from a statement by removing the
answer phrase, moving the auxiliary in front of the subject (or adding
"do"), and putting the question word first: "The jail closed in 2013
because it had few prisoners" -> "Why did the jail close in 2013?". We do
the same on spaCy's parse of the evidence sentence. Precision comes first:
a clause whose subject or remaining words are pronouns is not asked
("Why did she leave?" makes no sense alone), nor a clause someone is quoted
saying (the article reports it, it does not state it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.questions.families.base import QUOTED, QUOTES_KEPT, SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUN_TAGS = {"PRP", "WP", "WDT", "EX"}
OWN_POSSESSIVES = {"its", "their", "his"}  # "Why did the company cut its prices?" reads alone
REPORTING = set(
    """
    say tell think believe claim argue warn suggest add explain insist according hope fear predict
    estimate report announce continue write ask reply state note describe admit agree feel know
    accord
    """.split()
)
FIRST_PERSON = set(
    """
    i me my we us our you your
    """.split()
)
MODALS_OK = set(
    """
    will would can could should must may might has have had is are was were do does did
    """.split()
)
FOCUS = {"only", "just", "also", "even", "still", "already"}
SIDE_DEPS = set(
    """
    advcl parataxis cc conj mark punct intj discourse dep meta
    """.split()
)
LEAD_DEPS = {"advmod", "prep", "npadvmod", "advcl", "punct", "cc", "mark"}
ANTECEDENT_NOUNS = set(
    """
    proportion percentage share figure rate total majority minority rest remainder
    first second third fourth last latter former
    """.split()
)
QUOTES = '"“”'  # double quotes: a ’ is far more often an apostrophe ("Assad’s")
MAX_WORDS = 18


def pronoun(token: Token) -> bool:
    """A pronoun that needs the text around it to be understood ("she", "they", "this")."""
    if token.tag_ == "PRP$":
        return token.lower_ not in OWN_POSSESSIVES
    if token.tag_ in {"WDT", "WP"} and (token.head.dep_ in {"relcl", "acl"} or token.dep_ == "mark"):
        return False  # "the bid that was made": resolved inside the sentence
    if token.tag_ in PRONOUN_TAGS:
        return True
    return (token.pos_ in {"DET", "PRON"} or token.tag_ == "DT") and token.dep_ in {
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
    }  # "these are ...", "this is ..."


def measured_against_before(subj: Token) -> bool:
    """ "The proportion was 20%", "The first is social help": a subject that only the sentence before
    completes (the proportion of what? the first of which?). "The proportion of smokers" and "the
    figure for women" read alone."""
    return subj.lemma_.lower() in ANTECEDENT_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ in {"of", "for"} for c in subj.children
    )


def first_person(token: Token) -> bool:
    """ "we", "our", "you" (not "US", the country)."""
    return token.lower_ in FIRST_PERSON and token.tag_ in {"PRP", "PRP$"}


def subject(verb: Token) -> Token | None:
    """The verb's nominal subject token, or None."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def reported(verb: Token) -> bool:
    """Whether the clause is someone's words: under "say"/"think", or inside quotation marks."""
    token = verb
    while token.head.i != token.i:
        if token.dep_ in {"ccomp", "xcomp", "advcl"} and token.head.lemma_.lower() in REPORTING:
            return True
        token = token.head
    if SPEECH not in verb.doc.user_data:
        mark_speech(verb.doc)
    return verb.sent.start in verb.doc.user_data[SPEECH]


def mark_speech(doc: Doc) -> None:
    """Note, once per paragraph, which of its sentences are someone's words.

    Where the article kept its quotation marks: a sentence inside or holding
    a quotation, or with "I"/"we"/"you". Where it lost them (some corpus
    texts): every sentence of a paragraph with "I"/"we"/"you". And anywhere
    a sentence whose main verb reports ("…, the teenager continued.").
    Worked out once so that asking about many clauses stays linear.
    """
    kept = doc.user_data.get(QUOTES_KEPT, any(t.text in QUOTES for t in doc))
    quoted = doc.user_data.get(QUOTED, set())
    whole = not kept and any(first_person(t) for t in doc)
    speech = set()
    for sent in doc.sents:
        if (
            whole
            or (kept and (sent.start in quoted or any(first_person(t) for t in sent)))
            or any(t.text in QUOTES for t in sent)
            or any(
                t.lemma_.lower() in REPORTING and t.pos_ == "VERB" and t.dep_ in {"ROOT", "parataxis"}
                for t in sent
            )
        ):
            speech.add(sent.start)
    doc.user_data[SPEECH] = speech


def stated(verb: Token) -> bool:
    """A clause the article states as fact, in the indicative, with a subject that reads alone."""
    return plain(verb) and not reported(verb)


def plain(verb: Token) -> bool:
    """A clause in the indicative with a subject that reads alone, whoever states it (the article or a speaker)."""
    subj = subject(verb)
    if subj is None or verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"relcl", "acl"}:
        return False  # a relative clause's subject is "which"/"who": asked alone it names nothing
    if verb.tag_ in {"VBG", "VB"} and not _aux(verb):
        return False  # a participle or bare infinitive is not a finite clause of its own
    if verb.lemma_.lower() in REPORTING:
        return False
    return not any(pronoun(t) or t.tag_ == "PRP$" for t in subj.subtree)


def _aux(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]


def clause_tokens(verb: Token, drop: set[int]) -> list[Token]:
    """The verb's own clause: its subtree without side clauses, lead-ins before the subject and ``drop``."""
    subj = subject(verb)
    out = set()
    for child in verb.children:  # (callers ask only about clauses with a subject: ``stated``)
        if child.dep_ in SIDE_DEPS or (subj is not None and child.i < subj.i and child.dep_ in LEAD_DEPS):
            continue
        if child.dep_ == "advmod" and child.lower_ in FOCUS:
            continue  # "Hawit only succeeded Webb in May": "did Hawit only succeed?" asks something else
        out |= {t.i for t in child.subtree}
    out.add(verb.i)
    return [t for t in verb.doc[verb.left_edge.i : verb.right_edge.i + 1] if t.i in out and t.i not in drop]


def _stray_possessive(token: Token, subj: Token) -> bool:
    """ "his" or "its" that cannot be the subject's: "did police swoop on his warehouses?" (whose?).

    "Why did the company cut its prices?" and "Why did Smith sell his
    house?" read alone: the possessive is the subject's. "his" needs a
    named subject, "its" a singular one; otherwise it points to a sentence
    the question does not show.
    """
    if token.tag_ != "PRP$" or token.lower_ not in {"his", "its"}:
        return False
    if token.lower_ == "his":
        return subj.pos_ != "PROPN"
    return subj.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subj.children)


def ask(verb: Token, wh: str, drop: set[int]) -> str | None:
    """The wh-question about ``verb``'s clause with the tokens in ``drop`` taken out, or None.

    "Why" + auxiliary + subject + rest; "did" + the verb's lemma where the
    clause has no auxiliary; the copula moves like an auxiliary.
    """
    subj = subject(verb)
    if subj is None:
        return None  # no subject to ask about (callers check ``stated`` first)
    tokens = clause_tokens(verb, drop)
    subj_ids = {t.i for t in subj.subtree}
    if any(pronoun(t) for t in tokens) or any(_refused_negation(t, wh) for t in verb.children):
        return None
    if any(_stray_possessive(t, subj) for t in tokens):
        return None
    auxes = _aux(verb)
    rest: list[Token | _Word] = [t for t in tokens if t.i not in subj_ids]
    if auxes:
        front = auxes[0]
        rest = [t for t in rest if t.i != front.i]
        moved = front.lower_
        if moved not in MODALS_OK:
            return None
    elif verb.lemma_ == "be":
        moved = verb.lower_
        rest = [t for t in rest if t.i != verb.i]
    else:
        did = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
        if did is None:
            return None
        moved = did
        base = verb.lemma_.lower()
        rest = [t if t.i != verb.i else _Word(base, verb.whitespace_, verb.i) for t in rest]
    aside = {t.i for c in subj.children if c.dep_ in {"appos", "relcl"} for t in c.subtree}
    subject_text = _lower_first(
        lexicon.join(t for t in subj.subtree if t.i not in drop | aside), subj.left_edge
    )
    body = _text(rest).strip(" ,;:-–")
    question = f"{wh} {moved} {subject_text} {body}".strip()
    question = " ".join(question.split())
    if len(question.split()) > MAX_WORDS or len(body.split()) < 1:
        return None
    return question.rstrip(" .,;:") + "?"


def _refused_negation(token: Token, wh: str) -> bool:
    """A "not" only a why-question keeps: "Why do the prototypes not have brakes?" reads; "n't" would not."""
    return token.dep_ == "neg" and (wh != "Why" or token.lower_ != "not" or not _aux(token.head))


def subject_question(verb: Token, wh: str, drop: set[int]) -> str | None:
    """ "How many people died?": the wh-phrase takes the subject's place, no inversion."""
    subj = subject(verb)
    if subj is None:
        return None  # no subject to replace (callers check one is there first)
    tokens = [t for t in clause_tokens(verb, drop) if t.i not in {x.i for x in subj.subtree}]
    if not stated(verb) or any(pronoun(t) for t in tokens) or any(t.dep_ == "neg" for t in verb.children):
        return None
    question = " ".join(f"{wh} {_text(tokens)}".split()).rstrip(" .,;:")
    return question + "?" if len(question.split()) <= MAX_WORDS else None


def plain_clause(verb: Token) -> str | None:
    """The verb's clause as a statement without lead-ins or side clauses; None if it needs context."""
    tokens = clause_tokens(verb, set())
    if any(pronoun(t) for t in tokens):
        return None
    text = _text(tokens).strip(" ,;:-–.")
    first = tokens[0] if tokens else None
    if first is not None and (
        first.pos_ == "DET" or not (first.pos_ == "PROPN" or first.ent_type_ or first.text == "I")
    ):
        text = text[:1].lower() + text[1:]
    return text


class _Word:
    """A token stand-in carrying a changed form (the verb's lemma after "did")."""

    def __init__(self, text: str, whitespace: str, i: int):
        self.text, self.whitespace_, self.i = text, whitespace, i


def _text(tokens: Iterable[Token | _Word]) -> str:
    """Tokens as text, spaces kept as the article had them, one space where words were left out."""
    out: list[str] = []
    previous: Token | _Word | None = None
    for t in tokens:
        if previous is not None:
            out.append(previous.whitespace_ if t.i == previous.i + 1 else " ")
        out.append(t.text)
        previous = t
    return "".join(out)


def _lower_first(text: str, first_token: Token) -> str:
    """ "The jail" -> "the jail" after the question word; names keep their capital."""
    if first_token.pos_ == "PROPN" or first_token.ent_type_ or first_token.text == "I":
        return text
    return text[:1].lower() + text[1:]
