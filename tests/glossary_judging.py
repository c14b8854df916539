"""The judged glossary set (tests/data/glossary_judged.json): what it holds and how it is scored.

A person read each article and marked every glossary entry and every
attributed quotation the pipeline gave for it, by the marking rules in
docs/glossary.md ("Marking the judged set"). The marks are data; the code
never writes one. ``python tests/glossary_judging.py NAME ...`` prints an
article with the pipeline's current entries and quotes beside their marks,
and adds entries that have none as ``"?"`` so that a person marks them.

Marks of an entry: ``ok``; ``kind`` (a real actor of the wrong kind);
``junk`` (not an actor of the story: a common noun, a word cut from a name);
``split`` (a second entry for an actor that has one, or two actors merged).
Marks of a non-empty role: ``ok`` or ``wrong`` (untrue, about someone
else, or not readable alone). Marks of a quotation with a speaker: ``ok``
or ``wrong``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "data" / "glossary_judged.json"
ENTRY_MARKS = {"ok", "kind", "junk", "split"}
ROLE_MARKS = {"ok", "wrong"}


def entry_key(actor) -> str:
    """How an entry is looked up among the marks: its name, kind and role as shown."""
    return f"{actor.name} | {actor.kind} | {actor.role}"


def quote_key(quote, names) -> str:
    """A quotation by its first words and the speaker it was given."""
    return f"{quote.text[:60]} | {names.get(quote.speaker)}"


def load() -> dict:
    return json.loads(JUDGED.read_text(encoding="utf-8"))


@dataclass
class Figures:
    """The judged set's figures, over every article."""

    entries: int = 0
    good_entries: int = 0
    roles: int = 0
    good_roles: int = 0
    quotes: int = 0
    wrong_quotes: int = 0
    unjudged: tuple = ()

    @property
    def precision(self) -> float:
        return self.good_entries / self.entries if self.entries else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.good_roles / self.roles if self.roles else 1.0


def score(analyses: dict, judged: dict) -> Figures:
    """Figures for ``analyses`` (name -> Analysis) against the marks; unmarked output is listed."""
    figures, unjudged = Figures(), []
    for name, analysis in analyses.items():
        marks = judged["articles"][name]
        names = {a.id: a.name for a in analysis.actors}
        for actor in analysis.actors:
            mark = marks["entries"].get(entry_key(actor))
            if (
                mark is None
                or mark["entry"] not in ENTRY_MARKS
                or (actor.role and mark.get("role") not in ROLE_MARKS)
            ):
                unjudged.append(f"{name}: {entry_key(actor)}")
                continue
            figures.entries += 1
            figures.good_entries += mark["entry"] == "ok"
            if actor.role:
                figures.roles += 1
                figures.good_roles += mark["role"] == "ok"
        for quote in analysis.quotes:
            if quote.speaker is None:
                continue
            mark = marks["quotes"].get(quote_key(quote, names))
            if mark not in ROLE_MARKS:
                unjudged.append(f"{name}: quote {quote_key(quote, names)}")
                continue
            figures.quotes += 1
            figures.wrong_quotes += mark == "wrong"
    figures.unjudged = tuple(unjudged)
    return figures


def _show(name: str, nlp, judged: dict) -> None:
    """Print an article for a judge, and add its unmarked entries as "?"."""
    from corpus import onestop_text

    from quizapp.text import pipeline

    analysis = pipeline.analyse(onestop_text(name), nlp)
    article = judged["articles"].setdefault(name, {"set": "tuning", "entries": {}, "quotes": {}})
    for i, paragraph in enumerate(analysis.article.paragraphs):
        print(f"[{i}] {paragraph}\n")
    names = {a.id: a.name for a in analysis.actors}
    for actor in analysis.actors:
        mark = article["entries"].setdefault(
            entry_key(actor), {"entry": "?", "role": "?" if actor.role else None}
        )
        print(f"ENTRY {mark} {entry_key(actor)}  (m={actor.mentions}, aliases={actor.aliases})")
    for quote in analysis.quotes:
        if quote.speaker:
            mark = article["quotes"].setdefault(quote_key(quote, names), "?")
            print(
                f"QUOTE {mark} [{names[quote.speaker]}] via {quote.speaker_text!r} ({quote.cue}): {quote.text[:90]}"
            )


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from quizapp.text.reading import nlp as nlp_module

    data = (
        load() if JUDGED.exists() else {"rules": "docs/glossary.md, Marking the judged set", "articles": {}}
    )
    model = nlp_module.load()
    for article_name in sys.argv[1:]:
        _show(article_name, model, data)
    JUDGED.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
