"""``quizapp serve`` as a real child process: start it, wait until it answers, stop it, or kill it.

Shared by the serving and fault tests and by ``benchmarks/classroom_load.py``.
The server runs in a process group of its own, so a kill reaches the gunicorn
master and every worker at once (as a power cut or ``kill -9`` of the service
would), and never the test run itself.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

QUIZAPP = Path(sys.executable).with_name("quizapp")
PING = "/_bench/ping"  # quizapp.serving.BENCH_PATH, served when QUIZAPP_BENCH_ENDPOINT=1
LISTENING = re.compile(r"Listening at: http://([\d.]+):(\d+) ")


def http_get(url: str, **options) -> httpx.Response:
    """``httpx.get`` without TLS set-up: loading CA certificates costs up to a third of a second of CPU
    per call on a busy machine, and every server here is plain HTTP."""
    return httpx.get(url, verify=False, **options)


class ServeProcess:
    """One ``quizapp serve`` run; ``start`` it, then ``base_url`` is where it listens."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2, port: int = 0, extra: tuple = ()):
        self.env = {**os.environ, **env, "QUIZAPP_BENCH_ENDPOINT": "1", "PYTHONUNBUFFERED": "1"}
        self.log = log
        self.workers = workers
        self.port = port  # 0: let the system choose, then read it from gunicorn's log
        self.extra = tuple(extra)
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ServeProcess:
        """Start the server and return once a worker has answered the ping (or fail with its log)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            offset = log.tell()
            self.process = subprocess.Popen(
                [
                    str(QUIZAPP),
                    "serve",
                    "--workers",
                    str(self.workers),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    *self.extra,
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"quizapp serve exited with {self.process.returncode}:\n{self.output()}")
            if self.port == 0:
                self.port = self._port_from_log(offset)
            if self.port and self._answers():
                return self
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"quizapp serve did not answer within {timeout} s:\n{self.output()}")

    def _port_from_log(self, offset: int) -> int:
        """The port gunicorn says it listens on (0 until it has said so)."""
        found = LISTENING.search(self.log.read_bytes()[offset:].decode(errors="replace"))
        return int(found.group(2)) if found else 0

    def _answers(self) -> bool:
        """Whether a worker answers the ping."""
        try:
            return http_get(self.base_url + PING, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def worker_pids(self) -> set[int]:
        """The pids of the master's web workers, from ``ps``: its children but the background worker."""
        return {pid for pid, args in self.children() if " worker" not in args}

    def background_worker_pids(self) -> set[int]:
        """The pid of the ``quizapp worker`` process serve started beside gunicorn (none with --no-worker)."""
        return {pid for pid, args in self.children() if " worker" in args}

    def children(self) -> list[tuple[int, str]]:
        """(pid, command line) of each of the master's child processes."""
        out = subprocess.run(
            ["ps", "-o", "pid=,args=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [
            (int(pid), args) for pid, _, args in (line.strip().partition(" ") for line in out.splitlines())
        ]

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM to the master, as systemd or Ctrl-C would; its exit status once it has stopped."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no graceful anything."""
        if self.process is None or (self.process.poll() is not None and not self._group_alive()):
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self._group_alive() and time.monotonic() < deadline:  # workers reaped by init
            time.sleep(0.05)

    def _group_alive(self) -> bool:
        """Whether any process of the server's group is still running."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def output(self) -> str:
        """Everything the server has logged so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def __enter__(self) -> ServeProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        """Never leave a server behind: stop it gracefully if still running, else make sure it is gone."""
        if self.process is not None and self.process.poll() is None:
            try:
                self.stop(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        self.kill()
