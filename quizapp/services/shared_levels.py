"""A session at several levels from one pack: the questions every version can answer, asked at every level.

No Flask here. The teacher picks one pack on one version of the story;
a question of it is asked at every level only where each version says
its evidence (the same or nearly the same words) and holds its answer
(``text.questions.sharing``). The rest are left out, and the teacher is
told which and why; if none is left, nothing is started and she is
pointed to the default, a pack per version (``session_levels``). Shared
questions make the levels' results comparable question by question.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Pack, PackQuestion
from quizapp.services import roster_sessions, session_levels
from quizapp.services.classroom_rules import ClassroomError
from quizapp.services.session_levels import Material, version_article
from quizapp.services.stories import StoryView, get_story
from quizapp.services.transactions import reading
from quizapp.text.question import Question
from quizapp.text.questions.sharing import Sharing, share, split_sentences

NONE_SHARED = (
    "None of the questions of “{title}” has its evidence and answer in every version, so pupils at "
    "different levels could not all answer them: start the session with each version's own pack instead."
)


@dataclass(frozen=True)
class PackChoice:
    """A pack the teacher may start a shared session from: one of hers (or a seed's) on a version."""

    id: int
    title: str
    level: str  # the version's short name, e.g. "B1"
    questions: int


@dataclass(frozen=True)
class SharedStart:
    """The session started, how many questions every level is asked, and those left out (with why)."""

    session_id: int
    asked: int
    left_out: tuple[str, ...]

    @property
    def summary(self) -> str:
        """What the teacher is told once it has started: how many questions, and which were left out."""
        asked = f"Every level is asked the same {self.asked} question{'' if self.asked == 1 else 's'}."
        if not self.left_out:
            return asked
        left = "; ".join(self.left_out)
        return f"{asked} Left out, because not every version has the evidence and answer: {left}."


def _usable(owner_id: int) -> sa.ColumnElement[bool]:
    """The teacher's packs and the seed packs."""
    return sa.or_(Pack.owner_id == owner_id, Pack.owner_id.is_(None))


def packs_for_story(story: StoryView, owner_id: int) -> list[PackChoice]:
    """The packs with questions on the story's versions that ``owner_id`` may use, easiest version first."""
    levels = {v.article_id: (position, v.level) for position, v in enumerate(story.versions)}
    count = (
        sa.select(sa.func.count(PackQuestion.id))
        .where(PackQuestion.pack_id == Pack.id)
        .correlate(Pack)
        .scalar_subquery()
    )
    query = sa.select(Pack.id, Pack.title, Pack.article_id, count).where(
        Pack.article_id.in_(levels), _usable(owner_id)
    )
    with reading():
        rows = db.session.execute(query).all()
    rows = sorted((r for r in rows if r[3]), key=lambda r: (levels[r[2]][0], r[1], r[0]))
    return [PackChoice(pid, title, levels[article][1], n) for pid, title, article, n in rows]


def _pack_questions(pack_id: int, story: StoryView, owner_id: int) -> tuple[Pack, list[Question]]:
    """The pack (on one of the story's versions, hers or a seed's) and its questions; ``LookupError`` otherwise."""
    pack = db.session.scalars(
        sa.select(Pack).where(
            Pack.id == pack_id,
            Pack.article_id.in_([v.article_id for v in story.versions]),
            _usable(owner_id),
        )
    ).first()
    if pack is None:
        raise LookupError(pack_id)
    rows = db.session.scalars(
        sa.select(PackQuestion).where(PackQuestion.pack_id == pack.id).order_by(PackQuestion.position)
    )
    return pack, [Question.from_dict(row.data) for row in rows]


def _describe(sharing: Sharing) -> tuple[str, ...]:
    """Each left-out question as the teacher reads it: its prompt and the first version without it."""
    return tuple(f"“{out.question.prompt}” (not in the {out.version} version)" for out in sharing.left_out)


def start_shared_session(
    story_id: int, owner_id: int, pack_id: int, pupils_choose: bool = False, class_id: int | None = None
) -> SharedStart:
    """Start a session at the story's levels whose every level asks the pack's shared questions.

    With ``class_id`` the session is run with that class list, each pupil
    at the version nearest their level (``roster_sessions``).
    ``LookupError`` for a story, pack or class she may not use (or a pack on
    no version of the story); ``ClassroomError`` when no question is shared;
    what ``session_levels.start_levelled_session`` raises otherwise.
    """
    outcome: list[Sharing] = []

    def material(story: StoryView, owner: int) -> Material:
        pack, questions = _pack_questions(pack_id, story, owner)
        versions = [
            (v.level, split_sentences(version_article(v).analysis_data.get("paragraphs", ())))
            for v in story.versions
        ]
        sharing = share(questions, versions)
        if not sharing.per_version or not sharing.per_version[0]:
            raise ClassroomError(NONE_SHARED.format(title=pack.title))
        outcome.append(sharing)
        return [
            (version, [q.to_dict() for q in asked], pack)
            for version, asked in zip(story.versions, sharing.per_version, strict=True)
        ]

    get_story(story_id, owner_id)  # LookupError before anything else for a story she may not use
    if class_id:
        session_id = roster_sessions.start_levelled_for_class(
            class_id, owner_id, story_id, pupils_choose, material
        )
    else:
        session_id = session_levels.start_levelled_session(story_id, owner_id, pupils_choose, material)
    sharing = outcome[-1]
    return SharedStart(session_id, len(sharing.per_version[0]), _describe(sharing))
