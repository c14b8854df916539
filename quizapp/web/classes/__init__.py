"""Classes (rosters): a teacher's class lists, sessions run with them, and the term's reports."""

from quizapp.web.classes.blueprint import bp

__all__ = ["bp"]
