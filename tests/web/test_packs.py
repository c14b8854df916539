"""The pack editor as a teacher's browser uses it: start, review, edit, reorder, copy, delete, export, import."""

import io
import re

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from records import make_article

from quizapp.extensions import db
from quizapp.models import Article, ClassSession, Pack, PackQuestion
from quizapp.models import Teacher as TeacherRow
from quizapp.services import pack_editing, teachers
from quizapp.services import packs as pack_service
from quizapp.text import pack as plain
from quizapp.text.question import Question

from .session_setup import QUESTIONS

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"


class Browser:
    """A logged-in teacher's client that sends the session's CSRF token with every POST."""

    def __init__(self, client, email):
        self.client = client
        html = client.get("/login").get_data(as_text=True)
        client.post("/login", data={"csrf_token": token(html), "email": email, "password": PASSWORD})
        self.csrf = token(client.get("/teacher/packs/import").get_data(as_text=True))

    def get(self, url, **options):
        return self.client.get(url, **options)

    def post(self, url, data=None, **options):
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **options)


@pytest.fixture
def ids(app):
    """Ann and Bob; an article of Ann's with a three-question pack: (ann id, bob id, article id, pack id)."""
    with app.app_context():
        ann = teachers.create_teacher("ann@school.example", "Ann Rivera", PASSWORD)
        bob = teachers.create_teacher("bob@school.example", "Bob Stone", PASSWORD)
        article = make_article(owner=db.session.get(TeacherRow, ann))
        db.session.commit()
        data = plain.Pack(title="Syria quiz", article=pack_service.pack_article(article), questions=QUESTIONS)
        pack_id = pack_service.create_pack(data, article_id=article.id, owner_id=ann)
        return ann, bob, article.id, pack_id


@pytest.fixture
def ann(client, ids):
    return Browser(client, "ann@school.example")


def stored(app, pack_id):
    with app.app_context():
        return pack_service.get_pack(pack_id).questions


def count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_pack_started_from_an_article_holds_its_generated_questions(app, client, seed_article):
    with app.app_context():
        teachers.create_teacher("ann@school.example", "Ann Rivera", PASSWORD)
    ann = Browser(client, "ann@school.example")
    assert "Start a pack from this article" in text(ann.get("/teacher/packs/new"))
    response = ann.post("/teacher/packs/new", {"article_id": seed_article.id})
    pack_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored(app, pack_id) == tuple(seed_article.analysis.questions) and seed_article.analysis.questions
    page = text(ann.get(f"/teacher/packs/{pack_id}"))
    assert seed_article.analysis.questions[0].prompt.replace("'", "&#39;") in page
    assert "Questions on" in text(ann.get("/teacher"))


def test_the_review_page_lists_the_questions_with_their_buttons(ann, ids):
    page = text(ann.get(f"/teacher/packs/{ids[3]}"))
    assert "Who backs the government?" in page and "Move down" in page and "Duplicate pack" in page
    for fmt in ("json", "yaml", "gift", "xml"):
        assert f"/teacher/packs/{ids[3]}/export/{fmt}" in page


def test_editing_a_question_saves_it(app, ann, ids):
    response = ann.post(
        f"/teacher/packs/{ids[3]}/questions/1/edit",
        {
            "prompt": "Which countries back the government?",
            "part1": "Russia\nMoscow",
            "part2": "Iran",
            "evidence": "Backed by Russia and Iran.",
            "skill": "recall",
            "difficulty": "0.4",
            "save": "1",
        },
    )
    assert response.status_code == 302
    first = stored(app, ids[3])[0]
    assert (first.prompt, first.answer, first.difficulty, first.id) == (
        "Which countries back the government?",
        (("Russia", "Moscow"), ("Iran",)),
        0.4,
        "q1",
    )


def test_a_choice_answer_not_among_the_choices_is_refused_beside_the_field(app, ann, ids):
    before = stored(app, ids[3])
    response = ann.post(
        f"/teacher/packs/{ids[3]}/questions/2/edit",
        {
            "prompt": "Which town?",
            "choices": "al-Sukhna\nDamascus",
            "correct": "Palmyra",
            "skill": "recall",
            "difficulty": "0.5",
            "save": "1",
        },
    )
    assert response.status_code == 422
    assert re.search(r'id="correct-error">[^<]*&#39;Palmyra&#39; is not among the choices', text(response))
    assert stored(app, ids[3]) == before


def test_a_cloze_needs_exactly_one_gap(app, ann, ids):
    response = ann.post(
        f"/teacher/packs/{ids[3]}/questions/new?type=cloze",
        {"prompt": "No gap here.", "part1": "x", "skill": "recall", "difficulty": "0.5"},
    )
    assert response.status_code == 422 and "exactly one _____" in text(response)
    ok = ann.post(
        f"/teacher/packs/{ids[3]}/questions/new?type=cloze",
        {
            "prompt": "Backed by _____ and Iran.",
            "part1": "Russia",
            "skill": "vocabulary",
            "difficulty": "0.3",
        },
    )
    assert ok.status_code == 302
    assert stored(app, ids[3])[-1] == Question(
        "t1", "cloze", "Backed by _____ and Iran.", (("Russia",),), skill="vocabulary", difficulty=0.3
    )


