"""A classroom session's results: the teacher's live dashboard and the CSV exports.

No Flask here. Callers have checked that the teacher owns the session
(``classroom.owned_session``). Everything is read in one short transaction
and handed back as plain data, so the dashboard polled every few seconds by
every teacher holds no lock while it renders.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession, Participant, SessionLevel
from quizapp.services.transactions import reading
from quizapp.text.grading.answers import tokens
from quizapp.text.grading.grader import VERDICTS
from quizapp.text.question import Question

OUTCOMES = (*VERDICTS, "unanswered")
TOP_WRONG = 3
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PupilAnswer:
    """One saved answer as the teacher sees it (the override button needs the number)."""

    number: int
    response: str
    score: float
    verdict: str
    overridden: bool
    answered_at: datetime


@dataclass(frozen=True)
class PupilRow:
    """One pupil on the dashboard: who, how far, how well."""

    participant_id: int
    display_name: str
    answered: int
    score: float
    finished: bool
    joined_at: datetime
    answers: dict[int, PupilAnswer]
    attempt: int = 1  # the pupil's go at the pack (the answers are this go's)
    past_scores: tuple[float, ...] = ()  # the scores of their earlier goes
    total: int = 0  # questions this pupil has: their level's in a session at several levels
    level: str = ""  # that level's CEFR (or grade); "" in a session of one pack
    level_id: int | None = None


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong (or only partly right) answer several pupils gave, as most of them wrote it."""

    text: str
    count: int


@dataclass(frozen=True)
class QuestionStats:
    """One question across the class: how many got each outcome, as counts and whole percents."""

    number: int
    prompt: str
    type: str
    answer: str
    counts: dict[str, int]
    shares: dict[str, int]
    wrong_answers: tuple[WrongAnswer, ...]


@dataclass(frozen=True)
class LevelResult:
    """One level of a session at several levels: who read it and how well, beside the others."""

    level_id: int
    title: str
    level: str
    question_count: int
    pupils: int
    mean_score: float  # points, the mean over this level's pupils (0 with no pupils)
    mean_share: int  # that mean as a whole percent of the level's questions
    questions: tuple[QuestionStats, ...]


@dataclass(frozen=True)
class Dashboard:
    """Everything the teacher's live page shows."""

    session_id: int
    title: str
    code: str
    is_open: bool
    question_count: int
    participants: tuple[PupilRow, ...]
    questions: tuple[QuestionStats, ...]  # empty in a session at several levels: each level has its own
    levels: tuple[LevelResult, ...] = ()


def response_text(response: object) -> str:
    """A stored response as one line of text: a list of picks joined with commas, nothing as ""."""
    if response is None:
        return ""
    if isinstance(response, list):
        return ", ".join(str(pick) for pick in response if str(pick).strip())
    return str(response).strip()


_SessionRow = tuple[int, str, str, bool, list[Question]]
"""A session or one of its levels: id, title, code (or level name), open (or default), questions."""
_ParticipantRow = tuple[int, str, bool, datetime, int, tuple[float, ...], int | None]


def _load(
    session_id: int,
) -> tuple[_SessionRow, list[_ParticipantRow], list[tuple[int, PupilAnswer]], list[_SessionRow]]:
    """The session, its participants (in the order they joined), all their answers, and its levels."""
    with reading():
        row = db.session.get(ClassSession, session_id)
        if row is None:
            raise LookupError(session_id)
        session = (row.id, row.title, row.code, row.is_open, [Question.from_dict(q) for q in row.questions])
        levels = [
            (
                level.id,
                level.title,
                level.cefr or f"grade {level.grade:.1f}",
                level.article_id == row.article_id,
                [Question.from_dict(q) for q in level.questions],
            )
            for level in db.session.scalars(
                sa.select(SessionLevel)
                .where(SessionLevel.session_id == session_id)
                .order_by(SessionLevel.position)
            )
        ]
        participants = [
            (
                p.id,
                p.display_name,
                p.finished_at is not None,
                p.joined_at,
                p.attempt,
                tuple(p.past_scores or ()),
                p.level_id,
            )
            for p in db.session.scalars(
                sa.select(Participant)
                .where(Participant.session_id == session_id)
                .order_by(Participant.joined_at, Participant.id)
            )
        ]
        answers = [
            (
                a.participant_id,
                PupilAnswer(
                    a.number, response_text(a.response), a.score, a.verdict, a.overridden, a.answered_at
                ),
            )
            for a in db.session.scalars(sa.select(Answer).where(Answer.session_id == session_id))
        ]
    return session, participants, answers, levels


