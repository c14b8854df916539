"""Stories on the web: a teacher links and unlinks versions; readers get "Easier / Harder" with the CEFR level."""

import pytest
import sqlalchemy as sa
from html_tree import parse
from records import make_article, make_teacher
from story_factories import make_levelled_articles

from quizapp.extensions import db
from quizapp.models import StoryVersion
from quizapp.services import stories

from .session_setup import Teacher

pytestmark = pytest.mark.db


@pytest.fixture
def ids(app):
    """Ann with the three Mars versions (ids by slug) and Bob with an article of his: (ann, bob, ids, bob's)."""
    with app.app_context():
        ann, bob = make_teacher(), make_teacher("bob@school.example", "Bob Stone")
        made = make_levelled_articles(ann)
        bobs = make_article(slug="bobs-article", owner=bob)
        db.session.commit()
        return ann.id, bob.id, {slug: a.id for slug, a in made.items()}, bobs.id


@pytest.fixture
def ann(app, ids):
    return Teacher(app, ids[0])


def links(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(StoryVersion))


def start(ann, ids) -> int:
    """Ann starts the story from her middle version and links the other two through the pages; its id."""
    response = ann.post("/teacher/stories", {"article_id": ids[2]["mars-int"], "title": "Mars One"})
    assert response.status_code == 302
    story_id = int(response.headers["Location"].rsplit("/", 1)[1])
    for slug in ("mars-adv", "mars-ele"):
        assert (
            ann.post(f"/teacher/stories/{story_id}/versions", {"article_id": ids[2][slug]}).status_code == 302
        )
    return story_id


def test_a_teacher_links_three_versions_and_sees_them_easiest_first_with_their_levels(app, ann, ids):
    story_id = start(ann, ids)
    page = parse(ann.get(f"/teacher/stories/{story_id}"))
    rows = [row.clean_text() for row in page.find_all("tr", **{"data-testid": "version-row"})]
    # Hand-set grades 8.4 (A2), 10.2 (B1), 12.6 (C1): easiest first whatever the order of linking.
    assert [r.split(" Remove")[0] for r in rows] == [
        "Mars One (easy) A2 8.4 Year 9 171",
        "Mars One (middle) B1 10.2 Year 9 171",
        "Mars One (hard) C1 12.6 Year 9 171",
    ]
    assert page.find("h1").clean_text() == "Mars One"


def test_unlinking_a_version_keeps_the_article_and_the_reading_page_loses_its_link(app, ann, ids):
    story_id = start(ann, ids)
    response = ann.post(f"/teacher/stories/{story_id}/versions/{ids[2]['mars-int']}/remove")
    assert response.status_code == 302 and links(app) == 2
    page = parse(ann.get("/articles/mars-ele"))
    assert page.find(**{"data-testid": "level-harder"}).clean_text() == "Harder (C1) →"
    assert ann.get("/articles/mars-int").status_code == 200  # still there, in no story now
    assert parse(ann.get("/articles/mars-int")).find(**{"data-testid": "level-switch"}) is None


def test_linking_an_article_to_its_own_story_again_is_a_clear_422(app, ann, ids):
    story_id = start(ann, ids)
    response = ann.post(f"/teacher/stories/{story_id}/versions", {"article_id": ids[2]["mars-int"]})
    assert response.status_code == 422
    assert (
        "“Mars One (middle)” is already a version of this story."
        in parse(response).find(role="alert").clean_text()
    )
    assert links(app) == 3


def test_an_article_in_one_story_cannot_start_or_join_another(app, ann, ids):
    start(ann, ids)
    response = ann.post("/teacher/stories", {"article_id": ids[2]["mars-ele"]})
    assert response.status_code == 422
    assert "already a version of the story “Mars One”" in parse(response).find(role="alert").clean_text()
    assert links(app) == 3


def test_no_article_chosen_says_so(app, ann, ids):
    response = ann.post("/teacher/stories", {"article_id": "not a number"})
    assert response.status_code == 422
    assert parse(response).find(role="alert").clean_text() == "Choose one of your articles."


def test_a_teacher_cannot_link_another_teachers_article_or_change_her_story(app, ann, ids):
    story_id = start(ann, ids)
    assert ann.post(f"/teacher/stories/{story_id}/versions", {"article_id": ids[3]}).status_code == 404
    assert ann.post("/teacher/stories", {"article_id": ids[3]}).status_code == 404
    bob = Teacher(app, ids[1])
    assert bob.get(f"/teacher/stories/{story_id}").status_code == 404
    assert bob.post(f"/teacher/stories/{story_id}/versions", {"article_id": ids[3]}).status_code == 404
    assert bob.post(f"/teacher/stories/{story_id}/versions/{ids[2]['mars-ele']}/remove").status_code == 404
    assert bob.post(f"/teacher/stories/{story_id}/title", {"title": "Mine now"}).status_code == 404
    assert links(app) == 3
    assert "Mars One" not in bob.get("/teacher/stories").get_data(as_text=True)


def test_story_pages_need_a_login_and_the_csrf_token(app, client, ann, ids):
    assert client.get("/teacher/stories").status_code == 302
    assert ann.post("/teacher/stories", {"article_id": ids[2]["mars-ele"]}, csrf=False).status_code == 400
    assert links(app) == 0


def test_the_reading_page_offers_easier_and_harder_with_their_cefr_levels(app, ann, ids):
    start(ann, ids)
    page = parse(ann.get("/articles/mars-int"))
    switch = page.find(**{"data-testid": "level-switch"})
    assert switch.clean_text() == "Reading level: ← Easier (A2) B1 Harder (C1) →"
    assert switch.find(**{"data-testid": "level-easier"}).attrs["href"] == "/articles/mars-ele"
    assert switch.find(**{"data-testid": "level-harder"}).attrs["href"] == "/articles/mars-adv"
    easiest = parse(ann.get("/articles/mars-ele")).find(**{"data-testid": "level-switch"})
    assert easiest.clean_text() == "Reading level: A2 Harder (B1) →"


def test_seed_stories_are_on_the_articles_page_for_pupils(app, client):
    with app.app_context():
        seeds = make_levelled_articles(None)
        db.session.commit()
        stories.sync_seed_story("Mars One", [a.slug for a in seeds.values()])
    page = parse(client.get("/"))
    card = page.find(**{"data-testid": "story-card"})
    assert card.clean_text() == "Mars One A2 · 171 words B1 · 171 words C1 · 171 words"
    assert [a.attrs["aria-label"] for a in card.find_all("a")] == [
        "A2: Mars One (easy)",
        "B1: Mars One (middle)",
        "C1: Mars One (hard)",
    ]
    switch = parse(client.get("/articles/mars-adv")).find(**{"data-testid": "level-switch"})
    assert switch.clean_text() == "Reading level: ← Easier (B1) C1"
