"""What the class page says about a question: whether feedback shows yet, and in which words.

Pure (no Flask): the rules the page and the autosave fragment share.
"""

from __future__ import annotations

from quizapp.services.classroom import PupilView, SavedAnswer
from quizapp.text.grading import grader as grading
from quizapp.text.question import Question
from quizapp.web.common.answer_forms import truth_labels


def shows_feedback(pupil: PupilView) -> bool:
    """Verdicts show after each answer when the pack says "immediate", else once the answers are locked."""
    return pupil.session.feedback == "immediate" or locked(pupil)


def locked(pupil: PupilView) -> bool:
    """Whether the answers can no longer change: the class is closed, or the pupil handed in."""
    return not pupil.session.is_open or pupil.finished


def may_try_again(pupil: PupilView) -> bool:
    """Whether the page offers "Try again": handed in, the class open, and goes left."""
    return pupil.finished and pupil.session.is_open and pupil.attempts_left != 0


def shown_feedback(saved: SavedAnswer) -> str:
    """The grader's words, unless the verdict already says them ("Correct.", "No answer given.")."""
    if saved.overridden:
        return "Your teacher accepted this answer."
    return saved.feedback if grading.feedback_adds(saved.feedback) else ""


def shown_answer(question: Question) -> str:
    """The correct answer as the page words it (a true/false one as the option to pick: "No", "False")."""
    answer = question.shown_answer
    if question.type == "truefalse":
        return truth_labels(question).get(answer.casefold(), answer)
    return answer
