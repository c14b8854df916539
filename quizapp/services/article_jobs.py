"""Articles analysed in the background: hand a text in, follow its progress, get the article or the reason.

Analysing a long article takes seconds to a minute of CPU; done inside the
request it held a web worker that long, and three teachers pasting at once
held all of them while pupils waited (issue 14). So a request only checks
the text with the cleaner (fast: empty, binary or oversized text is refused
on the form at once) and records an ``ArticleJob``; the background worker
(``quizapp/tasks.py``) runs ``run`` on it, which writes the article and
marks the job done in one transaction. Until then there is no article row,
so nothing pending or failed reaches a reader or a pupil.

Each function takes the teacher's id: a job is only ever seen by the
teacher who handed it in (another's id is ``JobNotFound``, a 404).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp import interchange
from quizapp.extensions import db
from quizapp.models import Article, ArticleJob, Pack
from quizapp.models.article_job import DONE, FAILED, PENDING, RUNNING
from quizapp.models.columns import utcnow
from quizapp.services import articles
from quizapp.services.ownership import NotFound
from quizapp.services.packs import fill, with_corrections
from quizapp.services.transactions import reading, writing
from quizapp.text import pack as plain
from quizapp.text.errors import InputError
from quizapp.text.reading.bounds import Bounds
from quizapp.text.reading.web_page import PageDetails

log = logging.getLogger(__name__)

HOUR = timedelta(hours=1)
KEPT_FOR = timedelta(days=1)  # a failed job's text stays this long for the teacher to try again
# A job "running" this long was lost (the worker was killed or the server restarted mid-analysis):
# the largest article allowed takes well under a minute (docs/performance.md).
LOST_AFTER = timedelta(minutes=10)
UNEXPECTED = (
    "The analysis stopped with an error we did not expect. Your text is kept: try again, "
    "and if it fails again, tell your admin (the server's log has the details)."
)
LOST = (
    "The analysis stopped before it finished (the server may have restarted). Your text is kept: try again."
)


class JobNotFound(NotFound):
    """No such job for this teacher (the web layer answers 404)."""


class TooManyArticles(InputError):
    """The teacher has added as many articles in the last hour as the cap allows."""


@dataclass(frozen=True)
class JobView:
    """What the progress page shows about one job: plain data."""

    id: int
    status: str  # pending | running | done | failed
    title: str
    error: str | None
    article_slug: str | None
    pack_id: int | None  # an imported pack file: the pack made with the article
    imported: bool  # the job is an imported pack file's (its pack is stored with the article)
    ahead: int  # jobs handed in before this one and not yet finished
    created_at: datetime
    edit_of: int | None = None  # an edit: the article whose new text this is

    @property
    def finished(self) -> bool:
        """Done or failed: nothing more will happen."""
        return self.status in (DONE, FAILED)


def check_rate(owner_id: int, per_hour: int) -> None:
    """``TooManyArticles``, stating the cap, if ``owner_id`` added ``per_hour`` articles in the last hour.

    Counted: articles the teacher made in the last hour (pasted, uploaded or
    copied) and analyses handed in then that did not make one (waiting,
    running or failed: each cost the server work).
    """
    since = utcnow() - HOUR
    with reading():
        made = (
            db.session.scalar(
                sa.select(sa.func.count(Article.id)).where(
                    Article.owner_id == owner_id, Article.created_at > since
                )
            )
            or 0
        )
        other = (
            db.session.scalar(
                sa.select(sa.func.count(ArticleJob.id)).where(
                    ArticleJob.owner_id == owner_id, ArticleJob.created_at > since, ArticleJob.status != DONE
                )
            )
            or 0
        )
    if made + other >= per_hour:
        raise TooManyArticles(
            f"You have added {per_hour} articles in the last hour, the most a teacher may "
            "add in an hour on this server. Please try again later."
        )


def submit(
    raw: str,
    *,
    owner_id: int,
    title_hint: str | None,
    bounds: Bounds,
    per_hour: int,
    pack: plain.Pack | None = None,
    details: PageDetails | None = None,
    replaces_id: int | None = None,
) -> int:
    """Check the text and the hourly cap, record a pending job and return its id (the caller queues it).

    ``pack``: an imported pack file whose article this is; the pack is stored
    with the article, in the same transaction. ``details``: the web page's
    standfirst, author, site name and date, stored with the article.
    ``replaces_id``: an edit, re-analysing that article in place. Raises the cleaner's
    ``InputError`` (empty, not an article, over ``bounds``) or
    ``TooManyArticles``; nothing is recorded then.
    """
    check_rate(owner_id, per_hour)
    articles.check_text(raw, bounds, title_hint)
    with writing():
        # The teacher's failed texts are offered back for a day (``unfinished``); older ones go now.
        db.session.execute(
            sa.delete(ArticleJob).where(
                ArticleJob.owner_id == owner_id,
                ArticleJob.status.in_((DONE, FAILED)),
                ArticleJob.created_at < utcnow() - KEPT_FOR,
            )
        )
        job = ArticleJob(
            owner_id=owner_id,
            raw_text=raw,
            title_hint=title_hint,
            status=PENDING,
            pack_json=interchange.dump(pack, "json") if pack is not None else None,
            page_details=details.to_dict() if details else None,
            replaces_id=replaces_id,
        )
        db.session.add(job)
        db.session.flush()
        return job.id


def fail(job_id: int, message: str) -> None:
    """Mark the job failed with ``message`` (e.g. the queue could not take it)."""
    with writing():
        job = db.session.get(ArticleJob, job_id, with_for_update=True)
        if job is not None and job.status != DONE:
            job.status, job.error, job.finished_at = FAILED, message, utcnow()


def run(job_id: int, *, model: str, bounds: Bounds) -> None:
    """Analyse the job's text and store the article; the background worker calls this.

    A text the pipeline refuses fails the job with its message; any other
    error fails it with ``UNEXPECTED`` (the traceback goes to the log, not
    to the teacher). The article and "done" are one transaction: no article
    without its job done, no job done without its article.
    """
    with writing():
        job = db.session.get(ArticleJob, job_id, with_for_update=True)
        if job is None or job.status != PENDING:  # deleted with its teacher, or already taken
            return
        job.status, job.started_at = RUNNING, utcnow()
        raw, title_hint, owner_id, pack_json = job.raw_text, job.title_hint, job.owner_id, job.pack_json
        details, replaces = PageDetails.from_dict(job.page_details), job.replaces_id
    try:
        pack = interchange.load(pack_json, "json").pack if pack_json else None
        analysis = articles.run_pipeline(raw, model, **articles.pipeline_options(title_hint, bounds))
        if pack is not None:
            analysis = with_corrections(analysis, pack)
        key = articles.analysis_key(model)
        if replaces is not None:
            from quizapp.services import article_changes  # it builds on this module

            article_changes.store_edit(
                replaces, raw, analysis, key=key, then=lambda article: _done(job_id, article)
            )
        else:
            articles.store_article(
                raw,
                analysis,
                key=key,
                owner_id=owner_id,
                details=details,
                then=lambda article: _done(job_id, article, pack),
            )
    except InputError as exc:
        fail(job_id, str(exc))
    except Exception:
        log.exception("Analysing article job %s failed", job_id)
        fail(job_id, UNEXPECTED)


def _done(job_id: int, article: Article, pack: plain.Pack | None = None) -> None:
    """Inside the article's transaction: the pack on it (if any), and the job done, pointing at both."""
    job = db.session.get(ArticleJob, job_id, with_for_update=True)
    if job is None:  # its teacher's account was deleted meanwhile: store nothing
        raise JobNotFound(job_id)
    if pack is not None:
        row = fill(Pack(article_id=article.id, owner_id=job.owner_id), pack)
        db.session.add(row)
        db.session.flush()
        job.pack_id, job.pack_json = row.id, None
    job.status, job.article_id, job.finished_at, job.raw_text = DONE, article.id, utcnow(), ""


