"""The background worker: articles are analysed by a Huey consumer, never inside a web request.

Huey (huey.readthedocs.io) is a small, maintained task queue with the two
stores a school needs: ``TASK_QUEUE = "sqlite"`` (the default) keeps the
queue in ``instance/tasks.sqlite3``, nothing to install or run for ``make
run``; ``TASK_QUEUE = "redis://host:6379/1"`` shares one queue between
several app servers, so whichever consumer is free takes the next article.
``"immediate"`` runs each task at once in the caller (tests); ``"memory"``
keeps the queue in this process (tests that run a consumer thread).

Who runs the consumer, and why a child process: ``quizapp serve`` and
``quizapp run`` (``make run``) each start one ``quizapp worker`` process
beside the web server (``start_worker``) and stop it when they stop.
Analysing is CPU-bound Python holding the GIL for seconds: as a thread
inside a web process it would slow every page that process serves, and
under gunicorn each of the N workers would start its own consumer and load
its own copy of the spaCy model (about 110 MB each). One separate process
loads the model once, runs at a lower CPU priority than the web workers
(``nice``), so pupils' pages come first, and if an analysis ever took it
down (out of memory) no pupil's request goes with it. Inside it, Huey runs
the analysis in a worker process of its own and starts a new one if that
one dies. ``quizapp serve --no-worker`` leaves the consumer to a
``quizapp worker`` run elsewhere (its own systemd unit, another machine).

The queue carries only the job's id; the text and the outcome live in the
database (``services.article_jobs``), so the progress page reads them from
there whichever server answers.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from huey import MemoryHuey, RedisHuey, SqliteHuey
from huey.api import Huey

log = logging.getLogger(__name__)

EXTENSION = "quizapp.tasks"
QUEUE_FILE = "tasks.sqlite3"
NICENESS = 10  # below the web workers: a pupil's page wins the CPU over an analysis
QUEUE_DOWN = (
    "The analysis could not be queued (the task queue is not answering). Please try again in a moment."
)


def init_app(app) -> None:
    """Give ``app`` its queue (``TASK_QUEUE``) with the analysis task registered on it."""
    huey = make_queue(app.config["TASK_QUEUE"], app.instance_path)

    @huey.task(name="analyse_article")
    def analyse_article(job_id: int) -> None:
        """Run one article job in this app's context (the consumer's own app, or the caller's in tests)."""
        from quizapp.config import text_bounds
        from quizapp.services import article_jobs

        with app.app_context():
            article_jobs.run(job_id, model=app.config["SPACY_MODEL"], bounds=text_bounds(app.config))

    @huey.task(name="email_reset_link")
    def email_reset_link(email: str) -> None:
        """E-mail a password reset link to ``email`` if it has an account (``quizapp.mail``)."""
        from quizapp import mail

        with app.app_context():
            try:
                mail.send_reset_link(app, email)
            except (
                Exception
            ):  # the mail server refused or did not answer: the log says so, the worker goes on
                log.exception("Could not send a password reset e-mail")

    app.extensions[EXTENSION] = (huey, analyse_article, email_reset_link)


def make_queue(setting: str, instance_path: str) -> Huey:
    """The Huey instance ``TASK_QUEUE`` names; a clear refusal for a setting it does not."""
    options = {"results": False}  # outcomes are in the database, not in Huey's result store
    if setting == "sqlite":
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        return SqliteHuey("quizapp", filename=os.path.join(instance_path, QUEUE_FILE), **options)
    if setting.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("quizapp", url=setting, **options)
    if setting in ("immediate", "memory"):
        return MemoryHuey("quizapp", immediate=setting == "immediate", **options)
    raise RuntimeError(
        f"QUIZAPP_TASK_QUEUE={setting!r} is not understood: use sqlite (the default), "
        "redis://host:6379/1 (several app servers) or immediate (tests only)."
    )


def queue(app) -> Huey:
    """``app``'s Huey instance."""
    return app.extensions[EXTENSION][0]


def analyse_later(app, job_id: int) -> None:
    """Queue the analysis of job ``job_id``; if the queue cannot take it, the job fails with ``QUEUE_DOWN``."""
    from quizapp.services import article_jobs

    try:
        app.extensions[EXTENSION][1](job_id)
    except Exception:  # Redis down, the queue file unwritable: say so on the progress page, not a 500
        log.exception("Could not queue article job %s", job_id)
        article_jobs.fail(job_id, QUEUE_DOWN)


def email_reset_later(app, email: str) -> None:
    """Queue the reset e-mail for ``email``, known or not (the worker finds out); a queue that is down is logged.

    The caller answers the same either way: the forgot-password page never
    says whether an e-mail went out.
    """
    try:
        app.extensions[EXTENSION][2](email)
    except Exception:  # Redis down, the queue file unwritable
        log.exception("Could not queue a password reset e-mail")


def run_consumer(app, worker_type: str = "process") -> None:
    """Run ``app``'s consumer in this process until SIGINT or SIGTERM (``quizapp worker``).

    One analysis at a time: two would only share the same cores more slowly
    and hold two copies of a long article's parse in memory.
    """
    from quizapp.extensions import db

    huey = queue(app)
    if huey.immediate:
        raise RuntimeError(
            "QUIZAPP_TASK_QUEUE=immediate runs analyses in the request; there is no worker to run."
        )
    with app.app_context():
        db.engine.dispose()  # Huey forks its worker process: no database connection may cross the fork
    try:
        os.nice(NICENESS)
    except OSError:  # not allowed here: run at the normal priority
        pass
    consumer = huey.create_consumer(
        workers=1, worker_type=worker_type, periodic=False, graceful_signal="TERM"
    )
    consumer.run()


def start_worker(config) -> subprocess.Popen | None:
    """Start ``quizapp worker`` as a child process, unless the queue is immediate (nothing to consume)."""
    if config.get("TASK_QUEUE") == "immediate":
        return None
    command = [sys.executable, "-m", "quizapp", "worker", "--exit-with-parent"]
    process = subprocess.Popen(command)  # our own interpreter and module, no shell
    log.info("quizapp: background worker started (pid %s)", process.pid)
    return process


def stop_worker(process: subprocess.Popen | None, timeout: float = 10) -> None:
    """Stop the child from ``start_worker``: SIGTERM (it finishes the analysis under way), then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def exit_with_parent() -> None:
    """Ask Linux to SIGTERM this process when its parent dies (a server killed with -9 leaves no orphan)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the parent's stop_worker still stops it
        pass
