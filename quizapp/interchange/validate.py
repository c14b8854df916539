"""What makes a pack valid beyond its shape: the rules every format and the pack editor share.

The schema (``pack.schema.json``) says what a file looks like; these rules
say whether the questions make sense: the right answer of a choice question
is one of its choices, a cloze has exactly one gap, ids are unique, and texts
are tidy. ``tidy`` first forgives what a person cannot see (spaces around a
text, Windows line endings); ``problems`` then lists what must be fixed, each
with the field path it concerns, so a form can show it beside the field.

Texts: prompts, evidence, the description and the article may hold line
breaks and tabs; ids, answer forms, choices, distractors, titles, the source,
the dateline and the level are one line. No text holds other control
characters or starts or ends with spaces.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from quizapp.interchange.errors import shown
from quizapp.text.pack import (
    FEEDBACK_MODES,
    MAX_LEVEL_CHARS,
    MAX_TITLE_CHARS,
    Pack,
    PackArticle,
    PackSettings,
)
from quizapp.text.question import ANSWER_KINDS, BLANK, QUESTION_TYPES, SKILLS, Question

MAX_DEPTH = 20  # how deeply an extra value may nest: more is a broken file, not a teacher's note
TRUTH = ("true", "false")
QUESTION_FIELDS = tuple(f.name for f in fields(Question) if f.name != "extra")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # control characters, lone surrogates
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (a field path such as ``questions[2].answer[0]``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        """ "path: message", or the message alone for the whole pack."""
        return f"{self.path}: {self.message}" if self.path else self.message


def tidy(pack: Pack) -> Pack:
    """The pack as its author meant it: surrounding spaces trimmed, line endings made ``\\n``."""
    article = pack.article
    return replace(
        pack,
        title=_line(pack.title),
        description=_paragraphs(pack.description),
        level=_line(pack.level),
        article=replace(
            article,
            title=_line(article.title),
            text=_paragraphs(article.text),
            source=_line(article.source) or None,
            dateline=_line(article.dateline) or None,
        ),
        questions=tuple(tidy_question(q) for q in pack.questions),
    )


def tidy_question(question: Question) -> Question:
    """One question tidied as ``tidy`` does a pack (for the pack editor's forms too)."""
    return replace(
        question,
        id=_line(question.id),
        prompt=_paragraphs(question.prompt),
        evidence=_paragraphs(question.evidence),
        answer=tuple(tuple(_line(form) for form in part) for part in question.answer),
        choices=tuple(_line(c) for c in question.choices),
        distractors=tuple(_line(d) for d in question.distractors),
    )


def _line(text):
    """A one-line text trimmed (anything else is left for ``problems`` to report)."""
    return text.strip() if isinstance(text, str) else text


def _paragraphs(text):
    """A multi-line text trimmed, with Windows and old Mac line endings made ``\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(text, str) else text


def problems(pack: Pack) -> list[Problem]:
    """Everything wrong with ``pack``, in document order; empty when it can be saved and exported."""
    found = _text(pack.title, "title", required=True) or _length(pack.title, "title", MAX_TITLE_CHARS)
    found += _text(pack.description, "description", multiline=True)
    found += _text(pack.level, "level") or _length(pack.level, "level", MAX_LEVEL_CHARS)
    found += article_problems(pack.article)
    found += settings_problems(pack.settings)
    paragraphs = pack.article.text.split("\n\n") if isinstance(pack.article.text, str) else []
    first_use: dict[str, int] = {}
    for i, question in enumerate(pack.questions):
        path = f"questions[{i}]"
        found += question_problems(question, path, paragraphs)
        if question.id in first_use:
            found.append(
                Problem(
                    f"{path}.id",
                    f"{shown(question.id)} is already the id of "
                    f"questions[{first_use[question.id]}]; ids must be unique",
                )
            )
        first_use.setdefault(question.id, i)
    return found


def article_problems(article: PackArticle, path: str = "article") -> list[Problem]:
    """The article needs a title; its text may be empty while the pack is a draft (see docs/packs.md)."""
    found = _text(article.title, f"{path}.title", required=True)
    found += _text(article.text, f"{path}.text", multiline=True)
    for name in ("source", "dateline"):
        value = getattr(article, name)
        if value is not None:
            found += _text(value, f"{path}.{name}", required=True)
    return found


def settings_problems(settings: PackSettings, path: str = "settings") -> list[Problem]:
    """Feedback is "immediate" or "end"; attempts a whole number, 0 meaning as many as the pupil likes."""
    found = [
        Problem(f"{path}.{name}", "must be true or false")
        for name in ("shuffle_questions", "shuffle_choices")
        if not isinstance(getattr(settings, name), bool)
    ]
    if settings.feedback not in FEEDBACK_MODES:
        found.append(
            Problem(
                f"{path}.feedback",
                f"must be one of {', '.join(FEEDBACK_MODES)}, not {shown(settings.feedback)}",
            )
        )
    if isinstance(settings.attempts, bool) or not isinstance(settings.attempts, int) or settings.attempts < 0:
        found.append(Problem(f"{path}.attempts", "must be a whole number, 0 or more (0: no limit)"))
    return found


def question_problems(
    question: Question, path: str = "", paragraphs: list[str] | None = None
) -> list[Problem]:
    """What is wrong with one question; ``paragraphs`` (the article's) check its evidence span."""
    at = f"{path}." if path else ""
    found = _text(question.id, f"{at}id", required=True)
    found += _text(question.prompt, f"{at}prompt", required=True, multiline=True)
    found += _text(question.evidence, f"{at}evidence", multiline=True)
    if question.type not in QUESTION_TYPES:
        return found + [Problem(f"{at}type", f"must be one of {', '.join(QUESTION_TYPES)}")]
    if question.skill not in SKILLS:
        found.append(Problem(f"{at}skill", f"must be one of {', '.join(SKILLS)}"))
    difficulty = question.difficulty
    if isinstance(difficulty, bool) or not isinstance(difficulty, (int, float)) or not 0 <= difficulty <= 1:
        found.append(Problem(f"{at}difficulty", "must be a number from 0 to 1"))
    if question.answer_kind and question.answer_kind not in ANSWER_KINDS:
        found.append(Problem(f"{at}answer_kind", f"must be one of {', '.join(ANSWER_KINDS)}"))
    found += _answer_problems(question, at)
    found += _list_problems(question.choices, f"{at}choices", unique=True)
    found += _list_problems(question.distractors, f"{at}distractors")
    if not found:  # the type's own rules read the answer and choices, so only once those are sound
        found += TYPE_RULES[question.type](question, at)
    found += _span_problems(question.evidence_span, f"{at}evidence_span", paragraphs)
    found += _extra_problems(question.extra, f"{at}extra")
    return found


def _answer_problems(question: Question, at: str) -> list[Problem]:
    """Every part has forms, and every form is one line of text."""
    if not question.answer:
        return [Problem(f"{at}answer", "required: a list of parts, each a list of accepted forms")]
    found = []
    for i, part in enumerate(question.answer):
        if not part:
            found.append(Problem(f"{at}answer[{i}]", "must be a non-empty list of texts"))
        for j, form in enumerate(part):
            found += _text(form, f"{at}answer[{i}][{j}]", required=True)
    return found


def _list_problems(values, path: str, unique: bool = False) -> list[Problem]:
    """Each item is one line of text; ``unique``: and none is listed twice."""
    found, seen = [], set()
    for i, value in enumerate(values):
        found += _text(value, f"{path}[{i}]", required=True)
        if unique and value in seen:
            found.append(Problem(f"{path}[{i}]", f"{shown(value)} is listed twice"))
        seen.add(value)
    return found


def _choice_rules(question: Question, at: str) -> list[Problem]:
    """The right option must be offered; "first form of the first part" is what grading takes as right."""
    found = _enough_choices(question, at, "choice")
    if len(question.answer) != 1:
        found.append(
            Problem(f"{at}answer", "a choice question has one answer part: the options that count as right")
        )
    elif question.answer[0][0] not in question.choices:
        found.append(
            Problem(
                f"{at}answer[0][0]",
                f"{shown(question.answer[0][0])} is not among the choices; "
                "add it to choices or correct the spelling",
            )
        )
    return found


def _multi_rules(question: Question, at: str) -> list[Problem]:
    """Each part of the answer is one option to tick, so each must be offered, and only once."""
    found, firsts = _enough_choices(question, at, "multi"), set()
    for i, part in enumerate(question.answer):
        if part[0] not in question.choices:
            found.append(
                Problem(
                    f"{at}answer[{i}][0]",
                    f"{shown(part[0])} is not among the choices; add it to choices or correct the spelling",
                )
            )
        elif part[0] in firsts:
            found.append(
                Problem(f"{at}answer[{i}][0]", f"{shown(part[0])} is already another part of the answer")
            )
        firsts.add(part[0])
    return found


def _enough_choices(question: Question, at: str, kind: str) -> list[Problem]:
    """Choice and multi questions offer at least two options."""
    if len(question.choices) < 2:
        return [Problem(f"{at}choices", f"a {kind} question needs at least two choices")]
    return []


def _truefalse_rules(question: Question, at: str) -> list[Problem]:
    """The answer is true or false, in any case."""
    if len(question.answer) != 1 or question.answer[0][0].lower() not in TRUTH:
        return [Problem(f"{at}answer", 'a true/false answer is [["true"]] or [["false"]]')]
    return []


def _cloze_rules(question: Question, at: str) -> list[Problem]:
    """A cloze has exactly one gap to fill."""
    gaps = question.prompt.count(BLANK)
    if gaps != 1:
        return [
            Problem(f"{at}prompt", f"a cloze prompt marks its gap with exactly one {BLANK} (found {gaps})")
        ]
    return []


def _short_rules(question: Question, at: str) -> list[Problem]:
    """A typed question with a gap is a cloze (GIFT would also read it as one)."""
    if BLANK in question.prompt:
        return [Problem(f"{at}prompt", f"{BLANK} marks a gap: make this question a cloze, or remove the gap")]
    return []


TYPE_RULES = {
    "choice": _choice_rules,
    "multi": _multi_rules,
    "truefalse": _truefalse_rules,
    "cloze": _cloze_rules,
    "short": _short_rules,
}


def _span_problems(span, path: str, paragraphs: list[str] | None) -> list[Problem]:
    """The span must lie in the article, or the quiz page would mark evidence that is not there."""
    if span is None or paragraphs is None:
        return []
    if not 0 <= span.paragraph < len(paragraphs):
        return [
            Problem(
                f"{path}.paragraph",
                f"the article has no paragraph {span.paragraph} (it has {len(paragraphs)}, counted from 0)",
            )
        ]
    if not 0 <= span.start <= span.end <= len(paragraphs[span.paragraph]):
        return [
            Problem(
                path,
                f"start and end must lie within paragraph {span.paragraph} "
                f"(0 to {len(paragraphs[span.paragraph])}), start before end",
            )
        ]
    return []


def _extra_problems(extra, path: str) -> list[Problem]:
    """Extra keys are written back as they came, so they must be plain data and not shadow a field."""
    if not isinstance(extra, Mapping):
        return [Problem(path, "must be a mapping")]
    clashes = [key for key in extra if key in QUESTION_FIELDS]
    if clashes:
        return [Problem(f"{path}.{clashes[0]}", "is a question field, not an extra")]
    problem = plain_data_problem(dict(extra), path)
    return [problem] if problem else []


def plain_data_problem(value, path: str, depth: int = 0) -> Problem | None:
    """Why ``value`` is not plain JSON-like data (text, numbers, true/false, null, lists, mappings)."""
    if depth > MAX_DEPTH:
        return Problem(path, f"nests more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, (bool, int)):
        return None
    if isinstance(value, str):
        return Problem(path, "holds an unpaired surrogate character") if _SURROGATE.search(value) else None
    if isinstance(value, float):
        return None if math.isfinite(value) else Problem(path, "must be a finite number")
    if isinstance(value, list):
        items = enumerate(value)
        return next(filter(None, (plain_data_problem(v, f"{path}[{i}]", depth + 1) for i, v in items)), None)
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            return Problem(path, "keys must be text")
        pairs = value.items()
        return next(filter(None, (plain_data_problem(v, f"{path}.{k}", depth + 1) for k, v in pairs)), None)
    return Problem(path, "must be plain data: text, a number, true/false, null, a list or a mapping")


def _length(value: str, path: str, most: int) -> list[Problem]:
    """A one-line text longer than its column holds: say by how much, rather than fail when stored."""
    if len(value) <= most:
        return []
    return [Problem(path, f"is {len(value)} characters long; it can have at most {most}")]


def _text(value, path: str, required: bool = False, multiline: bool = False) -> list[Problem]:
    """A text field's problems: the wrong type, missing, untrimmed, or holding control characters."""
    if not isinstance(value, str):
        return [Problem(path, "must be text")]
    if not value.strip():
        return (
            [Problem(path, "required")]
            if required
            else []
            if not value
            else [Problem(path, "is only spaces")]
        )
    if value != value.strip():
        return [Problem(path, "must not start or end with spaces")]
    bad = (_CONTROL if multiline else _CONTROL_IN_LINE).search(value)
    if bad:
        what = "a line break" if bad.group() in "\r\n" else f"the control character U+{ord(bad.group()):04X}"
        return [Problem(path, f"holds {what}; {'remove it' if multiline else 'keep it to one line'}")]
    return []
