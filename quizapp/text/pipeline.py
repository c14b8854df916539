"""The whole reading analysis of one article: clean, parse, score, find the actors.

This is the one entry point the CLI, the services and the benchmarks call.
It takes the loaded spaCy pipeline as an argument so that callers decide when
(and how often) the model is loaded.
"""

from __future__ import annotations

from quizapp.text import actors, cleaning, readability
from quizapp.text.types import Analysis, Span


def analyse(raw: str, nlp, title_hint: str | None = None) -> Analysis:
    """Analyse the raw text of an article (as pasted or read from a file)."""
    article = cleaning.clean(raw, title_hint=title_hint)
    docs = list(nlp.pipe(article.paragraphs))
    glossary = actors.build_glossary(docs)
    return Analysis(
        article=article,
        readability=readability.score(docs),
        actors=glossary.actors,
        mentions=glossary.mentions,
        relations=glossary.relations,
        sentences=tuple(
            Span(i, sent.start_char, sent.end_char) for i, doc in enumerate(docs) for sent in doc.sents
        ),
    )