def test_the_preview_shows_the_pupil_form_and_grades_the_sample(ann, ids):
    data = {
        "type": "choice",
        "prompt": "Which town?",
        "choices": "al-Sukhna\nDamascus",
        "correct": "al-Sukhna",
        "skill": "recall",
        "difficulty": "0.5",
        "sample": "Damascus",
    }
    partial = text(ann.post(f"/teacher/packs/{ids[3]}/questions/preview", data))
    assert 'type="radio"' in partial and "Which town?" in partial and "Incorrect" in partial
    page = ann.post(
        f"/teacher/packs/{ids[3]}/questions/2/edit", {**data, "sample": "al-Sukhna", "preview": "1"}
    )
    assert page.status_code == 200 and "Correct" in text(page) and 'id="preview"' in text(page)


def test_deleting_and_moving_questions(app, ann, ids):
    ann.post(f"/teacher/packs/{ids[3]}/questions/3/move", {"step": "-1"})
    assert [q.id for q in stored(app, ids[3])] == ["q1", "q3", "q2"]
    ann.post(f"/teacher/packs/{ids[3]}/questions/1/move", {"step": "-1"})  # already first: stays
    assert [q.id for q in stored(app, ids[3])] == ["q1", "q3", "q2"]
    ann.post(f"/teacher/packs/{ids[3]}/questions/1/delete")
    assert [q.id for q in stored(app, ids[3])] == ["q3", "q2"]
    assert count(app, PackQuestion) == 2


def test_duplicating_a_pack_makes_a_copy_of_it(app, ann, ids):
    response = ann.post(f"/teacher/packs/{ids[3]}/duplicate")
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        copy, original = pack_service.get_pack(copy_id), pack_service.get_pack(ids[3])
    assert copy.title == "Copy of Syria quiz" and copy.questions == original.questions and copy_id != ids[3]


def test_deleting_a_pack_asks_first(app, ann, ids):
    confirm = ann.get(f"/teacher/packs/{ids[3]}/delete")
    assert "Delete “Syria quiz”?" in text(confirm) and count(app, Pack) == 1
    assert ann.post(f"/teacher/packs/{ids[3]}/delete").status_code == 302
    assert count(app, Pack) == 0 and count(app, PackQuestion) == 0 and count(app, Article) == 1


def test_saving_the_settings(app, ann, ids):
    ann.post(
        f"/teacher/packs/{ids[3]}",
        {
            "title": "Syria, Year 7",
            "level": "Year 7",
            "feedback": "end",
            "attempts": "2",
            "shuffle_choices": "y",
        },
    )
    with app.app_context():
        data = pack_service.get_pack(ids[3])
    assert (data.title, data.level, data.settings) == (
        "Syria, Year 7",
        "Year 7",
        plain.PackSettings(False, True, "end", 2),
    )


