"""The one question format used everywhere: generation, grading, packs and the API.

A question is plain data. ``answer`` is a list of *parts*, each a list of
accepted *forms*, the first form the one shown to pupils: one part with
many forms means "name one of these"; two parts mean "name both".
``distractors`` are known wrong answers: the options offered by a choice
question, and for typed answers the near-misses that must never be accepted.
Keys this version does not know are kept in ``extra`` and written back, so
the format can grow without old code losing data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizapp.text.errors import InputError
from quizapp.text.types import Span

QUESTION_TYPES = ("short", "choice", "multi", "truefalse", "cloze")
SKILLS = ("recall", "vocabulary", "inference")
# What the answer names, when the teacher or the generator says so (quizapp/text/grading/concepts.py):
# it decides which shorter answers count ("Assad" for a person, "Pacific" for a place).
ANSWER_KINDS = ("name", "person", "place", "concept", "number", "reason")
BLANK = "_____"
_KNOWN = (
    "id",
    "type",
    "prompt",
    "answer",
    "choices",
    "distractors",
    "evidence",
    "skill",
    "difficulty",
    "evidence_span",
    "answer_kind",
)


class QuestionFormatError(InputError):
    """A question's data does not fit the format; the message names the field."""


@dataclass(frozen=True)
class Question:
    """One comprehension question and everything needed to grade and explain it."""

    id: str
    type: str
    prompt: str
    answer: tuple[tuple[str, ...], ...]
    choices: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    evidence: str = ""
    skill: str = "recall"
    difficulty: float = 0.5
    evidence_span: Span | None = None
    answer_kind: str = ""  # one of ANSWER_KINDS, or "" to let the grader infer it
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def shown_answer(self) -> str:
        """The answer as a pupil is shown it: the first form of each part."""
        firsts = [part[0] for part in self.answer if part]
        return firsts[0] if len(firsts) == 1 else ", ".join(firsts[:-1]) + " and " + firsts[-1]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape, unknown keys included."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "prompt": self.prompt,
            "answer": [list(part) for part in self.answer],
            "choices": list(self.choices),
            "distractors": list(self.distractors),
            "evidence": self.evidence,
            "skill": self.skill,
            "difficulty": self.difficulty,
        }
        if self.evidence_span is not None:
            span = self.evidence_span
            data["evidence_span"] = {"paragraph": span.paragraph, "start": span.start, "end": span.end}
        if self.answer_kind:
            data["answer_kind"] = self.answer_kind
        return {**data, **{k: v for k, v in self.extra.items() if k not in _KNOWN}}

    @classmethod
    def from_dict(cls, data: object) -> Question:
        """Read a question, with a message naming the field where the data is wrong."""
        if not isinstance(data, Mapping):
            raise QuestionFormatError("question: expected an object with id, type, prompt and answer")
        kind = _text(data, "type", required=True)
        if kind not in QUESTION_TYPES:
            raise QuestionFormatError(f"type: must be one of {', '.join(QUESTION_TYPES)}, not {kind!r}")
        skill = _text(data, "skill") or "recall"
        if skill not in SKILLS:
            raise QuestionFormatError(f"skill: must be one of {', '.join(SKILLS)}, not {skill!r}")
        return cls(
            id=_text(data, "id") or "q",
            type=kind,
            prompt=_text(data, "prompt", required=True),
            answer=_answer(data.get("answer")),
            choices=_strings(data, "choices"),
            distractors=_strings(data, "distractors"),
            evidence=_text(data, "evidence"),
            skill=skill,
            difficulty=_difficulty(data.get("difficulty", 0.5)),
            evidence_span=_span(data.get("evidence_span")),
            answer_kind=_answer_kind(data),
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )


def _text(data: Mapping[str, Any], key: str, required: bool = False) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise QuestionFormatError(f"{key}: required")
        return ""
    if not isinstance(value, str):
        raise QuestionFormatError(f"{key}: must be text")
    return value


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuestionFormatError(f"{key}: must be a list of texts")
    return tuple(value)


def _answer(value: object) -> tuple[tuple[str, ...], ...]:
    """``[["Russia", "Moscow"], ["Iran"]]``; a bare string or list of strings is one part."""
    if isinstance(value, str):
        value = [[value]]
    if not isinstance(value, list) or not value:
        raise QuestionFormatError("answer: required, a list of parts, each a list of accepted forms")
    parts = []
    for i, part in enumerate(value):
        part = [part] if isinstance(part, str) else part
        if not isinstance(part, list) or not part or not all(isinstance(f, str) and f.strip() for f in part):
            raise QuestionFormatError(f"answer[{i}]: must be a non-empty list of non-empty texts")
        parts.append(tuple(part))
    return tuple(parts)


def _difficulty(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise QuestionFormatError("difficulty: must be a number from 0 to 1")
    return float(value)


def _answer_kind(data: Mapping[str, Any]) -> str:
    kind = _text(data, "answer_kind")
    if kind and kind not in ANSWER_KINDS:
        raise QuestionFormatError(f"answer_kind: must be one of {', '.join(ANSWER_KINDS)}, not {kind!r}")
    return kind


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    try:
        return Span(int(value["paragraph"]), int(value["start"]), int(value["end"]))
    except (TypeError, KeyError, ValueError) as exc:
        raise QuestionFormatError("evidence_span: must have paragraph, start and end numbers") from exc
