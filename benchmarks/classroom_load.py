"""Classroom load: a class of 30 pupils, then a school of 300, against ``quizapp serve`` with several workers.

    .venv/bin/python benchmarks/classroom_load.py                          # SQLite in a temp folder
    scripts/with-postgres.sh .venv/bin/python benchmarks/classroom_load.py  # PostgreSQL ($DATABASE_URL)
    make bench-load                                                         # both

What happens (docs/performance.md has the figures):

1. A fresh database: ``quizapp prepare`` (migrations, the seed article and
   pack), a teacher, and sessions of the seed pack started through the
   services: 1 for the class, 10 for the school (30 pupils each), 1 to warm up.
2. ``quizapp serve --workers N`` in production mode, with the bench-only
   ``GET /_bench/ping`` (``QUIZAPP_BENCH_ENDPOINT=1``): the cheapest Flask
   view on the same server, the baseline.
3. Per scenario, in one run: as many clients as there are pupils ask for
   the ping 10 times each, back to back (pings/s); then the pupils join
   (form, CSRF token, name, class page) at random moments within a few
   seconds and, once all have joined, all answer their 10 questions as fast
   as the server replies (answers/s). The ratio of the two is reported.
4. The database is then checked against what the server said: every answer
   that got a 2xx is stored with the response sent, once.

Rate limits stay on, as configured by default: every pupil comes from
127.0.0.1, as a class behind one address does. Joins are limited per
address (``JOIN_LIMIT_PER_ADDRESS``, 120 per minute) and answers per pupil.
The counts are kept with ``QUIZAPP_RATELIMIT_STORAGE=memory://`` (set
below, whatever the environment says), in each worker: with N workers a
minute may see up to N × 120 joins from one address, which the 338 joins
of a run (8 + 30 + 300) stay under from 3 workers up. Any 429 would show in
the table as an error. The client runs on the same machine as the server
and takes CPU from it: on 2 shared cores the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # time this checkout's quizapp, not the one the venv was installed from
sys.path.insert(0, str(ROOT / "tests"))  # the shared ServeProcess helper (tests/faults/serve_process.py)
sys.path.insert(0, str(ROOT / "benchmarks"))
# ... and so do `quizapp prepare` and `quizapp serve`, started from the venv's script: run from a git
# worktree, the venv's editable install would otherwise serve another checkout's code.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

import load_database  # noqa: E402
import load_pupils  # noqa: E402
from faults.serve_process import ServeProcess  # noqa: E402

from quizapp import serving  # noqa: E402

SCENARIOS = {  # name -> (sessions, pupils per session, seconds over which they join)
    "class": (1, 30, 3.0),
    "school": (10, 30, 5.0),
}
ANSWERS = 10
# Environment for the server's rate limits (see the docstring).
LIMITS = {"QUIZAPP_RATELIMIT_STORAGE": "memory://"}


def parse_args(argv=None):
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--workers",
        type=int,
        default=serving.default_workers(),
        help="gunicorn workers (default: 2 x cores + 1, as quizapp serve)",
    )
    parser.add_argument("--scenario", choices=[*SCENARIOS, "both"], default="both")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    return parser.parse_args(argv)


def database_url(folder: Path) -> str:
    """``$DATABASE_URL`` (scripts/with-postgres.sh sets it), else a new SQLite file in ``folder``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'classroom-load.sqlite3'}"


def pupils_for(sessions, per_session: int, prefix: str) -> list[load_pupils.Pupil]:
    """``per_session`` pupils in each session, with distinct names and their responses."""
    import random

    rng = random.Random(6)
    return [
        load_pupils.Pupil(
            session.code,
            f"{prefix} {s + 1}-{p + 1:02d}",
            load_pupils.responses_for(session.questions, rng, ANSWERS),
        )
        for s, session in enumerate(sessions)
        for p in range(per_session)
    ]


