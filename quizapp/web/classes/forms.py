"""The forms of the class pages: a new class, names to add, a rename, a merge, a session to start, a name picked."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from quizapp.services.rosters import MAX_CLASS_NAME

NAMES_HINT = "One name per line; a column copied from a spreadsheet works. First names are enough, no e-mail."


class NewClassForm(FlaskForm):
    """A class's name and, if the teacher has it to hand, its list."""

    name = StringField(
        "Class name",
        validators=[DataRequired("Give the class a name, for example 7B."), Length(max=MAX_CLASS_NAME)],
        description="For example 7B or Year 8 English.",
    )
    names = TextAreaField(
        "Pupils’ names", validators=[Length(max=20_000)], description=NAMES_HINT, render_kw={"rows": 8}
    )


class AddNamesForm(FlaskForm):
    """More names for the list."""

    names = TextAreaField(
        "Add pupils",
        validators=[DataRequired("Type or paste at least one name."), Length(max=20_000)],
        description=NAMES_HINT,
        render_kw={"rows": 4},
    )


class RenameForm(FlaskForm):
    """Another spelling for a name on the list."""

    name = StringField("New name", validators=[DataRequired("Type the new name."), Length(max=200)])


class MergeForm(FlaskForm):
    """Two names on the list that are one pupil: ``drop``'s sessions become ``keep``'s."""

    drop = SelectField("Merge", coerce=int, validate_choice=False)
    keep = SelectField("into", coerce=int, validate_choice=False)


class LinkForm(FlaskForm):
    """A pupil who typed their name: which name on the list they are (``0``: add them to the list)."""

    pupil = SelectField("This is", coerce=int, validate_choice=False)


class StartForm(FlaskForm):
    """A pack to run with the class now."""

    pack = SelectField("Pack", coerce=int, validate_choice=False)


class PickNameForm(FlaskForm):
    """The name a pupil picks from the list (a name's id), or ``typed``: join with the name they typed."""

    pupil = HiddenField(validators=[DataRequired("Pick your name from the list.")])


class ClassNameForm(FlaskForm):
    """A new name for the class."""

    name = StringField(
        "Class name",
        validators=[DataRequired("Give the class a name, for example 7B."), Length(max=MAX_CLASS_NAME)],
    )


class ButtonForm(FlaskForm):
    """A form that is only a button (remove a name, delete the class): its CSRF token is all it sends."""
