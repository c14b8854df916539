"""Issue 13: the services check ownership. Another teacher, a seed or a missing id is one "not found", and nothing changes.

Each function a teacher's page calls with a pack or article id is tried
with Bob's id on Ann's row, with Ann's id on a seed, and with an id that
does not exist; every time it must raise the same error and leave Ann's
rows and the seed's exactly as they were.
"""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from records import make_article, make_pack, make_teacher, question

from quizapp.extensions import db
from quizapp.models import Article, ArticleJob, Pack
from quizapp.models.columns import utcnow
from quizapp.services import article_changes, article_editing, pack_editing, packs, session_admin
from quizapp.services.ownership import ArticleNotFound, NotFound, PackNotFound
from quizapp.text import pack as plain
from quizapp.text.actors import glossary_edits
from quizapp.text.reading.bounds import Bounds
from quizapp.text.reading.web_page import PageDetails

pytestmark = pytest.mark.db

MISSING = 9999


@dataclass(frozen=True)
class Rows:
    ann: int
    bob: int
    article: int  # Ann's
    pack: int  # Ann's, on her article, flagged by an edit
    deleted: int  # Ann's article, deleted but kept for a pack
    seed_article: int
    seed_pack: int


@pytest.fixture
def rows(app):
    with app.app_context():
        ann, bob = make_teacher(), make_teacher("bob@school.example", "Bob")
        article = make_article("anns", owner=ann)
        pack = make_pack(article, owner=ann, title="Ann's pack", needs_review=True)
        deleted = make_article("gone", owner=ann)
        make_pack(deleted, owner=ann, title="Keeps the deleted text")
        deleted.deleted_at = utcnow()
        seed_article = make_article("seed")
        seed_pack = make_pack(seed_article, title="Seed pack")
        made = Rows(ann.id, bob.id, article.id, pack.id, deleted.id, seed_article.id, seed_pack.id)
        db.session.commit()
    return made


def everything() -> tuple:
    """Every pack and article as the teacher and pupils would see them, and the jobs queued."""
    db.session.expire_all()
    pack_rows = db.session.scalars(sa.select(Pack).order_by(Pack.id)).all()
    article_rows = db.session.scalars(sa.select(Article).order_by(Article.id)).all()
    return (
        [
            (p.id, p.owner_id, p.title, p.public, p.needs_review, [q.data for q in p.questions])
            for p in pack_rows
        ],
        [(a.id, a.owner_id, a.title, a.raw_text, a.analysis_data, a.deleted_at) for a in article_rows],
        db.session.scalar(sa.select(sa.func.count(ArticleJob.id))),
    )


# ---- packs ---------------------------------------------------------------------------------------

PACK_CALLS = {
    "read it": lambda pack, owner: packs.teacher_pack(pack, owner),
    "preview in it": lambda pack, owner: packs.check_owned(pack, owner),
    "list its questions": lambda pack, owner: pack_editing.questions(pack, owner),
    "rename it": lambda pack, owner: pack_editing.save_settings(pack, owner, title="Taken over"),
    "add a question": lambda pack, owner: pack_editing.put_question(pack, owner, question(9)),
    "replace a question": lambda pack, owner: pack_editing.put_question(pack, owner, question(9), 0),
    "delete a question": lambda pack, owner: pack_editing.delete_question(pack, owner, 0),
    "move a question": lambda pack, owner: pack_editing.move_question(pack, owner, 0, 1),
    "copy it": lambda pack, owner: pack_editing.duplicate(pack, owner),
    "delete it": lambda pack, owner: pack_editing.delete(pack, owner),
    "share it": lambda pack, owner: session_admin.set_public(pack, owner, True),
    "mark it checked": lambda pack, owner: article_changes.mark_reviewed(pack, owner),
}
NOT_HERS = {
    "another teacher's": lambda rows, which: (getattr(rows, which), rows.bob),
    "a seed": lambda rows, which: (getattr(rows, f"seed_{which}"), rows.ann),
    "missing": lambda rows, which: (MISSING, rows.ann),
}


@pytest.mark.parametrize("whose", NOT_HERS.values(), ids=NOT_HERS.keys())
@pytest.mark.parametrize("call", PACK_CALLS.values(), ids=PACK_CALLS.keys())
def test_a_pack_not_hers_is_not_found_and_stays_as_it_was(app, rows, call, whose):
    pack_id, owner_id = whose(rows, "pack")
    with app.app_context():
        before = everything()
        with pytest.raises(PackNotFound):
            call(pack_id, owner_id)
        assert everything() == before


def test_her_own_pack_comes_as_plain_data_with_what_only_she_sees(app, rows):
    with app.app_context():
        mine = packs.teacher_pack(rows.pack, rows.ann)
        db.session.remove()  # no row behind it to lazy-load from
    assert (mine.id, mine.pack.title, mine.public, mine.needs_review) == (
        rows.pack,
        "Ann's pack",
        False,
        True,
    )
    assert isinstance(mine.pack, plain.Pack) and [q.prompt for q in mine.pack.questions] == [
        "Question 1?",
        "Question 2?",
        "Question 3?",
    ]


