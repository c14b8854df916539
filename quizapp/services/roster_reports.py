"""A class over a term: each session's mean score, the skills the class misses most, each pupil's history,
and one CSV of it all.

No Flask here. Read in one short transaction per report and returned as
plain data. Scores are the classroom's own (1 point per question, a
fraction for a partly right answer, a teacher's override counted), shown
as a percentage of the session's questions so sessions of different
lengths compare; in a session of a story at several levels, of the
questions of the pupil's own level. A question's skill is its ``skill`` (recall, vocabulary,
inference), except that the "sums up the article" question is counted as
*main idea*, which is what a teacher asks about.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import (
    Answer,
    ClassPupil,
    ClassSession,
    Homework,
    Participant,
    PupilSeat,
    SessionClass,
    SessionLevel,
)
from quizapp.services.classroom_results import safe_cell
from quizapp.services.rosters import class_row
from quizapp.services.transactions import reading
from quizapp.text.questions.families.main_idea import PROMPT as MAIN_IDEA_PROMPT

SKILL_ORDER = ("recall", "vocabulary", "inference", "main idea")


@dataclass(frozen=True)
class SessionMean:
    """One session of the class: how many joined and their mean score (None: nobody joined)."""

    session_id: int
    title: str
    code: str
    started: datetime
    homework: bool
    questions: int
    joined: int
    mean_percent: float | None


@dataclass(frozen=True)
class SkillMiss:
    """One skill across the term: how many answers, and the share of their marks missed (0–100)."""

    skill: str
    answers: int
    missed_percent: float


@dataclass(frozen=True)
class HistoryRow:
    """One pupil in one session of the class (``joined`` False: they were not there)."""

    session_id: int
    title: str
    started: datetime
    homework: bool
    joined: bool
    answered: int
    questions: int
    score: float
    handed_in: bool

    @property
    def percent(self) -> float | None:
        """The score as a percentage of the session's questions; None when the pupil did not join."""
        return 100 * self.score / self.questions if self.joined and self.questions else None


@dataclass(frozen=True)
class Term:
    """The class page's report: its sessions in the order they were run, and skills most missed first."""

    sessions: tuple[SessionMean, ...]
    skills: tuple[SkillMiss, ...]


def skill_of(question: dict[str, Any]) -> str:
    """The skill a session's question practises, as the term report names it."""
    if question.get("prompt") == MAIN_IDEA_PROMPT:
        return "main idea"
    return question.get("skill") or "recall"


def _sessions(class_id: int) -> list[tuple[ClassSession, bool]]:
    """The class's sessions, oldest first, each with whether it is homework (in the caller's transaction)."""
    query = (
        sa.select(ClassSession, Homework.session_id.is_not(None))
        .join(SessionClass, SessionClass.session_id == ClassSession.id)
        .outerjoin(Homework, Homework.session_id == ClassSession.id)
        .where(SessionClass.class_id == class_id)
        .order_by(ClassSession.created_at, ClassSession.id)
    )
    return [(row, bool(homework)) for row, homework in db.session.execute(query)]


def _answers(session_ids: list[int]) -> list[tuple[int, int, int, float]]:
    """``(session, participant, number, score)`` of every saved answer in those sessions."""
    if not session_ids:
        return []
    return list(
        db.session.execute(
            sa.select(Answer.session_id, Answer.participant_id, Answer.number, Answer.score).where(
                Answer.session_id.in_(session_ids)
            )
        ).tuples()
    )


