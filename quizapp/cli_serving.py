"""The ``quizapp`` commands that run the app: ``serve`` (gunicorn), ``worker``, and ``run`` with its worker.

Split from ``quizapp.cli`` (which lists every command in ``COMMANDS``) so
each module holds one kind of command: these start processes and read the
settings before any app exists; the others work on the content.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.command("serve")
@click.option(
    "--bind",
    "-b",
    default="127.0.0.1:8000",
    show_default=True,
    help="HOST:PORT to listen on (0.0.0.0:8000 for every interface), or unix:/path/to.sock.",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes; default 2 x CPU cores + 1 (docs/deploy.md: how many for how many pupils).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Threads per worker (gunicorn's threaded worker): a slow client holds one thread, not a worker.",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=5),
    default=30,
    show_default=True,
    help="Seconds a request may take before its worker is restarted.",
)
@click.option(
    "--warm-model",
    is_flag=True,
    help="Load the spaCy model in every worker at start (about 110 MB more each) instead of on first use.",
)
@click.option(
    "--proxies",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Reverse proxies in front (nginx: 1) whose X-Forwarded-For/-Proto headers are trusted.",
)
@click.option("--access-log", is_flag=True, help="Log every request to standard output.")
@click.option(
    "--no-worker",
    is_flag=True,
    help="Do not start the background worker that analyses new articles (run `quizapp worker` elsewhere).",
)
def serve_command(bind, workers, threads, timeout, warm_model, proxies, access_log, no_worker):
    """Run the production server: gunicorn with several workers, each building its own app after fork.

    Settings come from the environment and instance/config.py as for every
    command (DATABASE_URL, QUIZAPP_SECRET_KEY, QUIZAPP_ENV...). Without
    QUIZAPP_SECRET_KEY the key is the random one kept in instance/secret_key
    (made on first start, owner-only), shared by every worker on this
    machine; with QUIZAPP_ENV=production the key must be set, as several app
    servers must share it. Settings are checked here first, so a missing key
    in production or a missing spaCy model stops the command with one line
    instead of every worker failing to boot. SIGTERM or Ctrl-C stops it
    gracefully (exit 0). Unless --no-worker, it also starts one background
    worker process that analyses the articles teachers add (quizapp/tasks.py
    says why a process) and stops it on the way out.
    """
    from quizapp import serving

    _check_settings()
    options = serving.ServeOptions(
        bind=bind,
        workers=workers or 0,
        threads=threads,
        timeout=timeout,
        warm_model=warm_model,
        proxies=proxies,
        access_log=access_log,
        background_worker=not no_worker,
    )
    click.echo(f"quizapp serve: {options.gunicorn_settings()['workers']} workers on {bind}", err=True)
    if serving.exposed_directly(bind, proxies):
        click.echo(
            f"quizapp serve: {bind} is reachable from other machines with no proxy in front: put nginx "
            "in front (docs/deploy.md) and bind 127.0.0.1, so slow or hostile clients meet nginx first.",
            err=True,
        )
    serving.serve(options)


def _check_settings():
    """Read and check the settings as ``create_app`` will, without making an app (and so no engine) here."""
    from flask import Flask

    from quizapp import config, tasks

    app = Flask("quizapp", instance_relative_config=True, instance_path=config.instance_path())
    try:
        config.configure_app(app, None)
        tasks.make_queue(app.config["TASK_QUEUE"], app.instance_path)
    except RuntimeError as exc:  # production without a secret key, an instance folder it cannot write
        raise click.ClickException(str(exc)) from exc
    return app.config


@click.command("worker")
@click.option(
    "--exit-with-parent",
    is_flag=True,
    hidden=True,
    help="Stop when the process that started this one stops (serve and run use it).",
)
@with_appcontext
def worker_command(exit_with_parent: bool):
    """Run the background worker: analyse the articles teachers add, one at a time, until SIGTERM.

    `quizapp serve` and `quizapp run` start one themselves; run this alone
    with `serve --no-worker`, e.g. as its own systemd unit, or on a machine
    of its own sharing the Redis queue (QUIZAPP_TASK_QUEUE=redis://...).
    """
    import logging
    from typing import cast

    from flask import Flask, current_app
    from werkzeug.local import LocalProxy

    from quizapp import tasks

    logging.basicConfig(
        level=logging.INFO, format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
    )
    if exit_with_parent:
        tasks.exit_with_parent()
    try:
        # the app itself, not the proxy (Flask types current_app as the app, so the checker is told)
        tasks.run_consumer(cast("LocalProxy[Flask]", current_app)._get_current_object())
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc


def run_with_worker(flask_run: click.Command) -> click.Command:
    """Flask's ``run`` (the development server, ``make run``), starting the background worker beside it.

    With the reloader on, the command runs twice (a watcher, then the
    server it restarts); the worker is started by the watcher only.
    """
    import os

    @click.command("run", params=flask_run.params, help=flask_run.help, short_help=flask_run.short_help)
    @click.pass_context
    def run_command(ctx, **options):
        from quizapp import tasks

        child = (
            None if os.environ.get("WERKZEUG_RUN_MAIN") == "true" else tasks.start_worker(_check_settings())
        )
        try:
            ctx.invoke(flask_run, **options)
        finally:
            tasks.stop_worker(child)

    return run_command
