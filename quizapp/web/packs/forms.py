"""The pack editor's forms: a pack's settings, one question of any type, an uploaded pack file.

A question form is checked by the same rules as an imported file
(``quizapp.interchange.validate``), so what the editor accepts always
exports and imports back; each problem is shown beside the field it names.
"""

from __future__ import annotations

from dataclasses import replace

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in its stubs
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from quizapp.interchange.validate import question_problems, tidy_question
from quizapp.text.pack import FEEDBACK_MODES, Pack
from quizapp.text.question import BLANK, SKILLS, Question

TYPE_NAMES = {
    "short": "Short answer (typed)",
    "cloze": "Gap-fill sentence",
    "choice": "Multiple choice (one right)",
    "multi": "Tick all that apply",
    "truefalse": "True or false",
}
PARTS = 4  # answer boxes for typed questions: "name both" needs 2; more than 4 things to name is not a reading question
PART_LABELS = (
    "Accepted answers",
    "Second thing to name (optional)",
    "Third thing to name (optional)",
    "Fourth thing to name (optional)",
)
FORMS_HINT = "One accepted form per line, e.g. “Russia” and “Moscow” on two lines; the first line is shown as the answer."


class SettingsForm(FlaskForm):
    """A pack's title, description, level and how a class meets it."""

    title = StringField("Title", validators=[InputRequired("Give the pack a title."), Length(max=200)])
    description = TextAreaField("Description (optional)", validators=[Length(max=2000)])
    level = StringField(
        "Intended level (optional)", validators=[Length(max=50)], description="E.g. “Year 7” or “B1”."
    )
    shuffle_questions = BooleanField("Shuffle the questions for each pupil")
    shuffle_choices = BooleanField("Shuffle the choices of multiple-choice questions")
    feedback = RadioField(
        "Show feedback",
        choices=[SelectChoice("immediate", "After each question"), SelectChoice("end", "At the end")],
        validators=[InputRequired()],
    )
    attempts = IntegerField(
        "Attempts allowed",
        validators=[InputRequired("A whole number, 0 or more."), NumberRange(min=0, max=99)],
        description="0 means as many as the pupil likes.",
    )

    def settings(self) -> dict:
        """The fields as ``pack_editing.save_settings`` takes them, tidied."""
        assert self.feedback.data in FEEDBACK_MODES
        return {
            "title": (self.title.data or "").strip(),
            "description": (self.description.data or "").strip(),
            "level": (self.level.data or "").strip(),
            "shuffle_questions": self.shuffle_questions.data,
            "shuffle_choices": self.shuffle_choices.data,
            "feedback": self.feedback.data,
            "attempts": self.attempts.data,
        }


def settings_data(pack: Pack) -> dict:
    """The pack's stored settings as ``SettingsForm`` fields (its ``data``), before the teacher changes any."""
    settings = pack.settings
    return {
        "title": pack.title,
        "description": pack.description,
        "level": pack.level,
        "shuffle_questions": settings.shuffle_questions,
        "shuffle_choices": settings.shuffle_choices,
        "feedback": settings.feedback,
        "attempts": settings.attempts,
    }


