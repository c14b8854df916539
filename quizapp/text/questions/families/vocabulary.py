"""Vocabulary in context: a hard content word blanked in its sentence, chosen among four words.

A typed gap often has two right answers ("holiday" and "vacation"), so the
pupil chooses among the article's own hard words of the same part of speech
and form (a past participle against past participles), one of which the
sentence used. Never a function word, a name, a word of the title (the
title stands above the quiz and would give it away) or the article's topic
(a word it uses ten times or more: the pupil has read it everywhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.question import BLANK
from quizapp.text.questions.families.base import Candidate, choices, question
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}
WORDS = 8
MAX_SENTENCE_WORDS = 30
PROMPT = "Which word best fills the gap?"
ENDINGS = (".", "!", "?", "”", '"', "’")
TOPIC_USES = 10  # a word the article uses this often is its topic, not a hard word met in passing
LABEL_WORDS = 3  # "Worst part of the job:" is longer, but its words are common: never hard enough to ask


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """A choice gap for each of the article's hardest content words that has three rivals of its form."""
    title = set(lexicon.fold(analysis.article.title).split())
    hard = [w for w in analysis.readability.difficult_word_list if lexicon.fold(w) not in title]
    first_use: dict[str, tuple[Sentence, Token]] = {}
    by_tag: dict[str, dict[str, str]] = {}  # tag -> lemma -> the word as written
    roles: dict[str, set[tuple[str, str]]] = {}
    wanted, rivals = set(hard[:WORDS]), set(hard)
    uses = Counter(_stem(t) for s in sentences for t in s.sent if t.is_alpha)
    for s in sentences:
        heading = not s.text.rstrip().endswith(ENDINGS)  # "5. Shopping channel presenter The job: …"
        for t in s.sent:
            if not _content(t) or lexicon.fold(t.lemma_) in title or lexicon.fold(t.text) in title:
                continue
            key = t.lower_ if t.lower_ in wanted else t.lemma_.lower()
            if uses[_stem(t)] >= TOPIC_USES:
                continue  # "teff" in an article about teff: the topic, which the article itself teaches
            if key in wanted and key not in first_use and not heading and not _in_label(t):
                # a heading or a label ("Job _____: No two days are the same.") is no sentence to read
                first_use[key] = (s, t)
            if t.lower_ in rivals or t.lemma_.lower() in rivals:
                by_tag.setdefault(t.tag_, {}).setdefault(t.lemma_.lower(), t.text)
                roles.setdefault(t.lemma_.lower(), set()).add(_role(t))
    offered: set[str] = set()  # two gaps never share options: one would answer the other
    for rank, word in enumerate(hard[:WORDS]):
        if word in first_use:
            for candidate in _gap(*first_use[word], by_tag, roles, rank, offered):
                offered.update(w.lower() for w in candidate.question.choices)
                yield candidate


def _stem(t: Token) -> str:
    """A word's lemma without a plural or lost-apostrophe "s": "teffs" (teff's) is "teff"."""
    lemma = t.lemma_.lower()
    return lemma[:-1] if lemma.endswith("s") and len(lemma) > 4 else lemma


def _content(t: Token) -> bool:
    return (
        t.pos_ in CONTENT
        and t.is_alpha
        and not t.is_stop
        and len(t.text) >= 5
        and not t.ent_type_
        and t.text.islower()
    )


def _in_label(t: Token) -> bool:
    """A word of a short label before a colon that opens its sentence ("Job satisfaction: …")."""
    colon = next((x for x in t.sent[: LABEL_WORDS + 1] if x.text == ":"), None)
    return colon is not None and t.i < colon.i


def _role(t: Token) -> tuple[str, str]:
    """How a word is used: its dependency and its head's lemma ("twisted spine": amod of a noun)."""
    return t.dep_, t.head.pos_


def _gap(
    s: Sentence,
    t: Token,
    by_tag: dict[str, dict[str, str]],
    roles: dict[str, set[tuple[str, str]]],
    rank: int,
    offered: set[str],
) -> Iterator[Candidate]:
    if len(s.text.split()) > MAX_SENTENCE_WORDS or s.text.lower().count(t.lower_) != 1 or t.lower_ in offered:
        return
    if any(o.lemma_.lower() == t.lemma_.lower() and o.i != t.i for o in s.sent):
        return  # "different _____ … in whatever region": the sentence gives the word away
    rivals = [
        w
        for lemma, w in by_tag.get(t.tag_, {}).items()
        if lemma != t.lemma_.lower()
        and w.lower() not in s.text.lower()
        and w.lower() not in offered
        and _role(t) not in roles.get(lemma, ())
    ]  # a word the article uses in this role might fit too
    if len(rivals) < 3:
        return
    offset = t.idx - s.span.start
    gapped = s.text[:offset] + BLANK + s.text[offset + len(t.text) :]
    wrong = rivals[:3]
    q = question(
        s,
        type="choice",
        prompt=f"{gapped.strip()} {PROMPT}",
        answer=((t.text,),),
        choices=choices(t.text, wrong),
        distractors=tuple(wrong),
        skill="vocabulary",
    )
    yield Candidate(f"vocabulary:{t.lemma_.lower()}", q, 0.6 - 0.02 * rank, tags={"family:vocabulary"})
