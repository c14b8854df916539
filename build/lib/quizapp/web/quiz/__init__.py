"""Quiz: an article's questions as a form, graded on submit, results beside the marked-up text."""

from quizapp.web.quiz.blueprint import bp

__all__ = ["bp"]
