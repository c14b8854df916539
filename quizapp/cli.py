"""The ``quizapp`` command: Flask's own commands (run, routes, shell) plus ours.

Every command is one function, listed once in ``COMMANDS`` at the bottom, so
adding one (``quizapp analyze``) is one function and one entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import FlaskGroup, with_appcontext

from quizapp import create_app
from quizapp.cli_accounts import (
    approve_teacher_command,
    create_teacher_command,
    invite_command,
    pending_teachers_command,
    plural,
    reset_password_command,
    set_password_command,
)
from quizapp.text.errors import QuizappError


class QuizappGroup(FlaskGroup):
    """A FlaskGroup that prints our errors (e.g. a missing spaCy model) as one line, not a traceback."""

    def invoke(self, ctx):
        """Run the command; a ``QuizappError`` becomes click's ``Error: <message>`` and exit code 1."""
        try:
            return super().invoke(ctx)
        except QuizappError as exc:
            raise click.ClickException(str(exc)) from exc


@click.command("prepare")
@with_appcontext
def prepare_command():
    """Create or upgrade the database, then load the seed articles (analysed), packs and stories into it.

    Run it after installing or upgrading (``make run`` does): readers then
    open an article at once instead of waiting for spaCy. Seeds already
    stored with the current text and pipeline are skipped, so running it
    again is cheap; a seed whose file changed is analysed again.
    """
    import flask_migrate
    from flask import current_app
    from sqlalchemy.engine import make_url

    from quizapp.config import text_bounds
    from quizapp.services import seeds

    config = current_app.config
    click.echo(
        f"Database: {make_url(config['SQLALCHEMY_DATABASE_URI']).render_as_string(hide_password=True)}"
    )
    flask_migrate.upgrade()
    folder, model = config["SEEDS_DIR"], config["SPACY_MODEL"]
    loaded = _report(
        seeds.sync_articles(folder, model, text_bounds(config)), len(seeds.article_files(folder))
    )
    packs = _report(seeds.sync_packs(folder / "packs", model), len(seeds.pack_files(folder / "packs")))
    stories = _report(
        seeds.sync_stories(folder / "stories", model, text_bounds(config)),
        len(seeds.story_folders(folder / "stories")),
    )
    failed = sum(result.status == seeds.FAILED for result in loaded + packs + stories)
    if failed:
        raise click.ClickException(
            f"{failed} of {len(loaded) + len(packs) + len(stories)} seeds could not be loaded."
        )
    summary = plural(len(loaded), "article") + (f", {plural(len(packs), 'pack')}" if packs else "")
    summary += (
        f", {len(stories)} {'story' if len(stories) == 1 else 'stories'} at several levels" if stories else ""
    )
    click.echo(f"Ready: {summary}.")


