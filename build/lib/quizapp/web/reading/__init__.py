"""Reading: the article list and the reading view (article, readability, glossary)."""

from quizapp.web.reading.blueprint import bp

__all__ = ["bp"]
