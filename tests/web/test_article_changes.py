"""Issue 16, item 5: a teacher edits an article's text, deletes an article, and is warned before adding one twice.

The pipeline is a stand-in (every line a paragraph, the title from the hint), so each test controls the
paragraphs exactly; the real pipeline runs in tests/e2e/test_article_fixes_browser.py.
"""

import re

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from classroom_factories import start_class_session
from factories import SEED_PARAGRAPHS, naive_analyse
from records import make_article, make_pack, make_teacher

from quizapp.extensions import db
from quizapp.models import Article, ArticleJob, Pack, PackQuestion, Teacher
from quizapp.services import articles as articles_service
from quizapp.services import packs
from quizapp.text.question import Question

pytestmark = pytest.mark.db

NEW = "/teacher/articles/new"
ARTICLE = (
    "Rain closes schools\nHeavy rain closed twelve schools in the valley on Monday.\n"
    "The mayor said the water would fall by Wednesday."
)


def page(response) -> str:
    return response.get_data(as_text=True)


def post(client, url: str, data: dict):
    """POST ``data`` with the session's CSRF token, as the browser would from the page."""
    return client.post(url, data={"csrf_token": token(page(client.get("/teacher/articles/new"))), **data})


@pytest.fixture(autouse=True)
def quick_pipeline(monkeypatch) -> list[tuple[str, str | None]]:
    """A stand-in pipeline: the hint is the title, every other line a paragraph; its calls."""
    calls = []

    def fake(raw: str, model: str, title_hint: str | None = None):
        calls.append((raw, title_hint))
        if title_hint is None:
            return naive_analyse(raw, model)
        lines = [line for line in raw.splitlines() if line.strip() and line.strip() != title_hint]
        return naive_analyse("\n".join([title_hint, *lines]), model)

    monkeypatch.setattr(articles_service, "run_pipeline", fake)
    return calls


def own_articles(app, owner_id: int) -> list[Article]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(Article).where(Article.owner_id == owner_id).order_by(Article.id)
        ).all()
        for row in rows:
            db.session.expunge(row)
        return rows


@pytest.fixture
def anns_article(app, teacher_client):
    """The logged-in teacher's copy of the Syria article (hand-made analysis); its id."""
    with app.app_context():
        row = make_article("anns-article", owner=db.session.get(Teacher, teacher_client.teacher_id))
        db.session.commit()
        return row.id


def pack_quoting(app, article_id: int, owner_id: int, evidence: str, title: str) -> int:
    """A pack with one question whose evidence is ``evidence``."""
    with app.app_context():
        article, owner = db.session.get(Article, article_id), db.session.get(Teacher, owner_id)
        pack = make_pack(article, owner, questions=0, title=title)
        question = Question("q1", "short", "Who?", (("Assad",),), evidence=evidence)
        pack.questions.append(PackQuestion(data=question.to_dict()))
        db.session.commit()
        return pack.id


# ---- the same text twice -------------------------------------------------------------------------


def test_the_same_text_added_again_is_a_warning_with_a_link_and_nothing_added(app, teacher_client):
    assert post(teacher_client, NEW, {"text": ARTICLE}).status_code == 302
    again = post(teacher_client, NEW, {"text": ARTICLE.replace("\n", "\n\n").replace(" the ", "  the ")})
    html = page(again)
    assert again.status_code == 409
    assert "You already have this article: <strong>“Rain closes schools”</strong>" in html
    assert 'href="/articles/rain-closes-schools"' in html
    assert "Add it again anyway" in html and "Heavy rain closed twelve schools" in html  # the text is kept
    assert len(own_articles(app, teacher_client.teacher_id)) == 1


def test_adding_it_again_anyway_makes_a_second_copy(app, teacher_client):
    post(teacher_client, NEW, {"text": ARTICLE})
    assert post(teacher_client, NEW, {"text": ARTICLE, "duplicate": "add"}).status_code == 302
    assert [row.slug for row in own_articles(app, teacher_client.teacher_id)] == [
        "rain-closes-schools",
        "rain-closes-schools-2",
    ]


