"""The article with each question's evidence sentence marked and numbered, for the results page.

Pure (no Flask). Several questions often rest on the same sentence, and an
HTML id can only be used once, so questions are grouped by sentence: one
``<mark class="evidence">`` per sentence, opening with a numbered link per
question (``id="evidence-<n>"``, back to ``#result-<n>``). Overlapping spans
are merged, as the reading view merges hard sentences. The paragraph itself
is written by the reading view's ``render_paragraph``, which escapes the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from quizapp.text.question import Question
from quizapp.text.types import Analysis, Span
from quizapp.web.reading.markup import render_paragraph


@dataclass(frozen=True)
class EvidenceMark:
    """One marked stretch of a paragraph and the numbers of the questions it answers."""

    span: Span
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class MarkedArticle:
    """The paragraphs as HTML, and which question numbers have an anchor to link to."""

    paragraphs: list[Markup]
    anchored: frozenset[int]


def evidence_id(number: int) -> str:
    """The HTML id of question ``number``'s evidence in the article."""
    return f"evidence-{number}"


def result_id(number: int) -> str:
    """The HTML id of question ``number``'s result."""
    return f"result-{number}"


def mark_evidence(analysis: Analysis) -> MarkedArticle:
    """The cleaned article with the evidence of every question marked, numbered as in the quiz."""
    paragraphs = analysis.article.paragraphs
    marks = evidence_marks(paragraphs, analysis.questions)
    # No mentions: their links point at a glossary this page does not have.
    rendered = [
        render_paragraph(text, [], [m for m in marks if m.span.paragraph == i], {}, open_mark=_open_evidence)
        for i, text in enumerate(paragraphs)
    ]
    anchored = frozenset(n for mark in marks for n in mark.numbers)
    return MarkedArticle(rendered, anchored)


def evidence_marks(paragraphs: Sequence[str], questions: Sequence[Question]) -> list[EvidenceMark]:
    """One mark per evidence sentence, overlapping ones merged, in reading order."""
    located = sorted(
        (span.paragraph, span.start, span.end, number)
        for number, question in enumerate(questions, start=1)
        if (span := locate(question, paragraphs)) is not None
    )
    marks: list[EvidenceMark] = []
    for paragraph, start, end, number in located:
        last = marks[-1] if marks else None
        if last and last.span.paragraph == paragraph and start < last.span.end:
            span = Span(paragraph, last.span.start, max(end, last.span.end))
            marks[-1] = EvidenceMark(span, last.numbers + (number,))
        else:
            marks.append(EvidenceMark(Span(paragraph, start, end), (number,)))
    return marks


def locate(question: Question, paragraphs: Sequence[str]) -> Span | None:
    """Where the question's evidence is: its span clipped to the paragraph, else found by its text.

    A teacher's hand-written question may quote the evidence without a span;
    a span that points outside the article is not trusted.
    """
    span = question.evidence_span
    if span is not None and 0 <= span.paragraph < len(paragraphs):
        start, end = max(0, span.start), min(len(paragraphs[span.paragraph]), span.end)
        if start < end:
            return Span(span.paragraph, start, end)
    evidence = question.evidence.strip()
    for i, text in enumerate(paragraphs):
        found = text.find(evidence) if evidence else -1
        if found >= 0:
            return Span(i, found, found + len(evidence))
    return None


def _open_evidence(mark: EvidenceMark) -> Markup:
    """An opening ``<mark>`` with a link back to each question this sentence answers."""
    refs = Markup("").join(
        Markup(
            '<a class="evidence-ref" id="{}" href="#{}"><span class="visually-hidden">Evidence for </span>Q{}</a>'
        ).format(evidence_id(n), result_id(n), n)
        for n in mark.numbers
    )
    return Markup('<mark class="evidence"><span class="evidence-refs">{}</span> ').format(refs)
