"""Main-idea questions: which sentence best sums up the article, against true but minor details.

The key is the sentence of the opening paragraphs that shares most content
words with the rest of the article (news puts its point first, and the
point is what the other paragraphs keep returning to). The wrong options are
true sentences from the second half that share least with the rest: details
a pupil who read the whole article knows are not the point. Choosing among
them is a judgement about the whole text, so the skill is inference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from collections import Counter

from quizapp.text.actors import lexicon
from quizapp.text.questions.families import clauses
from quizapp.text.questions.families.base import Candidate, choices, question
from quizapp.text.types import Analysis

if TYPE_CHECKING:

    from quizapp.text.questions.families.base import Sentence

CONTENT = {"NOUN", "PROPN", "VERB", "ADJ"}
LEAD_PARAGRAPHS = 2
KEY_WORDS = (10, 35)
DETAIL_WORDS = (8, 30)
PROMPT = "Which sentence best sums up the article?"
VARIANTS = 4


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """One main-idea question for an article long enough to have a point and details."""
    if len(sentences) < 8:
        return
    lemmas = [_lemmas(s) for s in sentences]
    spread = Counter(lemma for found in lemmas for lemma in found)
    central = [_centrality(found, spread) for found in lemmas]
    title = lexicon.fold(analysis.article.title.rstrip(" …"))
    leads = [s for s in sentences if s.span.paragraph < LEAD_PARAGRAPHS and _option(s, KEY_WORDS)]
    if not leads:
        return
    key = max(leads, key=lambda s: central[s.index])
    if title and title in lexicon.fold(key.text):
        return  # the title shown above the quiz is this sentence; the next best is seldom the point
    details = sorted((s for s in sentences if s.span.paragraph > key.span.paragraph + 1 and _option(s, DETAIL_WORDS)),
                     key=lambda s: central[s.index])
    fit = [s for s in details if central[s.index] < central[key.index] * 0.8
           and not _same_point(lemmas[s.index], lemmas[key.index])]
    text = key.text.strip()
    for variant in range(VARIANTS):  # other sets of details, in case another question takes one of these sentences
        wrong = _three_paragraphs(fit[variant:], key)
        if len(wrong) < 3:
            return
        q = question(key, type="choice", prompt=PROMPT, answer=((text,),), choices=choices(text, wrong),
                     distractors=tuple(wrong), skill="inference")
        yield Candidate("main-idea:article", q, 0.8 - 0.01 * variant, preferred=True,
                        tags={"family:main-idea", "restates"})


def _three_paragraphs(details: list[Sentence], key: Sentence) -> list[str]:
    """Three details, each from its own paragraph and none from the key's."""
    wrong: list[str] = []
    paragraphs = {key.span.paragraph}
    for s in details:
        if s.span.paragraph not in paragraphs:
            wrong.append(s.text.strip())
            paragraphs.add(s.span.paragraph)
        if len(wrong) == 3:
            break
    return wrong


def _same_point(detail: set[str], key: set[str]) -> bool:
    """Whether a detail says much of what the key says: then it might sum the article up as well."""
    return len(detail & key) >= max(2, 0.3 * len(detail))


def _lemmas(s: Sentence) -> set[str]:
    return {t.lemma_.lower() for t in s.sent if t.pos_ in CONTENT and not t.is_stop and t.is_alpha}


def _centrality(found: set[str], spread: Counter[str]) -> float:
    """How much of the rest of the article repeats this sentence's content words."""
    if not found:
        return 0.0
    return sum(spread[lemma] - 1 for lemma in found) / float(len(found) ** 0.5)


def _option(s: Sentence, bounds: tuple[int, int]) -> bool:
    """A declarative sentence of a fit length that reads alone and is not someone's words."""
    words = s.text.split()
    if not bounds[0] <= len(words) <= bounds[1] or not s.text.rstrip().endswith("."):
        return False
    root = s.sent.root
    if lexicon.fold(words[0]) in {"but", "and", "so", "however", "also", "this", "these", "it", "there"}:
        return False
    if any(clauses.first_person(t) or any(q in t.text for q in clauses.QUOTES) for t in s.sent):
        return False  # someone's words, not the article's
    subj = clauses.subject(root)
    if any(t.lower_ in {"this", "that", "these", "those"} and t.dep_ == "det" for t in s.sent):
        return False  # "this happiness" needs the sentence before
    return subj is not None and not any(clauses.pronoun(t) or t.tag_ == "PRP$" for t in subj.subtree)
