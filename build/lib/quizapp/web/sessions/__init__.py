"""A teacher's class sessions: start one from a pack, show its code, watch results live, close, export."""

from quizapp.web.sessions.blueprint import bp

__all__ = ["bp"]
