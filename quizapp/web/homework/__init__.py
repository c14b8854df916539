"""Homework: a class session with an opening time and a due date (``services.homework``)."""

from quizapp.web.homework.blueprint import bp

__all__ = ["bp"]
