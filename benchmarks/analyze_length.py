"""Does the reading analysis grow linearly with the article's length? Each stage timed on 1k-50k words.

Run: ``.venv/bin/python benchmarks/analyze_length.py`` (``make bench-length``).
Builds synthetic articles of 1,000, 10,000 and 50,000 words from distinct
paragraphs of the OneStopEnglish texts (Vajjala & Lučić 2018, CC BY-SA 4.0;
no paragraph twice, so the cleaner's de-duplication keeps them all) and
times each stage of ``text.pipeline.analyse`` on its own: cleaning, the
spaCy parse, readability, the glossary (actors, mentions, relations, roles)
and question generation, in a fresh process per length so peak memory is
that length's. ``seconds per 1,000 words`` staying flat from 1k to 50k is
linear; growing with the length is not. Issue 14's target: 50k words well
under a minute. Results and the command: docs/performance.md.

``--paragraph CHARS`` instead times one paragraph of that many characters
(the worst case the paragraph cap must bound) and reports its peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "onestopenglish"  # OneStopEnglish, CC BY-SA 4.0 (its LICENSE.md)
LENGTHS = (1_000, 10_000, 50_000)


def corpus_paragraphs() -> list[str]:
    """Every distinct cleaned paragraph of the corpus, in file order."""
    from quizapp.text.reading import cleaning

    seen, paragraphs = set(), []
    for path in sorted(CORPUS.glob("*.txt")):
        if path.stem == "README":
            continue
        for paragraph in cleaning.clean(path.read_text(encoding="utf-8-sig")).paragraphs:
            if paragraph not in seen and len(paragraph.split()) > 5:
                seen.add(paragraph)
                paragraphs.append(paragraph)
    return paragraphs


def synthetic_article(words: int) -> str:
    """A headline and distinct corpus paragraphs, about ``words`` words in all."""
    body, count = [], 0
    for paragraph in corpus_paragraphs():
        if count >= words:
            break
        body.append(paragraph)
        count += len(paragraph.split())
    if count < words:
        raise SystemExit(f"the corpus has only {count} distinct words of paragraphs; asked for {words}")
    return "A long read built from the OneStopEnglish corpus\n\n" + "\n\n".join(body)


def one_paragraph(chars: int) -> str:
    """One paragraph of ``chars`` characters: corpus sentences run together with no line break."""
    text = " ".join(corpus_paragraphs())
    while len(text) < chars:
        text += " " + text
    return "A very long paragraph\n\n" + text[:chars].rsplit(" ", 1)[0] + "."


def timed(fn, *args):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def measure(raw: str) -> dict:
    """Each stage of ``pipeline.analyse`` timed on ``raw``, in this process."""
    from quizapp.text import pipeline
    from quizapp.text.actors import glossary as actors
    from quizapp.text.questions import generator as questions
    from quizapp.text.reading import cleaning, nlp, readability
    from quizapp.text.reading.bounds import Bounds
    from quizapp.text.types import Analysis, Span

    model = nlp.load()
    pipeline.analyse(
        "Warm up.\n\nThe president of France met the prime minister of Italy in Rome on Monday.", model
    )
    stages = {}
    beyond_the_caps = Bounds(max_words=10**9, max_paragraph_chars=10**9)  # measure past them, to set them
    stages["clean"], article = timed(lambda: cleaning.clean(raw, bounds=beyond_the_caps))
    stages["parse"], docs = timed(lambda: list(model.pipe(article.paragraphs)))
    stages["readability"], scores = timed(readability.score, docs)
    stages["glossary"], glossary = timed(actors.build_glossary, docs)
    analysis = Analysis(
        article=article,
        readability=scores,
        actors=glossary.actors,
        mentions=glossary.mentions,
        relations=glossary.relations,
        sentences=tuple(Span(i, s.start_char, s.end_char) for i, d in enumerate(docs) for s in d.sents),
    )
    stages["questions"], generated = timed(questions.generate, analysis)
    replace(analysis, questions=generated)
    words = sum(len(p.split()) for p in article.paragraphs)
    total = sum(stages.values())
    return {
        "words": words,
        "paragraphs": len(article.paragraphs),
        "longest_paragraph_chars": max(len(p) for p in article.paragraphs),
        **{f"{name}_s": round(seconds, 2) for name, seconds in stages.items()},
        "without_questions_s": round(total - stages["questions"], 2),
        "total_s": round(total, 2),
        "without_questions_s_per_1k_words": round((total - stages["questions"]) / words * 1000, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, help="one length only, in this process (the runner uses it)")
    parser.add_argument("--paragraph", type=int, metavar="CHARS", help="one paragraph of CHARS characters")
    parser.add_argument("--lengths", default=",".join(map(str, LENGTHS)), help="comma-separated word counts")
    args = parser.parse_args()
    if args.words or args.paragraph:
        raw = one_paragraph(args.paragraph) if args.paragraph else synthetic_article(args.words)
        print(json.dumps(measure(raw)))
        return
    for words in map(int, args.lengths.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--words", str(words)], check=True, capture_output=True, text=True
        ).stdout
        print(out.strip(), flush=True)


if __name__ == "__main__":
    main()
