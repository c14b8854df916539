"""Main-idea questions: which sentence best sums up the article, or one paragraph of it.

The key is the sentence of the opening paragraphs that shares most content
words with the rest of the article (news puts its point first, and the
point is what the other paragraphs keep returning to). The wrong options are
true sentences from the second half that share least with the rest: details
a pupil who read the whole article knows are not the point. Choosing among
them is a judgement about the whole text, so the skill is inference.

A paragraph's point is its opening sentence when the paragraph's other
sentences elaborate it (they share its content words). It is asked
against sentences of paragraphs at least two away that make another point:
a pupil must read what paragraph N is about, not match one phrase.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.text.actors import lexicon
from quizapp.text.questions.families import clauses, speakers
from quizapp.text.questions.families.base import Candidate, choices, question
from quizapp.text.types import Analysis

if TYPE_CHECKING:
    from quizapp.text.questions.families.base import Sentence

CONTENT = {"NOUN", "PROPN", "VERB", "ADJ"}
LEAD_PARAGRAPHS = 2
KEY_WORDS = (10, 35)
POINT_WORDS = (
    6,
    40,
)  # a topic sentence may be short: "Good nutrition is particularly important for people with HIV."
DETAIL_WORDS = (8, 30)
PROMPT = "Which sentence best sums up the article?"
PARAGRAPH_PROMPT = "Which sentence best sums up paragraph {}?"
VARIANTS = 4
POOL = 5  # wrong options to choose three from: 10 variants of each paragraph's question
PARAGRAPH_SCORE = 0.62  # after statements, before name gaps: they have many other sentences to choose from
MIN_WRONG = 2  # a paragraph's point against two other paragraphs' sentences at least: three options
SCARE_QUOTE_WORDS = 2  # a quoted term, not a quotation: “inhumane”, “land-sharing”
MIN_SHARED = 2  # content words a paragraph's point shares with the paragraph's other sentences


def candidates(sentences: list[Sentence], analysis: Analysis) -> Iterator[Candidate]:
    """One main-idea question for an article long enough to have a point and details, and its paragraphs'."""
    if len(sentences) < 8:
        return
    lemmas = [_lemmas(s) for s in sentences]
    points = _points(sentences, lemmas, analysis)
    yield from _article(sentences, analysis, lemmas, {s.index for s in points.values()})
    yield from _paragraphs(sentences, lemmas, points)


def _article(
    sentences: list[Sentence], analysis: Analysis, lemmas: list[set[str]], points: set[int]
) -> Iterator[Candidate]:
    """Which sentence of the opening sums up the whole article, against details from its second half.

    A paragraph's point is never offered as a detail: it is the key of a
    question of its own, which an option showing it would block.
    """
    spread = Counter(lemma for found in lemmas for lemma in found)
    central = [_centrality(found, spread) for found in lemmas]
    title = lexicon.fold(analysis.article.title.rstrip(" …"))
    leads = [s for s in sentences if s.span.paragraph < LEAD_PARAGRAPHS and _option(s, KEY_WORDS)]
    if not leads:
        return
    key = max(leads, key=lambda s: central[s.index])
    if title and title in lexicon.fold(key.text):
        return  # the title shown above the quiz is this sentence; the next best is seldom the point
    details = sorted(
        (s for s in sentences if s.span.paragraph > key.span.paragraph + 1 and _option(s, DETAIL_WORDS)),
        key=lambda s: central[s.index],
    )
    fit = [
        s
        for s in details
        if central[s.index] < central[key.index] * 0.8
        and s.index not in points
        and not _same_point(lemmas[s.index], lemmas[key.index])
    ]
    text = key.text.strip()
    for variant in range(
        VARIANTS
    ):  # other sets of details, in case another question takes one of these sentences
        wrong = _three_paragraphs(fit[variant:], key)
        if len(wrong) < 3:
            return
        q = question(
            key,
            type="choice",
            prompt=PROMPT,
            answer=((text,),),
            choices=choices(text, wrong),
            distractors=tuple(wrong),
            skill="inference",
        )
        yield Candidate(
            "main-idea:article",
            q,
            0.8 - 0.01 * variant,
            preferred=True,
            tags={"family:main-idea", "restates", "offers-sentences"},
        )


def _paragraphs(
    sentences: list[Sentence], lemmas: list[set[str]], points: dict[int, Sentence]
) -> Iterator[Candidate]:
    """Which sentence sums up paragraph N, against sentences of other paragraphs (never the lede's paragraph).

    Other paragraphs' points are offered last: a sentence offered as a
    wrong option cannot be asked about, and those are keys of their own.
    """
    if not points:
        return
    details = [s for s in sentences if s.span.paragraph > 0 and _option(s, DETAIL_WORDS)]
    keys = {s.index for s in points.values()}
    options = [s for s in details if s.index not in keys] + list(points.values())
    for paragraph, key in points.items():
        text = key.text.strip()
        pool = _elsewhere(options, key, lemmas)
        sets = [c for size in (3, MIN_WRONG) for c in itertools.combinations(pool, min(size, len(pool)))]
        for variant, some in enumerate(dict.fromkeys(sets)):
            wrong = list(some)  # every variant, in case another question is about one of these sentences
            if len(wrong) < MIN_WRONG:
                break
            q = question(
                key,
                type="choice",
                prompt=PARAGRAPH_PROMPT.format(paragraph + 1),
                answer=((text,),),
                choices=choices(text, wrong),
                distractors=tuple(wrong),
                skill="inference",
            )
            yield Candidate(
                f"main-idea:paragraph:{paragraph}",
                q,
                PARAGRAPH_SCORE - 0.001 * variant,
                preferred=True,
                tags={"family:paragraph-idea", "restates", "offers-sentences"},
            )


