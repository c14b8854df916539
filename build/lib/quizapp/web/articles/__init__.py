"""A teacher's own articles: add one (paste, upload, copy a seed), list them, correct their details and glossary."""

from quizapp.web.articles.blueprint import bp

__all__ = ["bp"]
