"""The quiz form, built per article from its questions, and what the form hands the grader.

Each article has its own questions, so the form class is made at request
time by ``quiz_form``. Fields are named by position (``q1``, ``q2``...),
not by question id: ids come from the pipeline or a teacher's pack and need
not be valid, short or free of the answer's words, and a field name is
visible in the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in its stubs
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.text.grading.grader import MAX_RESPONSE_CHARS
from quizapp.text.question import BLANK, Question

TOO_LONG = "That answer is too long: keep it under %(max)d characters (it has %(length)d)."
HINTS = {
    "cloze": "Fill in the missing word.",
    "multi": "Pick all that apply.",
    "choice": "Pick one.",
    "truefalse": "Pick one.",
}


class OptionalRadioField(RadioField):
    """A radio group that may be left empty: an unanswered question is graded, not refused.

    WTForms refuses a radio group with nothing picked; a value that is not
    one of the options (a tampered form) is still refused.
    """

    def pre_validate(self, form):
        """Check the pick only if there is one."""
        if self.data is not None:
            super().pre_validate(form)


class CheckboxesField(SelectMultipleField):
    """A ``multi`` question's options as checkboxes, one per option."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


@dataclass(frozen=True)
class QuizItem:
    """One question as the form page lays it out: its number, the question and its field."""

    number: int
    question: Question
    field: Field
    shown: int = 0  # the number the page labels it with, when that is not ``number`` (a shuffled class page)

    @property
    def label_number(self) -> int:
        """The number the pupil sees: its place on the page."""
        return self.shown or self.number

    @property
    def hint(self) -> str:
        """The instruction under the prompt, if the type needs one."""
        return HINTS.get(self.question.type, "")

    @property
    def cloze(self) -> tuple[str, str] | None:
        """``(before, after)`` the blank of a cloze sentence, so the input can sit in the gap."""
        return cloze_parts(self.question) if self.question.type == "cloze" else None

    @property
    def described_by(self) -> str:
        """The ids of the hint and the error message, for ``aria-describedby`` ("" if neither)."""
        ids = [
            f"{self.field.id}-hint" if self.hint else "",
            f"{self.field.id}-error" if self.field.errors else "",
        ]
        return " ".join(i for i in ids if i)

    @property
    def input_attrs(self) -> dict[str, str]:
        """Extra attributes of a text box: what describes it, and whether it was refused."""
        attrs = {"aria-describedby": self.described_by, "aria-invalid": "true" if self.field.errors else ""}
        return {name: value for name, value in attrs.items() if value}

    @property
    def grouped(self) -> bool:
        """Whether the field is a group of options (a fieldset with a legend) rather than one box."""
        return self.question.type in ("choice", "multi", "truefalse")


class QuizFormBase(FlaskForm):
    """What every quiz form shares; ``quiz_form`` adds one field per question."""

    questions: tuple[Question, ...] = ()

    def items(self) -> list[QuizItem]:
        """The questions in order, each with its number and its bound field."""
        return [QuizItem(n, q, self[field_name(n)]) for n, q in enumerate(self.questions, start=1)]

    def responses(self) -> dict[str, str | list[str] | None]:
        """Question id -> what the pupil sent: text, a pick, a list of picks, or None."""
        return {item.question.id: item.field.data for item in self.items()}


def quiz_form(questions: Sequence[Question]) -> type[QuizFormBase]:
    """A form class with one field per question, in the quiz's order."""
    fields = {field_name(n): make_field(q) for n, q in enumerate(questions, start=1)}
    return type("QuizForm", (QuizFormBase,), {"questions": tuple(questions), **fields})


def field_name(number: int) -> str:
    """The form field (and input id) of question ``number``."""
    return f"q{number}"


def make_field(question: Question):
    """The unbound field for one question: text box, radio group or checkboxes.

    Options are offered in their stored order, never shuffled towards or away
    from the answer. Typed answers get ``autocomplete="off"``: on a shared
    Chromebook the browser would otherwise suggest the last pupil's answers.
    """
    if question.type == "choice":
        return OptionalRadioField(question.prompt, choices=options(question.choices))
    if question.type == "multi":
        return CheckboxesField(question.prompt, choices=options(question.choices))
    if question.type == "truefalse":
        return OptionalRadioField(question.prompt, choices=options(truth_labels(question).items()))
    return StringField(
        question.prompt,
        validators=[Length(max=MAX_RESPONSE_CHARS, message=TOO_LONG)],
        render_kw={"autocomplete": "off"},
    )


def options(choices) -> list[SelectChoice]:
    """WTForms options from texts (shown as sent) or ``(value, label)`` pairs."""
    return [SelectChoice(c) if isinstance(c, str) else SelectChoice(*c) for c in choices]


def truth_labels(question: Question) -> dict[str, str]:
    """The words on a true/false question's two options, by the value graded.

    Generated true/false prompts are often yes/no questions ("Does the United
    States back the militias?"); "Yes"/"No" answers those the way a pupil
    would, "True"/"False" a statement.
    """
    if question.prompt.rstrip().endswith("?"):
        return {"true": "Yes", "false": "No"}
    return {"true": "True", "false": "False"}


def cloze_parts(question: Question) -> tuple[str, str] | None:
    """The prompt split at its first blank; None if it has no blank (shown as a plain prompt)."""
    if BLANK not in question.prompt:
        return None
    before, after = question.prompt.split(BLANK, 1)
    return before, after