@pytest.mark.parametrize(
    "fmt, mimetype, suffix",
    [
        ("json", "application/json", "json"),
        ("yaml", "application/yaml", "yaml"),
        ("gift", "text/plain", "gift"),
        ("xml", "application/xml", "xml"),
    ],
)
def test_export_then_import_gives_back_the_same_questions(
    app, ann, ids, stub_pipeline, fmt, mimetype, suffix
):
    exported = ann.get(f"/teacher/packs/{ids[3]}/export/{fmt}")
    assert exported.mimetype == mimetype
    assert exported.headers["Content-Disposition"] == f'attachment; filename="syria-quiz.{suffix}"'
    response = ann.post(
        "/teacher/packs/import",
        {"file": (io.BytesIO(exported.data), f"pack.{suffix}")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored(app, new_id) == QUESTIONS
    with app.app_context():
        assert (
            db.session.get(Pack, new_id).owner_id == ids[0]
            and db.session.get(Pack, new_id).article.owner_id == ids[0]
        )


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"format": "quizapp-pack", "title": "x"', "JSON"),
        (b"::Q1:: What? {=a ~b", "line"),
        (
            b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
            "DTD",
        ),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_saved(app, ann, ids, stub_pipeline, content, message):
    before = (count(app, Pack), count(app, Article), count(app, PackQuestion))
    name = "bad.json" if content.startswith(b"{") else "bad.xml" if content.startswith(b"<") else "bad.gift"
    response = ann.post(
        "/teacher/packs/import", {"file": (io.BytesIO(content), name)}, content_type="multipart/form-data"
    )
    assert response.status_code == 422 and 'id="file-error"' in text(response)
    assert (count(app, Pack), count(app, Article), count(app, PackQuestion)) == before
    assert stub_pipeline == []


def everything(app):
    """Every pack as plain data, with what only its owner sees, and how many lessons were started."""
    with app.app_context():
        packs = db.session.scalars(sa.select(Pack).order_by(Pack.id)).all()
        lessons = db.session.scalar(sa.select(sa.func.count(ClassSession.id)))
        return [(pack_service.get_pack(p.id), p.owner_id, p.public, p.needs_review) for p in packs], lessons


def test_another_teacher_can_neither_see_nor_change_a_pack_and_it_stays_as_it_was(app, client, ids):
    """Issue 13: the services check the owner; Bob gets the plain 404 page whatever he tries on Ann's pack."""
    with app.app_context():
        db.session.get(Pack, ids[3]).needs_review = True  # so "I have checked" would change something
        db.session.commit()
    before = everything(app)
    bob = Browser(client, "bob@school.example")
    pack = f"/teacher/packs/{ids[3]}"
    question = {"prompt": "Bob's question?", "part1": "Bob", "skill": "recall", "difficulty": "0.5"}
    gets = [pack, f"{pack}/export/json", f"{pack}/export/gift", f"{pack}/delete", f"{pack}/questions/1/edit"]
    posts = [
        (pack, {"title": "Bob's now", "feedback": "end", "attempts": "1"}),
        (f"{pack}/public", {"public": "1"}),
        (f"{pack}/duplicate", {}),
        (f"{pack}/delete", {}),
        (f"{pack}/sessions", {}),
        (f"{pack}/questions/new?type=short", question),
        (f"{pack}/questions/1/edit", question),
        (f"{pack}/questions/preview", {"type": "short", **question}),
        (f"{pack}/questions/1/delete", {}),
        (f"{pack}/questions/1/move", {"step": "1"}),
        (f"/teacher/articles/packs/{ids[3]}/reviewed", {"confirm": "yes"}),
    ]
    responses = [bob.get(url) for url in gets] + [bob.post(url, data) for url, data in posts]
    for response in responses:
        assert response.status_code == 404 and "Syria quiz" not in text(response)
        assert "Who backs the government?" not in text(response)
    assert everything(app) == before  # not renamed, shared, copied, deleted, started or edited


def test_posts_need_the_csrf_token(app, client, ids):
    Browser(client, "ann@school.example")
    assert client.post(f"/teacher/packs/{ids[3]}/delete").status_code == 400
    assert client.post(f"/teacher/packs/{ids[3]}/questions/1/delete").status_code == 400
    assert count(app, Pack) == 1 and count(app, PackQuestion) == 3


def test_the_pages_need_a_login(client, ids):
    response = client.get(f"/teacher/packs/{ids[3]}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_what_the_teacher_types_is_escaped_everywhere(app, ann, ids):
    evil = "<script>alert(1)</script>"
    ann.post(
        f"/teacher/packs/{ids[3]}/questions/1/edit",
        {
            "prompt": f"Who {evil}?",
            "part1": evil,
            "skill": "recall",
            "difficulty": "0.5",
            "sample": evil,
            "preview": "1",
        },
    )
    ann.post(
        f"/teacher/packs/{ids[3]}/questions/1/edit",
        {"prompt": f"Who {evil}?", "part1": evil, "skill": "recall", "difficulty": "0.5"},
    )
    for url in (f"/teacher/packs/{ids[3]}", f"/teacher/packs/{ids[3]}/questions/1/edit", "/teacher"):
        page = text(ann.get(url))
        assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text(ann.get(f"/teacher/packs/{ids[3]}"))


def test_the_article_page_offers_teachers_a_pack_and_pupils_nothing(app, client, ids):
    assert "Start a pack" not in text(client.get("/articles/syria"))
    ann = Browser(client, "ann@school.example")
    page = text(ann.get("/articles/syria"))
    assert (
        "Start a pack from this article's questions" in page and f'name="article_id" value="{ids[2]}"' in page
    )
    response = ann.post("/teacher/packs/new", {"article_id": ids[2]})
    assert response.status_code == 302 and count(app, Pack) == 2


def test_a_pack_cannot_start_from_another_teachers_article(app, client, ids):
    bob = Browser(client, "bob@school.example")
    assert bob.post("/teacher/packs/new", {"article_id": ids[2]}).status_code == 404
    assert count(app, Pack) == 1


def test_editing_a_multi_question_keeps_the_other_forms_of_its_answers(app, ann, ids):
    multi = Question(
        "q4",
        "multi",
        "Who backs the government?",
        (("Russia", "Moscow"), ("Iran", "Tehran")),
        choices=("Russia", "Iran", "Iraq"),
    )
    with app.app_context():
        pack_editing.put_question(ids[3], ids[0], multi)
    ann.post(
        f"/teacher/packs/{ids[3]}/questions/4/edit",
        {
            "prompt": "Which countries back the government?",
            "choices": "Russia\nIran\nIraq",
            "correct_many": "Russia\nIran",
            "skill": "recall",
            "difficulty": "0.5",
        },
    )
    assert stored(app, ids[3])[-1].answer == (("Russia", "Moscow"), ("Iran", "Tehran"))