class QuestionForm(FlaskForm):
    """Every field any question type uses; the page shows only those of ``qtype``."""

    prompt = TextAreaField("Question", render_kw={"rows": 3})
    part1 = TextAreaField(PART_LABELS[0], description=FORMS_HINT, render_kw={"rows": 3})
    part2 = TextAreaField(
        PART_LABELS[1],
        description="Only if pupils must name two things, e.g. two countries.",
        render_kw={"rows": 2},
    )
    part3 = TextAreaField(PART_LABELS[2], render_kw={"rows": 2})
    part4 = TextAreaField(PART_LABELS[3], render_kw={"rows": 2})
    choices = TextAreaField(
        "Choices", description="One per line, in the order pupils see them.", render_kw={"rows": 4}
    )
    correct = StringField("The right choice", description="Exactly as written in the choices.")
    correct_many = TextAreaField(
        "The right choices",
        description="One per line, each exactly as in the choices.",
        render_kw={"rows": 3},
    )
    truth = RadioField(
        "The statement is",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validators=[Optional()],
    )
    evidence = TextAreaField(
        "Evidence from the article (optional)",
        description="The sentence that gives the answer; pupils see it with their results.",
        render_kw={"rows": 2},
    )
    skill = SelectField("Skill", choices=[SelectChoice(s, s.capitalize()) for s in SKILLS])
    difficulty = FloatField(
        "Difficulty",
        default=0.5,
        validators=[
            InputRequired("A number from 0 to 1."),
            NumberRange(0, 1, "A number from 0 (easy) to 1 (hard)."),
        ],
        description="From 0 (easy) to 1 (hard).",
        render_kw={"step": "0.05", "min": 0, "max": 1, "type": "number"},
    )
    sample = StringField(
        "Try an answer", description="Type what a pupil might answer to see how it is graded."
    )

    def fields_for(self, qtype: str) -> list:
        """The answer fields the page shows for ``qtype``, in order."""
        if qtype == "choice":
            return [self.choices, self.correct]
        if qtype == "multi":
            return [self.choices, self.correct_many]
        if qtype == "truefalse":
            return [self.truth]
        return [self.part1, self.part2, self.part3, self.part4]

    def fill_from(self, question: Question) -> None:
        """Show a stored question in the form (GET of the edit page)."""
        self.prompt.data, self.evidence.data = question.prompt, question.evidence
        self.skill.data, self.difficulty.data = question.skill, question.difficulty
        self.choices.data = "\n".join(question.choices)
        firsts = [part[0] for part in question.answer]
        if question.type == "choice":
            self.correct.data = firsts[0] if firsts else ""
        elif question.type == "multi":
            self.correct_many.data = "\n".join(firsts)
        elif question.type == "truefalse":
            self.truth.data = firsts[0].lower() if firsts else None
        else:
            for field, part in zip(self.fields_for(question.type), question.answer):
                field.data = "\n".join(part)

    def question(self, qtype: str, base: Question) -> Question:
        """The question the form describes, keeping what it does not show (id, distractors, evidence span, extras)."""
        # A generated choice answer may accept other forms when typed ("Moscow" for "Russia"): keep them.
        kept = {part[0]: part for part in base.answer if part}
        answer: tuple[tuple[str, ...], ...]
        if qtype == "choice":
            right = (self.correct.data or "").strip()
            answer = (kept.get(right, (right,)),) if right else ()
        elif qtype == "multi":
            answer = tuple(kept.get(line, (line,)) for line in lines(self.correct_many.data))
        elif qtype == "truefalse":
            answer = ((self.truth.data,),) if self.truth.data else ()
        else:
            answer = tuple(tuple(lines(f.data)) for f in self.fields_for(qtype) if lines(f.data))
        difficulty = (
            self.difficulty.data if isinstance(self.difficulty.data, (int, float)) else base.difficulty
        )
        question = replace(
            base,
            type=qtype,
            prompt=self.prompt.data or "",
            answer=answer,
            choices=tuple(lines(self.choices.data)) if qtype in ("choice", "multi") else (),
            evidence=self.evidence.data or "",
            skill=self.skill.data or "recall",
            difficulty=float(difficulty),
        )
        return tidy_question(question)

    def check(self, qtype: str, base: Question) -> Question | None:
        """The question if the form and the pack rules accept it; else None, with errors beside the fields."""
        valid = self.validate()
        question = self.question(qtype, base)
        for problem in question_problems(question):
            field = self._field_for(problem.path, qtype)
            field.errors = (
                [*field.errors, problem.message] if isinstance(field.errors, list) else [problem.message]
            )
            valid = False
        return question if valid else None

    def _field_for(self, path: str, qtype: str):
        """The field a problem's path (``answer[1][0]``, ``choices[2]``, ``prompt``) is about."""
        name = path.split("[")[0].split(".")[0]
        if name == "answer":
            if qtype in ("short", "cloze"):
                index = int(path[7]) if path.startswith("answer[") and path[7].isdigit() else 0
                return self.fields_for(qtype)[min(index, PARTS - 1)]
            return {"choice": self.correct, "multi": self.correct_many, "truefalse": self.truth}[qtype]
        return (
            getattr(self, name, None)
            if name in ("prompt", "choices", "evidence", "skill", "difficulty")
            else self.prompt
        )


class ImportForm(FlaskForm):
    """One pack file to upload, and the article to attach when the file has none (a Moodle GIFT file)."""

    file = FileField(
        "Pack file",
        validators=[FileRequired("Choose a pack file to import.")],
        description="A .json, .yaml or .yml file exported from quizapp, or a Moodle GIFT (.gift or "
        ".txt) or Moodle XML (.xml) file.",
        render_kw={"accept": ".json,.yaml,.yml,.gift,.txt,.xml"},
    )
    article = SelectField(
        "Article pupils read with it",
        coerce=int,
        default=0,
        description="A quizapp file brings its own article, a Moodle XML file may; a GIFT file "
        "has none: choose one of your articles or a shared one, or paste the "
        "text below.",
    )
    article_text = TextAreaField(
        "Or paste the article's text",
        filters=[lambda value: (value or "").strip()],
        description="Its headline on the first line, then the article.",
    )

    def validate(self, extra_validators=None) -> bool:
        """The fields' checks, then at most one article: chosen or pasted."""
        if not super().validate(extra_validators):
            return False
        if self.article.data and self.article_text.data:
            self.article_text.errors = ["Choose an article or paste one, not both."]
            return False
        return True


def lines(text: str | None) -> list[str]:
    """The non-blank lines of a text box, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def new_question(qtype: str, taken: set[str]) -> Question:
    """An empty question of ``qtype`` with an id the pack does not use yet (``t1``, ``t2``...)."""
    number = 1
    while f"t{number}" in taken:
        number += 1
    return Question(f"t{number}", qtype, "", ())


CLOZE_HINT = f"Mark the gap with five underscores: {BLANK} (exactly one gap)."
