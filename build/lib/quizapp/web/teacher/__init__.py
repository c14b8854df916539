"""The teacher's area: a dashboard of their articles and packs, where the teacher pages start."""

from quizapp.web.teacher.blueprint import bp

__all__ = ["bp"]