def test_another_teachers_copy_is_not_a_duplicate(app, teacher_client):
    with app.app_context():
        bob = make_teacher("bob@school.example")
        row = make_article("bobs", owner=bob)
        row.raw_text = ARTICLE
        db.session.commit()
    assert post(teacher_client, NEW, {"text": ARTICLE}).status_code == 302


# ---- editing the text ----------------------------------------------------------------------------


def text_url(article_id: int) -> str:
    return f"/teacher/articles/{article_id}/text"


def test_the_text_form_holds_the_articles_paragraphs(teacher_client, anns_article):
    html = page(teacher_client.get(text_url(anns_article)))
    assert '<label class="form-label" for="text">The article' in html
    assert "Backed by Russia and Iran, the government hopes" in html


def test_an_edit_is_analysed_again_and_flags_only_the_packs_it_broke(
    app, teacher_client, anns_article, quick_pipeline
):
    removed = (
        "Damascus hailed the capture of the town of al-Sukhna on Saturday as a big step in that direction."
    )
    kept = "But there is no sign of these truces leading to a revival of peace talks"
    broken = pack_quoting(app, anns_article, teacher_client.teacher_id, removed, "Capture quiz")
    fine = pack_quoting(app, anns_article, teacher_client.teacher_id, kept, "Truce quiz")
    new_text = "\n\n".join(SEED_PARAGRAPHS).replace(" " + removed, "")
    response = post(teacher_client, text_url(anns_article), {"text": new_text})
    assert response.status_code == 302
    assert (
        quick_pipeline[-1][1] == "Syria's war enters a new phase"
    )  # the title goes with the text, as its hint

    edit = teacher_client.get(response.headers["Location"], follow_redirects=True)
    html = page(edit)
    assert "1 of its packs quote sentences no longer in it" in html
    assert ">Capture quiz</a>" in html and "Truce quiz" not in html
    with app.app_context():
        row = db.session.get(Article, anns_article)
        assert row.title == "Syria's war enters a new phase"  # the teacher's title, not a new guess
        assert removed not in " ".join(row.analysis.article.paragraphs)
        assert (db.session.get(Pack, broken).needs_review, db.session.get(Pack, fine).needs_review) == (
            True,
            False,
        )
        assert packs.get_pack(broken).questions[0].evidence == removed  # flagged, never silently rewritten

    review = page(teacher_client.get(f"/teacher/packs/{broken}"))
    assert "Its evidence is no longer in the article" in review
    post(teacher_client, f"/teacher/articles/packs/{broken}/reviewed", {"confirm": "yes"})
    assert "I have checked the questions" not in page(teacher_client.get(f"/teacher/packs/{broken}"))


@pytest.mark.parametrize(
    "text, message",
    [
        ("\n\n".join(SEED_PARAGRAPHS) + "\n", "The text is as it was"),
        ("   ", "The text cannot be empty."),
    ],
)
def test_an_unchanged_or_empty_text_is_refused_and_nothing_changes(
    app, teacher_client, anns_article, quick_pipeline, text, message
):
    response = post(teacher_client, text_url(anns_article), {"text": text})
    assert response.status_code == 422 and message in page(response)
    assert quick_pipeline == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ArticleJob.id))) == 0
        assert db.session.get(Article, anns_article).analysis.article.paragraphs == SEED_PARAGRAPHS


# ---- deleting ------------------------------------------------------------------------------------


def delete_url(article_id: int) -> str:
    return f"/teacher/articles/{article_id}/delete"


def test_an_unused_article_is_deleted_for_good(app, teacher_client, anns_article):
    assert "removed for good" in page(teacher_client.get(delete_url(anns_article)))
    response = post(teacher_client, delete_url(anns_article), {"confirm": "yes"})
    assert response.status_code == 302
    assert own_articles(app, teacher_client.teacher_id) == []


