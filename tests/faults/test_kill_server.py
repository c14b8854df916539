"""Kill the server in the middle of a class, start it again: no acknowledged answer is lost, pupils carry on.

A real ``quizapp serve`` (2 workers) runs as a child process. Four pupils
join through the form, then answer 24 true/false questions each as fast as
the server replies, in background threads. Once 16 answers have been
acknowledged, the master and both workers get SIGKILL at once (a power cut,
an out-of-memory kill), with requests in flight. The server is started again
on the same port with the same secret key; each pupil's browser (the same
httpx client, so the same cookie) opens the class page, finds its answers,
and answers the rest.

An answer whose request got no reply when the server died may or may not
be stored (the commit may have happened just before the kill): that is
allowed, and the pupil answers it again. An answer that got a 2xx must be
stored, with the response sent.
"""

import threading
import time

import httpx
import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token, start_class_session
from html_tree import Page

from faults.serve_process import ServeProcess
from quizapp.extensions import db
from quizapp.models import Answer, Participant
from quizapp.text.question import Question

pytestmark = pytest.mark.db

QUESTIONS = tuple(
    Question(f"s{n}", "truefalse", f"Statement {n} is in the article.", (("true",),)) for n in range(1, 25)
)
PUPILS = ("Ada", "Ben", "Cy", "Dee")
KILL_AFTER = 16  # acknowledged answers, in all, before the kill


class Pupil:
    """A pupil's browser: its own cookie jar, and the answers the server acknowledged."""

    def __init__(self, base_url: str, code: str, name: str):
        self.client = httpx.Client(base_url=base_url, timeout=20, verify=False)  # plain HTTP: no CA loading
        self.code, self.name = code, name
        self.acknowledged: dict[int, str] = {}
        self.token = ""

    def join(self) -> None:
        """Join through the form, as a browser does; keep the class page's CSRF token."""
        form = self.client.get(f"/join/{self.code}")
        joined = self.client.post(
            "/join", data={"csrf_token": csrf_token(form.text), "code": self.code, "name": self.name}
        )
        assert joined.status_code == 303, joined.text
        self.token = csrf_token(self.class_page().text)

    def class_page(self) -> httpx.Response:
        """The class page (200, or the test fails here)."""
        page = self.client.get(f"/class/{self.code}")
        assert page.status_code == 200, page.status_code
        return page

    def answer(self, number: int) -> bool:
        """Autosave an answer as htmx does; True if the server acknowledged it, False if it did not reply."""
        response = "true" if (number + len(self.name)) % 3 else "false"
        try:
            saved = self.client.post(
                f"/class/{self.code}/answers/{number}",
                headers={"HX-Request": "true"},
                data={"csrf_token": self.token, "response": response},
            )
        except httpx.HTTPError:
            return False
        if 200 <= saved.status_code < 300:
            self.acknowledged[number] = response
            return True
        return False

    def answer_from(self, first: int) -> None:
        """Answer questions ``first``... in order until the server stops replying (or all are done)."""
        for number in range(first, len(QUESTIONS) + 1):
            if not self.answer(number):
                return


def stored(app, code_session_id: int) -> dict[str, dict[int, tuple[str, int]]]:
    """Pupil name -> {number: (response, saves)} as the database holds them."""
    query = (
        sa.select(Participant.name, Answer.number, Answer.response, Answer.saves)
        .join(Participant, Participant.id == Answer.participant_id)
        .where(Answer.session_id == code_session_id)
    )
    with app.app_context():
        rows = db.session.execute(query).all()
        db.session.rollback()
    found: dict = {}
    for name, number, response, saves in rows:
        found.setdefault(name, {})[number] = (response, saves)
    return found


def kill_mid_class(server: ServeProcess, pupils: list[Pupil]) -> None:
    """Pupils answer in background threads; SIGKILL the whole server once KILL_AFTER answers are acknowledged."""
    threads = [threading.Thread(target=p.answer_from, args=(1,), daemon=True) for p in pupils]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while sum(len(p.acknowledged) for p in pupils) < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.005)
    server.kill()
    for thread in threads:
        thread.join(timeout=30)


def test_answers_acknowledged_before_a_kill_survive_it_and_pupils_resume(app, database_url, tmp_path):
    lesson = start_class_session(app, questions=QUESTIONS)
    env = {"DATABASE_URL": database_url, "QUIZAPP_SECRET_KEY": "kill-test-key"}
    first = ServeProcess(env, tmp_path / "serve.log", workers=2).start()
    try:
        pupils = [Pupil(first.base_url, lesson.code, name) for name in PUPILS]
        for pupil in pupils:
            pupil.join()
        kill_mid_class(first, pupils)
    finally:
        first.kill()
    before = {p.name: dict(p.acknowledged) for p in pupils}
    assert KILL_AFTER <= sum(map(len, before.values())) < len(PUPILS) * len(QUESTIONS)  # killed mid-class

    after_kill = stored(app, lesson.session_id)
    for name, acknowledged in before.items():
        assert {
            n: after_kill[name][n][0] for n in acknowledged
        } == acknowledged  # nothing acknowledged is lost

    with ServeProcess(env, tmp_path / "serve.log", workers=2, port=first.port):
        for pupil in pupils:
            page = Page(pupil.class_page().text).root  # the same cookie, a new server: still this pupil
            assert page.find(**{"data-testid": "pupil-name"}).clean_text() == pupil.name
            for number in before[pupil.name]:
                assert page.find(**{"data-testid": f"status-{number}"}).clean_text().startswith("Saved")
        resumed = [threading.Thread(target=p.answer_from, args=(len(before[p.name]) + 1,)) for p in pupils]
        for thread in resumed:
            thread.start()
        for thread in resumed:
            thread.join(timeout=60)
    assert [len(p.acknowledged) for p in pupils] == [len(QUESTIONS)] * len(PUPILS)

    final = stored(app, lesson.session_id)
    for pupil in pupils:
        assert {
            n: r for n, (r, _) in final[pupil.name].items()
        } == pupil.acknowledged  # one row each, as sent
        assert all(final[pupil.name][n][1] == 1 for n in before[pupil.name])  # acknowledged once, saved once
