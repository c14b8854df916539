"""A class session at several levels: each pupil reads the version of a story that suits them (issue 15).

No Flask here. A session started from a story keeps one ``SessionLevel``
per version, easiest first, each with a snapshot of *its own* questions.
By default (``own_packs``) a version's questions are the teacher's newest
pack on that article (or a seed pack), else the questions the analysis
generated for it, which is what "Take the quiz" offers. ``shared_levels``
gives every level the questions of one pack whose evidence and answer are
in every version instead (the ``material`` of ``start_levelled_session``).

The session's own article and questions are the middle level's, so every
page that knows only ``ClassSession`` still shows a real level; a pupil
whose ``level_id`` is NULL reads that one. The teacher sets a pupil's level,
or lets pupils choose; either way only until the pupil has answered: the
answers are numbered by the questions of the level they were given at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import (
    Answer,
    Article,
    ClassSession,
    Pack,
    PackQuestion,
    Participant,
    SessionLevel,
)
from quizapp.services.classroom_rules import (
    ClassroomError,
    NotJoined,
    new_code,
    normalise_code,
    token_hash,
)
from quizapp.services.stories import StoryError, StoryView, Version, get_story
from quizapp.services.transactions import reading, writing

RETRIES = 5
LOCKED = "{name} has already answered at {level}: a level can change only before the first answer."


@dataclass(frozen=True)
class Level:
    """One level of a session, as the pages show it."""

    id: int
    position: int
    article_id: int
    title: str
    cefr: str
    grade: float
    question_count: int

    @property
    def level(self) -> str:
        """The short name: the CEFR level, or the grade for an article analysed before issue 15."""
        return self.cefr or f"grade {self.grade:.1f}"


@dataclass(frozen=True)
class PupilLevels:
    """What a pupil's page needs to offer "Easier / Harder": their level and its neighbours, if they may choose."""

    here: Level
    easier: Level | None
    harder: Level | None
    may_choose: bool


def _level(row: SessionLevel) -> Level:
    return Level(
        row.id, row.position, row.article_id, row.title, row.cefr, row.grade, len(row.questions or [])
    )


def _rows(session_id: int) -> list[SessionLevel]:
    return list(
        db.session.scalars(
            sa.select(SessionLevel)
            .where(SessionLevel.session_id == session_id)
            .order_by(SessionLevel.position)
        )
    )


# ---- what a pupil reads (inside the caller's transaction) --------------------------------------


def pupil_material(participant: Participant, session: ClassSession) -> tuple[list[dict[str, Any]], int]:
    """The questions (as stored dicts) and the article id this pupil reads: their level's, else the session's.

    Runs inside the caller's transaction (every autosave calls it): one
    primary-key read, and only for a pupil who has been given a level.
    """
    if participant.level_id is not None:
        level = db.session.get(SessionLevel, participant.level_id)
        if level is not None and level.session_id == session.id:
            return level.questions, level.article_id
    return session.questions, session.article_id


# ---- starting -----------------------------------------------------------------------------------


def _questions_for(article: Article, owner_id: int) -> tuple[list[dict[str, Any]], Pack | None]:
    """A version's questions: the teacher's newest pack on it with questions (or a seed pack), else the generated ones."""
    packs = db.session.scalars(
        sa.select(Pack)
        .where(Pack.article_id == article.id, sa.or_(Pack.owner_id == owner_id, Pack.owner_id.is_(None)))
        .order_by(Pack.owner_id.is_(None), Pack.updated_at.desc(), Pack.id.desc())
    )
    for pack in packs:
        questions = [
            q.data
            for q in db.session.scalars(
                sa.select(PackQuestion).where(PackQuestion.pack_id == pack.id).order_by(PackQuestion.position)
            )
        ]
        if questions:
            return questions, pack
    return list(article.analysis_data.get("questions", [])), None


# Each version with its questions (as stored dicts) and the pack they came from, easiest first.
Material = list[tuple[Version, list[dict[str, Any]], Pack | None]]


def start_levelled_session(
    story_id: int,
    owner_id: int,
    pupils_choose: bool = False,
    material: Callable[[StoryView, int], Material] | None = None,
) -> int:
    """Start a class session of the story ``story_id`` (the teacher's or a seed story), one level per version.

    ``material`` gives each version its questions, in the session's
    transaction; by default each version's own pack (``own_packs``).
    ``LookupError`` for a story she may not use; ``StoryError`` for a story
    with one version; ``ClassroomError`` naming a version without questions.
    """
    story = get_story(story_id, owner_id)
    if len(story.versions) < 2:
        raise StoryError("A story needs at least two versions to give pupils different levels: add another.")
    for _ in range(RETRIES):
        try:
            with writing():
                session_id = _insert(story, owner_id, pupils_choose, (material or own_packs)(story, owner_id))
            return session_id
        except sa.exc.IntegrityError:
            continue  # another session took the same code at the same instant
    raise ClassroomError("Could not find a free join code; please try again.")


def version_article(version: Version) -> Article:
    """A version's article (in the caller's transaction); ``LookupError`` if deleted since the story was read."""
    article = db.session.get(Article, version.article_id)
    if article is None:
        raise LookupError(version.article_id)
    return article


def own_packs(story: StoryView, owner_id: int) -> Material:
    """Each version's own questions: the teacher's newest pack on it, else the generated ones."""
    made: Material = []
    for version in story.versions:
        questions, pack = _questions_for(version_article(version), owner_id)
        if not questions:
            raise ClassroomError(f"“{version.title}” has no questions yet: make a pack for it first.")
        made.append((version, questions, pack))
    return made