def _report(results, total: int) -> list:
    """Print one progress line per seed as it is loaded; the results, once all are in."""
    from quizapp.services import seeds

    done = []
    for number, result in enumerate(results, 1):
        if result.status == seeds.FAILED:
            outcome = f"FAILED: {result.error}"
        elif result.status == seeds.UNCHANGED:
            outcome = f"{result.title!r} (up to date)"
        else:
            outcome = f"{result.title!r} {result.status} in {result.seconds:.1f}s"
        click.echo(f"[{number}/{total}] {result.name}: {outcome}")
        done.append(result)
    return done


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def analyze_command(paths: tuple[Path, ...], as_json: bool):
    """Clean and analyse article files: readability, actors and their roles.

    The spaCy model is loaded once for all files. A file that cannot be read
    as an article (or is over the caps, QUIZAPP_MAX_ARTICLE_WORDS and
    QUIZAPP_MAX_PARAGRAPH_CHARS) gets a one-line error on stderr; the others
    are still analysed, and the exit status is 1 if any failed.
    """
    from quizapp import config
    from quizapp.text import pipeline
    from quizapp.text.reading import nlp, sources

    bounds = config.text_bounds(config.settings_from_environment())
    failed = 0
    for path in paths:
        try:
            raw = sources.decode(_read(path), name=path.name)
            analysis = pipeline.analyse(raw, nlp.load(), bounds=bounds)
        except QuizappError as exc:
            failed += 1
            message = str(exc) if path.name in str(exc) else f"{path}: {exc}"
            click.echo(f"quizapp analyze: {message}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
        else:
            click.echo(summary(path, analysis))
    if failed:
        raise SystemExit(1)


def _read(path: Path) -> bytes:
    """The file's bytes, or an ``InputError`` a person can act on."""
    from quizapp.text.errors import InputError
    from quizapp.text.reading.sources import MAX_ARTICLE_BYTES

    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:  # refuse before reading a huge file into memory
            mb = path.stat().st_size / 1024 / 1024
            raise InputError(
                f"{path.name} is {mb:.1f} MB; articles up to {MAX_ARTICLE_BYTES // 1024 // 1024}.0 MB are accepted."
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def summary(path: Path, analysis) -> str:
    """A few lines a person can read in a terminal."""
    article, r = analysis.article, analysis.readability
    origin = " · ".join(x for x in (article.source, article.dateline) if x)
    lines = [
        f"{path}: {article.title}" + (f" ({origin})" if origin else ""),
        f"  {len(article.paragraphs)} paragraphs, {r.sentences} sentences, {r.words} words, "
        f"about {r.reading_minutes:g} min to read",
        f"  Readability: grade {r.grade_level:.1f} ({r.band}; CEFR {r.cefr or '?'}, UK {r.uk_year or '?'}); "
        f"why: {', '.join(r.level_reasons) or '?'}",
        f"  Formulas: Flesch reading ease {r.flesch_reading_ease:.1f}, "
        f"Flesch-Kincaid grade {r.flesch_kincaid_grade:.1f}",
        "  Actors:",
    ]
    for actor in analysis.actors:
        also = f" (also {', '.join(actor.aliases)})" if actor.aliases else ""
        role = f": {actor.role}" if actor.role else ""
        lines.append(f"    {actor.name} [{actor.kind}, {actor.mentions}x]{also}{role}")
    return "\n".join(lines)


@click.command("grade")
def grade_command():
    """Grade answers: JSON lines ``{"question": {...}, "answer": ...}`` in, one grade per line out.

    Reads standard input as it arrives, so a large file streams. A line that
    cannot be graded (bad JSON, a missing key, a question that does not fit
    the format) gets ``{"error": "line N: ..."}`` and the run goes on; blank
    lines are skipped. Exits 0 unless standard input cannot be read.
    """
    from quizapp.text.grading.grader import grade

    # open_file("-") is stdin, read line by line as it arrives (click 8.5 deprecates
    # get_text_stream); "replace" turns undecodable bytes into a bad line, not a crash.
    try:
        for number, line in enumerate(click.open_file("-", "r", errors="replace"), 1):
            if line.strip():
                click.echo(json.dumps(_grade_line(grade, number, line), ensure_ascii=False))
    except OSError as exc:
        raise click.ClickException(f"cannot read standard input: {exc.strerror or exc}") from exc


def _grade_line(grade, number: int, line: str) -> dict:
    """One input line's grade as a dict, or ``{"error": ...}`` naming the line and the problem."""
    from quizapp.text.question import Question

    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return {"error": f"line {number}: not valid JSON ({exc})"}
    if not isinstance(item, dict) or "question" not in item or "answer" not in item:
        return {"error": f'line {number}: expected an object with "question" and "answer"'}
    try:
        question = Question.from_dict(item["question"])
    except (TypeError, ValueError) as exc:  # QuestionFormatError is a ValueError
        return {"error": f"line {number}: question {exc}"}
    return grade(question, item["answer"]).to_dict()


@click.group("pack")
def pack_group():
    """Question packs: import a pack file, export a pack, list them all (see docs/packs.md)."""


@pack_group.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--owner",
    metavar="EMAIL",
    help="The teacher who will own the pack and its article; without it both are shared, like the seeds.",
)
@with_appcontext
def pack_import_command(path: Path, owner: str | None):
    """Import a pack file (.json, .yaml, .gift); prints the new pack's id.

    The pack's article is stored (and analysed) as a new article. A file that
    cannot be imported gets a one-line error and exit 1; nothing is saved.
    """
    from flask import current_app

    from quizapp import interchange
    from quizapp.config import text_bounds
    from quizapp.interchange import files
    from quizapp.services import pack_editing

    owner_id = None
    if owner:
        owner_id = pack_editing.teacher_id(owner)
        if owner_id is None:
            raise click.ClickException(f"no teacher has the email {owner!r}")
    try:
        if path.stat().st_size > interchange.MAX_PACK_BYTES:  # refused before a byte is read
            raise files.too_big(path.name, path.stat().st_size, interchange.MAX_PACK_BYTES)
        result = interchange.load(path.read_bytes(), name=path.name)
        pack_id = pack_editing.import_pack(
            result.pack,
            owner_id=owner_id,
            model=current_app.config["SPACY_MODEL"],
            max_questions=current_app.config["MAX_QUESTIONS_PER_PACK"],
            bounds=text_bounds(current_app.config),
        )
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from exc
    except QuizappError as exc:
        raise click.ClickException(str(exc)) from exc
    for note in [*result.skipped, *pack_editing.import_notes(pack_id)]:
        click.echo(f"skipped: {note}", err=True)
    click.echo(pack_id)


@pack_group.command("export")
@click.argument("pack_id", type=int)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "yaml", "gift"]), default="json", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@with_appcontext
def pack_export_command(pack_id: int, fmt: str, output: Path | None):
    """Write the pack PACK_ID as JSON, YAML or Moodle GIFT."""
    from quizapp import interchange
    from quizapp.services import packs

    try:
        text = interchange.dump(packs.get_pack(pack_id), fmt)
    except LookupError as exc:
        raise click.ClickException(f"there is no pack {pack_id}") from exc
    except QuizappError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")


@pack_group.command("list")
@with_appcontext
def pack_list_command():
    """Every pack: id, title, owner (or "(shared)"), article, number of questions; tab-separated."""
    from quizapp.services import pack_editing

    for pack_id, title, owner, article, count in pack_editing.all_packs():
        click.echo(f"{pack_id}\t{title}\t{owner}\t{article}\t{plural(count, 'question')}")


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


def _run_with_worker(flask_run: click.Command) -> click.Command:
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


COMMANDS = (
    prepare_command,
    create_teacher_command,
    set_password_command,
    reset_password_command,
    invite_command,
    approve_teacher_command,
    pending_teachers_command,
    analyze_command,
    grade_command,
    pack_group,
    serve_command,
    worker_command,
)


def build_cli() -> click.Group:
    """The ``quizapp`` group: Flask's commands, which build the app with ``create_app``, plus ``COMMANDS``."""
    group = QuizappGroup(create_app=create_app, help="quizapp: reading comprehension for classrooms.")
    for command in COMMANDS:
        group.add_command(command)
    group.add_command(_run_with_worker(group.commands["run"]))
    return group


main = build_cli()
