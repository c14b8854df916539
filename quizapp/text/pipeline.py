"""The whole reading analysis of one article: clean, parse, score, find the actors.

This is the one entry point the CLI, the services and the benchmarks call.
It takes the loaded spaCy pipeline as an argument so that callers decide when
(and how often) the model is loaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from quizapp.text.actors import glossary as actors
from quizapp.text.actors import lexicon
from quizapp.text.questions import generator as questions
from quizapp.text.reading import cleaning, language, readability
from quizapp.text.reading.bounds import DEFAULT, Bounds
from quizapp.text.types import Analysis, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SIDE_CLAUSES = {"advcl", "conj", "cc", "punct", "parataxis", "mark"}
LEAD_INS = SIDE_CLAUSES | {"prep", "advmod", "npadvmod"}  # "In 2005, ...", "Earlier, ..."
MAX_TITLE_WORDS = 12


def analyse(raw: str, nlp: Language, title_hint: str | None = None, bounds: Bounds = DEFAULT) -> Analysis:
    """Analyse the raw text of an article (as pasted or read from a file), refusing one over ``bounds``."""
    article = cleaning.clean(raw, title_hint=title_hint, bounds=bounds)
    language.require_english(article.paragraphs)  # the formulas and the model are English-only
    docs = list(nlp.pipe(article.paragraphs))
    if not article.title:
        article = replace(article, title=headline(docs[0]))
    glossary = actors.build_glossary(docs)
    analysis = Analysis(
        article=article,
        readability=readability.score(docs),
        actors=glossary.actors,
        mentions=glossary.mentions,
        relations=glossary.relations,
        references=glossary.references,
        quotes=glossary.quotes,
        sentences=tuple(
            Span(i, sent.start_char, sent.end_char) for i, doc in enumerate(docs) for sent in doc.sents
        ),
    )
    return replace(analysis, questions=questions.generate(analysis, docs))


def headline(doc: Doc) -> str:
    """A title for an article that came without one: its first sentence's main clause.

    Wire copy often has no headline. "Syria’s war has entered a new phase as
    President Bashar al-Assad extends his grip ..." reads as a headline once
    the side clauses hang off the main verb are dropped: "Syria’s war has
    entered a new phase".
    """
    sent = next(iter(doc.sents))
    root = sent.root
    dropped = {
        t.i
        for child in root.children
        if child.dep_ in (LEAD_INS if child.i < root.i else SIDE_CLAUSES)
        for t in child.subtree
    }
    words = lexicon.join(t for t in sent if t.i not in dropped).strip(" .!?:;,–—-").split()
    if len(words) < 3:  # the main clause alone says too little: keep the whole sentence
        words = sent.text.strip(" .!?:;").split()
    if len(words) > MAX_TITLE_WORDS:
        words = words[:MAX_TITLE_WORDS] + ["…"]
    title = " ".join(words)
    return title[:1].upper() + title[1:]