def dashboard(session_id: int) -> Dashboard:
    """The session's dashboard; ``LookupError`` if it does not exist."""
    (sid, title, code, is_open, questions), participants, answers, levels = _load(session_id)
    by_pupil: dict[int, dict[int, PupilAnswer]] = defaultdict(dict)
    for participant_id, answer in answers:
        by_pupil[participant_id][answer.number] = answer
    default = next((level[0] for level in levels if level[3]), None)
    # keyed by a pupil's level or None: None only in a session without levels, where ``known`` is not read
    known: dict[int | None, _SessionRow] = {level[0]: level for level in levels}
    level_of = {pid: level_id if level_id in known else default for pid, *_, level_id in participants}
    rows = tuple(
        PupilRow(
            pid,
            name,
            len(by_pupil[pid]),
            round(sum(a.score for a in by_pupil[pid].values()), 2),
            finished,
            joined,
            dict(sorted(by_pupil[pid].items())),
            attempt,
            past,
            len(known[level_of[pid]][4]) if levels else len(questions),
            known[level_of[pid]][2] if levels else "",
            level_of[pid],
        )
        for pid, name, finished, joined, attempt, past, _ in participants
    )
    if levels:
        results = tuple(
            _level_result(level, [r for r in rows if level_of[r.participant_id] == level[0]], answers)
            for level in levels
        )
        return Dashboard(sid, title, code, is_open, len(questions), rows, (), results)
    return Dashboard(
        sid, title, code, is_open, len(questions), rows, _all_stats(questions, answers, len(rows))
    )


def _all_stats(
    questions: list[Question], answers: Iterable[tuple[int, PupilAnswer]], pupils: int
) -> tuple[QuestionStats, ...]:
    """Every question's stats over ``pupils`` pupils, from their ``(participant id, answer)`` pairs."""
    return tuple(
        _question_stats(number, question, [a for _, a in answers if a.number == number], pupils)
        for number, question in enumerate(questions, start=1)
    )


def _level_result(
    level: _SessionRow, rows: list[PupilRow], answers: list[tuple[int, PupilAnswer]]
) -> LevelResult:
    """One level's pupils, their mean score and its share of the level's questions, and its question stats."""
    level_id, title, name, _default, questions = level
    pupils = {r.participant_id for r in rows}
    mean = round(sum(r.score for r in rows) / len(rows), 2) if rows else 0.0
    share = round(100 * mean / len(questions)) if questions else 0
    stats = _all_stats(questions, [(pid, a) for pid, a in answers if pid in pupils], len(rows))
    return LevelResult(level_id, title, name, len(questions), len(rows), mean, share, stats)


def _question_stats(
    number: int, question: Question, answers: list[PupilAnswer], pupils: int
) -> QuestionStats:
    """Counts, percents and the most common wrong answers of one question."""
    counts: dict[str, int] = Counter(a.verdict for a in answers)
    counts["unanswered"] = max(0, pupils - len(answers))
    counts = {outcome: counts[outcome] for outcome in OUTCOMES}
    shares = {outcome: round(100 * n / pupils) if pupils else 0 for outcome, n in counts.items()}
    return QuestionStats(
        number,
        question.prompt,
        question.type,
        question.shown_answer,
        counts,
        shares,
        common_wrong_answers(answers),
    )


