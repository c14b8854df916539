"""Stories at several levels: the teacher links her articles as versions of one story."""

from quizapp.web.stories.blueprint import bp

__all__ = ["bp"]
