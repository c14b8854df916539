"""What the session pages show, worked out outside the templates: the code to read aloud, the QR code, file names.

No request or app needed: each helper takes plain values, so tests call them directly.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import segno

from quizapp.services.articles import slugify
from quizapp.text.question import Question
from quizapp.web.common.answer_forms import truth_labels
from quizapp.web.common.results import NO_ANSWER

# Hosts a pupil's device cannot reach: the teacher's own machine.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def spaced_code(code: str) -> str:
    """``ACD379`` as ``ACD 379``: two groups of three are easier to read aloud and to copy from a projector."""
    middle = len(code) // 2
    return f"{code[:middle]} {code[middle:]}" if len(code) > 4 else code


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as a standalone SVG document that scales to its box (no width or height, a viewBox).

    Error correction "M" survives a smudged projector screen; the title is
    what a screen reader says for the image.
    """
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        border=2,
        omitsize=True,
        title=f"QR code for {url}",
        dark="#000",
        light="#fff",
        svgclass=None,
        lineclass=None,
    )
    return buffer.getvalue().decode("utf-8")


def unreachable_host(url: str) -> str | None:
    """The host of ``url`` if pupils' devices cannot reach it (the teacher opened quizapp as localhost), else None."""
    host = urlsplit(url).hostname or ""
    return host if host in LOCAL_HOSTS or host.startswith("127.") else None


def csv_filename(title: str, code: str, kind: str) -> str:
    """``syria-quiz-ACD379-answers.csv``: the pack, the lesson and what is inside, in ASCII for every browser."""
    return f"{slugify(title)}-{code}-{kind}.csv"


def shown_response(row) -> str:
    """A pupil's saved answer in the words their page showed: picks joined, true/false as its option's label."""
    response = row.response
    if not row.answered or response in (None, "", []):
        return NO_ANSWER
    if isinstance(response, list):
        return ", ".join(str(pick) for pick in response if str(pick).strip()) or NO_ANSWER
    if row.question.type == "truefalse":
        return truth_labels(row.question).get(str(response).casefold(), str(response))
    return str(response)


def expected_answer(question: Question) -> str:
    """The right answer as the pupil would have given it."""
    if question.type == "truefalse":
        return truth_labels(question).get(question.shown_answer.casefold(), question.shown_answer)
    return question.shown_answer
