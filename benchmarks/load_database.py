"""The classroom load benchmark's database work: set up a teacher and sessions, and check the answers after.

Set-up goes the way an admin and a teacher would: ``quizapp prepare``
(migrations, the seed article and its pack) as a command, then the teacher
account and the sessions through the services, in this process, on the same
database the server uses. This process never forks, and its engine has no
pool (NullPool), so it holds no connection (and on SQLite no lock) while the
server runs.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from faults.serve_process import QUIZAPP
from sqlalchemy.pool import NullPool


@dataclass(frozen=True)
class Session:
    """A started session: its join code and its questions (as stored, ``Question.to_dict()``)."""

    code: str
    questions: list[dict]


def prepare(url: str) -> None:
    """Migrate and load the seeds with ``quizapp prepare`` (it analyses the seed once, a few seconds)."""
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([str(QUIZAPP), "prepare"], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"quizapp prepare failed:\n{done.stdout}{done.stderr}")


def app_for(url: str):
    """An app on ``url`` for set-up and checks (no pool: nothing held while the server runs)."""
    from quizapp import create_app

    return create_app(
        {
            "SECRET_KEY": "benchmark",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool},
        }
    )


def start_sessions(app, count: int, email: str) -> list[Session]:
    """A teacher (``email``) who starts ``count`` sessions of the seed pack."""
    from quizapp.extensions import db
    from quizapp.models import ClassSession, Pack
    from quizapp.services import classroom, teachers

    with app.app_context():
        teacher_id = teachers.create_teacher(email, "Load Test", "benchmark-password")
        pack_id = db.session.scalar(sa.select(Pack.id).where(Pack.owner_id.is_(None)).order_by(Pack.id))
        db.session.rollback()
        sessions = []
        for _ in range(count):
            session_id = classroom.start_session(pack_id, teacher_id)
            row = db.session.get(ClassSession, session_id)
            sessions.append(Session(row.code, list(row.questions)))
            db.session.rollback()
        return sessions


def stored_answers(app, codes: list[str]) -> dict[tuple[str, str], dict[int, tuple[object, int]]]:
    """(code, pupil name) -> {question number: (response, saves)} for every stored answer of those sessions."""
    from quizapp.extensions import db
    from quizapp.models import Answer, ClassSession, Participant

    query = (
        sa.select(ClassSession.code, Participant.name, Answer.number, Answer.response, Answer.saves)
        .join(Participant, Participant.id == Answer.participant_id)
        .join(ClassSession, ClassSession.id == Answer.session_id)
        .where(ClassSession.code.in_(codes))
    )
    stored: dict = {}
    with app.app_context():
        for code, name, number, response, saves in db.session.execute(query):
            stored.setdefault((code, name), {})[number] = (response, saves)
        db.session.rollback()
    return stored


def participants(app, codes: list[str]) -> Counter:
    """How many participant rows each (code, name) has."""
    from quizapp.extensions import db
    from quizapp.models import ClassSession, Participant

    query = (
        sa.select(ClassSession.code, Participant.name)
        .join(ClassSession, ClassSession.id == Participant.session_id)
        .where(ClassSession.code.in_(codes))
    )
    with app.app_context():
        found = Counter(db.session.execute(query).all())
        db.session.rollback()
    return found


def check(app, pupils) -> dict:
    """Compare what the server accepted with what the database holds.

    * lost: a 2xx answer missing, or stored with a different response;
    * twice: an answer saved more than once (each was posted once), or a
      pupil with more than one participant row;
    * unconfirmed: stored although its request did not get a 2xx (a timeout
      after the commit): not an error of the server, but counted.
    """
    codes = sorted({p.code for p in pupils})
    stored = stored_answers(app, codes)
    rows = participants(app, codes)
    result = {
        "accepted": 0,
        "stored": sum(len(v) for v in stored.values()),
        "lost": 0,
        "twice": 0,
        "unconfirmed": 0,
    }
    for pupil in pupils:
        mine = stored.get((pupil.code, pupil.name), {})
        result["twice"] += rows[(pupil.code, pupil.name)] > 1
        for number, response in pupil.accepted.items():
            result["accepted"] += 1
            if number not in mine or mine[number][0] != response:
                result["lost"] += 1
            elif mine[number][1] != 1:
                result["twice"] += 1
        result["unconfirmed"] += len(set(mine) - set(pupil.accepted))
    return result
