"""Write a pack as Moodle GIFT, keeping what GIFT cannot hold in structured comments.

Each question is written as Moodle would best read it, then read back with
our own GIFT reader; whatever did not survive (a skill, the evidence, a
second answer part, a feedback GIFT has no place for) goes into a
``// quizapp: {json}`` comment above it, and the article and settings into
``// quizapp-pack: {json}`` lines at the top. So the comments hold exactly
what GIFT lost, and export then import gives back the same pack.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection
from typing import TypeGuard

from quizapp.interchange.document import from_pack
from quizapp.interchange.errors import PackFormatError, shown
from quizapp.interchange.gift_read import UNSUPPORTED, chunks, parse_question
from quizapp.interchange.gift_syntax import FORMAT_MARK, escape, write_text
from quizapp.text.errors import InputError
from quizapp.text.pack import Pack
from quizapp.text.question import BLANK, QUESTION_TYPES, Question

HEADER_KEYS = ("format", "title", "description", "level", "settings", "article")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # never raw in a GIFT line
_MISSING = object()


def write(pack: Pack) -> str:
    """The GIFT file for ``pack``: a header comment block, then one paragraph per question."""
    blocks = [_header(pack)] + ["\n".join(question_lines(q)) for q in pack.questions]
    return "\n\n".join(blocks) + "\n"


def _header(pack: Pack) -> str:
    """A human note (title, article, source) and the pack's fields as ``// quizapp-pack:`` lines."""
    document, article = from_pack(pack), pack.article
    origin = ", ".join(part for part in (article.source, article.dateline) if part)
    lines = [
        f"// Pack: {pack.title}",
        f"// Article: {article.title}" + (f" ({origin})" if origin else ""),
        '// Written by quizapp. The "// quizapp" lines hold what GIFT cannot (the article, the settings, '
        "each question's skill and evidence); Moodle ignores them, quizapp reads them back.",
    ]
    return "\n".join(lines + [f"// quizapp-pack: {_json({key: document[key]})}" for key in HEADER_KEYS])


def _json(value) -> str:
    """JSON on one line, Unicode kept (a comment line must not break)."""
    return json.dumps(value, ensure_ascii=False)


def question_lines(question: Question) -> list[str]:
    """The question's GIFT lines, with a ``// quizapp:`` comment for whatever GIFT did not keep."""
    original, reason = question.to_dict(), ""
    for extras in (True, False):  # feedback and weights GIFT cannot place go in the comment instead
        body = _body(question, extras)
        back = _read_back(body)
        if isinstance(back, str):
            reason = back
        elif back["type"] != question.type or set(back) - set(original):
            reason = f"Moodle would read it as a {back['type']} question"
        else:
            meta = {key: value for key, value in original.items() if back.get(key, _MISSING) != value}
            return ([f"// quizapp: {_json(meta)}"] if meta else []) + body
    raise PackFormatError(
        f"question {shown(question.id)} cannot be written as GIFT ({reason}); "
        "export the pack as YAML or JSON instead"
    )


def _read_back(lines: list[str]):
    """The question our reader makes of ``lines`` (as ``to_dict``), or why it makes none."""
    try:
        chunk = chunks("\n".join(lines))[0]
        parsed = parse_question(chunk.text, chunk.line_of)
        if parsed.kind == "matching":
            return "an answer holds '->', which GIFT reads as a matching question"
        if parsed.kind not in QUESTION_TYPES:
            return f"Moodle would read it as a {UNSUPPORTED.get(parsed.kind, parsed.kind)} question"
        return Question.from_dict(parsed.data).to_dict()
    except InputError as exc:
        return str(exc)


def _body(question: Question, extras: bool) -> list[str]:
    """The GIFT of one question; ``extras``: with its feedback and Moodle weights."""
    feedback = _texts(question.extra.get("feedback")) if extras else {}
    weights = _weights(question.extra.get("weights")) if extras else {}
    general = question.extra.get("general_feedback") if extras else None
    general = f"####{write_text(general)}" if _safe(general) else ""
    title, prompt = f"::{escape(question.id)}::", question.prompt
    if question.type == "truefalse":
        return [f"{title}{write_text(prompt)} {{{_truefalse(question, feedback)}{general}}}"]
    if question.type == "cloze":
        block = "{" + " ".join(_typed(question, feedback, weights)) + general + "}"
        before, after = prompt.split(BLANK, 1)
        if after:  # Moodle's missing-word form: the answers stand where the gap is
            guard = "[plain]" if FORMAT_MARK.match(prompt) else ""
            return [f"{title}{guard}{escape(before)}{block}{escape(after)}"]
        return [f"{title}{write_text(prompt)} {block}"]
    items = (
        _typed(question, feedback, weights)
        if question.type == "short"
        else _options(question, feedback, weights)
    )
    return [
        f"{title}{write_text(prompt)} {{",
        *(f"\t{item}" for item in items),
        *([f"\t{general}"] if general else []),
        "}",
    ]


