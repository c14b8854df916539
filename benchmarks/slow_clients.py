"""Slow clients against ``quizapp serve``: how long /healthz waits while N connections dribble their request.

    .venv/bin/python benchmarks/slow_clients.py               # 3 workers, 4 slow clients, threads 1 and 4
    .venv/bin/python benchmarks/slow_clients.py --slow 16     # more slow clients than threads

Issue 14 found 4 slow connections made /healthz wait 31.6 s on 3 sync
workers. Each run starts ``quizapp serve`` on 127.0.0.1 (SQLite in a temp
folder), opens ``--slow`` connections that send the start of a request and
then one header byte a second, and times 5 /healthz requests one after the
other, each cut off after ``--cutoff`` seconds (reported as ">cutoff").
Loopback only; every connection closes at the end. docs/performance.md has
the figures.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the shared ServeProcess helper (tests/faults/serve_process.py)

from faults.serve_process import ServeProcess, http_get  # noqa: E402

PROBES = 5


def parse_args(argv=None):
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--slow", type=int, default=4, help="slow connections held open")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 4], help="--threads values to compare")
    parser.add_argument("--cutoff", type=float, default=40.0, help="seconds before a probe counts as stuck")
    return parser.parse_args(argv)


def dribble(port: int, stop: threading.Event) -> None:
    """One slow client: the request line, then a header byte a second until ``stop``."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        while not stop.wait(1.0):
            try:
                sock.sendall(b"a")
            except OSError:
                return


def probe_times(base_url: str, cutoff: float) -> list[float | None]:
    """Seconds each of ``PROBES`` /healthz requests took (None: cut off)."""
    times: list[float | None] = []
    for _ in range(PROBES):
        start = time.perf_counter()
        try:
            ok = http_get(base_url + "/healthz", timeout=cutoff).status_code == 200
            times.append(time.perf_counter() - start if ok else None)
        except httpx.HTTPError:
            times.append(None)
    return times


def run(workers: int, threads: int, slow: int, cutoff: float, folder: Path) -> list[float | None]:
    """Start a server with these settings, hold ``slow`` connections open, and time the probes."""
    env = {
        "DATABASE_URL": f"sqlite:///{folder / f'slow-{threads}.sqlite3'}",
        "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
    }
    with ServeProcess(
        env,
        folder / f"serve-{threads}.log",
        workers=workers,
        extra=("--threads", str(threads), "--timeout", "60"),
    ) as server:
        stop = threading.Event()
        clients = [
            threading.Thread(target=dribble, args=(server.port, stop), daemon=True) for _ in range(slow)
        ]
        for client in clients:
            client.start()
        time.sleep(1.0)  # let every slow client reach a worker
        try:
            return probe_times(server.base_url, cutoff)
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=5)


def shown(seconds: float | None, cutoff: float) -> str:
    return f">{cutoff:g} s" if seconds is None else f"{seconds * 1000:.0f} ms"


def main(argv=None) -> None:
    args = parse_args(argv)
    print(f"{args.workers} workers, {args.slow} slow clients, /healthz x {PROBES}")
    with tempfile.TemporaryDirectory(prefix="slow-clients-") as tmp:
        for threads in args.threads:
            times = run(args.workers, threads, args.slow, args.cutoff, Path(tmp))
            print(f"--threads {threads}: " + ", ".join(shown(t, args.cutoff) for t in times))


if __name__ == "__main__":
    main()
