"""Self-study: anyone picks an article or a public pack, answers, tries the missed questions again, sees progress."""

from quizapp.web.study.blueprint import bp

__all__ = ["bp"]
