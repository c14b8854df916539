"""Classroom sessions for tests: a teacher, the seed article, a pack of four question types, started.

``start_class_session(app)`` makes everything a pupil needs and returns a
``Lesson`` (ids and the join code); ``join_pupil`` joins one pupil through
the service, and ``join_client`` through the /join form, so a test client
carries the pupil's cookie. Each opens its own app context and commits.

The questions are on the hand-made seed analysis (tests/factories.py);
``RIGHT`` and ``WRONG`` are answers to each that the grader marks correct
and incorrect (checked by hand against docs/grading.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.models import Pack, PackQuestion
from quizapp.services import classroom
from quizapp.text.question import Question

QUESTIONS = (
    Question(
        "backers",
        "short",
        "Which two countries back the Syrian government? Name both.",
        (("Russia", "Russians", "Moscow"), ("Iran", "Iranians", "Tehran")),
        distractors=("United States", "Iraq", "Turkey"),
        evidence="Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias.",
    ),
    Question(
        "town",
        "choice",
        "Which town did the government capture on Saturday?",
        (("al-Sukhna", "Sukhna"),),
        choices=("al-Sukhna", "Deir al-Zor", "Damascus", "Beirut"),
        evidence="Damascus hailed the capture of the town of al-Sukhna on Saturday.",
    ),
    Question(
        "allies",
        "multi",
        "Which countries back the government? Tick all that apply.",
        (("Russia",), ("Iran",)),
        choices=("Russia", "Iran", "Turkey", "France"),
        evidence="Backed by Russia and Iran, the government hopes to steal a march.",
    ),
    Question(
        "talks",
        "truefalse",
        "The truces have already brought the two sides back to peace talks.",
        (("false",),),
        evidence="But there is no sign of these truces leading to a revival of peace talks.",
    ),
)
# Responses by question number (1-based), as the form posts them.
RIGHT = {1: "Russia and Iran", 2: "al-Sukhna", 3: ["Russia", "Iran"], 4: "false"}
WRONG = {1: "Turkey", 2: "Beirut", 3: ["Turkey", "France"], 4: "true"}


@dataclass(frozen=True)
class Lesson:
    """A started session and who and what it belongs to."""

    session_id: int
    code: str
    owner_id: int
    pack_id: int
    article_slug: str


def make_quiz_pack(owner, article, questions=QUESTIONS, **fields) -> Pack:
    """A pack on ``article`` with ``questions`` (flushed, not committed; inside an app context)."""
    pack = Pack(
        article=article,
        owner_id=owner.id if owner else None,
        title=fields.pop("title", "Syria lesson"),
        **fields,
    )
    for question in questions:
        pack.questions.append(PackQuestion(data=question.to_dict()))
    db.session.add(pack)
    db.session.flush()
    return pack


def start_class_session(
    app,
    *,
    feedback: str = "immediate",
    shuffle_choices: bool = False,
    questions=QUESTIONS,
    email: str = "ann@school.example",
    slug: str = "syria",
    title: str = "Syria lesson",
    **settings,
) -> Lesson:
    """A teacher, an article and a pack with ``questions``, and a session of it started by the teacher.

    ``settings`` are more of the pack's columns (``shuffle_questions``,
    ``attempts``, ``description``). Call once per test database per
    ``email``/``slug`` (both are unique).
    """
    with app.app_context():
        teacher = make_teacher(email=email)
        article = make_article(slug=slug, owner=teacher)
        pack = make_quiz_pack(
            teacher,
            article,
            questions,
            feedback=feedback,
            shuffle_choices=shuffle_choices,
            title=title,
            **settings,
        )
        owner_id, pack_id = teacher.id, pack.id
        db.session.commit()
        session_id = classroom.start_session(pack_id, owner_id)
        code = classroom.owned_session(session_id, owner_id).code
    return Lesson(session_id, code, owner_id, pack_id, slug)


def join_pupil(app, code: str, name: str = "Sam") -> classroom.Joined:
    """Join ``name`` to the session ``code`` through the service (no cookie): its token and display name."""
    with app.app_context():
        return classroom.join(code, name)


def answer_all(app, code: str, token: str, responses: dict) -> None:
    """Save ``responses`` (number -> response) for the pupil with ``token``."""
    with app.app_context():
        for number, response in responses.items():
            classroom.save_answer(code, token, number, response)


def rows(model, *where) -> list:
    """Every ``model`` row matching ``where`` (a fresh read, in the caller's app context)."""
    db.session.rollback()
    return list(db.session.scalars(sa.select(model).where(*where)))


def csrf_token(html: str) -> str:
    """The CSRF token of the page's first form."""
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group()
    return re.search(r'value="([^"]+)"', field).group(1)


def join_client(client, code: str, name: str = "Sam"):
    """Join through the /join form with ``client``, as a browser does (CSRF token and all); the response, not followed.

    Afterwards ``client`` carries the pupil's cookie for the session.
    """
    token = csrf_token(client.get("/join").get_data(as_text=True))
    return client.post("/join", data={"csrf_token": token, "code": code, "name": name})
