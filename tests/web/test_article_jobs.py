"""Adding an article with the analysis in the background (issue 14): caps, progress page, failures, who sees what.

The app here keeps its queue in memory (``TASK_QUEUE = "memory"``) and no
consumer runs by itself: a test takes the queued task and runs it when it
wants, in a thread of its own when it must happen while pages are served.
"""

import io
import re
import threading

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from factories import naive_analyse
from records import logged_in_teacher, make_teacher

from quizapp import create_app, interchange, tasks
from quizapp.extensions import db
from quizapp.models import Article, ArticleJob
from quizapp.models import Pack as PackRow
from quizapp.services import articles as articles_service
from quizapp.text.errors import InputError
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question
from quizapp.text.reading.bounds import MAX_ARTICLE_WORDS, MAX_PARAGRAPH_CHARS

pytestmark = pytest.mark.db

NEW = "/teacher/articles/new"
ARTICLE = "Rain closes schools\nHeavy rain closed twelve schools in the valley on Monday.\nThe mayor said the water would fall."
WAIT = 30  # seconds a test waits for another thread before failing instead of hanging


@pytest.fixture
def app(app_config):
    """An app whose analyses wait in an in-memory queue until the test runs them."""
    return create_app({**app_config, "TASK_QUEUE": "memory"})


@pytest.fixture
def quick_pipeline(monkeypatch):
    """A stand-in pipeline: every line a paragraph, the title from the hint."""

    def fake(raw, model, title_hint=None):
        return naive_analyse(f"{title_hint or 'Untitled'}\n{raw}", model)

    monkeypatch.setattr(articles_service, "run_pipeline", fake)


def page(response) -> str:
    return response.get_data(as_text=True)


def add(client, data: dict):
    """Post the add form as a browser would."""
    return client.post(NEW, data={"csrf_token": token(page(client.get(NEW))), **data})


def run_queued(app) -> int:
    """Run every queued task here, as the background worker would; how many ran."""
    huey, ran = tasks.queue(app), 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def counts(app) -> tuple[int, int]:
    """(articles, jobs) in the database."""
    with app.app_context():
        return (
            db.session.scalar(sa.select(sa.func.count(Article.id))),
            db.session.scalar(sa.select(sa.func.count(ArticleJob.id))),
        )


def job_url(response) -> str:
    location = response.headers["Location"]
    assert re.fullmatch(r"/teacher/articles/jobs/\d+", location), location
    return location


# ---- caps -----------------------------------------------------------------------------------------


def test_a_paragraph_over_the_cap_is_the_form_again_stating_the_cap_with_the_text_kept(app, teacher_client):
    long_paragraph = "Heavy rain closed twelve schools in the valley on Monday. " * (
        MAX_PARAGRAPH_CHARS // 50
    )
    response = add(teacher_client, {"text": f"Floods\n\n{long_paragraph}", "title": "Kept"})
    html = page(response)
    assert response.status_code == 422
    assert f"paragraphs of up to {MAX_PARAGRAPH_CHARS:,} characters are accepted" in html
    assert long_paragraph.strip() in html and 'value="Kept"' in html  # nothing the teacher typed is lost
    assert counts(app) == (0, 0)


