"""Read Moodle GIFT into a pack, the way Moodle's own importer reads it.

Questions are separated by blank lines. ``// `` lines are comments, except
the structured ones quizapp writes: ``// quizapp-pack: {json}`` (the
article, the settings...) and, above a question, ``// quizapp: {json}``
(what GIFT cannot hold: skill, difficulty, evidence...), laid over what the
question's GIFT says. The type is decided as Moodle does: ``~`` makes a
multiple choice (a single choice if one answer is marked ``=``, else several
weighted answers), ``{T}``/``{F}`` true/false, other ``=`` answers a short
answer, a cloze when the answers sit inside the text. Numeric, matching,
essay and description questions have no quizapp type: each is named in the
notes, never dropped silently. See docs/packs.md for the whole mapping.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.interchange.document import to_pack
from quizapp.interchange.errors import PackFormatError, shown
from quizapp.interchange.gift_syntax import find, find_last, read_text, split, unescape
from quizapp.interchange.moodle_shared import TOLERANCE, draft_header, unique_ids
from quizapp.interchange.validate import Problem
from quizapp.text.pack import Pack
from quizapp.text.question import BLANK, QUESTION_TYPES

TRUE_MARKS, FALSE_MARKS = ("T", "TRUE"), ("F", "FALSE")
UNSUPPORTED = {"essay": "essay", "numeric": "numerical", "matching": "matching", "description": "description"}
_LINES = re.compile(r"\r\n?|\n")
_PHP_SPACE = " \t\n\r\0\x0b"  # what Moodle's trim() removes from each line
_HEADER = re.compile(r"//\s*quizapp-pack:(.*)")
_META = re.compile(r"//\s*quizapp:(.*)")
_WEIGHT = re.compile(r"\s*%(-?\d{1,3}(?:\.\d+)?)%")


@dataclass
class Chunk:
    """The lines of one question (blank-line separated), its comments set aside."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    meta: list[tuple[int, str]] = field(default_factory=list)
    header: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The question's lines as one text, as Moodle joins them."""
        return "\n".join(text for _, text in self.lines)

    @functools.cached_property
    def _starts(self) -> list[int]:
        """Where each line starts in ``text``, computed once: a big chunk asks many times."""
        starts, total = [], 0
        for _, text in self.lines:
            starts.append(total)
            total += len(text) + 1
        return starts

    def line_of(self, offset: int) -> int:
        """The file line holding ``offset`` of ``text``."""
        return self.lines[max(0, bisect.bisect_right(self._starts, offset) - 1)][0]


@dataclass
class Parsed:
    """One GIFT question read: its kind (a quizapp type, or Moodle's name for one we lack)."""

    kind: str
    line: int
    title: str | None = None
    data: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Option:
    """One answer inside ``{...}``: its mark, weight in percent, text and feedback."""

    mark: str
    weight: float | None
    text: str
    feedback: str
    line: int
    html: bool


def chunks(text: str) -> list[Chunk]:
    """The file cut into questions at blank lines; each line trimmed as Moodle trims it."""
    found, current = [], Chunk()
    for number, line in enumerate(_LINES.split(text), 1):
        line = line.strip(_PHP_SPACE)
        if not line:
            if current.lines or current.meta or current.header:
                found.append(current)
            current = Chunk()
        elif header := _HEADER.match(line):
            current.header.append((number, header[1]))
        elif meta := _META.match(line):
            current.meta.append((number, meta[1]))
        elif not line.startswith("//"):
            current.lines.append((number, line))
    if current.lines or current.meta or current.header:
        found.append(current)
    return found


