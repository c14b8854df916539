"""The forms of the teacher's articles; what makes a text an article is ``text.documents``' and the cleaner's rule."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in its stubs
from wtforms.validators import DataRequired, Length, Optional

from quizapp.services.article_editing import MAX_DETAIL_LENGTH, MAX_TITLE_LENGTH
from quizapp.text.actors.glossary_edits import MAX_NAME_LENGTH, MAX_ROLE_LENGTH
from quizapp.text.reading.web_page import PageDetails
from quizapp.text.types import ACTOR_KINDS

MAX_STANDFIRST_LENGTH = 600

UPLOAD_SUFFIXES = ["txt", "md", "html", "htm"]
ONE_SOURCE = "Paste the article, upload a file or pick a shared article: one of the three."


def _strip(value):
    """Surrounding spaces are never meant."""
    return value.strip() if isinstance(value, str) else value


class NewArticleForm(FlaskForm):
    """One way in: pasted text, an uploaded file or a seed to copy; the title is optional."""

    text = TextAreaField(
        "Paste the article", description="The article's text, or the source of a saved news page."
    )
    upload = FileField(
        "Or upload a file",
        description="A .txt, .md or .html file (a page saved from a news site).",
        validators=[FileAllowed(UPLOAD_SUFFIXES, "Upload a .txt, .md or .html file.")],
    )
    seed = SelectField(
        "Or copy a shared article",
        coerce=int,
        default=0,
        description="Your own copy, whose glossary you can correct.",
    )
    title = StringField(
        "Title (optional)",
        filters=[_strip],
        validators=[Optional(), Length(max=MAX_TITLE_LENGTH)],
        description="Leave empty to use the article's own headline.",
    )

    def validate(self, extra_validators=None) -> bool:
        """The fields' checks, then exactly one source of text."""
        if not super().validate(extra_validators):
            return False
        given = [
            bool(self.text.data and self.text.data.strip()),
            bool(self.upload.data),
            bool(self.seed.data),
        ]
        if sum(given) != 1:
            self.form_errors.append(ONE_SOURCE)
            return False
        return True


class DetailsForm(FlaskForm):
    """What the article says about itself."""

    title = StringField(
        "Title",
        filters=[_strip],
        validators=[DataRequired("The title cannot be empty."), Length(max=MAX_TITLE_LENGTH)],
    )
    source = StringField(
        "Source",
        filters=[_strip],
        validators=[Length(max=MAX_DETAIL_LENGTH)],
        description="Who published it, e.g. Reuters.",
    )
    dateline = StringField(
        "Dateline",
        filters=[_strip],
        validators=[Length(max=MAX_DETAIL_LENGTH)],
        description="Where it was written, e.g. Beirut.",
    )
    standfirst = TextAreaField(
        "Standfirst",
        filters=[_strip],
        validators=[Length(max=MAX_STANDFIRST_LENGTH)],
        description="The summary under the headline, shown above the article (not quizzed).",
    )
    author = StringField("Author", filters=[_strip], validators=[Length(max=MAX_DETAIL_LENGTH)])
    site_name = StringField(
        "Published by",
        filters=[_strip],
        validators=[Length(max=MAX_DETAIL_LENGTH)],
        description="The newspaper or site, e.g. The Harbour Gazette.",
    )
    published = DateField("Date", validators=[Optional()], description="When it was published.")

    def page_details(self) -> PageDetails:
        """The standfirst, author, site and date as the service takes them."""
        return PageDetails(self.standfirst.data, self.author.data, self.site_name.data, self.published.data)


class ActorForm(FlaskForm):
    """One glossary entry's name, kind and role."""

    name = StringField(
        "Name",
        filters=[_strip],
        validators=[DataRequired("A name cannot be empty."), Length(max=MAX_NAME_LENGTH)],
    )
    kind = SelectField("Kind", choices=[SelectChoice(kind, kind.capitalize()) for kind in ACTOR_KINDS])
    role = StringField("Role", filters=[_strip], validators=[Length(max=MAX_ROLE_LENGTH)])


class MergeForm(FlaskForm):
    """Which entry to merge this one into (choices: the other entries)."""

    target = SelectField("Merge into", validators=[DataRequired("Choose the name to merge into.")])


class ConfirmForm(FlaskForm):
    """A confirmation: only the CSRF token, and a marker that the teacher saw the question."""

    confirm = HiddenField(default="yes")


class TextForm(FlaskForm):
    """The article's body, to correct and have analysed again."""

    text = TextAreaField(
        "The article's text",
        validators=[DataRequired("The text cannot be empty.")],
        description="One paragraph per line or with a blank line between paragraphs. The title "
        "and source are corrected on the article's page.",
    )
