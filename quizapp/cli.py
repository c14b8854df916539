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
from quizapp.cli_serving import run_with_worker, serve_command, worker_command
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
    group.add_command(run_with_worker(group.commands["run"]))
    return group


main = build_cli()
