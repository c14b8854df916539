"""The join form, and the one-question form each question of the class page is.

Each question is its own form, posting one field named ``response`` to its
own URL, so an answer is saved the moment it is given and a slow or lost
request costs at most that one answer. The field is the quiz's
(``quizapp.web.common.answer_forms.make_field``): the same text box, radio group or
checkboxes, the same length limit and the same refusal of an option that is
not on the page.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from quizapp.services.classroom import CODE_LENGTH, MAX_NAME_CHARS
from quizapp.text.question import Question
from quizapp.web.common.answer_forms import QuizItem, make_field

MAX_FORM_CLASSES = 2048  # answer form classes kept per process (``answer_form_class``)


class JoinForm(FlaskForm):
    """The code the teacher shows, and the name the teacher will see."""

    code = StringField(
        "Class code",
        validators=[
            DataRequired("Type the code your teacher shows you."),
            Length(max=32, message="A class code has 6 letters and numbers."),
        ],
        description=f"{CODE_LENGTH} letters and numbers, on the board or the screen.",
        render_kw={
            "autocapitalize": "characters",
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": 32,
        },
    )
    name = StringField(
        "Your name",
        validators=[
            DataRequired("Type your name, so your teacher knows whose answers these are."),
            Length(max=MAX_NAME_CHARS, message=f"Use at most {MAX_NAME_CHARS} characters for your name."),
        ],
        description="Your first name is enough. Your teacher sees it next to your answers.",
        render_kw={"autocomplete": "off", "maxlength": MAX_NAME_CHARS},
    )


class AnswerFormBase(FlaskForm):
    """One question's form; ``answer_form`` adds its ``response`` field.

    No CSRF field of its own: ``CSRFProtect`` checks every POST before the
    view runs (tests/security/test_csrf.py), which is all the form's field
    would check, and the class page writes its token with ``csrf_token()``.
    The field was never shown, but it signed a fresh token on every
    autosave: a tenth of what one cost beyond the bare request.
    """

    class Meta:
        csrf = False

    number: int = 0
    question: Question  # set, with the number, by ``answer_form``
    shown: int = 0  # its place on this pupil's page, when the class shuffles the questions

    def item(self) -> QuizItem:
        """The question as the quiz macros lay it out (``templates/_macros/quiz.html``)."""
        return QuizItem(self.number, self.question, self.response, self.shown)


def answer_form(question: Question, number: int, saved=None, formdata=None) -> AnswerFormBase:
    """The form of question ``number``, filled with what the pupil saved, or bound to ``formdata``.

    Every form's field is named ``response`` (one URL per question says which
    question it is); its id is made unique per question, so each label
    points at its own box on a page of many forms.
    """
    form_class = answer_form_class(question)
    if formdata is None:
        data = {} if saved is None or saved.response is None else {"response": saved.response}
        form = form_class(formdata=None, data=data)
    else:
        form = form_class(formdata=formdata)
    form.number, form.question = number, question
    form.response.id = f"q{number}"
    return form


def answer_form_class(question: Question) -> type[AnswerFormBase]:
    """The form class of questions shaped like this one (type, prompt, choices in order), made once.

    WTForms reads a form class's fields once, on its first instance, so a
    class made per request was read per request. Kept per shape, at most
    ``MAX_FORM_CLASSES`` (a class whose choices are shuffled per pupil has
    a shape per pupil and question); when full the cache starts again.
    """
    shape = (question.type, question.prompt, question.choices)
    form_class = _FORM_CLASSES.get(shape)
    if form_class is None:
        if len(_FORM_CLASSES) >= MAX_FORM_CLASSES:
            _FORM_CLASSES.clear()
        form_class = type("AnswerForm", (AnswerFormBase,), {"response": make_field(question)})
        _FORM_CLASSES[shape] = form_class
    return form_class


_FORM_CLASSES: dict[tuple[str, str, tuple[str, ...]], type[AnswerFormBase]] = {}
