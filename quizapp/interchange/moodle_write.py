"""Write a pack as Moodle XML, keeping what Moodle has no place for in XML comments.

The article becomes a Moodle ``description`` (shown in the quiz as a text to
read); each question the Moodle type that fits: choice and multi are
multichoice (single, or several with fractions), short and cloze are
shortanswer (a cloze keeps its ``_____``, as GIFT does), a short answer that
takes a number is numerical, true/false is truefalse. Feedback and partial
credit (``extra["weights"]``) go where Moodle keeps them.

As for GIFT, each question is written, then read back with our own reader;
whatever did not survive goes into a ``<!-- quizapp: {json} -->`` comment
before it, and the pack's other fields into ``<!-- quizapp-pack: {json} -->``
at the top. So export then import gives back the same pack, and Moodle sees
only standard XML (it ignores comments).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from quizapp.interchange.document import from_pack
from quizapp.interchange.errors import PackFormatError, shown
from quizapp.interchange.gift_write import _is_weight, _percent, _safe, _texts, _weights
from quizapp.interchange.moodle_read import DROP, PACK_MARK, QUESTION_MARK, is_number, read_question
from quizapp.text.errors import InputError
from quizapp.text.pack import Pack
from quizapp.text.question import QUESTION_TYPES, Question

PLAIN = "plain_text"  # Moodle shows it as typed: no HTML to escape or to flatten on the way back
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MISSING = object()


def write(pack: Pack) -> str:
    """The Moodle XML file for ``pack``: the pack comment, the article as a description, then the questions."""
    root = ET.Element("quiz")
    root.append(
        ET.Comment(
            f" Written by quizapp: {_comment_safe(pack.title)}. The quizapp comments hold what "
            "Moodle XML cannot (the settings, each question's skill and evidence); Moodle "
            "ignores them, quizapp reads them back. "
        )
    )
    document = from_pack(pack)
    header = {key: document[key] for key in ("format", "title", "description", "level", "settings")}
    article = document["article"]
    clean = not _NOT_XML.search(pack.article.text)  # else the text itself goes in the comment, exactly
    header["article"] = {key: value for key, value in article.items() if key != "text" or not clean}
    root.append(ET.Comment(f" {PACK_MARK} {_json(header)} "))
    if pack.article.text:
        root.append(_description(pack.article.title, pack.article.text))
    for question in pack.questions:
        root.extend(question_elements(question, pack.settings.shuffle_choices))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _json(value) -> str:
    """JSON for a comment: one line, Unicode kept, never ``--`` (which ends nothing but is illegal in one).

    ``--`` can only occur inside a JSON string, where ``\\u002d`` means the
    same; characters XML cannot hold at all are written as ``\\uXXXX`` too.
    """
    text = json.dumps(value, ensure_ascii=False).replace("--", "-\\u002d")
    return _NOT_XML.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def _comment_safe(text: str) -> str:
    """A title for the human comment line: one line, no ``--``, nothing XML cannot hold."""
    text = _NOT_XML.sub("", " ".join(text.split()))
    while "--" in text:  # "---" needs two rounds
        text = text.replace("--", "- -")
    return text


def _description(title: str, text: str) -> ET.Element:
    """The article as Moodle's description "question": a text the quiz shows, worth no marks."""
    element = ET.Element("question", type="description")
    _text(element, "name", f"Article: {title}")
    _text(element, "questiontext", text, PLAIN)
    return element


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    """``<tag format="..."><text>text</text></tag>`` under ``parent``."""
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = _NOT_XML.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
    return element


def question_elements(question: Question, shuffle: bool) -> list:
    """The question's ``<question>``, after a ``quizapp`` comment for whatever the XML did not keep.

    The comment lays the fields the XML lost over what it says, and names
    under ``DROP`` the keys the XML added that the question does not have
    (a fraction read back as a weight, say), so the import is exact.
    """
    original, reason = question.to_dict(), ""
    for extras in (True, False):  # feedback and weights Moodle cannot place go in the comment instead
        element = _question(question, extras, shuffle)
        back = _read_back(element)
        if isinstance(back, str):
            reason = back
            continue
        meta = {key: value for key, value in original.items() if back.get(key, _MISSING) != value}
        if set(back) - set(original):
            meta[DROP] = sorted(set(back) - set(original))
        return ([ET.Comment(f" {QUESTION_MARK} {_json(meta)} ")] if meta else []) + [element]
    raise PackFormatError(
        f"question {shown(question.id)} cannot be written as Moodle XML ({reason}); "
        "export the pack as YAML or JSON instead"
    )


