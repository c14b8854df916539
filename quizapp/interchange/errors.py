"""The one error the pack formats raise, worded for the teacher who chose the file."""

from __future__ import annotations

import re

from quizapp.text.errors import InputError

_LINE_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
MAX_MESSAGE = 600  # a message quotes values; a 2 MB value must not become a 2 MB message


class PackFormatError(InputError):
    """A pack file cannot be imported (or a pack cannot be exported) as it is.

    The message is one line that says where ("line 12", "questions[2].answer[0]")
    and what to change; loading either returns a whole pack or raises this.
    """

    def __init__(self, message: str):
        """Keep the message to one line, and to a readable length."""
        one_line = _LINE_BREAKS.sub(" ", str(message)).strip()
        if len(one_line) > MAX_MESSAGE:
            one_line = one_line[: MAX_MESSAGE - 1] + "…"
        super().__init__(one_line)


def shown(value, limit: int = 40) -> str:
    """A value as quoted in a message: repr, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
