"""A pupil's goes at a class session's pack: handing in ends one, "Try again" starts the next.

Split from ``services.classroom`` (a session's life: start, join, save,
close). The pack's "Attempts allowed" is copied into the session when it
starts; 0 means as many as the pupil likes. Trying again clears the
pupil's answers, so the teacher's dashboard and CSV always show the
newest go, and keeps the earlier go's score in ``participant.past_scores``
so the teacher can still see how each went.
"""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Answer
from quizapp.services.classroom import _pupil_row
from quizapp.services.classroom_rules import NoAttemptsLeft, NotHandedIn, NotJoined, SessionClosed
from quizapp.services.transactions import writing


def try_again(code: str, token: str) -> int:
    """Start the pupil's next go: answers cleared, hand-in undone; the number of the new go.

    Raises ``NotJoined``, ``SessionClosed`` (nothing changes once the class
    is closed), ``NotHandedIn`` (a go ends by handing in) and
    ``NoAttemptsLeft``. The checks and the clearing are one transaction,
    so a double-click cannot start two goes or clear a go twice.
    """
    with writing():
        found = _pupil_row(code, token)
        if found is None:
            raise NotJoined()
        participant, row = found
        db.session.refresh(
            participant, with_for_update=True
        )  # two clicks at once: the second waits, then sees it
        if not row.is_open:
            raise SessionClosed()
        if participant.finished_at is None:
            raise NotHandedIn()
        if row.attempts and participant.attempt >= row.attempts:
            raise NoAttemptsLeft(row.attempts)
        score = db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(Answer.score), 0.0)).where(
                Answer.participant_id == participant.id
            )
        )
        db.session.execute(sa.delete(Answer).where(Answer.participant_id == participant.id))
        participant.past_scores = [
            *(participant.past_scores or []),
            round(float(score or 0.0), 2),
        ]  # never NULL
        participant.attempt += 1
        participant.finished_at = None
        return int(participant.attempt)  # (the checker reads Mapped's += as Any)
