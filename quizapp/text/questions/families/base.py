"""What every question family shares: the parsed sentences with their evidence spans.

The families read spaCy's parse of the evidence sentence directly, so each
sentence is kept with its paragraph index and span once (``sentences``), in
article order; a family walks them in one pass, which keeps generation
linear in the article's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quizapp.text.question import Question
from quizapp.text.types import Analysis, Span

if TYPE_CHECKING:  # spaCy is imported only where a model is loaded (reading/nlp.py)
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

QUOTES = '"“”'
QUOTES_KEPT = "quizapp.quotes_kept"  # doc.user_data: the article kept its quotation marks
QUOTED = "quizapp.quoted"  # doc.user_data: start tokens of quoted sentences
SPEECH = "quizapp.speech"  # doc.user_data: start tokens of sentences that are someone's words
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
}


@dataclass
class Candidate:
    """One way of asking about one fact, with the score used to rank it."""

    fact: str
    question: Question
    score: float
    preferred: bool = False
    tags: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Sentence:
    """One parsed sentence of the article, where it stands, and its text as the reader sees it."""

    sent: SpacySpan
    span: Span
    text: str
    index: int  # position in the article, 0-based


def sentences(analysis: Analysis, docs: Iterable[Doc]) -> list[Sentence]:
    """Every sentence of the article with its evidence span, in order."""
    out: list[Sentence] = []
    marked = any(ch in analysis.article.text for ch in QUOTES)
    for p, doc in enumerate(docs):
        doc.user_data[QUOTES_KEPT] = marked
        doc.user_data[QUOTED] = _quoted_sentences(doc)
        doc.user_data.pop(SPEECH, None)  # worked out again by clauses.reported for this article
        for sent in doc.sents:
            span = Span(p, sent.start_char, sent.end_char)
            text = analysis.article.paragraphs[p][span.start : span.end]
            out.append(Sentence(sent, span, text, len(out)))
    return out


def _quoted_sentences(doc: Doc) -> set[int]:
    """Start tokens of the sentences that lie inside, or hold, a quotation ("…," she said. "More …")."""
    inside, found = False, set[int]()
    for sent in doc.sents:
        marks = [t for t in sent if t.text in QUOTES or (t.text in {"'", "‘", "’"} and t.is_quote)]
        if inside or marks:
            found.add(sent.start)
        for t in sent:
            if t.text in {"“"}:
                inside = True
            elif t.text in {"”"}:
                inside = False
            elif t.text == '"':
                inside = not inside
    return found


def locator(sentences: Sequence[Sentence]) -> Callable[[int, int], int | None]:
    """A function from a (paragraph, character) position to the index of the sentence holding it.

    A binary search over the sentences' starts: mapping every mention to its
    sentence stays O(n log n) even for a 50,000-word article.
    """
    starts = [(s.span.paragraph, s.span.start) for s in sentences]

    def find(paragraph: int, char: int) -> int | None:
        i = bisect.bisect_right(starts, (paragraph, char)) - 1
        if i < 0 or sentences[i].span.paragraph != paragraph or char >= sentences[i].span.end:
            return None
        return i

    return find


def question(sentence: Sentence, **fields: Any) -> Question:
    """A question grounded in ``sentence``."""
    return Question(id="", evidence=sentence.text, evidence_span=sentence.span, **fields)


def choices(right: str, wrong: list[str]) -> tuple[str, ...]:
    """Options in a fixed, meaningless order (alphabetical), so the answer's place tells nothing."""
    return tuple(sorted(dict.fromkeys([right, *wrong]), key=str.lower))


def is_year(token: Token) -> bool:
    return bool(YEAR.match(token.text)) and token.ent_type_ in {"DATE", ""}


def number_text(token: Token) -> str:
    """The whole number a counting token stands for: "3 million", "4,500", "£32 billion"."""
    parts = [
        t for t in token.subtree if t.like_num or t.tag_ in {"CD", "$"} or t.text in {"%", "£", "$", "€"}
    ]
    return "".join(t.text + t.whitespace_ for t in parts).strip()


def number_forms(text: str) -> tuple[str, ...]:
    """ "four" -> ("four", "4"); "4,500" -> ("4,500", "4500")."""
    forms = [text]
    if text.lower() in NUMBER_WORDS:
        forms.append(NUMBER_WORDS[text.lower()])
    if "," in text:
        forms.append(text.replace(",", ""))
    return tuple(forms)