def test_an_article_over_the_word_cap_is_refused_stating_the_cap(app, teacher_client):
    paragraph = "Heavy rain closed twelve schools in the valley on Monday and the mayor said so. "
    text = "\n\n".join(f"{n}. {paragraph * 6}" for n in range(MAX_ARTICLE_WORDS // 90 + 10))
    response = add(teacher_client, {"text": text})
    assert response.status_code == 422 and f"articles of up to {MAX_ARTICLE_WORDS:,} words" in page(response)
    assert counts(app) == (0, 0)


def test_the_hourly_cap_says_the_cap_and_keeps_the_text_and_other_teachers_are_not_held(
    app, app_config, client, quick_pipeline
):
    app = create_app({**app_config, "ARTICLES_PER_TEACHER_PER_HOUR": 2})  # immediate queue: ready at once
    with app.app_context():
        ann, bob = make_teacher("ann@school.example").id, make_teacher("bob@school.example").id
        db.session.commit()
    clients = {}
    for name, teacher_id in (("ann", ann), ("bob", bob)):
        clients[name] = app.test_client()
        with clients[name].session_transaction() as session:
            session["_user_id"], session["_fresh"] = str(teacher_id), True
    for n in range(2):
        assert add(clients["ann"], {"text": f"Article {n}\n{ARTICLE}"}).status_code == 302
    refused = add(clients["ann"], {"text": "Third\nA third article about the rain in the valley."})
    html = page(refused)
    assert refused.status_code == 422 and "You have added 2 articles in the last hour" in html
    assert "A third article about the rain in the valley.</textarea>" in html
    assert add(clients["bob"], {"text": ARTICLE}).status_code == 302
    assert counts(app)[0] == 3


# ---- the analysis runs in the background ----------------------------------------------------------


def test_the_teacher_gets_a_progress_page_and_a_pupil_is_served_while_the_analysis_runs(
    app, teacher_client, seed_article, monkeypatch
):
    """Issue 14: three teachers' uploads held every worker and a pupil waited 32 s. Now the request only queues."""
    started, release = threading.Event(), threading.Event()

    def slow(raw, model, title_hint=None):
        started.set()
        assert release.wait(WAIT), "the test never let the analysis finish"
        return naive_analyse(f"{title_hint or 'Untitled'}\n{raw}", model)

    monkeypatch.setattr(articles_service, "run_pipeline", slow)
    response = add(teacher_client, {"text": ARTICLE, "title": "Rain closes schools"})
    assert not started.is_set()  # the request answered without analysing
    progress = job_url(response)
    html = page(teacher_client.get(progress))
    assert "Waiting for its turn" in html and "It starts in a moment." in html
    assert f'hx-get="{progress}/status"' in html and 'hx-trigger="every 2s"' in html
    assert (
        '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    )  # no JavaScript: the page reloads
    assert f'href="{progress}">Check again</a>' in html

    worker = threading.Thread(target=run_queued, args=(app,))
    worker.start()
    try:
        assert started.wait(WAIT)
        pupil = app.test_client()
        reading = pupil.get(f"/articles/{seed_article.slug}")
        assert reading.status_code == 200 and "Bashar al-Assad" in page(reading)
        assert "Rain closes schools" not in page(pupil.get("/"))  # nothing half-made reaches a pupil
        status = teacher_client.get(f"{progress}/status", headers={"HX-Request": "true"})
        assert "Analysing now" in page(status) and "hx-trigger" in page(status)
        assert counts(app) == (1, 1)  # the seed only: the article is written when its analysis is done
    finally:
        release.set()
        worker.join(WAIT)
    done = teacher_client.get(f"{progress}/status", headers={"HX-Request": "true"})
    slug = re.fullmatch(r"/articles/([\w-]+)", done.headers["HX-Redirect"]).group(1)
    assert "closed twelve schools in the valley" in page(teacher_client.get(f"/articles/{slug}"))
    assert teacher_client.get(progress).headers["Location"] == f"/articles/{slug}"  # no JavaScript: the same


def test_a_failed_analysis_tells_the_teacher_keeps_the_text_and_saves_no_article(
    app, teacher_client, monkeypatch, caplog
):
    def broken(raw, model, title_hint=None):
        raise RuntimeError("spaCy fell over")

    monkeypatch.setattr(articles_service, "run_pipeline", broken)
    progress = job_url(add(teacher_client, {"text": ARTICLE, "title": "Rain closes schools"}))
    assert run_queued(app) == 1
    html = page(teacher_client.get(progress))
    assert "The analysis failed" in html and 'role="alert"' in html and "Your text is kept" in html
    assert "spaCy fell over" not in html and "Traceback" not in html  # the details go to the log only
    assert "spaCy fell over" in caplog.text
    assert counts(app) == (0, 1) and "hx-trigger" not in html  # nothing half-written; polling has stopped
    retry = page(teacher_client.get(re.search(r'href="(/teacher/articles/new\?retry=\d+)"', html).group(1)))
    assert (
        "The mayor said the water would fall.</textarea>" in retry and 'value="Rain closes schools"' in retry
    )
    assert "Rain closes schools" in page(
        teacher_client.get("/teacher/articles")
    )  # listed as failed, with a link
    assert "Rain closes schools" not in page(app.test_client().get("/"))


def test_a_text_the_pipeline_refuses_fails_with_the_pipelines_reason(app, teacher_client, monkeypatch):
    def refuse(raw, model, title_hint=None):
        raise InputError("The article has no sentences quizapp can read.")

    monkeypatch.setattr(articles_service, "run_pipeline", refuse)
    progress = job_url(add(teacher_client, {"text": ARTICLE}))
    run_queued(app)
    assert "The article has no sentences quizapp can read." in page(teacher_client.get(progress))
    assert counts(app) == (0, 1)


def test_with_an_immediate_queue_a_failure_is_the_form_again(app_config, client, monkeypatch):
    monkeypatch.setattr(articles_service, "run_pipeline", lambda raw, model, title_hint=None: 1 / 0)
    app = create_app(app_config)
    teacher, _ = logged_in_teacher(app)
    response = add(teacher, {"text": ARTICLE})
    assert response.status_code == 422 and "stopped with an error we did not expect" in page(response)
    assert "The mayor said the water would fall.</textarea>" in page(response)


def test_another_teachers_job_is_a_404_and_a_pupil_is_sent_to_log_in(app, teacher_client, quick_pipeline):
    progress = job_url(add(teacher_client, {"text": ARTICLE}))
    with app.app_context():
        bob = make_teacher("bob@school.example").id
        db.session.commit()
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(bob), True
    assert other.get(progress).status_code == 404 and other.get(f"{progress}/status").status_code == 404
    assert other.get(NEW + "?retry=" + progress.rsplit("/", 1)[1]).status_code == 404
    stranger = app.test_client()
    assert stranger.get(progress).headers["Location"].startswith("/login")
    assert (
        stranger.get(f"{progress}/status", headers={"HX-Request": "true"})
        .headers["HX-Redirect"]
        .startswith("/login")
    )


def test_a_queue_that_cannot_take_the_job_is_a_clear_message_not_a_500(
    app, teacher_client, quick_pipeline, monkeypatch
):
    def down(data, priority=None):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(tasks.queue(app).storage, "enqueue", down)
    response = add(teacher_client, {"text": ARTICLE})
    assert response.status_code == 422 and "could not be queued" in page(response)
    assert counts(app) == (0, 1)


def import_file(client) -> str:
    """Import a one-question pack file as a browser would; the progress page's address."""
    town = Question(
        "town",
        "choice",
        "Which town did the army take?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Damascus", "Beirut"),
    )
    pack_file = interchange.dump(
        Pack(
            "Syria quiz",
            PackArticle(
                "The army moves east",
                "The army took the town of al-Sukhna on Saturday after a week of fighting.",
            ),
            (town,),
        ),
        "json",
    ).encode()
    form = page(client.get("/teacher/packs/import"))
    sent = client.post(
        "/teacher/packs/import",
        data={"csrf_token": token(form), "file": (io.BytesIO(pack_file), "syria.json")},
        content_type="multipart/form-data",
    )
    return job_url(sent)


def packs_stored(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(PackRow.id)))


def test_an_imported_pack_file_is_analysed_in_the_background_then_its_pack_opens(
    app, teacher_client, quick_pipeline
):
    """Issue 14: importing a pack file analysed its article inside the request, as adding an article once did."""
    progress = import_file(teacher_client)  # not stored yet: the worker has not run
    assert "Waiting for its turn" in page(teacher_client.get(progress))
    assert counts(app) == (0, 1) and packs_stored(app) == 0

    run_queued(app)
    ready = teacher_client.get(progress)
    assert ready.status_code == 302 and ready.headers["Location"].startswith("/teacher/packs/")
    review = page(teacher_client.get(ready.headers["Location"]))
    assert "Which town did the army take?" in review and "its pack is ready to review" in review
    assert counts(app) == (1, 1) and packs_stored(app) == 1


def test_an_imported_pack_whose_article_fails_saves_neither_and_offers_the_import_again(
    app, teacher_client, monkeypatch
):
    def refuse(raw, model, title_hint=None):
        raise InputError("This text does not read as an article.")

    monkeypatch.setattr(articles_service, "run_pipeline", refuse)
    progress = import_file(teacher_client)
    run_queued(app)
    failed = page(teacher_client.get(progress))
    assert "This text does not read as an article." in failed and "neither the article nor its pack" in failed
    assert 'href="/teacher/packs/import">Import a corrected file' in failed
    assert counts(app) == (0, 1) and packs_stored(app) == 0
