"""Taking an article's quiz: grade every answer a pupil sent and add the marks up.

No Flask here: the web layer turns a form into ``responses`` and lays the
``QuizResult`` out; a later API or classroom session can grade the same way.
Nothing is stored: results live only as long as the page that shows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from quizapp.text.grading.grader import VERDICTS, Grade, grade
from quizapp.text.question import Question
from quizapp.text.types import Analysis

Response = str | list[str] | None


@dataclass(frozen=True)
class QuestionResult:
    """One question as marked: its number on the page, what the pupil said, and the grade."""

    number: int
    question: Question
    response: Response
    grade: Grade

    @property
    def answered(self) -> bool:
        """Whether the pupil gave anything at all (blank text and no picks are not an answer)."""
        if isinstance(self.response, list):
            return any(pick.strip() for pick in self.response)
        return bool(self.response and self.response.strip())


@dataclass(frozen=True)
class QuizResult:
    """Every question's result, in the quiz's order, and the totals a results page shows."""

    results: tuple[QuestionResult, ...]

    @property
    def score(self) -> float:
        """Points earned: each question is worth one, partly right ones a fraction of it.

        Rounded to hundredths: grades come rounded to four places, so three
        thirds would otherwise add up to 0.9999 instead of 1.
        """
        return round(sum(r.grade.score for r in self.results), 2)

    @property
    def total(self) -> int:
        """Points available: one per question."""
        return len(self.results)

    @property
    def counts(self) -> dict[str, int]:
        """How many questions got each verdict, every verdict present (zero if none)."""
        counted = Counter(r.grade.verdict for r in self.results)
        return {verdict: counted[verdict] for verdict in VERDICTS}


def grade_answers(analysis: Analysis, responses: Mapping[str, Response]) -> QuizResult:
    """Grade ``responses`` (question id -> text, or the picks of a ``multi``) against the article's quiz.

    A question with no response is graded as unanswered rather than refused:
    handing in a half-done quiz is normal, and the pupil should see what they
    missed. Responses for ids the quiz does not have are ignored.
    """
    results = []
    for number, question in enumerate(analysis.questions, start=1):
        response = responses.get(question.id)
        results.append(QuestionResult(number, question, response, grade(question, response)))
    return QuizResult(tuple(results))