def _elsewhere(options: list[Sentence], key: Sentence, lemmas: list[set[str]]) -> list[str]:
    """Up to ``POOL`` sentences from paragraphs two or more away, one per paragraph, none making the key's point.

    A neighbouring paragraph often carries the same point on. Every three
    of them make one variant of the question: a sentence offered as a wrong
    option cannot be asked about elsewhere, so the chooser takes the
    variant whose options no chosen question rests on.
    """
    wrong, paragraphs = [], {key.span.paragraph}
    for s in options:
        if (
            abs(s.span.paragraph - key.span.paragraph) < 2
            or s.span.paragraph in paragraphs
            or _same_point(lemmas[s.index], lemmas[key.index])
            or _same_point(lemmas[key.index], lemmas[s.index])
        ):
            continue
        wrong.append(s.text.strip())
        paragraphs.add(s.span.paragraph)
        if len(wrong) == POOL:
            break
    return wrong


def _points(sentences: list[Sentence], lemmas: list[set[str]], analysis: Analysis) -> dict[int, Sentence]:
    """Each paragraph (after the first) that opens with its point: a topic sentence the rest elaborates.

    The opening sentence must read alone and share content words with the
    paragraph's other sentences, or report what someone says before the
    rest gives their own words; a paragraph that opens otherwise (a quote,
    "But …") is not asked: the sentence sharing most words with the rest
    was as often a supporting detail as the point.
    """
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.span.paragraph, []).append(s)
    points = {}
    for paragraph, group in by_paragraph.items():
        if paragraph == 0 or len(group) < 2:
            continue
        first, rest = group[0], set().union(*(lemmas[o.index] for o in group[1:]))
        if any(t.lower_ == "also" for o in group[1:] for t in o.sent):
            continue  # "Peng Shuai also said …": the paragraph lists cases, and its first is one of them
        shared = len(lemmas[first.index] & rest) >= MIN_SHARED
        if (shared or _own_words_follow(first, group[1:], analysis)) and _option(first, POINT_WORDS):
            points[paragraph] = first
    return points


def _own_words_follow(first: Sentence, rest: list[Sentence], analysis: Analysis) -> bool:
    """ "Callanan said that banning e-cigarettes would have been crazy." then only his quoted words.

    News sums up what someone says, then quotes them: the quotation puts
    the point in other words, so it shares few with the summary, yet the
    summary is the paragraph's point. Only when every other sentence is
    wholly quoted words, which the quotation layer gives to the speaker the
    opening names or to nobody (a quotation straight after "X said …" with
    no cue of its own).
    """
    reported = next((c for c in first.sent.root.children if c.dep_ == "ccomp"), None)
    if first.sent.root.lemma_.lower() not in speakers.SAYING or reported is None:
        return False
    named = speakers.speaker(first, reported, analysis)
    quoted = [speakers.quoted_as(s, analysis) for s in rest]
    return named is not None and all(whole and whose in {None, named} for whole, whose in quoted)


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
    if lexicon.fold(words[0]) in {"other", "another"}:
        return False  # "Other fashion brands include …": other than those the paragraph before named
    if any(clauses.first_person(t) for t in s.sent) or _quotes_someone(s):
        return False  # someone's words, not the article's
    subj = clauses.subject(root)
    if subj is not None and clauses.measured_against_before(subj):
        return False  # "The first is social help": the first of the ideas the paragraph before listed
    if any(t.lower_ in {"this", "that", "these", "those"} and t.dep_ == "det" for t in s.sent):
        return False  # "this happiness" needs the sentence before
    return subj is not None and not any(clauses.pronoun(t) or t.tag_ == "PRP$" for t in subj.subtree)


def _quotes_someone(s: Sentence) -> bool:
    """Whether the sentence holds someone's words: a quotation of more than two words, or an open one.

    "forcing players to compete in “inhumane” conditions" quotes a word, as
    a news report marks a term; the sentence is still the article's own.
    """
    marks = [t.i for t in s.sent if any(q in t.text for q in clauses.QUOTES)]
    if len(marks) % 2:
        return True
    doc = s.sent.doc
    return any(
        len(doc[start + 1 : close].text.split()) > SCARE_QUOTE_WORDS
        for start, close in zip(marks[::2], marks[1::2], strict=True)
    )
