"""What an autosave costs beyond the bare endpoint, in CPU time, in one process: the figure a busy machine keeps.

    PYTHONPATH=. .venv/bin/python benchmarks/autosave_profile.py              # CPU ms per request
    PYTHONPATH=. .venv/bin/python benchmarks/autosave_profile.py --profile 25 # and cProfile's top 25
    PYTHONPATH=. scripts/with-postgres.sh .venv/bin/python benchmarks/autosave_profile.py   # on PostgreSQL
    ... benchmarks/autosave_profile.py --trace    # and the statements of one autosave, in order

The load benchmark (``classroom_load.py``) times requests by the wall
clock, which on shared cores measures the other work as much as ours. This
one builds the app a ``quizapp serve`` worker builds (production settings,
in-memory rate limits, the bench ping), on a fresh SQLite file prepared
as the load benchmark prepares it, lets 40 pupils join through the test
client, then times ``time.process_time`` over the pings and over 400
autosaves (``HX-Request``, CSRF token, each a new answer, as in the load
benchmark) and prints milliseconds of CPU per request. Both go through the
same test client, so its own cost is in both and cancels in the difference.

With ``$DATABASE_URL`` set (``scripts/with-postgres.sh`` sets it) it runs on
that database instead. Before the timed passes, one untimed pass counts
what an autosave sends to the database (``db_tally``): statements by kind,
the driver's own commands (``BEGIN``, ``COMMIT``) and the pool's pre-ping,
and on PostgreSQL the round trips. On with-postgres.sh's PostgreSQL the
timed passes also read the server's CPU (its processes share the cores),
reported per autosave beside the app's.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # time this checkout's quizapp, not the one the venv was installed from
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

import db_tally  # noqa: E402
import load_database  # noqa: E402
import load_pupils  # noqa: E402

PUPILS = 40
ROUNDS = 10  # answers per pupil: 400 autosaves, every one a new row


def parse_args(argv=None):
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", type=int, default=0, help="also print cProfile's top N (cumulative)")
    parser.add_argument("--dump", type=Path, help="also write the profile to this file (pstats)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    parser.add_argument("--pupils", type=int, default=PUPILS, help="pupils per pass (each saves 10 answers)")
    parser.add_argument("--trace", action="store_true", help="also print the statements of one autosave")
    return parser.parse_args(argv)


def worker_app(url: str):
    """The app a ``quizapp serve`` worker builds, with the load benchmark's environment."""
    os.environ.update(
        {
            "DATABASE_URL": url,
            "QUIZAPP_ENV": "production",
            "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
            "QUIZAPP_RATELIMIT_STORAGE": "memory://",
            "QUIZAPP_BENCH_ENDPOINT": "1",
        }
    )
    from quizapp import serving

    return serving.build_wsgi_app()


