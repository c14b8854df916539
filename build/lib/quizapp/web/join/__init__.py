"""Pupils in a class session: join with a code and a name, read, and answer (each answer saved at once)."""

from quizapp.web.join.blueprint import bp

__all__ = ["bp"]
