"""True/false statements: a fact as the article states it, or changed in one checked way.

A true statement is a short sentence the article states as fact (not
someone's words, no pronoun that needs the sentence before). A false one is
such a sentence with exactly one change that makes it false: another
number from the article in place of its number, another named actor of the
same kind in place of one it names (only if the article never puts that
actor with the same verb), or the clause negated. About half are each: the
sentences take turns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.questions.families import clauses
from quizapp.text.questions.families.base import (
    NUMBER_WORDS,
    QUOTES_KEPT,
    Candidate,
    is_year,
    locator,
    question,
)
from quizapp.text.types import Actor, Analysis, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

MIN_WORDS, MAX_WORDS = 6, 22
LEADS = {"but", "and", "so", "however", "also", "then", "yet", "or", "still"}
SWAP_KINDS = {"person", "country"}
SWAP_POOL = 8
SPACY_LABEL = {"person": "PERSON", "country": "GPE"}
PREFIX = "True or false: "
SCALES = {"hundred", "thousand", "million", "billion", "trillion"}  # "1 million": swap the whole or nothing
DEICTIC = {"this", "that", "these", "those", "same"}
RELATIVE = {"other", "another", "others"}  # a subject defined against the sentence before
HEDGES = {"may", "might", "could", "can"}
NEGATIVE = {"no", "never", "nothing", "none", "nobody", "neither", "nor", "without", "only"}


Numbers = dict[str, dict[str, None]]  # entity type -> the article's distinct numbers of that type, in order
BySentence = dict[int, list[tuple[Actor, Mention]]]  # sentence index -> actors named in it, with the mention


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """One true/false question per eligible sentence, true and false in turn."""
    actors, by_sentence = _actors_by_sentence(sentences, analysis)
    find = locator(sentences)
    named = {find(m.span.paragraph, m.span.start) for m in analysis.mentions}  # sentences naming any actor
    # actor id -> every lemma of every sentence naming it; spaCy's label for it
    lemmas: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for index, found in by_sentence.items():
        for actor, mention in found:
            lemmas.setdefault(actor.id, set()).update(t.lemma_.lower() for t in sentences[index].sent)
            words = sentences[index].sent.doc.char_span(
                mention.span.start, mention.span.end, alignment_mode="expand"
            )
            if words is not None and words.root.ent_type_:
                labels.setdefault(actor.id, words.root.ent_type_)
    numbers: Numbers = {}  # entity type -> the article's distinct numbers of that type, in order
    for s in sentences:
        for t in s.sent:
            if _number(t):
                numbers.setdefault(t.ent_type_, {})[t.text] = None
    turn = 0
    for s in sentences:
        if not _eligible(s):
            continue
        if not s.sent.doc.user_data.get(QUOTES_KEPT) and not (
            s.index in named or any(_number(t) or is_year(t) or t.ent_type_ == "QUANTITY" for t in s.sent)
        ):
            continue  # quotation marks lost: "Islam is a religion of peace" may be a speech; a fact names or counts
        statement = s.text.strip()
        if turn % 2:
            changed = (
                _swap_number(s, numbers) or _swap_actor(s, actors, by_sentence, lemmas, labels) or _negate(s)
            )
        else:
            changed = None
        turn += 1
        if changed:
            q = question(s, type="truefalse", prompt=PREFIX + changed, answer=(("false",),))
        else:
            q = question(s, type="truefalse", prompt=PREFIX + statement, answer=(("true",),))
        yield Candidate(
            f"statement:{s.span}", q, 0.7, tags={"family:statement", "family:statement-like", "restates"}
        )


def _eligible(s: Sentence) -> bool:
    """A short declarative sentence stated as fact whose every word reads alone."""
    words = s.text.split()
    root = s.sent.root
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not s.text.rstrip().endswith("."):
        return False
    if words[0].lower().strip(",") in LEADS or not clauses.stated(root):
        return False
    subj = clauses.subject(root)  # there is one: ``stated`` checked
    if (
        subj is None
        or any(t.lower_ in RELATIVE for t in subj.subtree)
        or clauses.measured_against_before(subj)
    ):
        return False  # "Other players were in broad agreement": other than whom, in agreement with what?
    return not any(
        clauses.pronoun(t)
        or t.tag_ == "PRP$"
        or t.dep_ == "neg"
        or (t.lower_ in DEICTIC and (t.dep_ in {"det", "amod"} or t.lower_ == "same"))
        for t in s.sent
    )  # "this happiness" needs the sentence before


def _actors_by_sentence(
    sentences: list[Sentence], analysis: Analysis
) -> tuple[dict[str, list[Actor]], BySentence]:
    """For each sentence index, the named actors mentioned in it (by the text's own name)."""
    by_id: dict[str | None, Actor] = {a.id: a for a in analysis.actors if a.kind in SWAP_KINDS}
    actors: dict[
        str, list[Actor]
    ] = {}  # kind -> the first few actors of that kind: a swap needs one, not all
    for a in by_id.values():
        if len(actors.setdefault(a.kind, [])) < SWAP_POOL:
            actors[a.kind].append(a)
    where: dict[tuple[int, int], tuple[Actor, Mention]] = {}
    for m in analysis.mentions:
        actor = by_id.get(m.actor)
        if actor and m.text in (actor.name, *actor.aliases) and not _glued(m, analysis):
            where.setdefault((m.span.paragraph, m.span.start), (actor, m))
    find = locator(sentences)
    by_sentence: BySentence = {}
    for (p, start), found in where.items():
        index = find(p, start)
        if index is not None:
            by_sentence.setdefault(index, []).append(found)
    return actors, by_sentence


def _number(t: Token) -> bool:
    """A number standing alone ("65", "four"), not part of "two-thirds" or a year."""
    glued = (t.i + 1 < len(t.doc) and t.nbor().text in {"-", "–"}) or (
        t.i > 0 and t.nbor(-1).text in {"-", "–"}
    )
    parts = any(c.like_num for c in t.children) or t.lower_ in SCALES or t.head.lower_ in SCALES
    return (
        bool(t.like_num)
        and t.ent_type_ in {"CARDINAL", "MONEY", "PERCENT"}
        and not is_year(t)
        and not glued
        and not parts
    )


def _glued(mention: Mention, analysis: Analysis) -> bool:
    """ "ICANNs": a name run into a following word cannot be swapped cleanly."""
    paragraph = analysis.article.paragraphs[mention.span.paragraph]
    return paragraph[mention.span.end : mention.span.end + 1].isalpha()


def _close(other: str, said: str) -> bool:
    """Whether one number can stand for the other unnoticed: the same kind of word, within ten times.

    "crews of 200,000" or "crews of zero" in place of "crews of four" is
    false at sight, and a question the pupil need not read for.
    """
    a, b = _value(other), _value(said)
    if a is None or b is None or other.isdigit() != said.isdigit():
        return False
    return a > 1 and b > 1 and max(a, b) / min(a, b) <= 10


def _value(text: str) -> float | None:
    text = NUMBER_WORDS.get(text.lower(), text).replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _swap_number(s: Sentence, numbers: Numbers) -> str | None:
    """The sentence with its number replaced by another number of the same kind the article gives."""
    for t in s.sent:
        if _number(t):
            for other in numbers.get(t.ent_type_, ()):
                if other != t.text and other not in s.text and _close(other, t.text):
                    return _replace(s, t.idx, t.idx + len(t.text), other)
    return None


def _swap_actor(
    s: Sentence,
    actors: dict[str, list[Actor]],
    by_sentence: BySentence,
    lemmas: dict[str, set[str]],
    labels: dict[str, str],
) -> str | None:
    """Another named actor of the same kind, never one the article puts with the same verb."""
    verb = s.sent.root.lemma_.lower()
    for actor, mention in by_sentence.get(s.index, []):
        words = s.sent.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if words is None or words.root.dep_ in {"compound", "amod", "nmod"}:
            continue  # "the Fukushima nuclear accident": a name used as a modifier is not an actor here
        for other in actors.get(actor.kind, ()):
            if other.kind != actor.kind or other.id == actor.id or lexicon.has_word(s.text, other.name):
                continue
            if verb in lemmas.get(other.id, ()):
                continue  # the other actor does the same thing somewhere: the change might be true
            if SPACY_LABEL[actor.kind] not in (labels.get(other.id), labels.get(actor.id)) or (
                labels.get(other.id) != labels.get(actor.id)
            ):
                continue  # "Habitats Directive" filed as a person: the parse never read it as one
            return _replace(s, mention.span.start, mention.span.end, other.name)
    return None


def _negate(s: Sentence) -> str | None:
    """ "The jail closed" -> "The jail did not close"; "is" -> "is not"."""
    root = s.sent.root
    if any(t.lower_ in NEGATIVE for t in s.sent) or any(c.dep_ == "conj" for c in root.children):
        return None  # "no one would not have built"; "used to be peaceful and can be again"
    if any(c.lower_ in HEDGES for c in root.children) or root.nbor(-1).pos_ == "ADV":
        return None  # "may not occur" does not contradict "may occur"; "completely does not disappear"
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" for c in root.children):
        return None  # "are not sceptical of farmed fish, citing toxins": the reason left behind gives it away
    aux = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and c.i < root.i]
    if aux:
        t = aux[0]
        if t.i + 1 < len(t.doc) and t.nbor().pos_ == "ADV":
            return None  # "will probably be": "will not probably be" is not English
        return _replace(s, t.idx, t.idx + len(t.text), f"{t.text} not")
    if root.lemma_ == "be":
        return _replace(s, root.idx, root.idx + len(root.text), f"{root.text} not")
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if do is None:
        return None
    return _replace(s, root.idx, root.idx + len(root.text), f"{do} not {root.lemma_.lower()}")


def _replace(s: Sentence, start: int, end: int, new: str) -> str:
    """The sentence's text with the characters [start, end) of its paragraph replaced."""
    offset = s.span.start
    text = s.text[: start - offset] + new + s.text[end - offset :]
    return text.strip()
