"""The article library: analysed once when added, read from the database, each reader seeing what is theirs."""

import pytest
import sqlalchemy as sa
from factories import naive_analyse
from records import make_teacher

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import articles as articles_service
from quizapp.services.articles import ArticleNotFound, SlugTaken
from quizapp.text.errors import InputError

pytestmark = pytest.mark.db

ALPHA = "Alpha title\nAnna went home.\nThe end came.\n"
BETA = "Beta title\nBen stayed.\n"


@pytest.fixture
def ctx(app):
    """An app context on this test's database."""
    with app.app_context():
        yield


@pytest.fixture
def calls(monkeypatch):
    """Stub the pipeline with ``naive_analyse`` and record the raw text of each call."""
    recorded = []

    def fake(raw, model):
        recorded.append(raw)
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", fake)
    return recorded


def add(raw: str, **options):
    return articles_service.add_article(raw, model="model-a", **options)


def test_an_article_is_analysed_once_when_added_and_read_back_without_the_pipeline(ctx, calls):
    added = add(ALPHA)
    assert calls == [ALPHA]
    for _ in range(3):
        again = articles_service.get_article(added.slug)
        assert again.analysis == naive_analyse(ALPHA, "model-a") and again.title == "Alpha title"
    articles_service.listing()
    assert len(calls) == 1


def test_the_stored_row_keeps_the_text_the_key_and_the_metadata(ctx, calls):
    add(ALPHA)
    row = db.session.scalars(sa.select(Article)).one()
    assert row.raw_text == ALPHA and row.analysis_key == articles_service.analysis_key("model-a")
    assert (row.title, row.source, row.dateline, row.owner_id) == (
        "Alpha title",
        "Test source",
        "Testville",
        None,
    )
    assert row.analysis_data["title"] == "Alpha title"


def test_reads_leave_no_transaction_open(ctx, calls):
    """On SQLite an open transaction holds the write lock: a page must not keep it while it renders."""
    add(ALPHA)
    articles_service.get_article("alpha-title")
    articles_service.listing()
    assert not db.session().in_transaction()


def test_slugs_come_from_the_title_and_take_the_next_free_number(ctx, calls):
    assert [add(ALPHA).slug, add(ALPHA).slug, add(BETA).slug] == [
        "alpha-title",
        "alpha-title-2",
        "beta-title",
    ]


def test_an_explicit_slug_that_is_taken_is_refused_clearly(ctx, calls):
    add(ALPHA, slug="alpha")
    with pytest.raises(SlugTaken, match="already taken"):
        add(BETA, slug="alpha")
    assert [a.slug for a in articles_service.listing()] == ["alpha"]


@pytest.mark.parametrize("slug", ["gamma", "../alpha", "alpha.txt", ""])
def test_an_unknown_slug_raises_lookup_error(ctx, calls, slug):
    add(ALPHA, slug="alpha")
    with pytest.raises(ArticleNotFound) as caught:
        articles_service.get_article(slug)
    assert isinstance(caught.value, LookupError)


def test_a_teachers_article_is_theirs_alone_and_seeds_are_everyones(ctx, calls):
    ann, bob = make_teacher("ann@school.example"), make_teacher("bob@school.example")
    db.session.commit()
    add(ALPHA, slug="seed")
    add(BETA, slug="anns", owner_id=ann.id)
    assert [a.slug for a in articles_service.listing()] == ["seed"]
    assert [a.slug for a in articles_service.listing(ann.id)] == ["seed", "anns"]
    assert [a.slug for a in articles_service.owned_articles(ann.id)] == ["anns"]
    assert articles_service.get_article("anns", reader_id=ann.id).owner_id == ann.id
    for reader in (None, bob.id):
        with pytest.raises(ArticleNotFound):
            articles_service.get_article("anns", reader_id=reader)


def test_the_listing_reads_the_facts_a_teacher_picks_by(ctx, calls):
    add(ALPHA)
    [summary] = articles_service.listing()
    assert (summary.slug, summary.title, summary.source, summary.band) == (
        "alpha-title",
        "Alpha title",
        "Test source",
        "College",
    )
    assert summary.words == len(ALPHA.split()) and summary.reading_minutes == 0.9


