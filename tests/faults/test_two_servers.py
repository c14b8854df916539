"""Two app servers, one PostgreSQL, one Redis: pupils served by both, one dashboard, shared rate limits.

This is the proof behind docs/deploy.md's "Several app servers". Two real
``quizapp serve`` processes (2 workers each) listen on two ports with the
same ``DATABASE_URL``, the same ``QUIZAPP_SECRET_KEY`` and
``QUIZAPP_RATELIMIT_STORAGE`` pointing at one ``redis-server`` started here,
as a load balancer would see them. Pupils join on one server and answer on
both (the signed cookie is read by either); the teacher's live dashboard
reads the same from each; the database holds exactly what was acknowledged;
and failed joins sent to both servers in turn reach the join limit together,
which per-process ``memory://`` counts would not (each of the four workers
would have counted about a quarter of them).

Redis comes from Debian's ``redis-server`` package, which ``make test``
installs; without it this test fails and says so.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import redis
from classroom_factories import csrf_token, make_quiz_pack
from html_tree import Page
from records import make_article

from faults.serve_process import ServeProcess
from faults.test_kill_server import QUESTIONS, Pupil, stored
from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import classroom, teachers

pytestmark = pytest.mark.db

PASSWORD = "two servers, one class"
FAILED_JOINS = 6  # the run's join failure limits, per code and per address: tight, and even, so 3 per server


def free_port() -> int:
    """A port nothing listens on just now (the system's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """One throwaway ``redis-server`` (no persistence, in a temp folder), stopped afterwards."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail(
            "redis-server is not installed: run `make test` (it installs Debian's redis-server), "
            "or `sudo apt-get install redis-server`."
        )
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=(tmp_path / "redis.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "redis-server did not start:\n" + (tmp_path / "redis.log").read_text()
                    ) from error
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def postgres_url(app, database_url) -> str:
    """This test's database, which must be PostgreSQL: servers on several machines cannot share an SQLite file."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("several app servers share PostgreSQL; `make test-postgres` runs this test")
    return database_url


@pytest.fixture
def servers(postgres_url, redis_url, tmp_path):
    """Servers A and B on the same database, key and Redis, each with 2 workers."""
    env = {
        "DATABASE_URL": postgres_url,
        "QUIZAPP_SECRET_KEY": "two-servers-key",
        "QUIZAPP_RATELIMIT_STORAGE": redis_url,
        "QUIZAPP_JOIN_FAILURES_PER_CODE": f"{FAILED_JOINS} per minute",
        "QUIZAPP_JOIN_FAILURES_PER_ADDRESS": f"{FAILED_JOINS} per minute",
    }
    with (
        ServeProcess(env, tmp_path / "a.log", workers=2) as a,
        ServeProcess(env, tmp_path / "b.log", workers=2) as b,
    ):
        assert a.port != b.port
        yield a, b


def start_lesson(app) -> tuple[int, str]:
    """A teacher who can log in, the seed article, a pack of 24 true/false questions, a session started."""
    with app.app_context():
        teacher_id = teachers.create_teacher("tess@school.example", "Tess Teacher", PASSWORD)
        teacher = db.session.get(Teacher, teacher_id)
        pack = make_quiz_pack(teacher, make_article(owner=teacher), QUESTIONS)
        pack_id = pack.id
        db.session.commit()
    with app.app_context():
        session_id = classroom.start_session(pack_id, teacher_id)
        return session_id, classroom.owned_session(session_id, teacher_id).code


def on(pupil: Pupil, server: ServeProcess) -> Pupil:
    """The same browser (same cookie jar) sending its next requests to ``server``, as a load balancer might."""
    pupil.client.base_url = server.base_url
    return pupil


def logged_in_teacher(server: ServeProcess) -> httpx.Client:
    """A browser with the teacher logged in through the form on ``server``."""
    client = httpx.Client(base_url=server.base_url, timeout=20, verify=False)
    form = client.get("/login")
    done = client.post(
        "/login",
        data={"csrf_token": csrf_token(form.text), "email": "tess@school.example", "password": PASSWORD},
    )
    assert done.status_code == 302, done.text
    return client


def dashboard(client: httpx.Client, server: ServeProcess, session_id: int) -> dict[str, tuple[str, str]]:
    """Pupil name -> (progress, score) as the live dashboard partial from ``server`` shows them."""
    live = client.get(f"{server.base_url}/teacher/sessions/{session_id}/live")
    assert live.status_code == 200, live.status_code
    root = Page(live.text).root
    rows = root.find_all("tr", **{"data-testid": "pupil-row"})
    assert root.find(**{"data-testid": "pupil-count"}).clean_text() == str(len(rows))
    return {
        row.find(class_="pupil-name").clean_text(): (
            row.find(**{"data-testid": "progress"}).clean_text(),
            row.find(**{"data-testid": "score"}).clean_text(),
        )
        for row in rows
    }


def test_pupils_on_two_servers_one_dashboard_and_shared_rate_limits(app, servers, redis_url):
    a, b = servers
    session_id, code = start_lesson(app)

    ada = Pupil(a.base_url, code, "Ada")
    ada.join()  # on A
    for number in range(1, 11):  # odd questions on A, even ones on B, with A's cookie
        assert on(ada, a if number % 2 else b).answer(number), number
    ben = Pupil(b.base_url, code, "Ben")
    ben.join()  # on B
    for number in range(1, 7):  # 1-3 on B, 4-6 on A
        assert on(ben, b if number <= 3 else a).answer(number), number

    # Pupil.answer sends "true" unless (number + len(name)) is a multiple of 3; every statement is true.
    # Ada (3 letters), 1-10: "false" for 3, 6, 9 -> 7 right. Ben, 1-6: "false" for 3, 6 -> 4 right.
    expected = {"Ada": ("10 / 24 answered", "7"), "Ben": ("6 / 24 answered", "4")}
    teacher = logged_in_teacher(a)
    assert dashboard(teacher, a, session_id) == expected
    assert dashboard(teacher, b, session_id) == expected  # same cookie, other server, same board

    rows = stored(app, session_id)
    for pupil in (ada, ben):
        assert {n: r for n, (r, _) in rows[pupil.name].items()} == pupil.acknowledged
        assert all(saves == 1 for _, saves in rows[pupil.name].values())

    guesser = httpx.Client(timeout=20, verify=False)
    token = csrf_token(guesser.get(f"{a.base_url}/join").text)
    wrong = {"csrf_token": token, "code": "QQQQQQ", "name": "Eve"}
    statuses = [
        guesser.post(f"{(a, b)[n % 2].base_url}/join", data=wrong).status_code for n in range(FAILED_JOINS)
    ]
    assert 429 not in statuses and 303 not in statuses, (
        statuses
    )  # refused as a wrong code, half on each server
    for server in (a, b):
        limited = guesser.post(f"{server.base_url}/join", data=wrong)
        assert limited.status_code == 429, (server.base_url, limited.status_code)
        assert int(limited.headers["Retry-After"]) > 0
    keys = redis.Redis.from_url(redis_url).keys("*")
    assert any(b"join-failures-code" in key for key in keys), keys  # the counts live in Redis
