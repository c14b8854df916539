"""Slow clients (issue 14, item 5): connections that send their request a byte at a time must not keep
everyone else waiting. 4 of them made /healthz wait 31.6 s on a server with 3 sync workers.

``quizapp serve`` binds to 127.0.0.1 by default and docs/deploy.md puts nginx in front, which reads each
request whole before handing it over. Without it, each worker has 4 threads (``--threads``) and accepts a
connection only while one is free, so slow clients stall the server only once they hold every thread of
every worker. Here: 7 slow connections on 2 workers of 4 threads, one fewer than that, and /healthz must
still answer. Loopback only, 7 sockets, every wait bounded (benchmarks/slow_clients.py has the timings).
"""

import socket

import pytest

from faults.serve_process import ServeProcess, http_get

pytestmark = pytest.mark.db

WORKERS, THREADS = 2, 4  # THREADS: serve's default
SLOW_CLIENTS = WORKERS * THREADS - 1
ANSWER_WITHIN = (
    10  # seconds: far above a healthy answer (milliseconds), far below the 30 s a held worker waits
)


def slow_client(port: int) -> socket.socket:
    """A connection that has sent the start of a request and then goes quiet, as on a very weak link."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return sock


def test_a_few_slow_clients_do_not_hold_the_health_check(database_url, tmp_path):
    env = {"DATABASE_URL": database_url, "QUIZAPP_SECRET_KEY": "slow-clients-test-key"}
    with ServeProcess(env, tmp_path / "serve.log", workers=WORKERS) as server:
        held = [slow_client(server.port) for _ in range(SLOW_CLIENTS)]
        try:
            for _ in range(3):  # and again: it was not one lucky free thread
                health = http_get(server.base_url + "/healthz", timeout=ANSWER_WITHIN)
                assert health.status_code == 200 and health.json()["database"] == "ok"
        finally:
            for sock in held:
                sock.close()
