"""The forms of a teacher's session pages; each holds the CSRF token its POST needs."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf


class OverrideForm(FlaskForm):
    """One button: accept a pupil's answer (``accept`` "1") or undo that (``accept`` "0")."""

    accept = HiddenField(validators=[AnyOf(("1", "0"), "Accept is 1 (accept the answer) or 0 (undo).")])

    def accepted(self) -> bool:
        """Whether the button pressed was "Accept this answer"."""
        return self.accept.data == "1"