def database_url(folder: Path) -> str:
    """``$DATABASE_URL`` (scripts/with-postgres.sh sets it), else a new SQLite file in ``folder``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'profile.sqlite3'}"


def joined_pupils(app, session, count: int) -> list[tuple[object, str, list]]:
    """``count`` pupils joined to ``session``: (their test client, the class page's CSRF token, their answers)."""
    rng = random.Random(6)
    pupils = []
    for n in range(count):
        client = app.test_client()
        # an address each, or the join limit per address would stop the set-up (autosaves count per pupil)
        client.environ_base["REMOTE_ADDR"] = f"10.{session_number(session)}.{n // 250}.{n % 250 + 1}"
        form = client.get(f"/join/{session.code}")
        token = load_pupils.csrf_token(form.get_data(as_text=True))
        joined = client.post("/join", data={"csrf_token": token, "code": session.code, "name": f"Pupil {n}"})
        page = client.get(f"/class/{session.code}")
        if page.status_code != 200:
            raise SystemExit(
                f"pupil {n} could not join: {joined.status_code}, {joined.get_data(as_text=True)[:2000]}"
            )
        answers = load_pupils.responses_for(session.questions, rng, ROUNDS)
        pupils.append((client, load_pupils.csrf_token(page.get_data(as_text=True)), answers))
    return pupils


def session_number(session) -> int:
    """A number per session for the pupils' made-up addresses."""
    return sum(map(ord, session.code)) % 250


def autosaves(pupils, code: str) -> int:
    """Every pupil's answers, round by round; how many were saved (each must be)."""
    saved = 0
    for round_ in range(ROUNDS):
        for client, token, answers in pupils:
            number, response = answers[round_]
            reply = client.post(
                f"/class/{code}/answers/{number}",
                data={"csrf_token": token, "response": response},
                headers={"HX-Request": "true"},
            )
            saved += reply.status_code == 200
    return saved


def pings(app, count: int) -> None:
    """``count`` bare requests from a client without cookies, as the load benchmark's ping clients are."""
    client = app.test_client()
    for _ in range(count):
        client.get("/_bench/ping")


def cpu_ms(work, *args) -> tuple[float, object]:
    """CPU milliseconds ``work(*args)`` took, and what it returned."""
    start = time.process_time()
    result = work(*args)
    return (time.process_time() - start) * 1000, result


def counted(app, session, pupils: int, trace: bool) -> dict:
    """One untimed pass with the database tally on: statements (by kind) and round trips per autosave."""
    from quizapp.extensions import db

    with app.app_context():
        tally = db_tally.Tally(db.engine)
    joined = joined_pupils(app, session, pupils)
    tally.install()
    try:
        tally.on = True
        saved = autosaves(joined, session.code)
        tally.on = False
        total = len(joined) * ROUNDS
        if saved != total:
            raise SystemExit(f"only {saved} of {total} autosaves were saved (counting pass)")
        counts = {
            "statements": tally.total() / total,
            "round_trips": tally.round_trips / total if tally.postgres else None,
            "by_kind": {name: n / total for name, n in tally.statements.most_common()},
        }
        if trace:  # one more, a new answer of a pupil who has answered before, alone
            tally.reset()
            client, token, _ = joined[0]
            tally.on = True
            number, response = load_pupils.responses_for(session.questions, random.Random(9), ROUNDS + 1)[
                ROUNDS
            ]
            client.post(
                f"/class/{session.code}/answers/{number}",
                data={"csrf_token": token, "response": response},
                headers={"HX-Request": "true"},
            )
            tally.on = False
            counts["trace"] = list(tally.trace)
            counts["trace_round_trips"] = tally.round_trips if tally.postgres else None
    finally:
        tally.remove()
    return counts


def main(argv=None) -> int:
    """Prepare, join, count, time pings and autosaves (best of ``--repeat`` fresh sessions), optionally profile."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="autosave-profile-") as tmp:
        url = database_url(Path(tmp))
        load_database.prepare(url)
        setup = load_database.app_for(url)
        sessions = load_database.start_sessions(
            setup, args.repeat + 3, f"profile-{int(time.time())}@school.example"
        )
        app = worker_app(url)
        server = db_tally.ServerCpu(url)
        warm = joined_pupils(app, sessions[0], 4)
        autosaves(warm, sessions[0].code)
        counts = counted(app, sessions[1], args.pupils, args.trace)
        best_ping, best_save, best_server = float("inf"), float("inf"), float("inf")
        total = args.pupils * ROUNDS
        for session in sessions[2 : 2 + args.repeat]:
            pupils = joined_pupils(app, session, args.pupils)
            best_ping = min(best_ping, cpu_ms(pings, app, total)[0] / total)
            before = server.seconds()
            spent, saved = cpu_ms(autosaves, pupils, session.code)
            after = server.seconds()
            if saved != total:
                raise SystemExit(f"only {saved} of {total} autosaves were saved")
            best_save = min(best_save, spent / total)
            if before is not None and after is not None:
                best_server = min(best_server, (after - before) * 1000 / total)
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{database}; per autosave (counted over {total}, untimed):")
        trips = "" if counts["round_trips"] is None else f", {counts['round_trips']:.2f} round trips"
        print(f"  {counts['statements']:.2f} statements{trips}")
        for name, n in counts["by_kind"].items():
            print(f"    {n:5.2f}  {name}")
        if args.trace:
            extra = (
                "" if counts["trace_round_trips"] is None else f" ({counts['trace_round_trips']} round trips)"
            )
            print(f"  one autosave, in order{extra}: " + "; ".join(counts["trace"]))
        print(f"CPU per request, best of {args.repeat} passes of {total}:")
        print(f"  ping     {best_ping:.2f} ms")
        print(
            f"  autosave {best_save:.2f} ms  ({best_save / best_ping:.2f} pings; beyond the ping {best_save - best_ping:.2f} ms)"
        )
        if best_server != float("inf"):
            print(
                f"  database server, per autosave: {best_server:.2f} ms"
                f"  (app and server together {best_save + best_server:.2f} ms)"
            )
        if args.profile or args.dump:
            pupils = joined_pupils(app, sessions[-1], args.pupils)
            profiler = cProfile.Profile(time.process_time)  # CPU, not waiting for the database
            profiler.runcall(autosaves, pupils, sessions[-1].code)
            if args.dump:
                profiler.dump_stats(args.dump)
            if args.profile:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