def _typed(question: Question, feedback: dict, weights: dict) -> list[str]:
    """``=form`` for each accepted form, ``=%50%form`` for part marks, ``=%0%distractor``.

    GIFT has no "name both": a two-part answer is offered to Moodle as the
    shown answer ("Russia and Iran"); the parts go in the comment.
    """
    forms = question.answer[0] if len(question.answer) == 1 else (question.shown_answer,)
    written = set(forms) | set(question.distractors)
    items = [_item("=", form, None, feedback.get(form), rich=False) for form in forms]
    items += [
        _item("=", text, weight, feedback.get(text), rich=False)
        for text, weight in weights.items()
        if text not in written and weight not in (0, 100) and _one_line(text)
    ]
    items += [_item("=", text, 0, feedback.get(text), rich=False) for text in question.distractors]
    return items


def _options(question: Question, feedback: dict, weights: dict) -> list[str]:
    """``=right ~wrong`` for a choice; ``~%50%right ~%-50%wrong`` for a multi (Moodle's multiple answers).

    A multi's default weights match quizapp's marking: each right pick is
    worth 1/parts, each wrong pick takes 1/parts off.
    """
    right: Collection[str]
    if question.type == "choice":  # one "=" and the other right forms "~%100%": a "~" keeps it a choice
        shown_form, right = question.answer[0][0], set(question.answer[0])
        return [
            _item("=", c, None, feedback.get(c))
            if c == shown_form
            else _item("~", c, 100, feedback.get(c))
            if c in right
            else _item("~", c, weights.get(c) if weights.get(c, 100) != 100 else None, feedback.get(c))
            for c in question.choices
        ]
    right = [c for c in question.choices if any(c in part for part in question.answer)]
    share = 100 / max(1, len(right))
    items = []
    for choice in question.choices:
        default = share if choice in right else -share
        weight = weights.get(choice, default)
        weight = weight if (weight > 0) == (choice in right) else default
        items.append(_item("~", choice, weight, feedback.get(choice)))
    return items


def _truefalse(question: Question, feedback: dict) -> str:
    """``TRUE#feedback if wrong#feedback if right``, Moodle's order."""
    truth = question.answer[0][0].lower()
    other = "false" if truth == "true" else "true"
    right, wrong = feedback.get(truth, ""), feedback.get(other, "")
    mark = truth.upper()
    if right:
        return f"{mark}#{write_text(wrong)}#{write_text(right)}"
    return f"{mark}#{write_text(wrong)}" if wrong else mark


def _item(mark: str, text: str, weight, feedback: str | None, rich: bool = True) -> str:
    """One answer: mark, weight, text, feedback. A text starting with % gets an explicit weight."""
    body = write_text(text) if rich else escape(text)
    if weight is None and body.startswith("%"):  # "%50% off" must not be read as a weight
        weight = 100 if mark == "=" else 0
    head = mark + (f"%{_percent(weight)}%" if weight is not None else "")
    return head + body + (f"#{write_text(feedback)}" if feedback else "")


def _percent(weight: float) -> str:
    """A weight as GIFT writes it: 50, -50, 33.33333."""
    if float(weight).is_integer():
        return str(int(weight))
    return f"{weight:.5f}".rstrip("0").rstrip(".")


def _texts(value) -> dict[str, str]:
    """The feedback that can sit in GIFT: text keys, one-paragraph texts without odd characters."""
    if not isinstance(value, dict):
        return {}
    return {key: text for key, text in value.items() if isinstance(key, str) and _safe(text)}


def _weights(value) -> dict[str, float]:
    """The Moodle weights in ``extra["weights"]`` that GIFT can write."""
    if not isinstance(value, dict):
        return {}
    return {key: weight for key, weight in value.items() if isinstance(key, str) and _is_weight(weight)}


def _is_weight(value) -> bool:
    """A finite number from -100 to 100 (not true/false)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and -100 <= value <= 100
    )


def _safe(text: object) -> TypeGuard[str]:
    """Text that GIFT holds as it is: trimmed, not empty, no control characters but line breaks."""
    return isinstance(text, str) and bool(text) and text == text.strip() and not _UNSAFE.search(text)


def _one_line(text: str) -> bool:
    """Safe text without a line break: usable as an answer."""
    return _safe(text) and "\n" not in text