def status(job_id: int, owner_id: int) -> JobView:
    """The job as its progress page shows it; ``JobNotFound`` unless it is ``owner_id``'s."""
    with reading():
        job = _owned(job_id, owner_id)
        made = db.session.execute(
            sa.select(Article.slug, Article.title).where(Article.id == job.article_id)
        ).first()
        slug, title = made if made else (None, _title(job))
        ahead = 0
        if job.status == PENDING:
            ahead = (
                db.session.scalar(
                    sa.select(sa.func.count(ArticleJob.id)).where(
                        ArticleJob.status.in_((PENDING, RUNNING)), ArticleJob.id < job.id
                    )
                )
                or 0
            )
        state, error = job.status, job.error
        if state == RUNNING and job.started_at and utcnow() - job.started_at > LOST_AFTER:
            state, error = FAILED, LOST
        if state == DONE and slug is None:  # the article was since deleted
            state, error = FAILED, "That article is no longer there."
        imported = job.pack_json is not None or job.pack_id is not None
        return JobView(
            job.id, state, title, error, slug, job.pack_id, imported, ahead, job.created_at, job.replaces_id
        )


def retry_text(job_id: int, owner_id: int) -> tuple[str, str | None]:
    """A failed job's text and title, to put back in the form; ``JobNotFound`` unless it is theirs."""
    with reading():
        job = _owned(job_id, owner_id)
        return job.raw_text, job.title_hint


def unfinished(owner_id: int) -> list[JobView]:
    """The teacher's jobs still waiting or running, and those that failed in the last day, newest first."""
    query = (
        sa.select(ArticleJob.id)
        .where(
            ArticleJob.owner_id == owner_id,
            sa.or_(
                ArticleJob.status.in_((PENDING, RUNNING)),
                sa.and_(ArticleJob.status == FAILED, ArticleJob.created_at > utcnow() - KEPT_FOR),
            ),
        )
        .order_by(ArticleJob.id.desc())
    )
    with reading():
        ids = list(db.session.scalars(query))
    return [status(job_id, owner_id) for job_id in ids]


def _owned(job_id: int, owner_id: int) -> ArticleJob:
    """The job, if it is ``owner_id``'s."""
    job = db.session.get(ArticleJob, job_id)
    if job is None or job.owner_id != owner_id:
        raise JobNotFound(job_id)
    return job


def _title(job: ArticleJob) -> str:
    """What to call the article before it exists: the teacher's title, else its first line."""
    if job.title_hint:
        return job.title_hint
    first = next((line.strip() for line in job.raw_text.splitlines() if line.strip()), "")
    return (first[:80] + "…") if len(first) > 80 else (first or "Your article")
