"""What the classroom services return: plain data about a session, a pupil and their saved answers.

Split from ``services.classroom`` (which holds a session's life: start,
join, save, close) so the pages' data types read on one screen; that
module re-exports them, as it does ``classroom_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quizapp.services.classroom_rules import Response
from quizapp.text.question import Question


@dataclass(frozen=True)
class SessionInfo:
    """A session as pages show it, the pupil's and the teacher's."""

    id: int
    code: str
    title: str
    article_slug: str
    feedback: str
    question_count: int
    is_open: bool
    pack_id: int | None
    owner_id: int
    created_at: datetime
    closed_at: datetime | None
    participant_count: int = 0
    description: str = ""  # the pack's, shown to pupils before question 1
    attempts: int = 0  # goes each pupil may have at the pack; 0: as many as they like


@dataclass(frozen=True)
class Joined:
    """A new participant: the token goes in the pupil's cookie and nowhere else."""

    participant_id: int
    token: str
    display_name: str


@dataclass(frozen=True)
class SavedAnswer:
    """One saved answer, graded; the page decides by the session's feedback mode what to show."""

    number: int
    response: Response
    verdict: str
    score: float
    feedback: str
    answer: str
    evidence: str
    overridden: bool = False
    saves: int = 1
    immediate: bool = False  # the session shows verdicts as soon as an answer is saved
    answered: int = 0  # how many questions the pupil has answered, this one included (the page's counter)
    question_count: int = 0  # how many the class has


@dataclass(frozen=True)
class PupilView:
    """What the pupil's page needs: the session, who they are, the questions and their saved answers.

    ``questions`` are in the session's order (``questions[n - 1]`` is
    question ``n``, as answers are stored), with their choices in this
    pupil's order when the pack shuffles choices; ``order`` is the numbers
    in the order this pupil's page shows them (shuffled per pupil when the
    pack says so). Both are the same on every reload.
    """

    session: SessionInfo
    participant_id: int
    display_name: str
    finished: bool
    questions: tuple[Question, ...]
    answers: dict[int, SavedAnswer]
    name: str = ""  # as typed, without the number ("Sam" for "Sam (2)")
    order: tuple[int, ...] = ()
    attempt: int = 1  # this pupil's go at the pack: 1 until they try again after handing in
    past_scores: tuple[float, ...] = ()

    @property
    def attempts_left(self) -> int | None:
        """Goes left after this one (None: as many as they like)."""
        allowed = self.session.attempts
        return None if not allowed else max(0, allowed - self.attempt)