def test_updating_an_article_analyses_the_new_text_and_keeps_its_id_and_slug(ctx, calls):
    added = add(ALPHA)
    updated = articles_service.update_article(added.id, "Alpha revised\nAnna came back.\n", model="model-b")
    assert (updated.id, updated.slug, updated.title) == (added.id, added.slug, "Alpha revised")
    assert articles_service.get_article(added.slug).title == "Alpha revised"
    assert db.session.get(Article, added.id).analysis_key == articles_service.analysis_key("model-b")


def test_a_text_the_pipeline_refuses_is_not_stored(ctx, monkeypatch):
    def refuse(raw, model):
        raise InputError("The article has a title but no text.")

    monkeypatch.setattr(articles_service, "run_pipeline", refuse)
    with pytest.raises(InputError, match="no text"):
        add("Title only\n")
    assert articles_service.listing() == []


def test_an_article_without_a_headline_is_titled_from_its_slug(ctx, calls, monkeypatch):
    from dataclasses import replace

    headless = replace(
        naive_analyse(ALPHA, "m"), article=replace(naive_analyse(ALPHA, "m").article, title="")
    )
    articles_service.store_article(ALPHA, headless, key="k", slug="reuters-syria_new")
    assert articles_service.get_article("reuters-syria_new").title == "Reuters Syria New"


def test_the_analysis_key_names_the_model_and_the_pipeline_version(monkeypatch):
    monkeypatch.setattr(articles_service, "pipeline_version", lambda: "7-abc")
    assert articles_service.analysis_key("en_core_web_sm") == "en_core_web_sm@7-abc"


def test_pipeline_version_follows_the_text_package_sources(tmp_path, monkeypatch):
    package = tmp_path / "text"
    package.mkdir()
    monkeypatch.setattr(articles_service, "TEXT_PACKAGE", package)
    versions = []
    for source in ("A = 1\n", "A = 2\n"):
        (package / "cleaning.py").write_text(source)
        articles_service.pipeline_version.cache_clear()
        versions.append(articles_service.pipeline_version())
    articles_service.pipeline_version.cache_clear()
    assert versions[0] != versions[1] and all(
        v.startswith(articles_service.PIPELINE_VERSION + "-") for v in versions
    )


def test_pipeline_version_follows_the_reading_level_model(tmp_path, monkeypatch):
    """A refitted model (JSON, not code) changes every grade, so stored analyses must be redone."""
    package = tmp_path / "text"
    package.mkdir()
    (package / "readability.py").write_text("A = 1\n")
    monkeypatch.setattr(articles_service, "TEXT_PACKAGE", package)
    versions = []
    for model in ('{"cuts": [0.5, 1.5]}', '{"cuts": [0.6, 1.5]}'):
        (package / "reading_level.json").write_text(model)
        articles_service.pipeline_version.cache_clear()
        versions.append(articles_service.pipeline_version())
    articles_service.pipeline_version.cache_clear()
    assert versions[0] != versions[1]


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Syria's war enters a new phase", "syrias-war-enters-a-new-phase"),
        ("Syria’s war: “a new phase”", "syrias-war-a-new-phase"),
        ("Café in Zürich — 2024", "cafe-in-zurich-2024"),
        ("???", "article"),
        ("word " * 40, ("word-" * 16)[:79]),
    ],
)
def test_slugify_makes_short_url_safe_slugs(title, slug):
    assert articles_service.slugify(title) == slug


def test_the_real_pipeline_result_survives_the_database(app, seed_article, analysed_seed):
    """Integration: the seed's real analysis (spaCy, questions and all) comes back equal from the JSON column."""
    with app.app_context():
        stored = articles_service.get_article(seed_article.slug)
    assert stored.analysis == analysed_seed
    assert len(stored.analysis.article.paragraphs) == 5 and stored.analysis.questions
