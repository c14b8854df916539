"""The names a response mentions, found against a compiled answer key.

Three passes over the response's tokens, each on what the last left over:

1. *Exact names*, longest first, word order within a name free: answer
   forms, distractors, other choices, and every country, nationality and
   capital. A word that is exactly another real name ("Iraq") is that name.
2. *Scattered answer words*: an answer of several words counts when all its
   words stand within a few words of each other ("the militias backed by
   the U.S." for "U.S.-backed militias"), typos forgiven.
3. *Typos*: leftover words compared with the answer's words allowing a few
   edits (``answers.edit_budget``); a word at least as close to another
   name as to the answer ("Irak": Iraq or Iran?) is not read as the answer.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from rapidfuzz import process
from rapidfuzz.distance import OSA

from quizapp.text.grading import concepts
from quizapp.text.grading.answer_key import AnswerKey, Family, world
from quizapp.text.grading.answers import edit_budget, key


@dataclass(frozen=True)
class Mention:
    """A name found in a response: an answer part (``label`` is its index) or something else."""

    label: int | str
    start: int
    end: int
    fuzzy: bool = False

    @property
    def is_answer(self) -> bool:
        """Whether this names one of the answer's parts."""
        return isinstance(self.label, int)


def mentions(words: tuple[str, ...], ak: AnswerKey) -> list[Mention]:
    """The names in ``words``, in order."""
    taken = [False] * len(words)
    found = list(_exact(words, ak, taken))
    fixed = [w if t or w in ak.answer_words else typo_of(w, ak) or w for w, t in zip(words, taken)]
    if ak.families:
        _join_split_words(fixed, taken, ak)
    scattered = _scattered(words, fixed, ak)
    if scattered:  # a name inside an answer spelled out in pieces is part of that answer
        found = [m for m in found if m.is_answer or not any(s.start <= m.start < s.end for s in scattered)]
        for s in scattered:
            taken[s.start : s.end] = [True] * (s.end - s.start)
    found += scattered + _typos(words, fixed, ak, taken)
    if any(not s.is_answer for s in scattered):  # a wrong idea read inside the right one is the right one
        answers = [m for m in found if m.is_answer]
        found = [m for m in found if m.is_answer or not any(_overlap(m, a) for a in answers)]
    return sorted(found, key=lambda m: m.start)


def _overlap(a: Mention, b: Mention) -> bool:
    """Whether two mentions share a word: "trade agreement" inside "free trade agreement" is that answer."""
    return a.start < b.end and b.start < a.end


def _join_split_words(fixed: list[str], taken: list[bool], ak: AnswerKey) -> None:
    """ "green house" is the answer's "greenhouse": both halves are read as that word."""
    for i in range(len(fixed) - 1):
        joined = fixed[i] + fixed[i + 1]
        if not taken[i] and not taken[i + 1] and joined in ak.answer_words:
            fixed[i] = fixed[i + 1] = joined


def _exact(words: tuple[str, ...], ak: AnswerKey, taken: list[bool]) -> Iterator[Mention]:
    """Greedy, longest name first; only runs of words that occur in some name are tried."""
    glob = world().index
    i, n = 0, len(words)
    while i < n:
        run = 0
        while i + run < n and run < ak.max_words and words[i + run] in ak.vocab:
            run += 1
        for size in range(run, 0, -1):
            k = key(words[i : i + size])
            label = ak.index.get(k, glob.get(k))
            if label is not None:
                taken[i : i + size] = [True] * size
                yield Mention(label, i, i + size)
                i += size
                break
        else:
            i += 1


def _scattered(words: tuple[str, ...], fixed: list[str], ak: AnswerKey) -> list[Mention]:
    """Answer forms of several words whose words all stand close together, in any order.

    For ideas a word counts in any of its dictionary forms ("prices were
    rising" holds "prices rose"), and not after a "not" that the key does
    not have ("prices did not rise").
    """
    if not ak.bags:
        return []
    families: Sequence[Collection[str]]
    if ak.families:
        families = [concepts.lemmas(f) for f in fixed]
        present = set(fixed).union(*families)
    else:
        families, present = [(f,) for f in fixed], set(fixed)
    found = []
    for label, needed, slack, head, words_needed in ak.bags:
        if not (words_needed <= present if words_needed else all(not f.isdisjoint(present) for f in needed)):
            continue
        span = _shortest_span(families, needed)
        if not span or span[1] - span[0] > len(needed) + slack or _negated(words, span, needed):
            continue
        if span[1] < len(families) and concepts.other_head(families[span[1]], head):
            continue  # "the industrial age" names another idea than the Industrial Revolution
        typo = any(fixed[i] != words[i] for i in range(*span))
        found.append(Mention(label, span[0], span[1], fuzzy=typo))
    return found