def test_her_own_pack_changes_as_asked(app, rows):
    with app.app_context():
        pack_editing.save_settings(rows.pack, rows.ann, title="Renamed")
        session_admin.set_public(rows.pack, rows.ann, True)
        article_changes.mark_reviewed(rows.pack, rows.ann)
        mine = packs.teacher_pack(rows.pack, rows.ann)
        assert (mine.pack.title, mine.public, mine.needs_review) == ("Renamed", True, False)
        assert pack_editing.delete(rows.pack, rows.ann) == "Renamed"
        with pytest.raises(PackNotFound):
            packs.teacher_pack(rows.pack, rows.ann)


# ---- building a pack on an article ---------------------------------------------------------------

BUILD_CALLS = {
    "start a pack": lambda article, owner: pack_editing.start_from_article(article, owner),
    "import onto it": lambda article, owner: pack_editing.import_onto(
        plain.Pack("Imported", plain.PackArticle("", ""), (question(1),)),
        article_id=article,
        owner_id=owner,
        max_questions=0,
    ),
}


@pytest.mark.parametrize("which", ["another teacher's", "deleted", "missing"])
@pytest.mark.parametrize("call", BUILD_CALLS.values(), ids=BUILD_CALLS.keys())
def test_no_pack_is_built_on_an_article_she_may_not_read(app, rows, call, which):
    article_id, owner_id = {
        "another teacher's": (rows.article, rows.bob),
        "deleted": (rows.deleted, rows.ann),
        "missing": (MISSING, rows.ann),
    }[which]
    with app.app_context():
        before = everything()
        with pytest.raises(ArticleNotFound):
            call(article_id, owner_id)
        assert everything() == before


@pytest.mark.parametrize("call", BUILD_CALLS.values(), ids=BUILD_CALLS.keys())
def test_a_pack_may_be_built_on_a_seed_and_is_hers(app, rows, call):
    with app.app_context():
        pack_id = call(rows.seed_article, rows.bob)
        assert packs.teacher_pack(pack_id, rows.bob).pack.article.title == "Syria's war enters a new phase"
        with pytest.raises(PackNotFound):
            packs.teacher_pack(pack_id, rows.ann)


# ---- articles ------------------------------------------------------------------------------------

ARTICLE_CALLS = {
    "read it to edit": lambda article, owner: article_editing.editable(article, owner),
    "read its text": lambda article, owner: article_changes.editable_text(article, owner),
    "retitle it": lambda article, owner: article_editing.edit_details(
        article, owner, title="Taken over", source=None, dateline=None
    ),
    "retitle it with page details": lambda article, owner: article_editing.edit_details(
        article, owner, title="Taken over", source=None, dateline=None, page=PageDetails(author="Bob")
    ),
    "correct its glossary": lambda article, owner: article_editing.edit_analysis(
        article, owner, lambda analysis: glossary_edits.drop_actor(analysis, "iran")
    ),
    "edit its text": lambda article, owner: article_changes.submit_edit(
        article, "A new text of many words. " * 20, owner_id=owner, bounds=Bounds(), per_hour=100
    ),
    "see what uses it": lambda article, owner: article_changes.uses(article, owner),
    "delete it": lambda article, owner: article_changes.delete(article, owner),
}
NOT_HERS_ARTICLE = {**NOT_HERS, "deleted": lambda rows, which: (rows.deleted, rows.ann)}


@pytest.mark.parametrize("whose", NOT_HERS_ARTICLE.values(), ids=NOT_HERS_ARTICLE.keys())
@pytest.mark.parametrize("call", ARTICLE_CALLS.values(), ids=ARTICLE_CALLS.keys())
def test_an_article_not_hers_is_not_found_and_stays_as_it_was(app, rows, call, whose):
    article_id, owner_id = whose(rows, "article")
    with app.app_context():
        before = everything()
        with pytest.raises(ArticleNotFound):
            call(article_id, owner_id)
        assert everything() == before


def test_another_teacher_sees_none_of_her_packs_to_review(app, rows):
    with app.app_context():
        assert [p.title for p in article_changes.packs_to_review(rows.article, rows.ann)] == ["Ann's pack"]
        assert article_changes.packs_to_review(rows.article, rows.bob) == []


def test_every_refusal_is_one_kind_of_not_found(app, rows):
    """The web answers ``NotFound`` with its 404 page, so a pack, an article and a job all look alike."""
    assert issubclass(PackNotFound, NotFound) and issubclass(ArticleNotFound, NotFound)
    assert issubclass(NotFound, LookupError)  # callers that caught LookupError still do
