"""Several app servers, one Redis queue (issue 14): an article added through one is analysed by another's worker.

Uses the throwaway ``redis-server`` of the two-server test. The two "servers"
are two apps on one database and one ``QUIZAPP_TASK_QUEUE=redis://...``; the
second one's worker is played by the test, which takes the task from Redis.
"""

import re

import pytest
from factories import naive_analyse
from records import logged_in_teacher

from faults.test_two_servers import redis_url
from quizapp import create_app, tasks
from quizapp.services import articles as articles_service

pytestmark = pytest.mark.db

ARTICLE = "Rain closes schools\nHeavy rain closed twelve schools in the valley on Monday."


def test_an_article_added_on_one_server_is_analysed_by_the_others_worker(app_config, redis_url, monkeypatch):
    monkeypatch.setattr(
        articles_service, "run_pipeline", lambda raw, model, title_hint=None: naive_analyse(raw, model)
    )
    one, other = (create_app({**app_config, "TASK_QUEUE": redis_url}) for _ in range(2))
    client, _ = logged_in_teacher(one)
    html = client.get("/teacher/articles/new").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    progress = client.post("/teacher/articles/new", data={"csrf_token": csrf, "text": ARTICLE}).headers[
        "Location"
    ]
    assert "Waiting for its turn" in client.get(progress).get_data(as_text=True)

    queue = tasks.queue(other)
    assert queue.pending_count() == 1  # in Redis, where every server's worker looks
    queue.execute(queue.dequeue())
    ready = client.get(progress).headers["Location"]
    assert ready == "/articles/rain-closes-schools"
    assert "closed twelve schools in the valley" in client.get(ready).get_data(as_text=True)
