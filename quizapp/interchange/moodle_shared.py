"""What both Moodle readers (GIFT text and Moodle XML) do alike with a file that was not written here.

A plain Moodle file has no quizapp header, may give two questions one name,
and writes answer weights as rounded percentages; the two readers answer
these the same way, so the answers live here once.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from quizapp.interchange.document import FORMAT
from quizapp.interchange.errors import shown

TOLERANCE = 1e-4  # weights are written with five decimals: 33.33333 is a third
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def draft_header(name: str, notes: list[str]) -> dict:
    """A plain Moodle file: the pack is named after the file and waits for its article."""
    stem = _CONTROLS.sub("", PurePath(name).stem if name else "")
    title = " ".join(re.sub(r"[_-]+", " ", stem).split()) or "Imported pack"
    notes.append(
        f"no article: {name} has no quizapp-pack comment, so the pack's article text is empty; "
        "attach the article before pupils use the pack"
    )
    return {"format": FORMAT, "title": title, "article": {"title": title, "text": ""}}


def unique_ids(questions: list[dict], places: list[str], word: str, notes: list[str]) -> None:
    """Moodle allows two questions one name; a pack's ids are unique, so the later one is renamed.

    ``places`` says where each question is ("line 3", "question 2") and
    ``word`` what the format calls the name ("title", "name"), for the note.
    """
    taken = {q["id"] for q in questions if isinstance(q.get("id"), str)}
    seen = set()
    for question, place in zip(questions, places):
        name = question.get("id")
        if not isinstance(name, str):
            continue
        if name in seen:
            suffix = 2
            while f"{name}-{suffix}" in taken:
                suffix += 1
            question["id"] = f"{name}-{suffix}"
            taken.add(question["id"])
            notes.append(
                f"{place}: the {word} {shown(name)} is used twice; this question's id is {shown(question['id'])}"
            )
        seen.add(question["id"])
