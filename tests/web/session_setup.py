"""Two teachers, a three-question pack and a started session, for the tests of the teacher's session pages.

Pupils' answers are made with the classroom service itself (``join``,
``save_answer``), as the pupil pages make them; the expected scores and
counts in the tests were worked out by hand from the answers ``answered`` gives.
"""

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Pack, PackQuestion
from quizapp.services import classroom
from quizapp.text.question import Question

QUESTIONS = (
    Question(
        "q1",
        "short",
        "Who backs the government?",
        (("Russia", "Moscow"), ("Iran",)),
        evidence="Backed by Russia and Iran.",
    ),
    Question(
        "q2",
        "choice",
        "Which town was captured?",
        (("al-Sukhna",),),
        choices=("al-Sukhna", "Deir al-Zor", "Damascus"),
    ),
    Question("q3", "truefalse", "Assad seems in danger today.", (("false",),)),
)
ALPHABET = set("ACDEFGHJKMNPQRTUVWXY34679")


class Teacher:
    """A logged-in teacher's client that sends a CSRF token with every POST (``csrf=False`` leaves it out)."""

    def __init__(self, app, teacher_id):
        self.client = app.test_client()
        with self.client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = str(teacher_id), True
        self.csrf = csrf_token(self.client.get("/teacher/packs/import").get_data(as_text=True))

    def get(self, url, **options):
        return self.client.get(url, **options)

    def post(self, url, data=None, csrf=True, **options):
        return self.client.post(
            url, data={**({"csrf_token": self.csrf} if csrf else {}), **(data or {})}, **options
        )


@pytest.fixture
def ids(app):
    """Ann (with a three-question pack on an article of hers) and Bob: (ann id, bob id, pack id)."""
    with app.app_context():
        ann, bob = make_teacher(), make_teacher("bob@school.example", "Bob Stone")
        article = make_article(owner=ann)
        pack = Pack(article=article, owner_id=ann.id, title="Syria quiz = war")
        pack.questions = [PackQuestion(data=q.to_dict()) for q in QUESTIONS]
        db.session.add(pack)
        db.session.commit()
        return ann.id, bob.id, pack.id


@pytest.fixture
def ann(app, ids):
    return Teacher(app, ids[0])


@pytest.fixture
def bob(app, ids):
    return Teacher(app, ids[1])


@pytest.fixture
def started(app, ids, ann):
    """A session Ann started from the pack page: (session id, code)."""
    response = ann.post(f"/teacher/packs/{ids[2]}/sessions")
    session_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        return session_id, db.session.get(ClassSession, session_id).code


@pytest.fixture
def answered(app, started):
    """Sam and Ali joined and answered: Sam got questions 2 and 3 right, Ali got both wrong; nobody did 1.

    Returns (session id, code, {name: participant id}).
    """
    session_id, code = started
    with app.app_context():
        sam, ali = classroom.join(code, "Sam"), classroom.join(code, "Ali")
        classroom.save_answer(code, sam.token, 2, "al-Sukhna")
        classroom.save_answer(code, sam.token, 3, "false")
        classroom.save_answer(code, ali.token, 2, "Damascus")
        classroom.save_answer(code, ali.token, 3, "true")
    return session_id, code, {"Sam": sam.participant_id, "Ali": ali.participant_id}


def text(response) -> str:
    return response.get_data(as_text=True)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def stored_answer(app, participant_id, number) -> Answer:
    with app.app_context():
        row = db.session.scalars(
            sa.select(Answer).where(Answer.participant_id == participant_id, Answer.number == number)
        ).one()
        db.session.expunge(row)
        return row


def rows_by_name(page):
    """The dashboard's pupil rows, by the name in each row's header cell."""
    return {
        row.find(class_="pupil-name").clean_text(): row
        for row in page.find_all("tr", **{"data-testid": "pupil-row"})
    }
