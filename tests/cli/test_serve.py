"""``quizapp serve``: gunicorn with several workers serving real pages from the database, stopped cleanly.

The server runs as a real child process (tests/faults/serve_process.py) on a
port the system chooses, on this test's own database with the seed article
stored in it.
"""

import os
import socket
import subprocess

import httpx
import pytest
from faults.serve_process import PING, ServeProcess, http_get
from html_tree import Page

from quizapp import create_app, serving
from quizapp.cli import main

pytestmark = pytest.mark.db


@pytest.fixture
def server(database_url, seed_article, tmp_path):
    """``quizapp serve`` with 2 single-threaded workers, in production mode, on this test's database (seed stored)."""
    env = {"DATABASE_URL": database_url, "QUIZAPP_ENV": "production", "QUIZAPP_SECRET_KEY": "serve-test-key"}
    # One thread each (gunicorn's sync worker), so a held request occupies its whole worker.
    with ServeProcess(env, tmp_path / "serve.log", workers=2, extra=("--threads", "1")) as process:
        yield process


def pids_of_both_workers(base_url: str) -> set[int]:
    """The pids of the workers that answer two pings, one held open while the other is asked.

    gunicorn's sync worker serves one connection at a time. A ping whose headers
    are not finished keeps the worker that accepted it waiting, so the second
    ping can only be answered by the other worker; then the first is finished.
    Asking many pings and hoping both workers answer failed on a busy machine.
    """
    url = httpx.URL(base_url)
    with socket.create_connection((url.host, url.port), timeout=10) as held:
        held.sendall(f"GET {PING} HTTP/1.1\r\nHost: {url.host}\r\n".encode())
        other = int(http_get(base_url + PING, timeout=10).text)
        held.sendall(b"Connection: close\r\n\r\n")
        reply = b""
        while chunk := held.recv(4096):
            reply += chunk
    first = int(reply.partition(b"\r\n\r\n")[2])
    return {first, other}


def test_two_workers_serve_the_database_then_sigterm_stops_them_with_exit_status_0(server, seed_article):
    listing = Page(http_get(server.base_url + "/", timeout=10).text).root
    links = {
        a.attrs["href"]: a.clean_text()
        for a in listing.find_all("a")
        if "/articles/" in a.attrs.get("href", "")
    }
    assert links == {"/articles/reuters-syria-new-phase": "Syria’s war has entered a new phase"}
    article = Page(http_get(server.base_url + "/articles/reuters-syria-new-phase", timeout=10).text).root
    assert article.by_id("article-title").clean_text() == "Syria’s war has entered a new phase"
    workers = server.worker_pids()
    assert len(workers) == 2
    assert (
        pids_of_both_workers(server.base_url) == workers
    )  # both answered, and they are the master's children

    assert server.stop() == 0
    assert server.worker_pids() == set()
    for pid in workers:
        assert subprocess.run(["ps", "-p", str(pid)], capture_output=True).returncode == 1  # gone
    assert "Shutting down: Master" in server.output()


def test_production_without_a_secret_key_refuses_to_start(runner, monkeypatch):
    started = []
    monkeypatch.setattr(serving, "serve", started.append)
    result = runner.invoke(main, ["serve"], env={"QUIZAPP_ENV": "production", "QUIZAPP_SECRET_KEY": None})
    assert result.exit_code == 1
    assert "QUIZAPP_SECRET_KEY is not set" in result.output
    assert started == []


def test_options_reach_gunicorn(runner, monkeypatch):
    started = []
    monkeypatch.setattr(serving, "serve", started.append)
    result = runner.invoke(
        main,
        ["serve", "--workers", "3", "--bind", "0.0.0.0:9000", "--proxies", "1"],
        env={"QUIZAPP_ENV": None},
    )
    assert result.exit_code == 0, result.output
    (options,) = started
    settings = options.gunicorn_settings()
    assert (settings["workers"], settings["bind"], settings["preload_app"]) == (3, ["0.0.0.0:9000"], False)
    assert options.proxies == 1


def test_the_default_worker_count_follows_the_cores():
    assert serving.default_workers(2) == 5
    assert serving.default_workers(8) == 17


def test_behind_one_proxy_the_app_sees_https_and_marks_its_cookies_secure(app_config):
    app = serving.build_wsgi_app(lambda: create_app(app_config), proxies=1)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}
    secure = app.test_client().get("/join", headers=forwarded).headers["Set-Cookie"]
    plain = (
        serving.build_wsgi_app(lambda: create_app(app_config)).test_client().get("/join", headers=forwarded)
    )
    assert "; Secure" in secure  # QUIZAPP_SECURE_COOKIES=auto: Secure exactly over HTTPS
    assert "; Secure" not in plain.headers["Set-Cookie"]  # without --proxies the header is not trusted


def test_the_bench_endpoint_exists_only_when_asked_for(app_config, monkeypatch):
    monkeypatch.delenv(serving.BENCH_ENV, raising=False)
    assert serving.build_wsgi_app(lambda: create_app(app_config)).test_client().get(PING).status_code == 404
    monkeypatch.setenv(serving.BENCH_ENV, "1")
    answer = serving.build_wsgi_app(lambda: create_app(app_config)).test_client().get(PING)
    assert (answer.status_code, answer.text) == (200, str(os.getpid()))


def test_by_default_serve_listens_on_loopback_with_threads_and_warns_when_exposed(runner, monkeypatch):
    """Issue 14 (5): the README suggested binding every interface with no proxy; slow clients then met gunicorn."""
    started = []
    monkeypatch.setattr(serving, "serve", started.append)
    quiet = runner.invoke(main, ["serve"], env={"QUIZAPP_ENV": None})
    assert quiet.exit_code == 0, quiet.output
    settings = started[0].gunicorn_settings()
    assert (settings["bind"], settings["threads"]) == (["127.0.0.1:8000"], 4)
    assert (settings["worker_connections"], settings["keepalive"]) == (4, 0)  # accept only with a free thread
    assert "reachable from other machines" not in quiet.output
    exposed = runner.invoke(main, ["serve", "--bind", "0.0.0.0:8000"], env={"QUIZAPP_ENV": None})
    assert (
        "0.0.0.0:8000 is reachable from other machines with no proxy in front: put nginx in front"
        in exposed.output
    )
    behind = runner.invoke(
        main, ["serve", "--bind", "0.0.0.0:8000", "--proxies", "1"], env={"QUIZAPP_ENV": None}
    )
    assert "reachable from other machines" not in behind.output


def test_serve_starts_one_background_worker_and_stops_it_with_the_server(server):
    """Issue 14: the articles teachers add are analysed by a process of their own, never by a web worker."""
    (background,) = server.background_worker_pids()
    assert background not in server.worker_pids()
    assert server.stop() == 0
    assert subprocess.run(["ps", "-p", str(background)], capture_output=True).returncode == 1  # gone with it


def test_no_worker_leaves_the_analyses_to_a_worker_run_elsewhere(runner, monkeypatch):
    started = []
    monkeypatch.setattr(serving, "serve", started.append)
    assert runner.invoke(main, ["serve", "--no-worker"], env={"QUIZAPP_ENV": None}).exit_code == 0
    assert runner.invoke(main, ["serve"], env={"QUIZAPP_ENV": None}).exit_code == 0
    without, with_worker = (options.gunicorn_settings() for options in started)
    assert "when_ready" not in without and with_worker["when_ready"] is serving.start_background_worker
