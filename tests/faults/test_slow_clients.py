"""Slow clients (issue 14, item 5): a few connections that send their request a byte at a time must not
keep everyone else waiting. 4 of them made /healthz wait 31.6 s on a server with sync workers.

``quizapp serve`` binds to 127.0.0.1 by default and docs/deploy.md puts nginx in front, which reads each
request whole before handing it over; without it, each worker's threads (``--threads``, 4 by default) are
what a slow client can hold. Three slow connections on a two-worker server must leave /healthz answering
at once. Loopback only, three sockets, every wait bounded.
"""

import socket

import pytest

from faults.serve_process import ServeProcess, http_get

pytestmark = pytest.mark.db

SLOW_CLIENTS = 3  # fewer than one worker's threads: wherever they land, a thread is free for /healthz
ANSWER_WITHIN = 10  # seconds: far above a healthy answer (milliseconds), far below the 30 s a held worker waits


def slow_client(port: int) -> socket.socket:
    """A connection that has sent the start of a request and then goes quiet, as on a very weak link."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return sock


def test_a_few_slow_clients_do_not_hold_the_health_check(database_url, tmp_path):
    env = {"DATABASE_URL": database_url, "QUIZAPP_SECRET_KEY": "slow-clients-test-key"}
    with ServeProcess(env, tmp_path / "serve.log", workers=2) as server:
        held = [slow_client(server.port) for _ in range(SLOW_CLIENTS)]
        try:
            for _ in range(3):  # and again: it was not one lucky free worker
                health = http_get(server.base_url + "/healthz", timeout=ANSWER_WITHIN)
                assert health.status_code == 200 and health.json()["database"] == "ok"
        finally:
            for sock in held:
                sock.close()
