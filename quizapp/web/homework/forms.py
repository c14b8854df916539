"""The homework forms: set a pack as homework, and move its due date.

Times are ``datetime-local`` inputs, kept as the text they send: the
service reads them in the teacher's zone (``timezone``, filled in by
``static/js/homework.js`` from the browser, else the school's setting).
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

TIME_INPUT = {"type": "datetime-local"}


class HomeworkForm(FlaskForm):
    """When pupils may start, and when it is due."""

    opens = StringField(
        "Opens",
        validators=[Optional(), Length(max=32)],
        render_kw=TIME_INPUT,
        description="Leave empty to open it now. Before then, pupils who join are told when it opens.",
    )
    due = StringField(
        "Due",
        validators=[DataRequired("Give the date and time it is due."), Length(max=32)],
        render_kw=TIME_INPUT,
        description="After this, answers can no longer be saved. "
        "You can give more time from the session page.",
    )
    timezone = HiddenField(validators=[Length(max=64)])
    school_class = SelectField(
        "Class", coerce=int, default=0, description="With a class, pupils pick their name from its list."
    )

    def offer_classes(self, classes) -> None:
        """The teacher's class lists as choices (the first: no class, pupils type their names)."""
        self.school_class.choices = [
            (0, "No class: pupils type their names"),
            *((c.id, c.name) for c in classes),
        ]


class LevelledHomeworkForm(HomeworkForm):
    """Homework of a story at its levels: the same times and class, and whether pupils may pick their level."""

    pupils_choose = BooleanField("Let pupils choose their own level (“Easier” and “Harder” on their page)")
    pack = SelectField(
        "Questions",
        coerce=int,
        default=0,
        description="One pack for every level asks only its questions whose evidence and answer are in every "
        "version; the others are left out, and you are told which.",
    )

    def offer_packs(self, packs) -> None:
        """Each version's own pack (0), or one pack on a version for every level."""
        self.pack.choices = [
            (0, "Each version's own pack"),
            *(
                (p.id, f"One pack for every level: {p.title} ({p.level}, {p.questions} questions)")
                for p in packs
            ),
        ]


class DueForm(FlaskForm):
    """A new due date for homework already set."""

    due = StringField(
        "New due date",
        validators=[DataRequired("Give the new date and time."), Length(max=32)],
        render_kw=TIME_INPUT,
    )
