"""A pack as a plain document (the JSON/YAML shape) and back, checked on the way in.

Every reader ends here: JSON and YAML parse to a document, GIFT builds one
from its questions and comments. ``to_pack`` checks the version, then the
schema (messages name the field path), then the shared rules of
``validate``, and returns a whole pack or raises: nothing partial.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable
from importlib import resources

from jsonschema import Draft202012Validator

from quizapp.interchange.errors import PackFormatError, shown
from quizapp.interchange.validate import Problem, problems, tidy
from quizapp.text.actors.glossary_edits import Correction
from quizapp.text.pack import Pack, PackArticle, PackSettings
from quizapp.text.question import Question, QuestionFormatError

FORMAT = "quizapp-pack/1"
SHOWN_PROBLEMS = 3  # a message lists the first few; fixing those usually reveals the rest
_VERSION = re.compile(r"quizapp-pack/0*(\d+)")
_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}

Locate = Callable[[Problem], str]


def from_pack(pack: Pack) -> dict:
    """The document for ``pack``, keys in the schema's order, empty optional fields left out."""
    article = {
        "title": pack.article.title,
        "source": pack.article.source,
        "dateline": pack.article.dateline,
        "text": pack.article.text,
        "glossary": [c.to_dict() for c in pack.article.glossary] or None,
    }
    settings = pack.settings
    return {
        "format": FORMAT,
        "title": pack.title,
        "description": pack.description,
        "level": pack.level,
        "settings": {
            "shuffle_questions": settings.shuffle_questions,
            "shuffle_choices": settings.shuffle_choices,
            "feedback": settings.feedback,
            "attempts": settings.attempts,
        },
        "article": {key: value for key, value in article.items() if value is not None},
        "questions": [question_document(q) for q in pack.questions],
    }


def question_document(question: Question) -> dict:
    """``Question.to_dict`` without the empty lists and texts a reader would only skim past."""
    return {
        key: value
        for key, value in question.to_dict().items()
        if not (key in ("choices", "distractors", "evidence") and not value)
    }


def to_pack(document, locate: Locate = str) -> Pack:
    """Check ``document`` and build its pack; ``locate`` words a problem's place (GIFT gives lines)."""
    check_version(document, locate)
    _raise_if(schema_problems(document), locate)
    pack = tidy(_build(document, locate))
    _raise_if(problems(pack), locate)
    return pack


def check_version(document, locate: Locate = str) -> None:
    """Refuse what is not a pack, or a pack from a newer quizapp, before reading any further."""
    if not isinstance(document, dict):
        raise PackFormatError(
            f"the file holds {_kind(document)}, not a pack: a pack is a mapping "
            f"that starts with 'format: {FORMAT}'"
        )
    version = document.get("format")
    if version is None:
        raise PackFormatError(locate(Problem("format", f"missing; a pack starts with 'format: {FORMAT}'")))
    match = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if match and (len(match[1]) > 1 or match[1] > "1"):
        raise PackFormatError(
            locate(Problem(version, "this file was written by a newer quizapp; update quizapp to import it"))
        )
    if version != FORMAT:
        raise PackFormatError(
            locate(Problem("format", f"{shown(version)} is not a quizapp pack format (expected {FORMAT})"))
        )


def _kind(value) -> str:
    """What a non-mapping document is, in words: "a list", "only the text 'x'"."""
    if value is None:
        return "nothing (it is empty or only comments)"
    if isinstance(value, list):
        return "a list"
    return "a single value" if not isinstance(value, str) else f"only the text {shown(value, 30)}"


def _raise_if(found: list[Problem], locate: Locate) -> None:
    """Raise the first few problems as one message, saying how many more there are."""
    if found:
        more = len(found) - SHOWN_PROBLEMS
        message = "; ".join(locate(p) for p in found[:SHOWN_PROBLEMS])
        raise PackFormatError(message + (f" (and {more} more)" if more > 0 else ""))


