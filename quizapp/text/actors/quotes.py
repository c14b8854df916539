"""Quotations and who said them.

A reader finds the speaker of a quotation by a handful of rules of English
news writing, and so do we (issue 10; each rule is in docs/glossary.md with
a test in tests/text/test_coreference.py):

1. a verb of saying in the quotation's sentence, outside the quotation, has
   the speaker as its subject: "said Smith", "Smith said", "he told the
   BBC";
2. "according to X" names the speaker;
3. a quotation that runs on into the next paragraph (the paragraph opens a
   quotation and does not close it; the next paragraph opens with a quotation
   mark) keeps its speaker;
4. a second quotation in the same paragraph with no cue of its own keeps the
   speaker of the one before it ("“..,” she said. “...”");
5. a sentence ending in a colon with a verb of saying introduces the
   quotation that follows it.

A quotation that none of these rules settles has no speaker: it is left
unattributed rather than given to the last person named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.text.actors import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


OPENING = '“"'
CLOSING = '”"'


@dataclass
class Found:
    """A quotation while it is being attributed: spans as (paragraph, start, end) of its words."""

    spans: list[tuple[int, int, int]]
    open_ended: bool  # the paragraph ended before the quotation closed
    speaker_token: tuple[int, Token] | None = (
        None  # (paragraph, spaCy token): the subject of the verb of saying
    )
    cue: str = ""


def _stretches(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quoted stretch of a paragraph, quote marks excluded."""
    out, start = [], None
    for match in re.finditer(r"[“”\"]", text):
        mark, at = match.group(), match.start()
        if start is None and (mark == "“" or (mark == '"' and (at == 0 or not text[at - 1].isalnum()))):
            start = at + 1
        elif start is not None and mark in CLOSING:
            out.append((start, at, True))
            start = None
    if start is not None and text[start:].strip():
        out.append((start, len(text), False))
    return out


def inside(quotes: list[Found], paragraph: int, char: int) -> Found | None:
    """The quotation whose words include the character, if any."""
    for q in quotes:
        for p, start, end in q.spans:
            if p == paragraph and start <= char < end:
                return q
    return None


def find(docs: Sequence[Doc]) -> list[Found]:
    """Every quotation of the article, multi-paragraph ones joined, speakers found where the rules say."""
    quotes: list[Found] = []
    for i, doc in enumerate(docs):
        for start, end, closed in _stretches(doc.text):
            continuing = start == 1 and quotes and quotes[-1].open_ended and quotes[-1].spans[-1][0] == i - 1
            if continuing:
                quotes[-1].spans.append((i, start, end))
                quotes[-1].open_ended = not closed
            else:
                quotes.append(Found([(i, start, end)], not closed))
    for q in quotes:
        _attribute(docs, q)
    _carry_over(docs, quotes)
    return quotes


def _attribute(docs: Sequence[Doc], q: Found) -> None:
    """Rules 1 and 2: a cue in the sentences the quotation starts and ends in."""
    for p, start, end in (q.spans[0], q.spans[-1]):
        doc = docs[p]
        sents = {t.sent for t in doc if start <= t.idx < end}
        sents |= {t.sent for t in doc if t.idx in (start - 1, end)}
        tokens = [
            t for s in sorted(sents, key=lambda s: s.start) for t in s if not (start - 1 <= t.idx <= end)
        ]
        found = _cue(tokens, start, end)
        if found is not None:
            q.speaker_token, q.cue = (p, found[0]), found[1]
            return


def _cue(tokens: Sequence[Token], start: int, end: int) -> tuple[Token, str] | None:
    """(speaker token, cue) from the words around a quotation, nearest verb of saying first."""
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, "according to"
    verbs = [t for t in tokens if t.lemma_.lower() in evidence.SAYING and t.pos_ in {"VERB", "AUX"}]
    verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    for verb in verbs[:1]:  # only the nearest: a farther verb of saying may have another speaker
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and not (start <= subject.idx < end):
            return subject, f"{verb.text} ({'before' if verb.idx < start else 'after'})"
    return None


def _carry_over(docs: Sequence[Doc], quotes: list[Found]) -> None:
    """Rules 3-5: a quotation without a cue of its own keeps the speaker its place implies."""
    for n, q in enumerate(quotes):
        if q.speaker_token is not None or n == 0:
            continue
        p, start, _ = q.spans[0]
        before = quotes[n - 1]
        if before.speaker_token and before.spans[-1][0] == p and _only_cue_between(docs[p], before, start):
            q.speaker_token, q.cue = before.speaker_token, "same paragraph"
            continue
        intro = _introduced(docs, p, start)
        if intro is not None:
            q.speaker_token, q.cue = intro, "colon"


def _only_cue_between(doc: Doc, before: Found, start: int) -> bool:
    """Whether the words between two quotations are nothing but the first one's cue.

    "“...,” she said. “...”": the second quotation goes on in the same
    voice. Any other noun between them may bring in another speaker.
    """
    end = before.spans[-1][2]
    if before.speaker_token is None:
        return False  # no cue to be between (the caller checks there is one)
    speaker = before.speaker_token[1]
    between = [t for t in doc if end <= t.idx < start - 1 and not t.is_punct and not t.is_space]
    return all(t.pos_ not in {"NOUN", "PROPN"} or t.i in {s.i for s in speaker.subtree} for t in between)


def _introduced(docs: Sequence[Doc], p: int, start: int) -> tuple[int, Token] | None:
    """Rule 5: the sentence before the quotation ends in a colon after a verb of saying."""
    doc = docs[p]
    before = [s for s in doc.sents if s.end_char <= start]
    if before:
        sent = before[-1]
    elif p > 0 and start <= 1 and len(docs[p - 1]):
        sent = list(docs[p - 1].sents)[-1]
        doc = docs[p - 1]
        p -= 1
    else:
        return None
    if not sent.text.rstrip().endswith(":"):
        return None
    for t in sent:
        if t.lemma_.lower() in evidence.SAYING:
            subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return (p, subject)
    return None
