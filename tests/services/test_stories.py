"""Stories at several levels: linking, unlinking, ordering by grade, and who may link what."""

import pytest
from records import make_article, make_teacher
from story_factories import LEVELS, make_levelled_articles

from quizapp.extensions import db
from quizapp.models import Article, Story, StoryVersion
from quizapp.services import stories

pytestmark = pytest.mark.db


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def ann(ctx):
    """Ann and her three versions of the Mars story (ids by slug), committed, in no story yet."""
    teacher = make_teacher()
    made = make_levelled_articles(teacher)
    db.session.commit()
    return teacher.id, {slug: article.id for slug, article in made.items()}


def linked(ann) -> int:
    """Ann's story with all three versions linked; its id."""
    owner, ids = ann
    story_id = stories.create_story(ids["mars-adv"], owner, "Mars One")
    stories.add_version(story_id, ids["mars-ele"], owner)
    stories.add_version(story_id, ids["mars-int"], owner)
    return story_id


def test_versions_are_ordered_by_the_models_grade_not_by_when_they_were_linked(ann):
    story = stories.get_story(linked(ann), ann[0])
    # LEVELS is easiest first by hand-set grades 8.4 < 10.2 < 12.6; they were linked hard, easy, middle.
    assert [v.slug for v in story.versions] == [slug for slug, *_ in LEVELS]
    assert [v.level for v in story.versions] == ["A2", "B1", "C1"]
    assert story.title == "Mars One"


def test_neighbours_are_the_next_easier_and_harder_versions(ann):
    story = stories.get_story(linked(ann), ann[0])
    easy, middle, hard = story.versions
    assert story.neighbours(middle.article_id) == (easy, hard)
    assert story.neighbours(easy.article_id) == (None, middle)
    assert story.neighbours(hard.article_id) == (middle, None)


def test_a_story_without_a_title_takes_its_first_articles(ann):
    owner, ids = ann
    story_id = stories.create_story(ids["mars-int"], owner, "   ")
    assert stories.get_story(story_id, owner).title == "Mars One (middle)"


def test_linking_an_article_to_its_own_story_again_is_refused_and_changes_nothing(ann):
    owner, ids = ann
    story_id = stories.create_story(ids["mars-int"], owner)
    with pytest.raises(stories.StoryError, match="already a version of this story"):
        stories.add_version(story_id, ids["mars-int"], owner)
    assert [v.slug for v in stories.get_story(story_id, owner).versions] == ["mars-int"]


def test_an_article_cannot_be_a_version_of_two_stories(ann):
    owner, ids = ann
    first = stories.create_story(ids["mars-int"], owner, "Mars One")
    second = stories.create_story(ids["mars-ele"], owner, "Another")
    with pytest.raises(stories.StoryError, match="already a version of the story “Mars One”"):
        stories.add_version(second, ids["mars-int"], owner)
    with pytest.raises(stories.StoryError, match="Mars One"):
        stories.create_story(ids["mars-int"], owner)
    assert [v.slug for v in stories.get_story(first, owner).versions] == ["mars-int"]
    assert [v.slug for v in stories.get_story(second, owner).versions] == ["mars-ele"]


def test_a_teacher_cannot_link_another_teachers_article_or_touch_her_story(ann):
    owner, ids = ann
    story_id = linked(ann)
    bob = make_teacher(email="bob@school.example")
    bobs_article = make_article(slug="bobs", owner=bob)
    seed = make_article(slug="seed")
    db.session.commit()
    with pytest.raises(LookupError):
        stories.add_version(story_id, bobs_article.id, owner)  # Bob's article into Ann's story
    with pytest.raises(LookupError):
        stories.add_version(story_id, seed.id, owner)  # a seed is nobody's to link
    with pytest.raises(LookupError):
        stories.create_story(ids["mars-ele"], bob.id)  # Ann's article into a story of Bob's
    with pytest.raises(LookupError):
        stories.remove_version(story_id, ids["mars-ele"], bob.id)
    with pytest.raises(LookupError):
        stories.get_story(story_id, bob.id)
    assert stories.story_of(ids["mars-ele"], bob.id) is None
    assert len(stories.get_story(story_id, owner).versions) == 3


def test_unlinking_keeps_the_article_and_the_last_one_takes_the_story_with_it(ann):
    owner, ids = ann
    story_id = linked(ann)
    assert stories.remove_version(story_id, ids["mars-int"], owner) is True
    assert [v.slug for v in stories.get_story(story_id, owner).versions] == ["mars-ele", "mars-adv"]
    assert stories.remove_version(story_id, ids["mars-ele"], owner) is True
    assert stories.remove_version(story_id, ids["mars-adv"], owner) is False
    assert db.session.get(Story, story_id) is None
    assert db.session.query(Article).count() == 3  # the articles stay
    with pytest.raises(LookupError):
        stories.remove_version(story_id, ids["mars-adv"], owner)


def test_only_articles_in_no_story_can_be_linked(ann):
    owner, ids = ann
    stories.create_story(ids["mars-int"], owner)
    assert [v.slug for v in stories.linkable_articles(owner)] == [
        "mars-ele",
        "mars-adv",
    ]  # by title: easy, hard


def test_pupils_see_seed_stories_and_not_a_teachers(ann):
    owner, ids = ann
    story_id = linked(ann)
    assert stories.story_of(ids["mars-ele"], None) is None
    seeds = make_levelled_articles(None, prefix="seed-")
    db.session.commit()
    assert stories.sync_seed_story("Mars One", [a.slug for a in seeds.values()]) == "added"
    assert stories.sync_seed_story("Mars One", [a.slug for a in seeds.values()]) == "unchanged"
    seen = stories.stories_for(None)
    assert [(s.title, s.owner_id, len(s.versions)) for s in seen] == [("Mars One", None, 3)]
    assert [s.id for s in stories.stories_for(owner)] == [seen[0].id, story_id]


def test_a_seed_story_follows_its_list_of_slugs(ctx):
    seeds = make_levelled_articles(None)
    db.session.commit()
    stories.sync_seed_story("Mars One", ["mars-ele", "mars-adv"])
    assert stories.sync_seed_story("Mars One", ["mars-ele", "mars-int", "mars-adv"]) == "updated"
    assert stories.sync_seed_story("Mars: renamed", ["mars-ele", "mars-int", "mars-adv"]) == "added"
    assert [s.title for s in stories.stories_for(None)] == ["Mars: renamed"]  # the emptied one is gone
    assert db.session.query(StoryVersion).count() == len(seeds)
    with pytest.raises(stories.StoryError, match="not a seed article"):
        stories.sync_seed_story("Mars One", ["no-such-slug"])
