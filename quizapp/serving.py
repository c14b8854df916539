"""The production server behind ``quizapp serve``: gunicorn, N worker processes, each with its own app.

Why each worker builds its own app (gunicorn's ``preload_app`` stays off):
an SQLAlchemy engine holds a pool of open database connections, and a
connection inherited across ``fork`` is shared by two processes that each
think they own it (PostgreSQL sees interleaved protocol messages; SQLite
file locks belong to the process that took them). So the master never
calls ``create_app``; every worker calls it after fork and gets an engine
of its own. The price is start-up time per worker (about half a second),
paid once.

The spaCy model follows the same rule (``quizapp.text.reading.nlp`` loads it once
per process, on first use). By default it stays unloaded: pupils' pages and
grading never need it, only a teacher adding an article does, and a loaded
copy adds about 110 MB to a worker (about 85 MB without it; docs/deploy.md
has the figures). ``warm_model`` loads it in every worker right after fork
instead, for a server where teachers add articles all day and the first
one should not wait ~2 s.

One setting exists only for tests and benchmarks, read from the
environment when a worker builds its app: ``QUIZAPP_BENCH_ENDPOINT=1`` adds
``GET /_bench/ping`` (the cheapest possible Flask view, answering with the
worker's pid), the baseline the load benchmark compares answers against and
the way a test sees which worker served it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from gunicorn.app.base import BaseApplication

BENCH_ENV = "QUIZAPP_BENCH_ENDPOINT"
BENCH_PATH = "/_bench/ping"


def exposed_directly(bind: str, proxies: int) -> bool:
    """Whether ``bind`` listens beyond this machine with no proxy declared in front (``--proxies 0``)."""
    if proxies or bind.startswith(("unix:", "fd://")):
        return False
    host = bind.rsplit(":", 1)[0].strip("[]") if ":" in bind else bind
    return host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127.")


def default_workers(cpus: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × cores + 1: a worker waiting on the database leaves the core to another."""
    return 2 * (cpus or os.cpu_count() or 1) + 1


@dataclass(frozen=True)
class ServeOptions:
    """What ``quizapp serve`` passes to gunicorn."""

    bind: str = "127.0.0.1:8000"
    workers: int = 0  # 0: default_workers()
    # gunicorn's threaded worker: a client that sends its request slowly holds one thread, not a whole
    # worker (4 slow connections used to stall a 3-worker server for 30 s). nginx in front does better.
    threads: int = 4
    timeout: int = 30  # seconds a request may take before gunicorn restarts its worker
    warm_model: bool = False
    proxies: int = 0  # how many reverse proxies (nginx) in front set X-Forwarded-For/-Proto
    access_log: bool = False
    background_worker: bool = False  # start `quizapp worker` beside gunicorn (quizapp/tasks.py)

    def gunicorn_settings(self) -> dict:
        """The options as gunicorn's settings (``gunicorn --help`` names)."""
        settings = {
            "bind": [self.bind],
            "workers": self.workers or default_workers(),
            "threads": self.threads,
            "timeout": self.timeout,
            "preload_app": False,  # see the module docstring: no engine crosses a fork
            "proc_name": "quizapp",
            "post_worker_init": warm_model if self.warm_model else _nothing,
            # gunicorn 25.1+ opens a control socket at one fixed path in $HOME: a second
            # server on the machine (tests, two app servers) would fight over it.
            "control_socket_disable": True,
        }
        if self.threads > 1:
            # A threaded worker accepts a connection only while it has a thread for it. By default it
            # accepts up to 1,000 and queues them behind its threads, so one whose threads all wait on
            # slow clients kept taking requests it could not serve (a third of /healthz probes stuck,
            # benchmarks/slow_clients.py). Kept-alive idle connections would count too: no keep-alive
            # (nginx in front does its own).
            settings["worker_connections"] = self.threads
            settings["keepalive"] = 0
        if self.access_log:
            settings["accesslog"] = "-"
        if self.background_worker:
            # Hooks run in gunicorn's master only: its forked web workers never start or stop the child.
            settings["when_ready"] = start_background_worker
            settings["on_exit"] = stop_background_worker
        return settings


class QuizappServer(BaseApplication):
    """gunicorn's arbiter, configured from ``ServeOptions``, loading ``app_factory()`` in each worker."""

    def __init__(self, options: ServeOptions, app_factory=None):
        self.options = options
        self.app_factory = app_factory
        super().__init__(prog="quizapp serve")

    def load_config(self) -> None:
        """Settings from ``ServeOptions`` only: no gunicorn.conf.py, no GUNICORN_CMD_ARGS surprises."""
        for name, value in self.options.gunicorn_settings().items():
            if name in self.cfg.settings:  # control_socket_disable is unknown before gunicorn 25.1
                self.cfg.set(name, value)

    def load(self):
        """Called in each worker after fork: a new app, hence a new engine and pool."""
        return build_wsgi_app(self.app_factory, proxies=self.options.proxies)


def build_wsgi_app(app_factory=None, proxies: int = 0):
    """The app a worker serves: ``create_app()``, behind ProxyFix when proxies are in front, plus the bench route."""
    if app_factory is None:
        from quizapp import create_app as app_factory
    app = app_factory()
    if os.environ.get(BENCH_ENV) == "1":
        add_bench_endpoint(app)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Trust exactly `proxies` hops: the pupils' addresses (rate limits) and https (Secure cookies).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


def add_bench_endpoint(app) -> None:
    """``GET /_bench/ping``: the worker's pid as text; no database, no template, no model."""

    def ping():
        return str(os.getpid()), 200, {"Content-Type": "text/plain; charset=utf-8"}

    app.add_url_rule(BENCH_PATH, endpoint="bench_ping", view_func=ping)


def warm_model(worker) -> None:
    """gunicorn's ``post_worker_init`` hook: load spaCy in this worker now rather than on the first analysis."""
    from quizapp.text.reading import nlp

    nlp.load()
    worker.log.info("quizapp: spaCy model loaded in worker %s", worker.pid)


def start_background_worker(arbiter) -> None:
    """gunicorn's ``when_ready`` hook: start the one background worker process (``tasks.start_worker``)."""
    from flask import Flask

    from quizapp import config, tasks

    app = Flask("quizapp", instance_relative_config=True, instance_path=config.instance_path())
    config.configure_app(app, None)
    arbiter.quizapp_worker = tasks.start_worker(app.config)


def stop_background_worker(arbiter) -> None:
    """gunicorn's ``on_exit`` hook: stop it, letting the analysis under way finish (up to 10 s)."""
    from quizapp import tasks

    tasks.stop_worker(getattr(arbiter, "quizapp_worker", None))


def _nothing(worker) -> None:
    """gunicorn's default ``post_worker_init``: the model loads lazily."""


def serve(options: ServeOptions, app_factory=None) -> None:
    """Run gunicorn in this process until SIGTERM or SIGINT (then exits 0 after a graceful stop)."""
    QuizappServer(options, app_factory).run()
