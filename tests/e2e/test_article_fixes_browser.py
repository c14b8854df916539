"""Issue 16, items 4 and 5, in a real browser: a saved news page imported with its headline, standfirst,
author, site and date; an article's text edited (packs it breaks flagged), deleted, and added twice.

The page is tests/data/web/news-page.html, a made-up news site's page written for these tests: cookie
banner, menus, adverts, related links, comments, and a section label, headline and standfirst laid out
where trafilatura's text keeps them (before the fix the article was titled "World news").
"""

from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from teacher_login import log_in

from quizapp.extensions import db
from quizapp.models import Article, Teacher
from quizapp.services import articles, classroom, packs
from quizapp.text import pack as plain
from quizapp.text.question import Question
from quizapp.text.reading import documents

pytestmark = [pytest.mark.browser, pytest.mark.db]

NEWS_PAGE = Path(__file__).resolve().parent.parent / "data" / "web" / "news-page.html"
HEADLINE = "Glacier melt forces Andean town to move its water supply"
STANDFIRST = (
    "Engineers in Huaraz are racing to finish a new pipeline before the dry season, "
    "as the glacier that fed the old one retreats faster than expected."
)
FARMERS = (
    "Farmers in the valley below are worried too. Many of them grow potatoes and maize on terraces that "
    "depend on the same meltwater, and some have already dug new wells."
)
EMAIL, PASSWORD = "ferreira@school.example", "correct horse battery"


@pytest.fixture(scope="module")
def teacher(live_app):
    """Ms Ferreira's account, made as `quizapp create-teacher` makes it; her id."""
    from quizapp.services import teachers

    with live_app.app_context():
        teachers.create_teacher(EMAIL, "Ms Ferreira", PASSWORD)
        return db.session.scalar(sa.select(Teacher.id).where(Teacher.email == EMAIL))


@pytest.fixture
def page(browser, live_server, teacher):
    """Ms Ferreira, logged in, on a laptop-sized page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server)
    page = context.new_page()
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Ms Ferreira")).to_be_visible()
    yield page
    context.close()


def upload_news_page(page):
    """Add the saved page from the add form, as a teacher does."""
    page.goto("/teacher/articles/new")
    page.get_by_label("Or upload a file").set_input_files(str(NEWS_PAGE))
    page.get_by_role("button", name="Add article").click()


def article_row(app, teacher_id: int) -> Article | None:
    """Ms Ferreira's (first, not deleted) copy of the glacier article, if she has one."""
    with app.app_context():
        row = db.session.scalars(
            sa.select(Article)
            .where(Article.owner_id == teacher_id, Article.deleted_at.is_(None))
            .order_by(Article.id)
        ).first()
        if row is not None:
            db.session.expunge(row)
        return row


@pytest.fixture
def glacier(live_app, teacher) -> Article:
    """The glacier article of Ms Ferreira's, stored as the worker stores it if an earlier test did not add it."""
    if article_row(live_app, teacher) is None:
        doc = documents.from_upload(NEWS_PAGE.read_bytes(), NEWS_PAGE.name)
        with live_app.app_context():
            model = live_app.config["SPACY_MODEL"]
            analysis = articles.run_pipeline(doc.text, model, title_hint=doc.title)
            articles.store_article(
                doc.text, analysis, key=articles.analysis_key(model), owner_id=teacher, details=doc.details
            )
    return article_row(live_app, teacher)


def test_a_saved_news_page_is_titled_by_its_headline_with_its_source_line(
    page, live_app, teacher, screenshots
):
    upload_news_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE, timeout=30_000)
    expect(page.locator(".standfirst")).to_have_text(STANDFIRST)
    expect(page.get_by_test_id("source-line")).to_have_text(
        "The Harbour Gazette · By Lucía Ferrer · 14 March 2026"
    )
    body = page.locator(".article-body p")
    expect(body.first).to_contain_text("For more than a century, the people of Huaraz")
    expect(body).to_have_count(6)  # the story's six paragraphs, counted in the page by hand
    text = " ".join(body.all_inner_texts())
    for furniture in ("World news", HEADLINE, "racing to finish", "cookies", "HikerDan", "Advertisement"):
        assert furniture not in text
    page.screenshot(path=screenshots / "article-from-news-page.png", full_page=True)

    # No question is made from the headline or the standfirst: every one quotes the body.
    analysis = article_row(live_app, teacher).analysis
    assert analysis.questions
    for question in analysis.questions:
        assert "World news" not in question.prompt and "racing to finish" not in question.evidence
        assert any(question.evidence in paragraph for paragraph in analysis.article.paragraphs)


