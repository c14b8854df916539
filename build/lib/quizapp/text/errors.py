"""Errors the pipeline raises for a person to read.

Each message says what went wrong and what to do about it; the CLI prints it
on one line and exits non-zero, the web layer shows it on a 4xx page.
"""


class QuizappError(Exception):
    """Base for errors whose message is meant for the user."""


class InputError(QuizappError, ValueError):
    """The text handed in cannot be read as an article (empty, binary, too big...)."""


class ModelNotInstalled(QuizappError, RuntimeError):
    """The configured spaCy pipeline is not installed in this environment."""