def read(text: str, name: str) -> tuple[Pack, list[str]]:
    """The pack in GIFT ``text`` and the notes on what did not map; raises ``PackFormatError``."""
    header, header_line, notes = {}, None, []
    questions, lines, unsupported, number = [], [], [], 0
    for chunk in chunks(text):
        for line, raw in chunk.header:
            header.update(json_object(raw, line, "quizapp-pack"))
            header_line = header_line or line
        if not chunk.lines:
            continue
        parsed = parse_question(chunk.text, chunk.line_of)
        if parsed.kind == "category":
            notes.append(
                f"line {parsed.line}: $CATEGORY {shown(parsed.title)} ignored: a pack has no categories"
            )
            continue
        number += 1
        if parsed.kind not in QUESTION_TYPES:
            unsupported.append(parsed.kind)
            notes.append(
                f"question {number} ({parsed.kind}, line {parsed.line}): Moodle "
                f"{UNSUPPORTED[parsed.kind]} questions have no quizapp type; skipped"
            )
            continue
        for line, raw in chunk.meta:
            parsed.data.update(json_object(raw, line, "quizapp"))
        notes += [f"question {number} (line {parsed.line}): {note}" for note in parsed.notes]
        questions.append(parsed.data)
        lines.append(parsed.line)
    if not questions and not header:
        raise PackFormatError(_nothing(name, unsupported))
    unique_ids(questions, [f"line {line}" for line in lines], "title", notes)
    document = {**(header or draft_header(name, notes)), "questions": questions}
    return to_pack(document, _locator(lines, questions, header_line)), notes


def _nothing(name: str, unsupported: list[str]) -> str:
    """Why a file gave no question: nothing GIFT-like, or only types quizapp lacks."""
    if not unsupported:
        return f"nothing to import: {name} holds no GIFT questions (a question looks like: Who? {{=answer}})"
    kinds = sorted({UNSUPPORTED[kind] for kind in unsupported})
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (
        f"nothing to import: {name} holds only Moodle {listed} questions ({len(unsupported)}), "
        "which have no quizapp type"
    )


def json_object(raw: str, line: int, label: str) -> dict:
    """The JSON object of a structured comment; a broken one is an error, not a silent loss."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PackFormatError(
            f"line {line}: the {label} comment is not valid JSON ({exc.msg}, column "
            f"{exc.colno}); correct it or delete the line"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise PackFormatError(
            f"line {line}: the {label} comment cannot be read; correct it or delete the line"
        ) from exc
    if not isinstance(value, dict):
        raise PackFormatError(f"line {line}: the {label} comment must hold a JSON object {{...}}")
    return value


def _locator(lines: list[int], questions: list[dict], header_line: int | None) -> Callable[[Problem], str]:
    """Word a problem by the file line it comes from, not by a path the teacher never wrote."""

    def locate(problem: Problem) -> str:
        """ "line 12 ('q3') answer[0][0]: ..." for a question; the header's line for pack fields."""
        match = re.match(r"questions\[(\d+)\]\.?(.*)", problem.path)
        if match and int(match[1]) < len(lines):
            index = int(match[1])
            question = questions[index].get("id") or f"question {index + 1}"
            field_name = f" {match[2]}" if match[2] else ""
            return f"line {lines[index]} ({shown(question, 30)}){field_name}: {problem.message}"
        if header_line:
            return f"line {header_line}, quizapp-pack comment: {problem}"
        return str(problem)

    return locate


def parse_question(text: str, line_of: Callable[[int], int]) -> Parsed:
    """One question's GIFT (comments removed) read into a question document, or its Moodle kind."""
    line = line_of(0)
    if text.startswith("$CATEGORY:"):
        return Parsed("category", line, unescape(text[len("$CATEGORY:") :]).strip())
    start, title = 0, None
    if text.startswith("::"):
        end = find(text, "::", 2)
        if end >= 0:
            title, start = unescape(text[2:end]).strip() or None, end + 2
    opening, closing = _block(text, start, line_of)
    if opening < 0:
        return Parsed("description", line, title)
    after = text[closing + 1 :]
    prompt, html = read_text((text[start:opening] + (BLANK + after if after.strip() else "")).strip())
    parsed = Parsed("", line, title, {"id": title} if title else {})
    parsed.data["prompt"] = prompt
    _read_answers(text[opening + 1 : closing], opening + 1, line_of, parsed)
    if html:
        parsed.notes.append("HTML formatting reduced to plain text")
    parsed.notes = list(dict.fromkeys(parsed.notes))
    return parsed


