"""``quizapp pack import|export|list``: packs in and out from the command line, all or nothing."""

import pytest
import sqlalchemy as sa
from records import make_article, make_teacher

from quizapp.cli import main
from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion
from quizapp.services import packs as pack_service
from quizapp.services import teachers
from quizapp.text import pack as plain
from quizapp.text.question import Question

pytestmark = pytest.mark.db

QUESTIONS = (
    Question("q1", "short", "Who backs the government?", (("Russia", "Moscow"), ("Iran",))),
    Question(
        "q2", "choice", "Which town was captured?", (("al-Sukhna",),), choices=("al-Sukhna", "Damascus")
    ),
)


@pytest.fixture
def pack_id(app):
    with app.app_context():
        article = make_article()
        db.session.commit()
        data = plain.Pack(title="Syria quiz", article=pack_service.pack_article(article), questions=QUESTIONS)
        return pack_service.create_pack(data, article_id=article.id, owner_id=None)


def rows(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Pack, Article, PackQuestion)
        )


@pytest.mark.parametrize("fmt", ["json", "yaml", "gift"])
def test_export_then_import_gives_back_the_same_questions(app, runner, pack_id, stub_pipeline, tmp_path, fmt):
    path = tmp_path / f"syria.{fmt}"
    exported = runner.invoke(main, ["pack", "export", str(pack_id), "--format", fmt, "-o", str(path)])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(main, ["pack", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    new_id = int(imported.stdout.strip())
    with app.app_context():
        assert pack_service.get_pack(new_id).questions == QUESTIONS
        assert db.session.get(Pack, new_id).owner_id is None


def test_export_writes_to_standard_output(runner, pack_id):
    result = runner.invoke(main, ["pack", "export", str(pack_id), "--format", "gift"])
    assert result.exit_code == 0 and "Who backs the government?" in result.output


def test_import_with_an_owner_gives_the_teacher_the_pack_and_its_article(
    app, runner, pack_id, stub_pipeline, tmp_path
):
    with app.app_context():
        ann = teachers.create_teacher("ann@school.example", "Ann Rivera", "correct horse battery")
    path = tmp_path / "syria.json"
    runner.invoke(main, ["pack", "export", str(pack_id), "-o", str(path)])
    result = runner.invoke(main, ["pack", "import", str(path), "--owner", "Ann@School.Example"])
    with app.app_context():
        row = db.session.get(Pack, int(result.stdout.strip()))
        assert (row.owner_id, row.article.owner_id) == (ann, ann)
    listed = runner.invoke(main, ["pack", "list"]).output.splitlines()
    assert listed[0] == f"{pack_id}\tSyria quiz\t(shared)\tsyria\t2 questions"
    assert listed[1].split("\t")[2] == "ann@school.example"


def test_an_unknown_owner_is_refused(app, runner, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}")
    result = runner.invoke(main, ["pack", "import", str(path), "--owner", "nobody@school.example"])
    assert result.exit_code == 1 and "no teacher has the email" in result.output


@pytest.mark.parametrize(
    "name, content",
    [("bad.json", '{"title": "x"'), ("bad.gift", "::Q1:: What? {=a ~b"), ("bad.yaml", "title: [unclosed")],
)
def test_a_bad_file_is_one_line_exit_1_and_nothing_saved(
    app, runner, pack_id, stub_pipeline, tmp_path, name, content
):
    before = rows(app)
    path = tmp_path / name
    path.write_text(content)
    result = runner.invoke(main, ["pack", "import", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert rows(app) == before and stub_pipeline == []


def test_exporting_a_missing_pack_fails(runner):
    result = runner.invoke(main, ["pack", "export", "99"])
    assert result.exit_code == 1 and "there is no pack 99" in result.output


def test_a_pack_whose_article_is_over_the_caps_is_one_line_exit_1_and_nothing_saved(
    app_config, tmp_path, nlp
):
    from quizapp import create_app, interchange

    app = create_app({**app_config, "MAX_ARTICLE_WORDS": 40})
    article = plain.PackArticle(
        title="Floods", text=("Heavy rain closed twelve schools on Monday. " * 8).strip()
    )
    path = tmp_path / "long.json"
    path.write_text(
        interchange.dump(plain.Pack(title="Floods quiz", article=article, questions=QUESTIONS), "json")
    )
    before = rows(app)
    result = app.test_cli_runner().invoke(main, ["pack", "import", str(path)])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "articles of up to 40 words are accepted" in result.output
    assert rows(app) == before


def test_import_names_the_glossary_corrections_it_could_not_make(app, runner, stub_pipeline, tmp_path):
    """The stub analyses the imported text with other names (tests/factories.py): no "Iran" entry there."""
    from quizapp.services import article_editing
    from quizapp.text.actors.glossary_edits import edit_actor

    with app.app_context():
        article = make_article(owner=make_teacher())  # a teacher's: she corrects her glossary
        db.session.commit()
        article_editing.edit_analysis(
            article.id,
            article.owner_id,
            lambda a: edit_actor(a, "iran", name="Iran", kind="country", role="backs Assad"),
        )
        data = plain.Pack(
            title="Syria quiz",
            article=pack_service.pack_article(db.session.get(Article, article.id)),
            questions=QUESTIONS,
        )
        pack_id = pack_service.create_pack(data, article_id=article.id, owner_id=None)
    path = tmp_path / "syria.yaml"
    runner.invoke(main, ["pack", "export", str(pack_id), "--format", "yaml", "-o", str(path)])
    result = runner.invoke(main, ["pack", "import", str(path)])
    assert result.exit_code == 0 and int(result.stdout.strip())
    assert (
        result.stderr == "skipped: no glossary entry is called “Iran”, so the edit of “Iran” was not made\n"
    )