def _negated(words: tuple[str, ...], span: tuple[int, int], needed: tuple[Family, ...]) -> bool:
    """A "not" in the stretch that the answer itself does not say."""
    return any(words[i] in concepts.NEGATIONS for i in range(*span)) and not any(
        family & concepts.NEGATIONS for family in needed
    )


def _shortest_span(families: Sequence[Collection[str]], needed: tuple[Family, ...]) -> tuple[int, int] | None:
    """The shortest stretch ``[start, end)`` holding a word of every needed family (a sliding window)."""
    hits = [
        (i, j)
        for i, family in enumerate(families)
        for j, want in enumerate(needed)
        if not want.isdisjoint(family)
    ]
    counts: dict[int, int] = {}
    best, low = None, 0
    for position, wanted in hits:
        counts[wanted] = counts.get(wanted, 0) + 1
        while len(counts) == len(needed):
            start = hits[low][0]
            if best is None or position + 1 - start < best[1] - best[0]:
                best = (start, position + 1)
            counts[hits[low][1]] -= 1
            if not counts[hits[low][1]]:
                del counts[hits[low][1]]
            low += 1
    return best


def _typos(words: tuple[str, ...], fixed: list[str], ak: AnswerKey, taken: list[bool]) -> list[Mention]:
    """Answer names among the leftover words, each read as the answer word it misspells."""
    usable = [f if not t and f in ak.answer_words else None for f, t in zip(fixed, taken)]
    found = []
    i = 0
    while i < len(words):
        run = 0
        while i + run < len(words) and run < ak.max_words and usable[i + run] is not None:
            run += 1
        for size in range(run, 0, -1):
            # the run stops at the first None, so these are all words
            label = ak.index.get(key(tuple(cast("list[str]", usable[i : i + size]))))
            if isinstance(label, int):
                typo = any(usable[j] != words[j] for j in range(i, i + size))
                found.append(Mention(label, i, i + size, fuzzy=typo))
                i += size
                break
        else:
            i += 1
    return found


@functools.lru_cache(maxsize=65536)
def typo_of(word: str, ak: AnswerKey) -> str | None:
    """The answer word ``word`` misspells, if it is closer to it than to any other name.

    "Sukna" and "Suhkna" are "sukhna" (one edit, a swap counting as one);
    "Irak" is as close to Iraq as to Iran, so it is neither. An "al" glued
    to the front ("alsukhna") is tried off as well. A word of an idea forgives
    two typos from six letters ("rigthes" for "rights"), but a real English
    word is never a typo of one ("deflation" is not "inflation").
    """
    if len(word) < 4 or not word.isalpha() or word in ak.blocker_set:
        return None
    for candidate in (word, word[2:] if word[:2] in ("al", "el") and len(word) > 5 else ""):
        if candidate in ak.answer_words:
            return candidate
        best = process.extractOne(candidate, ak.fuzzy_words, scorer=OSA.distance, score_cutoff=2)
        if (
            best
            and best[0] in ak.idea_words
            and candidate in concepts.english()
            and concepts.spelling(candidate) != concepts.spelling(best[0])
        ):
            return None  # "judicial" is another word, not a misspelt "legislative"; "defenses" is "defences"
        if best and best[1] <= _budget(candidate, best[0], ak):
            rival = process.extractOne(candidate, ak.blockers, scorer=OSA.distance, score_cutoff=best[1])
            return None if rival else best[0]
    return None


def _budget(typed: str, meant: str, ak: AnswerKey) -> int:
    """Typos forgiven: as for names, or two in an idea's word of six letters or more."""
    length = min(len(typed), len(meant))
    return 2 if meant in ak.idea_words and length >= 6 else edit_budget(length)
