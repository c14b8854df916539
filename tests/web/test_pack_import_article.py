"""Issue 16, item 6: a Moodle GIFT file has questions and no article; the import page attaches one.

Before, such a file was imported with the file's name as its whole article ("moodle"), and the page said
"attach the article" with no way to. Now the teacher chooses one of her articles (or a shared one) or
pastes the text; without either, nothing is imported and the page says why.
"""

import io
import re

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from records import make_article, make_teacher

from quizapp.extensions import db
from quizapp.models import Article, Pack, Teacher
from quizapp.services import packs as pack_service

pytestmark = pytest.mark.db

IMPORT = "/teacher/packs/import"
GIFT = (
    b"// question: 1 name: Backers\n::Backers::Who backs the government? {=Russia =Iran}\n\n"
    b"// question: 2 name: Town\n::Town::Which town was captured? {=al-Sukhna ~Damascus ~Palmyra}\n"
)
PASTED = (
    "Rain closes schools\n\nHeavy rain closed twelve schools in the valley on Monday.\n\n"
    "The mayor said the water would fall by Wednesday."
)


@pytest.fixture
def ann(app, teacher_client):
    """The logged-in teacher, with an article of her own; (client, her article's id)."""
    with app.app_context():
        article_id = make_article("anns-syria", owner=db.session.get(Teacher, teacher_client.teacher_id)).id
        db.session.commit()
    return teacher_client, article_id


def send(client, **fields):
    """The import form posted with ``moodle.gift`` and ``fields``."""
    csrf = token(client.get(IMPORT).get_data(as_text=True))
    return client.post(
        IMPORT,
        data={"csrf_token": csrf, "file": (io.BytesIO(GIFT), "moodle.gift"), **fields},
        content_type="multipart/form-data",
    )


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(sa.select(sa.func.count(Pack.id))),
            db.session.scalar(sa.select(sa.func.count(Article.id))),
        )


def test_the_import_page_offers_to_choose_or_paste_the_article(ann):
    client, article_id = ann
    html = client.get(IMPORT).get_data(as_text=True)
    assert "A Moodle GIFT file has only\n      questions" in html
    assert '<label class="form-label" for="article">Article pupils read with it</label>' in html
    assert f'<option value="{article_id}">Syria' in html
    assert '<label class="form-label" for="article_text">Or paste the article' in html


def test_a_gift_file_without_an_article_is_refused_with_what_to_do(app, ann, stub_pipeline):
    before = counts(app)
    response = send(ann[0])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This file has questions but no article" in html and "nothing was imported" in html
    assert counts(app) == before and stub_pipeline == []


def test_a_chosen_article_gets_the_pack_with_no_new_article(app, ann, stub_pipeline):
    client, article_id = ann
    before = counts(app)
    response = send(client, article=str(article_id))
    assert response.status_code == 302
    pack_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(Pack, pack_id).article_id == article_id
        pack = pack_service.get_pack(pack_id)
    assert [q.prompt for q in pack.questions] == ["Who backs the government?", "Which town was captured?"]
    assert pack.article.text.startswith("Syria’s war has entered a new phase")
    assert counts(app) == (before[0] + 1, before[1]) and stub_pipeline == []
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "no quizapp-pack comment" not in review  # the "attach the article" note is gone: it was attached


def test_a_pasted_article_is_analysed_with_the_pack_and_pupils_read_it(app, ann, stub_pipeline):
    response = send(ann[0], article_text=PASTED)
    assert response.status_code == 302, re.findall(
        r"(?:error|alert)[^>]*>([^<]+)", response.get_data(as_text=True)
    )
    pack_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        pack = pack_service.get_pack(pack_id)
    assert pack.article.title == "Rain closes schools"  # not the file's name
    assert pack.article.text == (
        "Heavy rain closed twelve schools in the valley on Monday.\n\n"
        "The mayor said the water would fall by Wednesday."
    )
    assert "moodle" not in pack.article.text


def test_choosing_and_pasting_at_once_is_refused(app, ann, stub_pipeline):
    before = counts(app)
    response = send(ann[0], article=str(ann[1]), article_text=PASTED)
    assert response.status_code == 422 and "Choose an article or paste one, not both." in response.get_data(
        as_text=True
    )
    assert counts(app) == before


def test_another_teachers_article_cannot_be_chosen(app, ann, stub_pipeline):
    with app.app_context():
        theirs = make_article("bobs", owner=make_teacher("bob@school.example")).id
        db.session.commit()
    before = counts(app)
    assert send(ann[0], article=str(theirs)).status_code == 422
    assert counts(app) == before
