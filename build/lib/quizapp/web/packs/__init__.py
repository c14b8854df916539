"""The pack editor: a teacher reviews, writes, imports and exports their question packs."""

from quizapp.web.packs.blueprint import bp

__all__ = ["bp"]
