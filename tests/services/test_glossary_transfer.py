"""A teacher's glossary corrections travel with a pack: export, import elsewhere, the glossary is corrected.

The importing server analyses the article again; here the pipeline is
replaced by the hand-made seed analysis under other ids, as a newer
pipeline might number its entries (issue 10, item 5).
"""

from dataclasses import replace

import pytest
from factories import seed_analysis
from records import make_article, make_teacher

from quizapp import interchange
from quizapp.extensions import db
from quizapp.models import Pack
from quizapp.services import article_editing, article_jobs, articles, pack_editing
from quizapp.services import packs as pack_service
from quizapp.text.actors import glossary_edits
from quizapp.text.reading.bounds import Bounds

pytestmark = pytest.mark.db


@pytest.fixture
def fresh_pipeline(monkeypatch):
    """The pipeline as another server runs it: the seed's entries, numbered a0, a1..."""

    def run(raw, model, title_hint=None, **options):
        analysis = seed_analysis()
        new = {a.id: f"a{n}" for n, a in enumerate(analysis.actors)}
        return replace(
            analysis,
            actors=tuple(replace(a, id=new[a.id]) for a in analysis.actors),
            mentions=tuple(replace(m, actor=new.get(m.actor)) for m in analysis.mentions),
        )

    monkeypatch.setattr(articles, "run_pipeline", run)


@pytest.fixture
def exported(app):
    """A teacher's pack on an article whose glossary they corrected, exported as YAML."""
    with app.app_context():
        teacher = make_teacher()
        article = make_article(owner=teacher)
        db.session.commit()
        edits = [
            lambda a: glossary_edits.edit_actor(
                a,
                "islamic-state",
                name="Islamic State (IS)",
                kind="organization",
                role="militant group losing its last towns",
            ),
            lambda a: glossary_edits.merge_actors(a, "syria", "assad"),
            lambda a: glossary_edits.drop_actor(a, "deir-al-zor"),
        ]
        for edit in edits:  # as the glossary page saves them, one by one
            article_editing.edit_analysis(article.id, teacher.id, edit)
        pack_id = pack_editing.start_from_article(article.id, teacher.id)
        yield interchange.dump(pack_service.get_pack(pack_id), "yaml"), teacher.id


def glossary(pack_id: int) -> list[tuple[str, str, str]]:
    analysis = db.session.get(Pack, pack_id).article.analysis
    return [(a.name, a.kind, a.role) for a in analysis.actors]


CORRECTED = [  # the seed's glossary (tests/factories.py) with the three corrections, by hand
    ("Bashar al-Assad", "person", "President of Syria, extending his grip"),
    ("Islamic State (IS)", "organization", "militant group losing its last towns"),
    ("Russia", "country", "Backs the Syrian government"),
    ("Iran", "country", "Backs the Syrian government"),
]


def test_import_from_the_command_line_shows_the_corrected_glossary(app, exported, fresh_pipeline):
    text, owner = exported
    assert "  - edit: drop\n    actor: Deir al-Zor\n" in text
    pack_id = pack_editing.import_pack(interchange.load(text, "yaml").pack, owner_id=owner, model="m")
    assert glossary(pack_id) == CORRECTED
    assert pack_editing.import_notes(pack_id) == []


def test_import_on_the_web_shows_the_corrected_glossary(app, exported, fresh_pipeline):
    text, owner = exported
    job = pack_editing.import_later(
        interchange.load(text, "yaml").pack, owner_id=owner, max_questions=0, bounds=Bounds(), per_hour=10
    )
    article_jobs.run(job, model="m", bounds=Bounds())
    assert glossary(article_jobs.status(job, owner).pack_id) == CORRECTED


def test_a_correction_of_an_entry_the_article_lacks_is_reported_and_skipped(app, exported, fresh_pipeline):
    text, owner = exported
    text = text.replace(
        "  - edit: drop\n    actor: Deir al-Zor\n",
        "  - edit: drop\n    actor: Angela Merkel\n  - edit: drop\n    actor: Deir al-Zor\n",
    )
    pack_id = pack_editing.import_pack(interchange.load(text, "yaml").pack, owner_id=owner, model="m")
    assert glossary(pack_id) == CORRECTED
    assert pack_editing.import_notes(pack_id) == [
        "no glossary entry is called “Angela Merkel”, so the drop of “Angela Merkel” was not made"
    ]
    # and a second export carries only the corrections that were made
    again = interchange.dump(pack_service.get_pack(pack_id), "yaml")
    assert "Angela Merkel" not in again and "actor: Deir al-Zor" in again
