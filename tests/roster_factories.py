"""Classes for tests: a teacher's class list, a pack whose four questions practise the four skills, and
sessions of it run with the class.

``SKILL_PACK``'s questions are all multiple choice, so a right answer is its
first choice and a wrong one its second: the expected scores in the tests
are worked out by hand from that.
"""

from __future__ import annotations

from dataclasses import dataclass

from classroom_factories import make_quiz_pack
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.services import classroom, roster_sessions, rosters
from quizapp.text.question import Question
from quizapp.text.questions.families.main_idea import PROMPT as MAIN_IDEA

SKILL_PACK = (
    Question(
        "recall",
        "choice",
        "Which town was captured?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Damascus", "Beirut"),
        skill="recall",
    ),
    Question(
        "word",
        "choice",
        "In the article, “hailed” means …",
        (("praised",),),
        choices=("praised", "rained on", "called"),
        skill="vocabulary",
    ),
    Question(
        "why",
        "choice",
        "Why does the government hope to move fast?",
        (("to beat the militias",),),
        choices=("to beat the militias", "to hold elections", "to end the war"),
        skill="inference",
    ),
    Question(
        "gist",
        "choice",
        MAIN_IDEA,
        (("The war has entered a new phase.",),),
        choices=("The war has entered a new phase.", "A town was captured.", "Truces were agreed."),
        skill="inference",
    ),
)
RIGHT = {n: q.choices[0] for n, q in enumerate(SKILL_PACK, start=1)}
WRONG = {n: q.choices[1] for n, q in enumerate(SKILL_PACK, start=1)}


@dataclass(frozen=True)
class Room:
    """A teacher's class and a pack to run with it."""

    owner_id: int
    class_id: int
    pack_id: int


def make_room(
    app,
    names: str = "Ada\nBen\nCy",
    email: str = "ann@school.example",
    slug: str = "syria",
    class_name: str = "7B",
) -> Room:
    """A teacher, the skills pack and a class called ``class_name`` with ``names`` on its list."""
    with app.app_context():
        teacher = make_teacher(email=email)
        pack = make_quiz_pack(teacher, make_article(slug=slug, owner=teacher), SKILL_PACK, title="Syria")
        owner_id, pack_id = teacher.id, pack.id
        db.session.commit()
        class_id = rosters.create_class(owner_id, class_name, names)
    return Room(owner_id, class_id, pack_id)


def run_session(app, room: Room) -> tuple[int, str]:
    """A session of the pack started for the class: ``(session id, code)``."""
    with app.app_context():
        session_id = roster_sessions.start_for_class(room.class_id, room.owner_id, room.pack_id)
        return session_id, classroom.owned_session(session_id, room.owner_id).code


def pupil_id(app, room: Room, name: str) -> int:
    """The id of ``name`` on the class list."""
    with app.app_context():
        return next(p.id for p in rosters.owned_class(room.class_id, room.owner_id).pupils if p.name == name)


def join_and_answer(app, room: Room, code: str, name: str, responses: dict, finish: bool = False) -> int:
    """``name`` picks their name, saves ``responses`` (number -> choice), maybe hands in; the participant id."""
    with app.app_context():
        joined = roster_sessions.join_as(code, pupil_id(app, room, name))
        for number, response in responses.items():
            classroom.save_answer(code, joined.token, number, response)
        if finish:
            classroom.finish(code, joined.token)
        return joined.participant_id