def _levelled(session_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The questions of each participant given a level of a story (by participant id), in those sessions.

    A pupil at the easy level answers its questions, not the session's own
    (the middle level's): counting them against the middle level's would
    make 4 right of 4 read as 133%.
    """
    if not session_ids:
        return {}
    query = (
        sa.select(Participant.id, SessionLevel.questions)
        .join(SessionLevel, SessionLevel.id == Participant.level_id)
        .where(Participant.session_id.in_(session_ids))
    )
    return {participant_id: questions for participant_id, questions in db.session.execute(query)}


def term(class_id: int, owner_id: int) -> Term:
    """Each session's mean score and the skills missed most; ``LookupError`` for another teacher's class."""
    with reading():
        class_row(class_id, owner_id)
        sessions = _sessions(class_id)
        ids = [row.id for row, _ in sessions]
        answers = _answers(ids)
        joined: dict[int, list[int]] = defaultdict(list)
        for session_id, participant_id in db.session.execute(
            sa.select(Participant.session_id, Participant.id).where(Participant.session_id.in_(ids))
        ):
            joined[session_id].append(participant_id)
        questions = {row.id: row.questions for row, _ in sessions}
        levelled = _levelled(ids)
        means = tuple(_mean(row, homework, joined[row.id], answers, levelled) for row, homework in sessions)
    return Term(means, _skills(answers, questions, levelled))


def _mean(
    row: ClassSession,
    homework: bool,
    pupils: list[int],
    answers: list[tuple[int, int, int, float]],
    levelled: dict[int, list[dict[str, Any]]],
) -> SessionMean:
    """One session's mean score over the pupils who joined it (unanswered questions count 0).

    Each pupil's marks count out of their own level's questions; ``questions``
    is the session's own (the middle level's) count.
    """
    count = len(row.questions or [])
    total = sum(score for session_id, _, _, score in answers if session_id == row.id)
    possible = sum(len(levelled.get(p, row.questions) or []) for p in pupils)
    mean = 100 * total / possible if possible else None
    return SessionMean(row.id, row.title, row.code, row.created_at, homework, count, len(pupils), mean)


def _skills(
    answers: list[tuple[int, int, int, float]],
    questions: dict[int, list[dict[str, Any]]],
    levelled: dict[int, list[dict[str, Any]]],
) -> tuple[SkillMiss, ...]:
    """Per skill, the share of marks missed on answers given, most missed first (ties in ``SKILL_ORDER``).

    An answer's question is the one of that number at the pupil's level.
    """
    given: dict[str, list[float]] = defaultdict(list)
    for session_id, participant_id, number, score in answers:
        data = levelled.get(participant_id) or questions.get(session_id) or []
        if 1 <= number <= len(data):
            given[skill_of(data[number - 1])].append(score)
    misses = [
        SkillMiss(skill, len(scores), 100 * (1 - sum(scores) / len(scores)))
        for skill, scores in given.items()
    ]
    order = {skill: n for n, skill in enumerate(SKILL_ORDER)}
    return tuple(sorted(misses, key=lambda m: (-m.missed_percent, order.get(m.skill, len(order)))))


def history(class_id: int, owner_id: int, pupil_id: int) -> tuple[str, tuple[HistoryRow, ...]]:
    """A pupil's name and a row for each of the class's sessions, joined or not; ``LookupError`` otherwise."""
    with reading():
        class_row(class_id, owner_id)
        name = db.session.scalar(
            sa.select(ClassPupil.name).where(ClassPupil.id == pupil_id, ClassPupil.class_id == class_id)
        )
        if name is None:
            raise LookupError(pupil_id)
        rows = _history_rows(class_id, {pupil_id})
    return name, tuple(rows.get(pupil_id, ()))


def _history_rows(class_id: int, pupil_ids: set[int]) -> dict[int, list[HistoryRow]]:
    """For each pupil, a ``HistoryRow`` per session of the class (in the caller's transaction)."""
    sessions = _sessions(class_id)
    answers = _answers([row.id for row, _ in sessions])
    levelled = _levelled([row.id for row, _ in sessions])
    seats = {
        (session_id, pupil_id): (participant_id, finished)
        for session_id, pupil_id, participant_id, finished in db.session.execute(
            sa.select(
                PupilSeat.session_id, PupilSeat.pupil_id, Participant.id, Participant.finished_at.is_not(None)
            )
            .join(Participant, Participant.id == PupilSeat.participant_id)
            .where(PupilSeat.pupil_id.in_(pupil_ids))
        )
    }
    scores: dict[int, list[float]] = defaultdict(list)
    for _, participant_id, _, score in answers:
        scores[participant_id].append(score)
    rows: dict[int, list[HistoryRow]] = defaultdict(list)
    for pupil_id in pupil_ids:
        for row, homework in sessions:
            participant_id, finished = seats.get((row.id, pupil_id), (None, False))
            got = scores.get(participant_id, []) if participant_id else []
            rows[pupil_id].append(
                HistoryRow(
                    row.id,
                    row.title,
                    row.created_at,
                    homework,
                    participant_id is not None,
                    len(got),
                    len(levelled.get(participant_id or 0, row.questions) or []),
                    sum(got),
                    bool(finished),
                )
            )
    return rows


CSV_HEADER = [
    "class",
    "pupil",
    "session",
    "started (UTC)",
    "kind",
    "joined",
    "answered",
    "questions",
    "score",
    "percent",
    "handed in",
]


def term_csv(class_id: int, owner_id: int) -> str:
    """One row per pupil per session of the class, then a total row per pupil; cells safe from formulas.

    A pupil's total counts every session's questions, joined or not, so a
    missed lesson shows in the percentage; ``joined`` says how many they
    were in.
    """
    with reading():
        name = class_row(class_id, owner_id).name
        pupils = list(
            db.session.execute(
                sa.select(ClassPupil.id, ClassPupil.name)
                .where(ClassPupil.class_id == class_id)
                .order_by(ClassPupil.name_key, ClassPupil.id)
            )
        )
        rows = _history_rows(class_id, {pupil_id for pupil_id, _ in pupils})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for pupil_id, pupil in pupils:
        history_rows = rows.get(pupil_id, [])
        for row in history_rows:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        name,
                        pupil,
                        row.title,
                        f"{row.started:%Y-%m-%d %H:%M}",
                        "homework" if row.homework else "lesson",
                        "yes" if row.joined else "no",
                        row.answered,
                        row.questions,
                        _number(row.score),
                        _number(row.percent),
                        "yes" if row.handed_in else "no",
                    )
                ]
            )
        writer.writerow([safe_cell(v) for v in _total(name, pupil, history_rows)])
    return buffer.getvalue()


def _total(class_name: str, pupil: str, rows: list[HistoryRow]) -> list[object]:
    """A pupil's total row: sessions joined of all, answers, questions and score summed, percent of all questions."""
    questions = sum(r.questions for r in rows)
    score = sum(r.score for r in rows)
    return [
        class_name,
        pupil,
        "Total",
        "",
        "",
        f"{sum(r.joined for r in rows)} of {len(rows)}",
        sum(r.answered for r in rows),
        questions,
        _number(score),
        _number(100 * score / questions if questions else None),
        sum(r.handed_in for r in rows),
    ]


def _number(value: float | None) -> str:
    """A score or percentage as a spreadsheet reads it: ``2``, ``2.5``, ``66.7``; empty for none."""
    if value is None:
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".")
