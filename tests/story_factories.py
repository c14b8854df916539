"""Stories for tests: one story told at three levels, each version a hand-made analysis with its own grade.

The grades are set by hand (not computed), so a test knows which version is
easier: ``LEVELS`` lists (slug, title, grade, CEFR) from easiest to hardest,
deliberately *not* in the order the articles are made, so a test of the
order would catch ordering by id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from factories import seed_analysis
from records import make_article

from quizapp.text.question import Question
from quizapp.text.types import CleanArticle

LEVELS = (
    ("mars-ele", "Mars One (easy)", 8.4, "A2"),
    ("mars-int", "Mars One (middle)", 10.2, "B1"),
    ("mars-adv", "Mars One (hard)", 12.6, "C1"),
)
MADE_IN = (2, 0, 1)  # the hard version first, then the easy one, then the middle one


def version_line(cefr: str) -> str:
    """The paragraph ``marked`` versions end with, so a page shows which version's text it holds."""
    return f"This is the {cefr} version of the story."


def levelled_analysis(title: str, grade: float, cefr: str, marked: bool = False):
    """The hand-made seed analysis with another title and reading level (and, ``marked``, a last line naming it).

    The line is added after the last paragraph, so every span of the analysis still points where it did.
    """
    analysis = seed_analysis()
    paragraphs = tuple(analysis.article.paragraphs) + ((version_line(cefr),) if marked else ())
    article = CleanArticle(title, paragraphs, "Test source", "Testville")
    readability = replace(analysis.readability, grade_level=grade, cefr=cefr, uk_year="Year 9")
    return replace(analysis, article=article, readability=readability)


def make_levelled_articles(owner=None, prefix: str = "", marked: bool = False) -> dict[str, object]:
    """The three versions as articles of ``owner`` (None: seeds), by slug; flushed, not committed."""
    made = {}
    for index in MADE_IN:
        slug, title, grade, cefr = LEVELS[index]
        made[slug] = make_article(
            slug=prefix + slug, owner=owner, analysis=levelled_analysis(title, grade, cefr, marked)
        )
    return made


@dataclass(frozen=True)
class LevelledLesson:
    """A story of Ann's at three levels with a pack per version, and a class session of it started."""

    session_id: int
    code: str
    owner_id: int
    story_id: int
    article_ids: dict  # by slug


QUESTION_COUNTS = {"mars-ele": 2, "mars-int": 3, "mars-adv": 4}  # so a test can tell the levels' packs apart


def make_levelled_story(app, *, packs=tuple(QUESTION_COUNTS), email: str = "ann@school.example"):
    """Ann, her three versions linked as one story, and a pack on each version in ``packs``: (owner, story, ids)."""
    from records import make_pack, make_teacher

    from quizapp.extensions import db
    from quizapp.services import stories

    with app.app_context():
        teacher = make_teacher(email=email)
        made = make_levelled_articles(teacher)
        for slug in packs:
            make_pack(made[slug], teacher, questions=QUESTION_COUNTS[slug], title=f"Pack for {slug}")
        db.session.commit()
        ids = {slug: article.id for slug, article in made.items()}
        owner_id = teacher.id
        story_id = stories.create_story(ids["mars-ele"], owner_id, "Mars One")
        for slug in ("mars-int", "mars-adv"):
            stories.add_version(story_id, ids[slug], owner_id)
    return owner_id, story_id, ids


def start_levelled_lesson(app, *, pupils_choose: bool = False) -> LevelledLesson:
    """``make_levelled_story`` and a session at its three levels."""
    from quizapp.services import classroom, session_levels

    owner_id, story_id, ids = make_levelled_story(app)
    with app.app_context():
        session_id = session_levels.start_levelled_session(story_id, owner_id, pupils_choose=pupils_choose)
        code = classroom.owned_session(session_id, owner_id).code
    return LevelledLesson(session_id, code, owner_id, story_id, ids)


# ---- one pack for every level (services.shared_levels) ------------------------------------------

CAPTURE = Question(
    "capture",
    "short",
    "Which town did the government capture?",
    (("al-Sukhna",),),
    evidence="Damascus hailed the capture of the town of al-Sukhna on Saturday as a big step in that direction.",
)
WHICH = Question("which", "short", "Which version is this?", (("B1",),), evidence=version_line("B1"))
OPINION = Question("opinion", "short", "Was it a big step?", (("yes",),))


def pack_of(article, owner, questions, title="One pack"):
    """A pack of ``questions`` on ``article``, feedback at the end (so a test sees its settings travel)."""
    from quizapp.extensions import db
    from quizapp.models import Pack, PackQuestion

    pack = Pack(article=article, owner_id=owner.id, title=title, feedback="end")
    for question in questions:
        pack.questions.append(PackQuestion(data=question.to_dict()))
    db.session.add(pack)
    db.session.flush()
    return pack


def story_with_pack(app, questions=(CAPTURE, WHICH, OPINION)):
    """Ann's marked story at three levels and one pack on its middle version: (owner, story, pack, ids)."""
    from records import make_teacher

    from quizapp.extensions import db
    from quizapp.services import stories

    with app.app_context():
        ann = make_teacher()
        made = make_levelled_articles(ann, marked=True)
        pack = pack_of(made["mars-int"], ann, questions)
        db.session.commit()
        ids = {slug: a.id for slug, a in made.items()}
        owner_id, pack_id = ann.id, pack.id
        story_id = stories.create_story(ids["mars-ele"], owner_id, "Mars One")
        for slug in ("mars-int", "mars-adv"):
            stories.add_version(story_id, ids[slug], owner_id)
    return owner_id, story_id, pack_id, ids