def _read_back(element: ET.Element):
    """The question our reader makes of ``element`` after a trip through XML text (as ``to_dict``), or why not."""
    try:
        found = read_question(ET.fromstring(ET.tostring(element, encoding="unicode")))
        if found.kind not in QUESTION_TYPES:
            return f"Moodle would read it as a {found.kind} question"
        return Question.from_dict(found.data).to_dict()
    except InputError as exc:
        return str(exc)


def _question(question: Question, extras: bool, shuffle: bool) -> ET.Element:
    """The ``<question>`` for ``question``; ``extras``: with its feedback and Moodle fractions."""
    feedback = _texts(question.extra.get("feedback")) if extras else {}
    weights = _weights(question.extra.get("weights")) if extras else {}
    general = question.extra.get("general_feedback") if extras else None
    numeric = question.type == "short" and question.answer_kind == "number" and _numeric(question)
    kind = {"choice": "multichoice", "multi": "multichoice", "truefalse": "truefalse"}.get(
        question.type, "numerical" if numeric else "shortanswer"
    )
    element = ET.Element("question", type=kind)
    _text(element, "name", question.id)
    _text(element, "questiontext", question.prompt, PLAIN)
    _text(element, "generalfeedback", str(general) if _safe(general) else "", PLAIN)
    ET.SubElement(element, "defaultgrade").text = "1"
    if kind == "multichoice":
        ET.SubElement(element, "single").text = "true" if question.type == "choice" else "false"
        ET.SubElement(element, "shuffleanswers").text = "1" if shuffle else "0"
        ET.SubElement(element, "answernumbering").text = "abc"
        answers = _options(question, weights)
    elif kind == "truefalse":
        truth = question.answer[0][0].lower()
        answers = [("true", 100 if truth == "true" else 0), ("false", 100 if truth == "false" else 0)]
    else:
        if kind == "shortanswer":
            ET.SubElement(element, "usecase").text = "0"
        answers = _typed(question, weights)
    for text, fraction in answers:
        _answer(element, text, fraction, feedback.get(text), tolerance=kind == "numerical")
    return element


def _answer(parent: ET.Element, text: str, fraction: float, feedback: str | None, tolerance: bool) -> None:
    """``<answer fraction="..."><text/><feedback/></answer>``."""
    answer = _text(parent, "answer", text, PLAIN)
    answer.set("fraction", _percent(fraction))
    if tolerance:
        ET.SubElement(answer, "tolerance").text = "0"
    _text(answer, "feedback", feedback or "", PLAIN)


def _options(question: Question, weights: dict) -> list[tuple[str, float]]:
    """Each choice with its fraction: 100 for right forms of a choice; ±100/n for a multi, as quizapp marks."""
    if question.type == "choice":
        forms = set(question.answer[0])
        return [
            (c, 100 if c in forms else weights.get(c, 0) if weights.get(c, 0) < 100 else 0)
            for c in question.choices
        ]
    right = [c for c in question.choices if any(c in part for part in question.answer)]
    share = 100 / max(1, len(right))
    options: list[tuple[str, float]] = []
    for choice in question.choices:
        default = share if choice in right else -share
        weight = weights.get(choice, default)
        options.append((choice, weight if (weight > 0) == (choice in right) else default))
    return options


def _typed(question: Question, weights: dict) -> list[tuple[str, float]]:
    """Accepted forms at 100, part-mark answers at their fraction, distractors at 0.

    Moodle has no "name both": a two-part answer is offered as the shown
    answer ("Russia and Iran"); the parts go in the comment.
    """
    forms = question.answer[0] if len(question.answer) == 1 else (question.shown_answer,)
    written = set(forms) | set(question.distractors)
    answers: list[tuple[str, float]] = [(form, 100) for form in dict.fromkeys(forms)]
    answers += [
        (text, weight)
        for text, weight in weights.items()
        if text not in written and _is_weight(weight) and 0 < weight < 100 and "\n" not in text
    ]
    return answers + [(text, 0) for text in dict.fromkeys(question.distractors) if text not in forms]


def _numeric(question: Question) -> bool:
    """Whether Moodle's numerical type fits: one part, every form and distractor a plain number."""
    return len(question.answer) == 1 and all(
        is_number(text) for text in (*question.answer[0], *question.distractors)
    )
