"""What-questions: the object of a clause the article states, chosen among the article's other objects.

"Google has begun testing the electric car" -> "What has Google begun
testing?"; "The researchers found a gene" -> "What did the researchers
find?". The key is the object's noun phrase (without its relative clauses,
so it stays short); the options are objects of other clauses in the
article, of the same number (singular with singular), so each reads as an
answer and only the sentence tells which one it is. Things only: an object
that is a named actor belongs to the who/which questions.
"""

from __future__ import annotations

from quizapp.text import lexicon
from quizapp.text.families import clauses
from quizapp.text.families.base import Candidate, choices, question

MAX_OBJECT_WORDS = 6
LIGHT_VERBS = {"have", "get", "take", "make", "do", "give", "be", "use", "see", "need", "want", "include"}


def candidates(sentences, analysis):
    """A choice question for each stated clause whose object is a thing the article names plainly."""
    found = [(s, t) for s in sentences for t in s.sent if _askable(t)]
    phrases = {t.i: _phrase(t) for _, t in found}
    for s, obj in found:
        answer = phrases[obj.i]
        if not answer:
            continue
        prompt = clauses.ask(obj.head, "What", {t.i for t in obj.subtree})
        if prompt is None or lexicon.fold(answer) in lexicon.fold(prompt):
            continue
        wrong = _first_three(phrases[t.i] for other, t in found if other is not s and t.tag_ == obj.tag_
                             and phrases[t.i] and lexicon.fold(phrases[t.i]) != lexicon.fold(answer))
        if len(wrong) < 3:
            continue
        q = question(s, type="choice", prompt=prompt, answer=((answer,),), choices=choices(answer, wrong),
                     distractors=tuple(wrong))
        yield Candidate(f"object:{s.span}", q, 0.74, tags={"family:object"})


def _first_three(options) -> list[str]:
    """The first three distinct options, read lazily: a long article's objects are not all compared."""
    out = []
    for option in options:
        if option not in out:
            out.append(option)
        if len(out) == 3:
            break
    return out


def _askable(t) -> bool:
    """A direct object that is a common noun, of a stated clause with a real verb."""
    verb = t.head
    if t.dep_ != "dobj" or t.pos_ != "NOUN" or t.ent_type_ or verb.lemma_.lower() in LIGHT_VERBS:
        return False
    if not clauses.stated(verb) or any(c.dep_ in {"conj", "appos"} for c in t.children):
        return False
    return not any(clauses.pronoun(x) or x.tag_ == "PRP$" for x in t.subtree)


def _phrase(t) -> str:
    """The object without relative clauses; "the" kept, so options read as the text said them."""
    text = lexicon.phrase(t)
    return text if len(text.split()) <= MAX_OBJECT_WORDS else ""
