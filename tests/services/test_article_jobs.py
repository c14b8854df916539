"""Articles analysed in the background, as the service sees them: the hourly count, a lost job, a job run twice."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from factories import naive_analyse
from records import make_teacher

from quizapp.extensions import db
from quizapp.models import Article, ArticleJob
from quizapp.models.columns import utcnow
from quizapp.services import article_jobs, articles
from quizapp.text.reading.bounds import Bounds

pytestmark = pytest.mark.db

TEXT = "Floods close schools\nHeavy rain closed twelve schools on Monday."


@pytest.fixture
def teacher(app):
    """A teacher's id, inside an app context."""
    with app.app_context():
        teacher_id = make_teacher().id
        db.session.commit()
        yield teacher_id


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(
        articles, "run_pipeline", lambda raw, model, title_hint=None: naive_analyse(raw, model)
    )


def submit(owner_id: int, per_hour: int = 10) -> int:
    return article_jobs.submit(TEXT, owner_id=owner_id, title_hint=None, bounds=Bounds(), per_hour=per_hour)


def test_the_hour_counts_articles_made_and_analyses_that_made_none(teacher, quick):
    done = submit(teacher)
    article_jobs.run(done, model="m", bounds=Bounds())  # one article made
    submit(teacher)  # one waiting
    failed = submit(teacher)
    article_jobs.fail(failed, "broken")  # one failed: it cost the server work too
    with pytest.raises(article_jobs.TooManyArticles, match="You have added 3 articles in the last hour"):
        article_jobs.check_rate(teacher, 3)
    article_jobs.check_rate(teacher, 4)  # under the cap: no error


def test_an_hour_later_the_count_starts_again(teacher):
    submit(teacher)
    db.session.execute(sa.update(ArticleJob).values(created_at=utcnow() - timedelta(hours=1, minutes=1)))
    db.session.commit()
    article_jobs.check_rate(teacher, 1)


def test_a_job_running_for_too_long_is_reported_lost_with_the_text_kept(teacher):
    job_id = submit(teacher)
    db.session.execute(
        sa.update(ArticleJob).values(status="running", started_at=utcnow() - timedelta(minutes=11))
    )
    db.session.commit()
    state = article_jobs.status(job_id, teacher)
    assert state.status == "failed" and "stopped before it finished" in state.error
    assert article_jobs.retry_text(job_id, teacher) == (TEXT, None)


def test_a_job_taken_already_is_not_analysed_twice(teacher, quick):
    job_id = submit(teacher)
    article_jobs.run(job_id, model="m", bounds=Bounds())
    article_jobs.run(job_id, model="m", bounds=Bounds())  # the queue delivered it twice
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 1
    state = article_jobs.status(job_id, teacher)
    assert state.status == "done" and state.article_slug == "floods-close-schools"
    assert db.session.get(ArticleJob, job_id).raw_text == ""  # the text lives in the article now


def test_if_storing_the_article_fails_the_job_fails_and_no_article_is_left(teacher, quick, monkeypatch):
    def broken(job_id, article):
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(article_jobs, "_done", broken)
    job_id = submit(teacher)
    article_jobs.run(job_id, model="m", bounds=Bounds())
    assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 0
    assert article_jobs.status(job_id, teacher).status == "failed"


def test_a_job_is_seen_by_its_teacher_only(app, teacher):
    job_id = submit(teacher)
    other = make_teacher("bob@school.example").id
    db.session.commit()
    with pytest.raises(article_jobs.JobNotFound):
        article_jobs.status(job_id, other)
    with pytest.raises(article_jobs.JobNotFound):
        article_jobs.retry_text(job_id, other)
    assert [job.id for job in article_jobs.unfinished(teacher)] == [job_id]
    assert article_jobs.unfinished(other) == []


def test_a_failed_text_is_kept_a_day_then_let_go(teacher):
    old = submit(teacher)
    article_jobs.fail(old, "broken")
    db.session.execute(sa.update(ArticleJob).values(created_at=utcnow() - timedelta(days=1, minutes=1)))
    db.session.commit()
    assert article_jobs.unfinished(teacher) == []  # no longer offered
    new = submit(teacher)
    assert list(db.session.scalars(sa.select(ArticleJob.id))) == [new]
