"""The forms of a teacher's session pages; each holds the CSRF token its POST needs."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from quizapp.text.grading.grader import MAX_RESPONSE_CHARS


class OverrideForm(FlaskForm):
    """One button: accept a pupil's answer (``accept`` "1") or undo that (``accept`` "0")."""

    accept = HiddenField(validators=[AnyOf(("1", "0"), "Accept is 1 (accept the answer) or 0 (undo).")])

    def accepted(self) -> bool:
        """Whether the button pressed was "Accept this answer"."""
        return self.accept.data == "1"


class AcceptForEveryoneForm(FlaskForm):
    """One button: accept ``answer`` to a question for every pupil who gave it; ``pupil`` says where to go back."""

    answer = HiddenField(
        validators=[InputRequired("Say which answer to accept."), Length(max=MAX_RESPONSE_CHARS * 2)]
    )
    pupil = IntegerField(validators=[Optional()])
