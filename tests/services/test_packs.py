"""Packs: stored rows and the plain ``Pack`` of the pack formats are the same thing, both ways."""

import pytest
from records import make_article, make_teacher, question

from quizapp.extensions import db
from quizapp.models import Pack
from quizapp.services import packs as pack_service
from quizapp.text import pack as plain
from quizapp.text.question import Question
from quizapp.text.types import Span

pytestmark = pytest.mark.db


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def a_pack(article, questions=3, **fields) -> plain.Pack:
    """A plain pack on ``article`` (as the pack formats would read it)."""
    odd = Question(
        "odd",
        "choice",
        "Which?",
        (("Iran",),),
        choices=("Iran", "Iraq"),
        evidence_span=Span(1, 2, 3),
        extra={"x-note": "kept"},
    )
    return plain.Pack(
        title=fields.get("title", "Syria quiz"),
        article=pack_service.pack_article(article),
        questions=tuple(question(n) for n in range(1, questions)) + (odd,),
        description="For Year 7",
        level="B1",
        settings=plain.PackSettings(shuffle_questions=True, shuffle_choices=True, feedback="end", attempts=2),
    )


def test_a_plain_pack_is_stored_and_read_back_equal(ctx):
    teacher = make_teacher()
    article = make_article(owner=teacher)
    db.session.commit()
    data = a_pack(article)
    pack_id = pack_service.create_pack(data, article_id=article.id, owner_id=teacher.id)
    assert pack_service.get_pack(pack_id) == data


def test_the_article_travels_as_title_and_cleaned_text(ctx):
    article = make_article()
    carried = pack_service.pack_article(article)
    assert (carried.title, carried.source, carried.dateline) == (
        "Syria's war enters a new phase",
        "Reuters",
        "Beirut",
    )
    assert carried.text.split("\n\n") == list(article.analysis.article.paragraphs)


def test_replacing_a_pack_rewrites_settings_and_questions_in_order(ctx):
    article = make_article()
    db.session.commit()
    pack_id = pack_service.create_pack(a_pack(article, questions=4), article_id=article.id, owner_id=None)
    shorter = a_pack(article, questions=2, title="Shorter")
    pack_service.replace_pack(pack_id, shorter)
    assert pack_service.get_pack(pack_id) == shorter


def test_a_teachers_dashboard_lists_their_packs_with_question_counts(ctx):
    ann, bob = make_teacher("ann@school.example"), make_teacher("bob@school.example")
    article = make_article()
    db.session.commit()
    pack_service.create_pack(
        a_pack(article, questions=3, title="First"), article_id=article.id, owner_id=ann.id
    )
    pack_service.create_pack(
        a_pack(article, questions=5, title="Second"), article_id=article.id, owner_id=ann.id
    )
    pack_service.create_pack(a_pack(article, title="Bob's"), article_id=article.id, owner_id=bob.id)
    listed = pack_service.owned_packs(ann.id)
    assert [(p.title, p.questions, p.article_slug) for p in listed] == [
        ("Second", 5, "syria"),
        ("First", 3, "syria"),
    ]


def test_an_unknown_pack_is_a_lookup_error(ctx):
    with pytest.raises(LookupError):
        pack_service.get_pack(404)


def test_an_import_that_loses_its_slug_to_a_concurrent_one_takes_the_next(ctx, stub_pipeline, monkeypatch):
    """Issue 14 (7): two imports of one pack at once both saw "syria" free; the loser must not fail.

    The race is made certain instead of timed: the first slug offered is one
    another import has just stored (as on PostgreSQL, where the loser's insert
    then breaks the unique index), and the import must try again.
    """
    from quizapp.services import articles, pack_editing

    article = make_article(slug="syrias-war-enters-a-new-phase")
    db.session.commit()
    offered = iter(["syrias-war-enters-a-new-phase"])
    real_free_slug = articles._free_slug
    monkeypatch.setattr(articles, "_free_slug", lambda title: next(offered, None) or real_free_slug(title))

    pack_id = pack_editing.import_pack(a_pack(article), owner_id=None, model="test-model")

    stored = pack_service.get_pack(pack_id)
    assert stored.title == "Syria quiz"
    assert db.session.get(Pack, pack_id).article.slug == "syrias-war-enters-a-new-phase-2"


def test_a_pack_whose_article_was_updated_can_still_be_exported(ctx):
    """Issue 14 (Low): after an admin updated a seed and ran ``prepare``, packs on it could not be exported:
    their evidence spans pointed past the new text."""
    from dataclasses import replace

    from quizapp import interchange
    from quizapp.services import articles

    article = make_article()
    db.session.commit()
    old = article.analysis
    moved = old.article.paragraphs[1][:60]  # the relation's sentence, in paragraph 1
    kept = Question(
        "moved",
        "short",
        "Who backs the government?",
        (("Russia",),),
        evidence=moved,
        evidence_span=Span(1, 0, 60),
    )
    gone = Question(
        "gone",
        "short",
        "What is last?",
        (("x",),),
        evidence="Not in the new text.",
        evidence_span=Span(len(old.article.paragraphs) - 1, 0, 20),
    )
    data = plain.Pack(
        title="Before the update", article=pack_service.pack_article(article), questions=(kept, gone)
    )
    pack_id = pack_service.create_pack(data, article_id=article.id, owner_id=None)

    shorter = replace(
        old, article=replace(old.article, paragraphs=old.article.paragraphs[1:2])
    )  # the seed, edited
    articles.replace_analysis(article.id, "new raw text", shorter, key="test-model@2")

    exported = interchange.load(interchange.dump(pack_service.get_pack(pack_id), "json")).pack
    assert [q.evidence_span for q in exported.questions] == [Span(0, 0, 60), None]
    assert [q.evidence for q in exported.questions] == [moved, "Not in the new text."]