def _insert(story: StoryView, owner_id: int, pupils_choose: bool, made: Material) -> int:
    """The session and its levels, in the caller's transaction; the session's id."""
    middle_version, middle_questions, middle_pack = made[(len(made) - 1) // 2]
    row = ClassSession(
        owner_id=owner_id,
        pack_id=middle_pack.id if middle_pack else None,
        article_id=middle_version.article_id,
        title=story.title[:200],
        code=_free_code(),
        questions=middle_questions,
        pupils_choose_level=pupils_choose,
        **_settings(middle_pack),
    )
    db.session.add(row)
    db.session.flush()
    for position, (version, questions, _pack) in enumerate(made):
        db.session.add(
            SessionLevel(
                session_id=row.id,
                position=position,
                article_id=version.article_id,
                title=version.title[:200],
                cefr=version.cefr,
                grade=version.grade,
                questions=questions,
            )
        )
    db.session.flush()
    return row.id


def _settings(pack: Pack | None) -> dict[str, Any]:
    """How the class meets the questions: the middle version's pack's settings (one set for every level,
    so the levels differ only in their text and questions), or the defaults when it has no pack."""
    if pack is None:
        return {}
    return {
        "feedback": pack.feedback,
        "shuffle_choices": pack.shuffle_choices,
        "shuffle_questions": pack.shuffle_questions,
        "description": pack.description,
        "attempts": pack.attempts,
    }


def _free_code() -> str:
    """A join code no session has yet (the unique constraint settles a race)."""
    while True:
        code = new_code()
        if db.session.scalar(sa.select(ClassSession.id).where(ClassSession.code == code)) is None:
            return code


# ---- reading ------------------------------------------------------------------------------------


def levels(session_id: int) -> tuple[Level, ...]:
    """The session's levels, easiest first; empty for a session of one pack."""
    with reading():
        return tuple(_level(row) for row in _rows(session_id))


def pupil_levels(session_id: int, participant_id: int, level_id: int | None) -> PupilLevels | None:
    """The pupil's level with its easier and harder neighbours; None for a session of one pack.

    ``level_id`` None is the session's own level (the middle one).
    """
    with reading():
        rows = [_level(row) for row in _rows(session_id)]
        if not rows:
            return None
        choose, article_id = db.session.execute(
            sa.select(ClassSession.pupils_choose_level, ClassSession.article_id).where(
                ClassSession.id == session_id
            )
        ).one()
        answered = db.session.scalar(
            sa.select(sa.func.count(Answer.id)).where(Answer.participant_id == participant_id)
        )
    ids = [r.id for r in rows]
    default = next((i for i, r in enumerate(rows) if r.article_id == article_id), (len(rows) - 1) // 2)
    at = ids.index(level_id) if level_id in ids else default
    return PupilLevels(
        rows[at],
        rows[at - 1] if at > 0 else None,
        rows[at + 1] if at + 1 < len(rows) else None,
        bool(choose) and not answered,
    )


# ---- changing a pupil's level -------------------------------------------------------------------


def _set(participant: Participant, level_id: int) -> None:
    """Give ``participant`` the level ``level_id`` of their session (in the caller's transaction)."""
    rows = _rows(participant.session_id)
    level = next((row for row in rows if row.id == level_id), None)
    if level is None:
        raise LookupError(level_id)
    current = _current(participant, rows)
    if current is not None and current.id == level.id:
        return
    if db.session.scalar(sa.select(sa.func.count(Answer.id)).where(Answer.participant_id == participant.id)):
        raise ClassroomError(
            LOCKED.format(
                name=participant.display_name,
                level=current.cefr or current.title if current else "another level",
            )
        )
    participant.level_id = level.id


def _current(participant: Participant, rows: list[SessionLevel]) -> SessionLevel | None:
    """The level the pupil reads now: theirs, else the one whose article is the session's own."""
    if participant.level_id is not None:
        return next((row for row in rows if row.id == participant.level_id), None)
    article_id = db.session.scalar(
        sa.select(ClassSession.article_id).where(ClassSession.id == participant.session_id)
    )
    return next((row for row in rows if row.article_id == article_id), None)


def assign_level(session_id: int, participant_id: int, level_id: int) -> None:
    """The teacher gives a pupil a level (callers checked she owns the session).

    ``LookupError`` for a pupil or level not in this session; ``ClassroomError``
    once the pupil has answered.
    """
    with writing():
        participant = db.session.scalars(
            sa.select(Participant)
            .where(Participant.id == participant_id, Participant.session_id == session_id)
            .with_for_update()
        ).first()
        if participant is None:
            raise LookupError(participant_id)
        _set(participant, level_id)


def choose_level(code: str, token: str, level_id: int) -> None:
    """A pupil picks their own level, if the teacher lets pupils choose and they have not answered yet.

    ``NotJoined`` for a browser that did not join; ``ClassroomError`` when
    choosing is not allowed or too late; ``LookupError`` for a level not in
    the session.
    """
    with writing():
        found = db.session.execute(
            sa.select(Participant, ClassSession)
            .join(ClassSession, ClassSession.id == Participant.session_id)
            .where(
                Participant.token_hash == token_hash(token or ""), ClassSession.code == normalise_code(code)
            )
            .with_for_update()
        ).first()
        if found is None or not token:
            raise NotJoined()
        participant, row = found
        if not row.pupils_choose_level:
            raise ClassroomError("Your teacher chooses the level in this class.")
        if not row.is_open:
            raise ClassroomError("Your teacher has closed this class.")
        if participant.finished_at is not None:
            raise ClassroomError("You have handed in your answers, so your level can no longer change.")
        _set(participant, level_id)
