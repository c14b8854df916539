"""How-many and which-year questions: the article's numbers, asked against its other numbers.

"BlackBerry will cut 4,500 jobs" -> "How many jobs will BlackBerry cut?";
"In 2012, the Taliban shot Malala" -> "In which year did the Taliban shoot
Malala?". The key is the number as the text gives it (with its digits as
an accepted form); the options are the article's other numbers of the same
kind (counts with counts, years with years), so a pupil must find the
sentence, and a number is never offered that counts the same thing
elsewhere in the article (it would also be true).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.grading.answers import tokens
from quizapp.text.grading.numbers import is_number
from quizapp.text.questions.families import clauses
from quizapp.text.questions.families.base import (
    Candidate,
    choices,
    is_year,
    number_forms,
    number_text,
    question,
)
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

COUNT_LABELS = {"CARDINAL", "QUANTITY"}
NOUN_DROP = {"det", "poss", "nummod", "relcl", "acl", "appos", "punct", "advmod", "quantmod", "amod"}


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """One how-many or which-year question per clause that states a count or a year."""
    counts = [(s, t) for s in sentences for t in s.sent if _count(t)]
    years = [(s, t) for s in sentences for t in s.sent if is_year(t)]
    count_nouns: dict[str, set[str]] = {}
    for _, t in counts:
        count_nouns.setdefault(number_text(t), set()).add(t.head.lemma_.lower())
    for s, t in counts:
        yield from _how_many(s, t, counts, count_nouns)
    distinct_years = list(dict.fromkeys(t.text for _, t in years))[:4]
    for s, t in years:
        yield from _which_year(s, t, distinct_years)


def _count(token: Token) -> bool:
    """A number counting a noun: "4,500 jobs", not a year, not a number inside a name."""
    return (
        token.dep_ == "nummod"
        and token.ent_type_ in COUNT_LABELS | {""}
        and token.like_num
        and not is_year(token)
        and token.head.pos_ == "NOUN"
    )


def _how_many(
    s: Sentence, number: Token, counts: list[tuple[Sentence, Token]], count_nouns: dict[str, set[str]]
) -> Iterator[Candidate]:
    noun = number.head
    if (
        noun.dep_ not in {"nsubj", "nsubjpass", "dobj"}
        or not clauses.subject(noun.head)
        or noun.tag_ != "NNS"
    ):
        return  # "one problem": a count of one is not worth asking
    if noun.dep_ != "dobj" and any(c.dep_ in {"conj", "prep", "cc", "appos"} for c in noun.children):
        return  # "a car with a top speed of 25 mph, two seats and ...": the subject is more than the count
    verb = noun.head
    if clauses.reported(verb) or verb.lemma_.lower() in clauses.REPORTING:
        return
    words = [t for t in noun.subtree if t.i == noun.i or (t.head == noun and t.dep_ in {"compound"})]
    pair = [c for c in noun.children if c.dep_ == "conj" and c.tag_ == "NNS"]  # not "taxis and Conyon thinks"
    if any(c.dep_ == "nummod" for p in pair for c in p.children):
        return  # "8,000 boys and 550 girls": two counts
    if noun.dep_ == "dobj" and pair:  # "8,550 boys and girls" counts both: "How many boys" has no answer
        words += [t for t in noun.children if t.dep_ == "cc"] + pair
    what = lexicon.join(words)
    drop = {t.i for t in noun.subtree}
    if noun.dep_ == "dobj":
        if not clauses.stated(verb):
            return
        prompt = clauses.ask(verb, f"How many {what}", drop)
    else:
        prompt = clauses.subject_question(verb, f"How many {what}", drop)
    if not prompt or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return
    if any(t.i not in drop and t.head.i in drop and t.head.i != t.i for t in verb.subtree):
        return  # "spans 91 countries and 89% of older people": the rest would dangle in the question
    said = number_text(number)
    answer = (number_forms(said),)
    taken = {lexicon.fold(f) for f in answer[0]}
    values = {_value(said)}
    wrong: list[str] = []
    for text in count_nouns:  # each distinct number once, in article order; stop at three
        if len(wrong) == 3:
            break
        if noun.lemma_.lower() in count_nouns[text] or {lexicon.fold(f) for f in number_forms(text)} & taken:
            continue
        value = _value(text)
        if value is None or value in values or value == "1":
            continue  # "five ten" (of "five to ten times"), "one" beside "One", "one" for a plural count
        values.add(value)
        wrong.append(text)
    if len(wrong) == 3:
        q = question(
            s,
            type="choice",
            prompt=prompt,
            answer=answer,
            choices=choices(said, wrong),
            distractors=tuple(wrong),
        )
    else:
        q = question(s, type="short", prompt=prompt, answer=answer, distractors=tuple(wrong))
    yield Candidate(f"number:{s.span}:{number.i}", q, 0.86, tags={"family:number"})


def _value(text: str) -> str | None:
    """The one number ``text`` says, as the grader reads it ("18 million" -> "18000000"); None for none or two."""
    words = tokens(text, form=True)
    return words[0] if len(words) == 1 and is_number(words[0]) else None


def _which_year(s: Sentence, year: Token, distinct_years: list[str]) -> Iterator[Candidate]:
    """ "In which year did …?" from "in 2012" hanging on the clause's verb."""
    prep = year.head
    while prep.dep_ in {"pobj", "compound", "nummod", "npadvmod"} and prep.pos_ != "ADP":
        prep = prep.head
    if prep.lower_ not in {"in", "since"} or prep.head.pos_ not in {"VERB", "AUX"}:
        return
    verb = prep.head
    subj = clauses.subject(verb)  # never None for a stated clause
    if subj is None or not clauses.stated(verb) or (prep.i < subj.i and prep.dep_ != "prep"):
        return
    wh = "In which year" if prep.lower_ == "in" else "Since which year"
    prompt = clauses.ask(verb, wh, {t.i for t in prep.subtree})
    if not prompt:
        return
    wrong = [y for y in distinct_years if y != year.text][:3]
    step = 1
    while len(wrong) < 3:  # close years, when the article gives too few of its own
        for near in (int(year.text) - step, int(year.text) + step):
            if str(near) not in wrong and len(wrong) < 3:
                wrong.append(str(near))
        step += 1
    q = question(
        s,
        type="choice",
        prompt=prompt,
        answer=((year.text,),),
        choices=choices(year.text, wrong),
        distractors=tuple(wrong),
    )
    yield Candidate(f"year:{s.span}:{year.i}", q, 0.84, tags={"family:number"})
