"""How long question generation takes, per 1,000 words of article.

Run: ``.venv/bin/python benchmarks/questions.py`` (add ``--long`` to time
one article of about 5,000 and one of about 50,000 words, made of the
advanced texts end to end: generation must stay linear). Parses every
OneStopEnglish text once (the parse is the analysis benchmark's business),
then times ``questions.generate`` alone and the full analysis, and reports
both per 1,000 words, with the number of questions and of types per article.
Results and the command: docs/performance.md.

The OneStopEnglish texts are from Vajjala & Lučić (2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "onestopenglish"  # OneStopEnglish, CC BY-SA 4.0 (its LICENSE.md)
sys.path.insert(0, str(ROOT))  # time this checkout's quizapp, not the one the venv was installed from


def main() -> None:
    from quizapp.text import pipeline
    from quizapp.text.questions import generator as questions
    from quizapp.text.reading import nlp

    model = nlp.load()
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(CORPUS.glob("*.txt"))]
    pipeline.analyse(texts[0], model)  # warm-up
    start = time.perf_counter()
    analyses = [pipeline.analyse(t, model) for t in texts]
    full_s = time.perf_counter() - start
    bare = [replace(a, questions=()) for a in analyses]
    parses = [list(model.pipe(a.article.paragraphs)) for a in bare]  # the families read the parse
    start = time.perf_counter()
    for analysis, docs in zip(bare, parses):
        questions.generate(analysis, docs)
    generate_s = time.perf_counter() - start
    words = sum(a.readability.words for a in analyses)
    counts = [len(a.questions) for a in analyses]
    types = [len({q.type for q in a.questions}) for a in analyses]
    print(f"{'articles':32} {len(texts)}")
    print(f"{'words':32} {words}")
    print(f"{'generation per 1,000 words':32} {1000 * generate_s / words * 1000:.1f} ms")
    print(f"{'full analysis per 1,000 words':32} {1000 * full_s / words * 1000:.1f} ms")
    print(
        f"{'questions per article':32} median {statistics.median(counts):g}, min {min(counts)}, max {max(counts)}"
    )
    print(f"{'question types per article':32} median {statistics.median(types):g}, min {min(types)}")


def long_articles(sizes=(5_000, 50_000)) -> None:
    """Generation time on long articles: linear means the same ms per 1,000 words at both sizes."""
    from quizapp.text import pipeline
    from quizapp.text.questions import generator as questions
    from quizapp.text.reading import nlp

    model = nlp.load()
    lines = [
        line
        for p in sorted(CORPUS.glob("*-adv.txt"))
        for line in p.read_text(encoding="utf-8-sig").splitlines()[1:]
        if line.strip()
    ]
    for size in sizes:
        body, words = [], 0
        for line in lines * (1 + size // 20_000):
            body.append(line)
            words += len(line.split())
            if words >= size:
                break
        analysis = pipeline.analyse("\n".join(body), model)
        docs = list(model.pipe(analysis.article.paragraphs))
        start = time.perf_counter()
        questions.generate(replace(analysis, questions=()), docs)
        seconds = time.perf_counter() - start
        per = 1000 * seconds / analysis.readability.words * 1000
        print(
            f"{analysis.readability.words:>6} words: generation {seconds:.2f} s, {per:.1f} ms per 1,000 words"
        )


if __name__ == "__main__":
    import sys

    long_articles() if "--long" in sys.argv else main()
