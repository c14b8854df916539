"""How many answers a second the grader marks, on one core.

Run: ``.venv/bin/python benchmarks/grading.py`` (``--n 20000`` answers by
default). The answers are drawn at random (fixed seed) from the hand-checked
grading table in tests/text/test_grading.py: right, partial and wrong
answers as students write them, typos included. Answers over 1,000
characters (the table's pasted-essay cases) are left out of the mix: real
answers are a line or two, and the cap in ``answers.MAX_CHARS`` bounds those
anyway.

Reports the first grade in a fresh process (gazetteer keys and the
question's key are built then), ``grade()`` warm, and ``quizapp grade`` end
to end (JSON parsing, ``Question.from_dict`` and output included) with the
process start-up subtracted. Target (issue): ``quizapp grade`` >= 5,000
answers/s. Results and the command: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIZAPP = Path(sys.executable).parent / "quizapp"


def mix(n: int, seed: int = 7) -> list[tuple]:
    """``n`` (question, answer) pairs drawn from the grading table."""
    sys.path[:0] = [str(ROOT / "tests" / "text"), str(ROOT / "tests")]  # test_grading imports tests/corpus.py
    from test_grading import TABLE

    pool = [(q, r) for q, r, _ in TABLE if len(repr(r)) <= 1000]
    rng = random.Random(seed)
    return [rng.choice(pool) for _ in range(n)]


def time_grade(pairs) -> float:
    """Seconds to grade every pair in this process."""
    from quizapp.text.grading.grader import grade

    start = time.perf_counter()
    for question, answer in pairs:
        grade(question, answer)
    return time.perf_counter() - start


def time_cli(lines: list[str]) -> float:
    """Seconds for ``quizapp grade`` to read ``lines`` and write every grade.

    Input and output are files, not pipes to this process: pinned to the
    same core, a pipe reader would be woken for every line the grader
    flushes, and we would time the ping-pong rather than the grader.
    """
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        stdin.write(("\n".join(lines) + "\n").encode())
        stdin.seek(0)
        start = time.perf_counter()
        subprocess.run([str(QUIZAPP), "grade"], stdin=stdin, stdout=stdout, check=True)
        elapsed = time.perf_counter() - start
        stdout.seek(0)
        assert stdout.read().count(b"\n") == len(lines)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="answers to grade")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, inherited by the CLI run

    pairs = mix(args.n)
    cold = time_grade(pairs[:1])
    warm = time_grade(pairs)
    lines = [json.dumps({"question": q.to_dict(), "answer": a}) for q, a in pairs]
    startup = min(time_cli(lines[:1]) for _ in range(3))
    cli = time_cli(lines)

    results = {
        "answers": args.n,
        "first_grade_in_process_s": round(cold, 3),
        "grade_answers_per_s": round(args.n / warm),
        "cli_startup_s": round(startup, 3),
        "cli_total_s": round(cli, 3),
        "cli_answers_per_s": round((args.n - 1) / (cli - startup)),
        "cli_answers_per_s_with_startup": round(args.n / cli),
    }
    if args.json:
        print(json.dumps(results))
        return
    for name, value in results.items():
        print(f"{name:32} {value}")


if __name__ == "__main__":
    main()
