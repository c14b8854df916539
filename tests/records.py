"""Rows for tests: a teacher, an article with a hand-made analysis, a pack with questions.

Each helper adds and flushes (ids are set) but does not commit: the test
decides. Call them inside an app context.
"""

from __future__ import annotations

from factories import seed_analysis

from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion, Teacher
from quizapp.text.question import Question

# A cheap hash: scrypt takes a tenth of a second, and these teachers never log in.
NO_LOGIN = "!"


def make_teacher(email: str = "ann@school.example", name: str = "Ann Teacher") -> Teacher:
    """A teacher who cannot log in (see ``NO_LOGIN``)."""
    teacher = Teacher(email=email, display_name=name, password_hash=NO_LOGIN)
    db.session.add(teacher)
    db.session.flush()
    return teacher


def logged_in_teacher(app):
    """A new teacher of ``app`` (committed) and a test client logged in as her, as Flask-Login's cookie has it."""
    with app.app_context():
        teacher_id = make_teacher().id
        db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(teacher_id), True
    return client, teacher_id


def make_article(slug: str = "syria", owner: Teacher | None = None, analysis=None) -> Article:
    """An article with ``analysis`` (default: the hand-made seed analysis) stored as JSON."""
    article = Article(
        slug=slug,
        raw_text=f"The raw text of {slug}.",
        analysis_key="test-model@test",
        owner_id=owner.id if owner else None,
    )
    article.analysis = analysis or seed_analysis()
    db.session.add(article)
    db.session.flush()
    return article


def question(number: int) -> Question:
    """A short typed question numbered ``number``."""
    return Question(f"q{number}", "short", f"Question {number}?", (("Answer",),), evidence="Evidence.")


def make_pack(article: Article, owner: Teacher | None = None, questions: int = 3, **fields) -> Pack:
    """A pack on ``article`` with ``questions`` typed questions."""
    pack = Pack(
        article=article, owner_id=owner.id if owner else None, title=fields.pop("title", "A pack"), **fields
    )
    for number in range(1, questions + 1):
        pack.questions.append(PackQuestion(data=question(number).to_dict()))
    db.session.add(pack)
    db.session.flush()
    return pack