def worker_memory(server: ServeProcess) -> list[int]:
    """Resident memory of each worker, in MB."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(server.process.pid)], capture_output=True, text=True, check=False
    ).stdout
    return sorted(int(kb) // 1024 for kb in out.split())


def run_scenario(name: str, base_url: str, app, sessions) -> dict:
    """One scenario: the ping baseline, then the lesson, then the database check."""
    count, per_session, window = SCENARIOS[name]
    pupils = pupils_for(sessions, per_session, name.capitalize())
    stats = load_pupils.Stats()
    load_before = os.getloadavg()[0]
    pings = asyncio.run(load_pupils.ping_burst(base_url, len(pupils), ANSWERS, stats))
    lesson = asyncio.run(load_pupils.lesson(base_url, pupils, window, stats))
    endpoints = [
        stats.summary(label)
        for label in (
            load_pupils.PING,
            load_pupils.JOIN_FORM,
            load_pupils.JOIN,
            load_pupils.CLASS_PAGE,
            load_pupils.ANSWER,
        )
    ]
    return {
        "scenario": name,
        "sessions": count,
        "pupils": len(pupils),
        "joined": sum(p.joined for p in pupils),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        **pings,
        **lesson,
        "ratio": lesson["answers_per_second"] / pings["pings_per_second"],
        "endpoints": endpoints,
        "check": load_database.check(app, pupils),
    }


def warm_up(base_url: str, session) -> None:
    """A few pupils through every page once, so each worker has compiled its templates before timing."""
    pupils = pupils_for([session], 8, "Warm-up")
    asyncio.run(load_pupils.lesson(base_url, pupils, 0.5, load_pupils.Stats()))


def report(run: dict) -> str:
    """The results as Markdown tables."""
    lines = [
        f"### {run['database']}, {run['workers']} workers, {run['cpus']} cores "
        f"(worker memory {run['worker_mb']} MB)",
        "",
    ]
    for result in run["results"]:
        check = result["check"]
        lines += [
            f"**{result['scenario']}**: {result['pupils']} pupils in {result['sessions']} session(s), "
            f"{result['joined']} joined; load average {result['load_average'][0]} before, "
            f"{result['load_average'][1]} after.",
            "",
            "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in result["endpoints"]:
            kinds = (
                f" ({', '.join(f'{k}: {v}' for k, v in row['error_kinds'].items())})" if row["errors"] else ""
            )
            lines.append(
                f"| `{row['endpoint']}` | {row['requests']} | {row['errors']}{kinds} | "
                f"{row.get('p50', 0):.0f} | {row.get('p95', 0):.0f} | {row.get('p99', 0):.0f} | "
                f"{row.get('max', 0):.0f} |"
            )
        lines += [
            "",
            f"Answers: {result['answers_per_second']:.0f}/s; bare endpoint: "
            f"{result['pings_per_second']:.0f}/s; ratio {result['ratio']:.2f}. "
            f"Database: {check['accepted']} accepted, {check['stored']} stored, {check['lost']} lost, "
            f"{check['twice']} twice, {check['unconfirmed']} stored without a success response.",
            "",
        ]
    return "\n".join(lines)


def main(argv=None) -> int:
    """Set up, serve, run the scenarios, print the report; exit 1 if any answer was lost or stored twice."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so the server is stopped too
    names = list(SCENARIOS) if args.scenario == "both" else [args.scenario]
    with tempfile.TemporaryDirectory(prefix="classroom-load-") as tmp:
        folder = Path(tmp)
        url = database_url(folder)
        load_database.prepare(url)
        app = load_database.app_for(url)
        sessions = load_database.start_sessions(
            app, 1 + sum(SCENARIOS[n][0] for n in names), f"load-{int(time.time())}@school.example"
        )
        env = {
            "DATABASE_URL": url,
            "QUIZAPP_ENV": "production",
            "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
            **LIMITS,
        }
        # --threads 1: the sync workers the figures in docs/performance.md were measured with (serve's default
        # became 4 threads in issue 14); re-measure with the default before changing this.
        with ServeProcess(
            env, folder / "serve.log", workers=args.workers, extra=("--threads", "1")
        ) as server:
            warm_up(server.base_url, sessions[0])
            results, start = [], 1
            for name in names:
                count = SCENARIOS[name][0]
                results.append(run_scenario(name, server.base_url, app, sessions[start : start + count]))
                start += count
            memory = worker_memory(server)
    run = {
        "database": "PostgreSQL" if url.startswith("postgresql") else "SQLite",
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "worker_mb": memory,
        "results": results,
    }
    print(report(run))
    if args.json:
        args.json.write_text(json.dumps(run, indent=2, default=str), encoding="utf-8")
    bad = any(r["check"]["lost"] or r["check"]["twice"] for r in results)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
