"""Read Moodle XML (Moodle's own question export) into a pack.

The file is parsed with defusedxml, which refuses a DTD, entities and
external references outright: a Moodle export needs none of them, and they
are how a small XML file eats a server's memory ("billion laughs") or reads
its files (XXE). Then each ``<question>`` is mapped as docs/packs.md says:
multichoice (one right answer, or several weighted ones), truefalse,
shortanswer (a cloze when its text holds ``_____``) and numerical (a typed
number). Per-answer feedback, general feedback and partial credit are kept
(partial credit in ``extra["weights"]``, as from GIFT). A ``description``
is the article. Other Moodle types are named in the notes, never dropped
silently.

quizapp's own exports carry what Moodle has no place for in XML comments:
``<!-- quizapp-pack: {json} -->`` (title, settings, the article's title...)
and, before a question, ``<!-- quizapp: {json} -->``, laid over what the
question's XML says, exactly as GIFT's ``//`` comments are.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from quizapp.interchange.document import to_pack
from quizapp.interchange.errors import PackFormatError, shown
from quizapp.interchange.gift_syntax import html_to_text
from quizapp.interchange.moodle_shared import TOLERANCE, draft_header, unique_ids
from quizapp.interchange.validate import Problem
from quizapp.text.pack import Pack
from quizapp.text.question import BLANK

PACK_MARK, QUESTION_MARK = "quizapp-pack:", "quizapp:"
DROP = "quizapp:drop"  # in a question's comment: keys its XML gives that the question did not have
SKIPPED = {
    "essay": "essay",
    "matching": "matching",
    "multianswer": "embedded answers (Cloze)",
    "calculated": "calculated",
    "calculatedsimple": "calculated",
    "calculatedmulti": "calculated",
    "ddwtos": "drag and drop",
    "ddimageortext": "drag and drop",
    "ddmarker": "drag and drop",
    "gapselect": "select missing words",
    "randomsamatch": "random matching",
    "ordering": "ordering",
}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Read:
    """One ``<question>`` read: its kind (a quizapp type, or Moodle's), its data and notes."""

    kind: str
    name: str | None = None
    data: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def parse(text: str) -> ET.Element:
    """The ``<quiz>`` element of ``text``, comments kept; ``PackFormatError`` for hostile or broken XML."""
    parser = DefusedXMLParser(target=ET.TreeBuilder(insert_comments=True), forbid_dtd=True)
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException as exc:
        raise PackFormatError(
            "the file declares a DTD or entities (<!DOCTYPE ...> or <!ENTITY ...>), which "
            "Moodle XML never needs and which can attack a server; refused"
        ) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise PackFormatError(
            f"line {line}, column {column + 1}: {reason} (the file is not well-formed XML)"
        ) from exc
    if root.tag != "quiz":
        raise PackFormatError(
            f"the XML's outer element is <{shown(root.tag, 30)[1:-1]}>, not <quiz>: "
            "export the questions from Moodle in Moodle XML format"
        )
    return root


def read(text: str, name: str) -> tuple[Pack, list[str]]:
    """The pack in Moodle XML ``text`` and the notes on what did not map; raises ``PackFormatError``."""
    header, meta, article, notes = None, {}, None, []
    questions, names, unsupported, number = [], [], [], 0
    for element in parse(text):
        if element.tag is ET.Comment:
            comment = (element.text or "").strip()
            if comment.startswith(PACK_MARK):
                header = json_object(comment[len(PACK_MARK) :], "quizapp-pack")
            elif comment.startswith(QUESTION_MARK):
                meta = json_object(comment[len(QUESTION_MARK) :], "quizapp")
            continue
        if element.tag != "question":
            continue
        found = read_question(element)
        if found.kind == "category":
            notes.append(f"category {shown(found.name)} ignored: a pack has no categories")
        elif found.kind == "description":
            if article is None:
                article = found
            else:
                notes.append(
                    f"description {shown(found.name)} skipped: the pack's article is the first description"
                )
        elif found.kind in SKIPPED or found.kind not in ("choice", "multi", "short", "cloze", "truefalse"):
            number += 1
            unsupported.append(found.kind)
            notes.append(
                f"question {number} ({shown(found.name)}): Moodle {SKIPPED.get(found.kind, found.kind)} "
                "questions have no quizapp type; skipped"
            )
        else:
            number += 1
            _overlay(found.data, meta)
            notes += [f"question {number} ({shown(found.name)}): {note}" for note in found.notes]
            questions.append(found.data)
            names.append(found.name or f"question {number}")
        if element.tag == "question":
            meta = {}
    if not questions and header is None and article is None:
        raise PackFormatError(_nothing(name, unsupported))
    unique_ids(questions, [f"question {n}" for n in range(1, len(questions) + 1)], "name", notes)
    document = {**(header or _draft(name, article, notes)), "questions": questions}
    if header is not None and isinstance(document.get("article"), dict) and "text" not in document["article"]:
        document["article"] = {**document["article"], "text": article.data["text"] if article else ""}
    return to_pack(document, _locator(names)), notes


def _overlay(data: dict, meta: dict) -> None:
    """Lay a question's quizapp comment over what its XML said: its fields win, its ``DROP`` keys go."""
    meta = dict(meta)
    drop = meta.pop(DROP, [])
    if not isinstance(drop, list) or not all(isinstance(key, str) for key in drop):
        raise PackFormatError(f"the quizapp comment's {DROP!r} must be a list of field names")
    for key in drop:
        data.pop(key, None)
    data.update(meta)


def _nothing(name: str, unsupported: list[str]) -> str:
    """Why a file gave no question: no questions at all, or only types quizapp lacks."""
    if not unsupported:
        return f'nothing to import: {name} holds no Moodle questions (<question type="multichoice">...)'
    kinds = sorted({SKIPPED.get(kind, kind) for kind in unsupported})
    return f"nothing to import: {name} holds only Moodle {', '.join(kinds)} questions, which have no quizapp type"


def _draft(name: str, article: Read | None, notes: list[str]) -> dict:
    """A plain Moodle file: named after the file; its first description, if any, is the article."""
    if article is None or not article.data["text"]:
        return draft_header(name, notes)
    header = draft_header(name, [])
    title = (article.name or "").removeprefix("Article:").strip() or header["title"]
    header["article"] = {"title": title, "text": article.data["text"]}
    notes.append(f"the article is the description {shown(article.name)}")
    return header


def json_object(raw: str, label: str) -> dict:
    """The JSON object of a quizapp comment; a broken one is an error, not a silent loss."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise PackFormatError(f"the {label} comment is not valid JSON; correct it or delete it") from exc
    if not isinstance(value, dict):
        raise PackFormatError(f"the {label} comment must hold a JSON object {{...}}")
    return value


def _locator(names: list[str]):
    """Word a problem by the question's name in the file, not by a path the teacher never wrote."""

    def locate(problem: Problem) -> str:
        match = re.match(r"questions\[(\d+)\]\.?(.*)", problem.path)
        if match and int(match[1]) < len(names):
            where = f" {match[2]}" if match[2] else ""
            return (
                f"question {int(match[1]) + 1} ({shown(names[int(match[1])], 30)}){where}: {problem.message}"
            )
        return str(problem)

    return locate


def text_of(element: ET.Element | None, html_note: list[str] | None = None) -> str:
    """The ``<text>`` inside ``element`` as plain text; HTML (Moodle's usual format) flattened, and noted."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    if element.get("format", "html") in ("plain_text", "moodle_auto_format", "markdown"):
        return raw.strip()
    text = html_to_text(raw)
    if html_note is not None and text != raw.strip():
        html_note.append("HTML formatting reduced to plain text")
    return text


def read_question(element: ET.Element) -> Read:
    """One ``<question>`` as quizapp data, or its Moodle kind when quizapp has no type for it."""
    kind = element.get("type", "")
    if kind == "category":
        return Read("category", element.findtext("category/text") or "")
    found = Read(kind, text_of(element.find("name")) or None)
    if kind not in ("description", "multichoice", "truefalse", "shortanswer", "numerical"):
        return found
    found.data["prompt"] = text_of(element.find("questiontext"), found.notes)
    if kind == "description":
        found.data = {"text": _paragraphs(element.find("questiontext"))}
        return found
    if found.name:
        found.data["id"] = found.name
    general = text_of(element.find("generalfeedback"), found.notes)
    if general:
        found.data["general_feedback"] = general
    answers = [_answer(answer, found.notes) for answer in element.findall("answer")]
    if not answers:
        raise PackFormatError(f"question {shown(found.name)}: no <answer>; give it at least one")
    {"multichoice": _choices, "truefalse": _truefalse, "shortanswer": _typed, "numerical": _numerical}[kind](
        element, answers, found
    )
    found.notes = list(dict.fromkeys(found.notes))
    return found


def _paragraphs(element: ET.Element | None) -> str:
    """An article's text: paragraphs separated by a blank line (HTML paragraphs become such)."""
    text = text_of(element)
    if element is not None and element.get("format", "html") == "html":
        text = "\n\n".join(line for line in text.split("\n") if line.strip())
    return text


@dataclass(frozen=True)
class Answer:
    """One ``<answer>``: its text, fraction (percent) and feedback."""

    text: str
    fraction: float
    feedback: str


def _answer(element: ET.Element, notes: list[str]) -> Answer:
    """An ``<answer fraction="50">``; a fraction outside -100..100 is a mistake, not a weight."""
    raw = element.get("fraction", "0")
    try:
        fraction = float(raw)
    except ValueError:
        fraction = math.nan
    if not (math.isfinite(fraction) and -100 <= fraction <= 100):
        raise PackFormatError(f"the answer fraction {shown(raw, 20)} must be a number from -100 to 100")
    text = text_of(element, notes) if element.get("format") else (element.findtext("text") or "").strip()
    fraction = int(fraction) if fraction.is_integer() else fraction
    return Answer(text, fraction, text_of(element.find("feedback"), notes))


def _choices(element: ET.Element, answers: list[Answer], found: Read) -> None:
    """``<single>true</single>``: one right answer (100%); otherwise the positive fractions are ticked."""
    single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
    right = [a.text for a in answers if (a.fraction == 100 if single else a.fraction > 0)]
    if not right:
        how = 'give one answer fraction="100"' if single else "give the right answers a positive fraction"
        raise PackFormatError(f"question {shown(found.name)}: no answer is right: {how}")
    if single:
        odd = {a.text: a.fraction for a in answers if a.fraction != (100 if a.text in right else 0)}
        note = "quizapp marks a choice right or wrong"
        found.data.update(type="choice", answer=[right])
    else:
        share = 100 / len(right)
        odd = {
            a.text: a.fraction
            for a in answers
            if abs(a.fraction - (share if a.text in right else -share)) > TOLERANCE
        }
        note = "quizapp counts one part for each right pick and takes one off for each wrong pick"
        found.data.update(type="multi", answer=[[text] for text in right])
    found.kind = found.data["type"]
    found.data.update(
        choices=[a.text for a in answers], distractors=[a.text for a in answers if a.text not in right]
    )
    _weights_and_feedback(answers, odd, note, found)


def _typed(element: ET.Element, answers: list[Answer], found: Read) -> None:
    """Short answer: full-mark answers are accepted forms, 0% ones distractors; ``_____`` makes a cloze."""
    forms = [a.text for a in answers if a.fraction == 100]
    if not forms:
        raise PackFormatError(
            f'question {shown(found.name)}: no answer earns full marks: give one fraction="100"'
        )
    found.kind = "cloze" if BLANK in found.data["prompt"] else "short"
    found.data.update(
        type=found.kind, answer=[forms], distractors=[a.text for a in answers if a.fraction == 0]
    )
    odd = {a.text: a.fraction for a in answers if a.fraction not in (0, 100)}
    _weights_and_feedback(answers, odd, "quizapp accepts only the full-mark answers", found)
    if (element.findtext("usecase") or "0").strip() == "1":
        found.notes.append("Moodle's case-sensitive matching is not kept: quizapp ignores case")


def _numerical(element: ET.Element, answers: list[Answer], found: Read) -> None:
    """A typed number: read as a short answer that takes a number (``answer_kind`` number)."""
    usable = [a for a in answers if a.text != "*"]
    if len(usable) < len(answers):
        found.notes.append("the '*' answer (any other number) is not kept")
    if any(_tolerance(a) for a in element.findall("answer")):
        found.notes.append("Moodle's tolerance is not kept: quizapp accepts the numbers as written")
    if element.find("units/unit") is not None:
        found.notes.append("units are not kept")
    _typed(element, usable, found)
    found.data["answer_kind"] = "number"


def _tolerance(answer: ET.Element) -> float:
    """An answer's ``<tolerance>``; one that is not a number counts as some (it is noted, not kept)."""
    try:
        return float((answer.findtext("tolerance") or "0").strip() or 0)
    except ValueError:
        return 1.0


def _truefalse(element: ET.Element, answers: list[Answer], found: Read) -> None:
    """The answer with 100% is the truth; feedback is keyed by the answer a pupil gives ("true"/"false")."""
    truth = next((a.text.lower() for a in answers if a.fraction == 100), None)
    if truth not in ("true", "false"):
        raise PackFormatError(
            f"question {shown(found.name)}: a true/false question needs the answer "
            "'true' or 'false' with fraction=\"100\""
        )
    found.kind = "truefalse"
    found.data.update(type="truefalse", answer=[[truth]])
    feedback = {
        a.text.lower(): a.feedback for a in answers if a.feedback and a.text.lower() in ("true", "false")
    }
    if feedback:
        found.data["feedback"] = feedback


def _weights_and_feedback(answers: list[Answer], odd: dict, note: str, found: Read) -> None:
    """Keep partial credit in ``weights`` (noted) and each answer's feedback, keyed by its text."""
    if odd:
        found.data["weights"] = odd
        listing = ", ".join(f"{shown(text, 30)} {weight}%" for text, weight in odd.items())
        found.notes.append(f"Moodle fractions ({listing}) are kept for export, but {note}")
    feedback = {a.text: a.feedback for a in answers if a.feedback}
    if feedback:
        found.data["feedback"] = feedback


def is_number(text: str) -> bool:
    """A number Moodle's numerical question reads as written: 12, -3, 1.5."""
    return bool(_NUMBER.fullmatch(text))