def _block(text: str, start: int, line_of: Callable[[int], int]) -> tuple[int, int]:
    """Where the one ``{...}`` answer block opens and closes; (-1, -1) when there is none."""
    opening, closing = find(text, "{", start), find(text, "}", start)
    if opening < 0 and closing < 0:
        return -1, -1
    if closing >= 0 and (opening < 0 or closing < opening):
        raise _error(line_of(closing), "'}' without an opening '{' (write \\} for a brace in the text)")
    if closing < 0:
        raise _error(line_of(opening), "'{' is never closed: end the answers with '}'")
    second = find(text, "{", opening + 1)
    if 0 <= second < closing:
        raise _error(line_of(second), "'{' inside the answers: close them with '}' first, or write \\{")
    if second >= 0 or find(text, "}", closing + 1) >= 0:
        extra = second if second >= 0 else find(text, "}", closing + 1)
        raise _error(
            line_of(extra),
            "a second answer block: a question has one {...} (write \\{ and \\} for braces in the text)",
        )
    return opening, closing


def _error(line: int, message: str) -> PackFormatError:
    """A GIFT error at ``line``."""
    return PackFormatError(f"line {line}: {message}")


def _read_answers(answers: str, base: int, line_of: Callable[[int], int], parsed: Parsed) -> None:
    """Decide the question's kind from its answers, as Moodle does, and fill in its data."""
    general = find_last(answers, "####")
    if general >= 0:
        feedback, html = read_text(answers[general + 4 :].strip())
        answers = answers[:general]
        if feedback:
            parsed.data["general_feedback"] = feedback
        if html:
            parsed.notes.append("HTML formatting reduced to plain text")
    body = answers.strip()
    if not body:
        parsed.kind = "essay"
    elif body.startswith("#"):
        parsed.kind = "numeric"
    elif find(body, "~") >= 0:
        _choices(_options(answers, base, line_of, rich=True), parsed)
    elif find(body, "=") >= 0 and find(body, "->") >= 0:
        parsed.kind = "matching"
    elif _truth_mark(body)[0].upper() in TRUE_MARKS + FALSE_MARKS:
        _truefalse(body, parsed)
    else:
        _typed(_options(answers, base, line_of, rich=False), parsed)


def _options(answers: str, base: int, line_of: Callable[[int], int], rich: bool) -> list[Option]:
    """The ``=right``/``~wrong`` answers with their ``%weight%`` and ``#feedback``.

    Text before the first mark is an answer too, as in Moodle (right in a
    short answer, wrong in a multiple choice). Short-answer texts are plain
    (Moodle reads no format there); options and feedback may be ``[html]``.
    """
    options = []
    for offset, piece in split(answers, "~="):
        mark = piece[:1] if piece[:1] in "~=" and piece else ""
        rest = piece[len(mark) :]
        if not mark and not rest.strip():
            continue
        line = line_of(base + offset + (len(piece) - len(piece.lstrip())))
        weight, match = None, _WEIGHT.match(rest)
        if match:
            weight, rest = _weight(match[1], line), rest[match.end() :]
        hash_at = find(rest, "#")
        text_raw, feedback_raw = (rest[:hash_at], rest[hash_at + 1 :]) if hash_at >= 0 else (rest, "")
        text, html = read_text(text_raw.strip()) if rich else (unescape(text_raw).strip(), False)
        if not text:
            raise _error(line, f"an empty answer after '{mark or '{'}'")
        feedback, feedback_html = read_text(feedback_raw.strip())
        options.append(Option(mark, weight, text, feedback, line, html or feedback_html))
    return options


def _weight(digits: str, line: int) -> float:
    """A ``%weight%`` as a number; outside -100..100 it is a typing mistake, not a weight."""
    value = float(digits)
    if not -100 <= value <= 100:
        raise _error(line, f"the weight %{digits}% must be from -100% to 100%")
    return int(value) if value.is_integer() else value