def test_the_same_page_added_twice_offers_the_article_already_there(page, glacier):
    upload_news_page(page)
    notice = page.get_by_test_id("duplicate")
    expect(notice).to_contain_text(f"You already have this article: “{HEADLINE}”")
    notice.get_by_role("link", name=f"Open “{HEADLINE}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    page.goto("/teacher/articles")
    expect(page.locator(".article-card")).to_have_count(1)  # nothing was added


def pack_quoting_farmers(app, article: Article, teacher_id: int) -> int:
    """A pack on the article whose one question's evidence is the farmers' paragraph."""
    question = Question(
        id="farmers",
        type="short",
        prompt="What do the farmers grow on their terraces?",
        answer=(("potatoes and maize",),),
        evidence=FARMERS,
    )
    data = plain.Pack(title="Glacier check", article=plain.PackArticle(HEADLINE, ""), questions=(question,))
    with app.app_context():
        return packs.create_pack(data, article_id=article.id, owner_id=teacher_id)


def test_editing_the_text_flags_the_packs_whose_evidence_it_removed(
    page, live_app, teacher, glacier, screenshots
):
    article = glacier
    pack_id = pack_quoting_farmers(live_app, article, teacher)
    page.goto(f"/teacher/articles/{article.id}/edit")
    page.get_by_role("link", name="Edit the text").click()
    box = page.get_by_label("The article's text")
    assert FARMERS in box.input_value()
    box.fill(box.input_value().replace(FARMERS, "").replace("\n\n\n\n", "\n\n"))
    page.get_by_role("button", name="Save and analyse again").click()

    expect(page.get_by_role("heading", name=f"Correct “{HEADLINE}”")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("of its packs quote sentences no longer in it")).to_be_visible()
    flagged = page.get_by_test_id("needs-review")
    flagged.get_by_role("link", name="Glacier check").click()
    expect(page.get_by_test_id("evidence-gone")).to_contain_text("Farmers in the valley below")
    page.screenshot(path=screenshots / "pack-needs-review.png", full_page=True)
    page.get_by_role("button", name="I have checked the questions").click()
    expect(page.get_by_test_id("needs-review")).to_have_count(0)

    page.goto(f"/articles/{article.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)  # the title survives the edit
    expect(page.locator(".article-body p")).to_have_count(5)
    assert "Farmers in the valley" not in page.locator(".article-body").inner_text()
    with live_app.app_context():
        assert packs.get_pack(pack_id).questions[0].evidence == FARMERS  # flagged, not silently changed


def test_an_article_in_a_live_lesson_cannot_be_deleted_and_later_leaves_its_packs_working(
    page, live_app, teacher, glacier
):
    article = glacier
    pack_id = pack_quoting_farmers(live_app, article, teacher)
    with live_app.app_context():
        session_id = classroom.start_session(pack_id, teacher)
        code = classroom.owned_session(session_id, teacher).code
    page.goto("/teacher/articles")
    page.get_by_role("link", name=f"Delete {HEADLINE}").click()
    expect(page.get_by_test_id("delete-refused")).to_contain_text(
        f"pupils are reading it in a lesson (code {code})"
    )
    expect(page.get_by_role("button", name=f"Delete “{HEADLINE}”")).to_have_count(0)

    with live_app.app_context():
        classroom.close_session(session_id)
    page.reload()
    expect(page.get_by_test_id("delete-kept")).to_contain_text("keep their copy of the text and still work")
    page.get_by_role("button", name=f"Delete “{HEADLINE}”").click()
    expect(page.get_by_text(f"Deleted “{HEADLINE}”. Its packs keep their copy")).to_be_visible()
    expect(page.get_by_role("link", name=HEADLINE)).to_have_count(0)

    page.goto(f"/teacher/packs/{pack_id}")
    expect(page.get_by_role("heading", name="Glacier check")).to_be_visible()
    expect(page.get_by_text(f"On the article “{HEADLINE}”")).to_be_visible()
    page.get_by_role("button", name="Start a class session").click()  # the pack still runs a lesson
    expect(page.get_by_text("Glacier check").first).to_be_visible()
    assert "/teacher/sessions/" in page.url
