"""What the results page shows, worked out outside the template.

Pure (no Flask): words and icons for verdicts, points as a teacher writes
them, and the pupil's answer and the correct one in the words the form used.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.services.quiz import QuestionResult, QuizResult
from quizapp.text.grading.grader import VERDICTS
from quizapp.web.common.answer_forms import truth_labels

# verdict -> (icon, word): the word is always shown, so colour is never the only signal.
VERDICT_LABELS = {
    "correct": ("✓", "Correct"),
    "partial": ("◐", "Partly correct"),
    "incorrect": ("✗", "Incorrect"),
}
NO_ANSWER = "No answer given"


@dataclass(frozen=True)
class Bar:
    """One row of the results chart: a verdict, how many questions got it, and its share."""

    verdict: str
    icon: str
    word: str
    count: int
    percent: float


def verdict_icon(verdict: str) -> str:
    """The symbol shown before a verdict's word."""
    return VERDICT_LABELS.get(verdict, ("?", verdict))[0]


def verdict_word(verdict: str) -> str:
    """The verdict as the page writes it."""
    return VERDICT_LABELS.get(verdict, ("?", verdict.capitalize()))[1]


def points(value: float) -> str:
    """A score as a teacher writes it: "7.5", "13", "0.33" (no trailing zeros)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def bars(result: QuizResult) -> list[Bar]:
    """The chart's rows, correct first; shares are of the questions, so they add up to 100."""
    counts, total = result.counts, max(result.total, 1)
    return [
        Bar(v, verdict_icon(v), verdict_word(v), counts[v], round(100 * counts[v] / total, 1))
        for v in VERDICTS
    ]


def shown_response(result: QuestionResult) -> str:
    """What the pupil answered, in the words the form showed; "No answer given" if nothing."""
    if not result.answered:
        return NO_ANSWER
    response = result.response
    if response is None:  # never, once answered: for the type checker
        return NO_ANSWER
    if isinstance(response, list):
        return ", ".join(pick for pick in response if pick.strip())
    if result.question.type == "truefalse":
        return truth_labels(result.question).get(response, response)
    return response


def shown_feedback(result: QuestionResult) -> str:
    """The grader's feedback, unless the verdict and "Your answer" already say it ("Correct.")."""
    return result.grade.feedback if result.grade.feedback_adds else ""


def shown_answer(result: QuestionResult) -> str:
    """The correct answer; a true/false one as the option the pupil should have picked."""
    if result.question.type == "truefalse":
        return truth_labels(result.question).get(result.grade.answer.casefold(), result.grade.answer)
    return result.grade.answer