def _build(document: dict, locate: Locate) -> Pack:
    """The pack the (schema-valid) document describes, questions without an id given q1, q2..."""
    questions = []
    for i, data in enumerate(with_ids(document["questions"])):
        try:
            questions.append(Question.from_dict(data))
        except QuestionFormatError as exc:  # the schema lets nothing through that this refuses
            field, _, message = str(exc).partition(": ")
            raise PackFormatError(locate(Problem(f"questions[{i}].{field}", message))) from exc
    article = document["article"]
    settings = {
        "shuffle_questions": False,
        "shuffle_choices": False,
        "feedback": "immediate",
        "attempts": 0,
        **document.get("settings", {}),
    }
    return Pack(
        title=document["title"],
        description=document.get("description", ""),
        level=document.get("level", ""),
        article=PackArticle(
            title=article["title"],
            text=article["text"],
            source=article.get("source"),
            dateline=article.get("dateline"),
            glossary=tuple(Correction.from_dict(c) for c in article.get("glossary", ())),
        ),
        questions=tuple(questions),
        settings=PackSettings(
            settings["shuffle_questions"],
            settings["shuffle_choices"],
            settings["feedback"],
            int(settings["attempts"]),
        ),
    )


def with_ids(questions: list[dict]) -> list[dict]:
    """The questions, those without an id given ``q<position>`` (or the next number not taken)."""
    taken = {q["id"].strip() for q in questions if isinstance(q.get("id"), str) and q["id"].strip()}
    given = []
    for position, question in enumerate(questions, 1):
        if not (isinstance(question.get("id"), str) and question["id"].strip()):
            number = position
            while f"q{number}" in taken:
                number += 1
            taken.add(f"q{number}")
            question = {**question, "id": f"q{number}"}
        given.append(question)
    return given


@functools.cache
def validator() -> Draft202012Validator:
    """The pack schema, read once on first use (not at import)."""
    text = resources.files(__package__).joinpath("pack.schema.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))


def schema_problems(document) -> list[Problem]:
    """Schema errors as problems, sorted by field path, one per path."""
    found: dict[str, tuple] = {}
    for error in validator().iter_errors(document):
        path, message = _describe(error)
        key = tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)
        found.setdefault(render_path(path), (key, message))
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return [Problem(path, message) for path, (_, message) in ordered]


def render_path(parts) -> str:
    """``["questions", 2, "answer", 0]`` -> ``questions[2].answer[0]``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][\w-]*", str(part)):
            text += f".{part}" if text else str(part)
        else:
            text += f"[{part!r}]"
    return text


def _describe(error) -> tuple[list, str]:
    """Where a schema error is and what to do about it, in a teacher's words."""
    path, kind, expected = list(error.absolute_path), error.validator, error.validator_value
    if kind == "required":
        missing = next(name for name in expected if name not in error.instance)
        return path + [missing], "required"
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        unknown = next(name for name in error.instance if name not in known)
        close = difflib.get_close_matches(str(unknown), known, n=1)
        return path + [unknown], "unknown field" + (f" (did you mean {close[0]!r}?)" if close else "")
    if "errorMessage" in error.schema:
        return path, error.schema["errorMessage"]
    return path, _MESSAGES.get(kind, lambda e: e.message)(error)


def _type_message(error) -> str:
    """ "must be text"; a number or true/false where text belongs also gets "(put it in quotes)"."""
    value = error.validator_value  # a "type" check's: a JSON type's name, or a list of them
    expected: list[str] = value if isinstance(value, list) else [value]
    names = " or ".join(_TYPE_NAMES.get(name, name) for name in expected if name != "null")
    quote = (
        " (put it in quotes)"
        if "string" in expected and isinstance(error.instance, (bool, int, float))
        else ""
    )
    return f"must be {names}{quote}"


def _range_message(error) -> str:
    """ "must be a number from 0 to 1" or "must be 0 or more", from the schema's bounds."""
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    return f"must be a number from {low} to {high}" if high is not None else f"must be {low} or more"


_MESSAGES = {
    "type": _type_message,
    "enum": lambda e: f"must be one of {', '.join(map(str, e.validator_value))}, not {shown(e.instance)}",
    "const": lambda e: f"must be {e.validator_value!r}",
    "pattern": lambda e: "must not be empty",
    "minItems": lambda e: (
        "must not be empty" if e.validator_value == 1 else f"needs at least {e.validator_value}"
    ),
    "minimum": _range_message,
    "maximum": _range_message,
}
