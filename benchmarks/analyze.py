"""How fast the reading analysis is, next to spaCy's own speed on the same texts.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/analyze.py``). Reports
model load time, the seed's warm analysis time, throughput in words per
second over the OneStopEnglish texts for the full analysis and for bare
``nlp.pipe`` (the ceiling: the parse alone), and the process's peak memory.
Targets (issue 2): full analysis >= half of spaCy's throughput; seed < 0.3 s
warm; one process < 500 MB. Results and the command: docs/performance.md.

The OneStopEnglish texts are from Vajjala & Lučić (2018), CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "onestopenglish"  # OneStopEnglish, CC BY-SA 4.0 (its LICENSE.md)
SEED = ROOT / "seeds" / "reuters-syria-new-phase.txt"


def timed(fn, *args):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs of the seed (median reported)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args()

    from quizapp.text import pipeline
    from quizapp.text.reading import cleaning, nlp

    load_s, model = timed(nlp.load)
    seed = SEED.read_text(encoding="utf-8")
    pipeline.analyse(seed, model)  # warm up: lazy tables, CMU dictionary, gazetteer
    seed_runs = [timed(pipeline.analyse, seed, model)[0] for _ in range(args.repeat)]

    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(CORPUS.glob("*.txt")) if p.stem != "README"]
    paragraphs = [list(cleaning.clean(t).paragraphs) for t in texts]
    words = sum(len(p.split()) for ps in paragraphs for p in ps)
    # Each parse and analysis is dropped as soon as it is made, as a server does: keeping all 246
    # parses at once measured the benchmark's list (733 MB), not an analysing process.
    bare_s, _ = timed(lambda: [sum(1 for _ in model.pipe(ps)) for ps in paragraphs])
    full_s, _ = timed(lambda: [len(pipeline.analyse(t, model).questions) for t in texts])

    results = {
        "model_load_s": round(load_s, 3),
        "seed_warm_median_s": round(statistics.median(seed_runs), 4),
        "corpus_texts": len(texts),
        "corpus_words": words,
        "spacy_pipe_words_per_s": round(words / bare_s),
        "full_analysis_words_per_s": round(words / full_s),
        "ratio_full_to_spacy": round(bare_s / full_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(results))
    else:
        for key, value in results.items():
            print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
