"""Homework for tests: a teacher's pack, and a week of homework on it at times the test controls.

Times are fixed, never the wall clock. The teacher is in Europe/Berlin,
an hour ahead of UTC in December (CET), so every test that reads a time
back also checks the conversion: 09:00 in Berlin is 08:00 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from classroom_factories import make_quiz_pack
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.services import classroom, homework

ZONE = "Europe/Berlin"
OPENS = "2026-12-07T09:00"  # Monday, Berlin time
DUE = "2026-12-11T17:00"  # Friday, Berlin time
OPENS_UTC = datetime(2026, 12, 7, 8, 0)
DUE_UTC = datetime(2026, 12, 11, 16, 0)
BEFORE = datetime(2026, 12, 4, 12, 0)  # the Friday before: the teacher sets the homework
DURING = datetime(2026, 12, 9, 12, 0)  # Wednesday
AFTER = datetime(2026, 12, 11, 16, 0)  # the due time itself: from then on it is late


@dataclass(frozen=True)
class Set:
    """A homework session and its teacher."""

    session_id: int
    code: str
    owner_id: int
    pack_id: int


def make_pack_for(app, email: str = "ann@school.example", slug: str = "syria") -> tuple[int, int]:
    """A teacher with a pack of the four classroom questions: ``(owner_id, pack_id)`` (committed)."""
    with app.app_context():
        teacher = make_teacher(email=email)
        pack = make_quiz_pack(teacher, make_article(slug=slug, owner=teacher))
        ids = teacher.id, pack.id
        db.session.commit()
    return ids


def set_homework(app, *, opens: str = OPENS, due: str = DUE, now: datetime = BEFORE, **teacher) -> Set:
    """A pack set as homework from ``opens`` to ``due`` (Berlin time), set at ``now``."""
    owner_id, pack_id = make_pack_for(app, **teacher)
    with app.app_context():
        session_id = homework.start_homework(pack_id, owner_id, opens=opens, due=due, timezone=ZONE, now=now)
        code = classroom.owned_session(session_id, owner_id).code
    return Set(session_id, code, owner_id, pack_id)