def common_wrong_answers(answers: list[PupilAnswer], top: int = TOP_WRONG) -> tuple[WrongAnswer, ...]:
    """The ``top`` most common answers that were not right, grouped the way the grader reads them.

    "The Russians", "russians!" and "Russians" are one misconception: they
    are grouped by their folded words (case, punctuation and articles
    dropped) and shown as most pupils wrote them. Blank answers are not a
    misconception and are left out; ties go to the answer given first.
    """
    groups: dict[tuple[str, ...], Counter[str]] = {}
    for answer in sorted(answers, key=lambda a: a.answered_at):
        if answer.verdict == "correct" or not answer.response:
            continue
        words = tuple(sorted(tokens(answer.response))) or (answer.response.casefold(),)
        groups.setdefault(words, Counter())[answer.response] += 1
    ranked = sorted(groups.values(), key=lambda forms: -sum(forms.values()))  # stable: first given wins a tie
    return tuple(WrongAnswer(forms.most_common(1)[0][0], sum(forms.values())) for forms in ranked[:top])


# ---- CSV ------------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """``rows`` under ``header`` as CSV text, every cell made safe and quoted.

    Quoting every cell keeps a name like ``x;=1+1;`` whole in a spreadsheet
    that splits on ``;`` (many European ones do), where it would otherwise
    give a bare ``=1+1`` cell that the leading apostrophe cannot reach.
    """
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def answers_csv(session_id: int) -> str:
    """One row per pupil and question, unanswered ones too (empty answer, score 0, verdict "unanswered").

    Each row ends with the pupil's total score (the dashboard's), repeated on
    each of their rows: a teacher sorting or filtering by pupil sees it
    without a formula, and the score column still sums to the class's total.
    """
    board = dashboard(session_id)
    rows = []
    for pupil in board.participants:
        level = [pupil.level] if board.levels else []  # a first column only in a session at several levels
        for stats in _stats_for(board, pupil):
            answer = pupil.answers.get(stats.number)
            if answer is None:
                row = [*level, pupil.display_name, stats.number, stats.prompt, "", 0, "unanswered", "no", ""]
            else:
                row = [
                    *level,
                    pupil.display_name,
                    stats.number,
                    stats.prompt,
                    answer.response,
                    answer.score,
                    answer.verdict,
                    "yes" if answer.overridden else "no",
                    answer.answered_at.isoformat(timespec="seconds"),
                ]
            rows.append([*row, pupil.score])
    header = [
        "name",
        "question number",
        "question",
        "answer",
        "score",
        "verdict",
        "overridden",
        "answered_at",
        "pupil total",
    ]
    return _csv(["level", *header] if board.levels else header, rows)


def _stats_for(board: Dashboard, pupil: PupilRow) -> tuple[QuestionStats, ...]:
    """The questions ``pupil`` had: their level's in a session at several levels."""
    if not board.levels:
        return board.questions
    return next((level.questions for level in board.levels if level.level_id == pupil.level_id), ())


def summary_csv(session_id: int) -> str:
    """One row per question: counts and percents of each outcome, and the most common wrong answers."""
    board = dashboard(session_id)
    groups = [([level.level], level.questions) for level in board.levels] or [([], board.questions)]
    rows = [
        [
            *level,
            s.number,
            s.prompt,
            s.answer,
            *(s.counts[o] for o in OUTCOMES),
            *(s.shares[o] for o in OUTCOMES),
            "; ".join(f"{w.text} ({w.count})" for w in s.wrong_answers),
        ]
        for level, stats in groups
        for s in stats
    ]
    header = [
        "question number",
        "question",
        "expected answer",
        *OUTCOMES,
        *(f"{o} %" for o in OUTCOMES),
        "most common wrong answers",
    ]
    return _csv(["level", *header] if board.levels else header, rows)
