"""The one-question answer forms of the class page: a class per question shape, made once, read as before."""

from dataclasses import replace

import pytest
from classroom_factories import QUESTIONS
from werkzeug.datastructures import MultiDict

from quizapp.web.join import forms

CHOICE = next(q for q in QUESTIONS if q.type == "choice")


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", method="POST"):
        yield


def test_questions_of_one_shape_share_a_class_and_keep_their_own_number(request_context):
    first = forms.answer_form(CHOICE, 2, formdata=MultiDict())
    again = forms.answer_form(replace(CHOICE, id="another"), 5, formdata=MultiDict())
    assert type(first) is type(again)
    assert (first.number, first.response.id, first.question.id) == (2, "q2", CHOICE.id)
    assert (again.number, again.response.id, again.question.id) == (5, "q5", "another")


def test_choices_in_another_order_are_another_class_with_that_order(request_context):
    shuffled = replace(CHOICE, choices=tuple(reversed(CHOICE.choices)))
    form = forms.answer_form(shuffled, 2, formdata=MultiDict())
    assert type(form) is not type(forms.answer_form(CHOICE, 2, formdata=MultiDict()))
    assert [value for value, *_ in form.response.iter_choices()] == list(shuffled.choices)


def test_a_posted_pick_is_read_and_one_not_on_the_page_refused(request_context):
    picked = forms.answer_form(CHOICE, 1, formdata=MultiDict({"response": CHOICE.choices[0]}))
    assert picked.validate() and picked.response.data == CHOICE.choices[0]
    tampered = forms.answer_form(CHOICE, 1, formdata=MultiDict({"response": "not an option"}))
    assert not tampered.validate() and tampered.response.errors


def test_the_form_has_no_token_field_of_its_own(request_context):
    """CSRFProtect checks the token of every POST before the view; the page writes it with csrf_token()."""
    form = forms.answer_form(CHOICE, 1, formdata=MultiDict())
    assert "csrf_token" not in form._fields


def test_the_cache_of_classes_starts_again_when_full(request_context, monkeypatch):
    monkeypatch.setattr(forms, "MAX_FORM_CLASSES", 2)
    monkeypatch.setattr(forms, "_FORM_CLASSES", {})
    for n in range(3):
        forms.answer_form(replace(CHOICE, prompt=f"Prompt {n}?"), 1, formdata=MultiDict())
    assert len(forms._FORM_CLASSES) == 1