def _choices(options: list[Option], parsed: Parsed) -> None:
    """``{=right ~wrong}`` is one choice; without ``=``, the positive weights are the answers to tick."""
    single = any(option.mark == "=" for option in options)
    weights = [o.weight if o.weight is not None else 100 if o.mark == "=" else 0 for o in options]
    right = [o.text for o, w in zip(options, weights) if (w == 100 if single else w > 0)]
    if not right:
        how = "mark it with =" if single else "give the right options a positive weight, e.g. ~%50%"
        raise _error(options[0].line, f"no option is right: {how}")
    if single:
        default = {True: 100, False: 0}
        odd = {o.text: w for o, w in zip(options, weights) if w != default[o.text in right]}
        note = "quizapp marks a choice right or wrong"
        parsed.data.update(type="choice", answer=[right])
    else:
        share = 100 / len(right)
        odd = {
            o.text: w
            for o, w in zip(options, weights)
            if abs(w - (share if o.text in right else -share)) > TOLERANCE
        }
        note = "quizapp counts one part for each right pick and takes one off for each wrong pick"
        parsed.data.update(type="multi", answer=[[text] for text in right])
    parsed.kind = parsed.data["type"]
    parsed.data.update(
        choices=[o.text for o in options], distractors=[o.text for o in options if o.text not in right]
    )
    if odd:
        parsed.data["weights"] = odd
        parsed.notes.append(f"Moodle weights ({_listing(odd)}) are kept for export, but {note}")
    _feedback(options, parsed)


def _typed(options: list[Option], parsed: Parsed) -> None:
    """``{=form =form =%0%wrong}``: full-mark forms answer, 0% ones are distractors."""
    weights = [100 if o.weight is None else o.weight for o in options]
    forms = [o.text for o, w in zip(options, weights) if w == 100]
    if not forms:
        raise _error(
            options[0].line, "no answer earns full marks: give at least one without a weight (=answer)"
        )
    odd = {o.text: w for o, w in zip(options, weights) if w not in (0, 100)}
    parsed.kind = "cloze" if BLANK in parsed.data["prompt"] else "short"
    parsed.data.update(
        type=parsed.kind, answer=[forms], distractors=[o.text for o, w in zip(options, weights) if w == 0]
    )
    if odd:
        parsed.data["weights"] = odd
        parsed.notes.append(
            f"answers with part marks ({_listing(odd)}) are kept for export, "
            "but quizapp accepts only the full-mark answers"
        )
    _feedback(options, parsed)


def _truth_mark(body: str) -> tuple[str, str]:
    """``T#wrong#right`` -> ("T", "wrong#right"): the mark and the feedback after it."""
    hash_at = find(body, "#")
    return (body[:hash_at].strip(), body[hash_at + 1 :]) if hash_at > 0 else (body.strip(), "")


def _truefalse(body: str, parsed: Parsed) -> None:
    """Moodle's first feedback is for the wrong answer, the second for the right one."""
    mark, comment = _truth_mark(body)
    truth = "true" if mark.upper() in TRUE_MARKS else "false"
    other = "false" if truth == "true" else "true"
    hash_at = find(comment, "#")
    wrong, right = (comment[:hash_at], comment[hash_at + 1 :]) if hash_at >= 0 else (comment, "")
    (wrong, wrong_html), (right, right_html) = read_text(wrong.strip()), read_text(right.strip())
    parsed.kind = "truefalse"
    parsed.data.update(type="truefalse", answer=[[truth]])
    feedback = {key: text for key, text in ((truth, right), (other, wrong)) if text}
    if feedback:
        parsed.data["feedback"] = feedback
    if wrong_html or right_html:
        parsed.notes.append("HTML formatting reduced to plain text")


def _feedback(options: list[Option], parsed: Parsed) -> None:
    """Keep each answer's ``#feedback`` in ``extra["feedback"]``, keyed by the answer's text."""
    feedback = {o.text: o.feedback for o in options if o.feedback}
    if feedback:
        parsed.data["feedback"] = feedback
    if any(o.html for o in options):
        parsed.notes.append("HTML formatting reduced to plain text")


def _listing(weights: dict) -> str:
    """ "'Iraq' -100%, 'Turkey' -100%" for a note."""
    return ", ".join(f"{shown(text, 30)} {weight}%" for text, weight in weights.items())