def test_an_article_with_packs_leaves_the_library_and_its_packs_keep_working(
    app, teacher_client, anns_article
):
    pack_id = pack_quoting(app, anns_article, teacher_client.teacher_id, SEED_PARAGRAPHS[0], "Kept quiz")
    assert "1 pack (Kept quiz)" in page(teacher_client.get(delete_url(anns_article)))
    post(teacher_client, delete_url(anns_article), {"confirm": "yes"})
    listing = page(teacher_client.get("/teacher/articles"))
    assert "Its packs keep their copy of the text" in listing and "anns-article" not in listing
    assert teacher_client.get("/articles/anns-article").status_code == 404
    assert teacher_client.get(f"/teacher/articles/{anns_article}/edit").status_code == 404
    with app.app_context():
        assert packs.get_pack(pack_id).article.text.startswith("Syria’s war has entered a new phase")
    assert "Kept quiz" in page(teacher_client.get(f"/teacher/packs/{pack_id}"))


def test_an_article_in_a_live_lesson_is_not_deleted(app):
    lesson = start_class_session(app)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(lesson.owner_id), True
    with app.app_context():
        article_id = db.session.scalar(sa.select(Article.id).where(Article.slug == lesson.article_slug))
    assert f"(code {lesson.code})" in page(client.get(delete_url(article_id)))
    response = post(client, delete_url(article_id), {"confirm": "yes"})
    assert response.status_code == 409 and "A lesson is using this article now" in page(response)
    with app.app_context():
        assert db.session.get(Article, article_id).deleted_at is None


@pytest.mark.parametrize("rest", ["text", "delete"])
def test_another_teachers_article_cannot_be_edited_or_deleted(app, teacher_client, rest):
    with app.app_context():
        article_id = make_article("theirs", owner=make_teacher("bob@school.example")).id
        db.session.commit()
    assert teacher_client.get(f"/teacher/articles/{article_id}/{rest}").status_code == 404
    response = post(
        teacher_client, f"/teacher/articles/{article_id}/{rest}", {"confirm": "yes", "text": "New."}
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Article, article_id).raw_text == "The raw text of theirs."


def test_an_article_added_through_the_form_can_be_deleted_and_added_again(app, teacher_client):
    post(teacher_client, NEW, {"text": ARTICLE})
    (row,) = own_articles(app, teacher_client.teacher_id)
    assert post(teacher_client, delete_url(row.id), {"confirm": "yes"}).status_code == 302  # its job lets go
    assert own_articles(app, teacher_client.teacher_id) == []
    assert post(teacher_client, NEW, {"text": ARTICLE}).status_code == 302  # no longer a duplicate


# ---- the page's details, corrected ---------------------------------------------------------------


def test_the_standfirst_author_site_and_date_are_corrected_and_shown(
    app, teacher_client, anns_article, quick_pipeline
):
    response = post(
        teacher_client,
        f"/teacher/articles/{anns_article}/edit",
        {
            "title": "Syria's war enters a new phase",
            "source": "Reuters",
            "dateline": "Beirut",
            "standfirst": "  Assad's grip tightens as the truces hold.  ",
            "author": "Tom Perry",
            "site_name": "",
            "published": "2017-08-13",
        },
    )
    assert response.status_code == 302 and quick_pipeline == []
    html = page(teacher_client.get("/articles/anns-article"))
    assert '<p class="standfirst">Assad&#39;s grip tightens as the truces hold.</p>' in html
    line = re.search(r'data-testid="source-line">(.*?)</p>', html, re.DOTALL).group(1)
    assert re.sub(r"<[^>]+>", "", line) == "Reuters · By Tom Perry · 13 August 2017 · Beirut"


def test_a_date_that_is_not_a_date_is_refused(app, teacher_client, anns_article):
    response = post(
        teacher_client,
        f"/teacher/articles/{anns_article}/edit",
        {"title": "Syria", "source": "", "dateline": "", "published": "last Tuesday"},
    )
    assert response.status_code == 422 and 'id="published-error"' in page(response)
    with app.app_context():
        assert db.session.get(Article, anns_article).title == "Syria's war enters a new phase"
