"""The teacher accepting one answer for every pupil who gave it ("accept this answer for everyone").

Split from ``services.classroom``, whose ``override`` accepts one pupil's
answer. When the grader was too strict about an answer ("Moscow and
Tehran" for "Russia and Iran"), several pupils usually gave it; accepting it
pupil by pupil took a click each. Answers count as the same as the
dashboard's "most common wrong answers" group them: the same words, in any
order, whatever the capitals, punctuation or "the" (``answer_key``).
"""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer, ClassSession
from quizapp.services.classroom_results import response_text
from quizapp.services.transactions import writing
from quizapp.text.grading.answers import tokens


def answer_key(text: str) -> tuple[str, ...]:
    """What two answers must share to count as the same: their folded words, sorted."""
    return tuple(sorted(tokens(text))) or (text.strip().casefold(),)


def accept_for_everyone(session_id: int, number: int, answer: str) -> int:
    """Mark every answer to question ``number`` that is the same as ``answer`` correct; how many changed.

    One transaction, the rows locked: every pupil who gave it is accepted,
    or none is. An accepted answer is an override like ``classroom.override``
    (1 point, "Accepted by you", undone pupil by pupil), and a pupil who
    changes it is graded afresh. ``LookupError`` for a session or question
    that does not exist.
    """
    key = answer_key(answer)
    with writing():
        questions = db.session.scalar(sa.select(ClassSession.questions).where(ClassSession.id == session_id))
        if questions is None or not 1 <= number <= len(questions):
            raise LookupError((session_id, number))
        rows = db.session.scalars(
            sa.select(Answer)
            .where(Answer.session_id == session_id, Answer.number == number)
            .with_for_update()
        )
        changed = 0
        for row in rows:
            text = response_text(row.response)
            if text and row.verdict != "correct" and answer_key(text) == key:
                row.overridden, row.score, row.verdict = True, 1.0, "correct"
                changed += 1
        return changed
