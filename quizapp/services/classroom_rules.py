"""What a pupil sends to a class, read the way the class service needs it; no database here.

Join codes (made and read), display names, the token a pupil's browser
keeps (and the hash the database keeps instead), answers (size-checked), and
the per-pupil order of shuffled questions and choices; with the errors a pupil sees, each
an ``InputError`` whose message is written for them.
"""

from __future__ import annotations

import hashlib
import random
import re
import secrets
import unicodedata
from dataclasses import replace
from typing import Any

from quizapp.text.errors import InputError
from quizapp.text.grading.grader import MAX_PICKS, MAX_RESPONSE_CHARS
from quizapp.text.question import Question

# Easy to read aloud and to type: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_NAME_CHARS = 40

Response = str | list[str] | None


class ClassroomError(InputError):
    """Something a pupil sent or asked for that cannot be done; the message tells them why."""


class SessionNotFound(ClassroomError):
    """No open session has that code: unknown and closed codes get the same words, so guessing learns nothing."""

    def __init__(
        self,
        message: str = "There is no open class with that code. Check it with your teacher and try again.",
    ):
        super().__init__(message)


class SessionClosed(ClassroomError):
    """The teacher has closed the session: no more joining or answering."""

    def __init__(
        self, message: str = "Your teacher has closed this class, so answers can no longer be saved."
    ):
        super().__init__(message)


class ClassFull(ClassroomError):
    """The session has as many pupils as one class may have (``MAX_PUPILS_PER_SESSION``)."""

    def __init__(self, cap: int):
        super().__init__(
            f"This class is full: {cap} pupils have joined, the most one class can have. Ask your teacher."
        )


class InvalidName(ClassroomError):
    """The display name is empty, too long or unprintable."""


class NotJoined(ClassroomError):
    """This browser has not joined this session."""

    def __init__(
        self, message: str = "You have not joined this class on this device. Join it with the code first."
    ):
        super().__init__(message)


class QuestionNotFound(ClassroomError):
    """The session has no question with that number."""

    def __init__(self, message: str = "This class has no question with that number."):
        super().__init__(message)


class AlreadyFinished(ClassroomError):
    """The pupil has handed in: their answers stay as they were (the results may be on their screen)."""

    def __init__(self, message: str = "You have handed in your answers, so they can no longer be changed."):
        super().__init__(message)


class NoAttemptsLeft(ClassroomError):
    """The pupil has handed in as many times as the pack allows."""

    def __init__(self, allowed: int):
        super().__init__(f"You have used all {allowed} of your attempts, so your answers are final.")


class NotHandedIn(ClassroomError):
    """Trying again before handing in: there is nothing to start afresh."""

    def __init__(self, message: str = "Hand in your answers first; then you can try again."):
        super().__init__(message)


class AnswerUnreadable(ClassroomError):
    """The answer form could not read what was sent (an option not on the page, a broken post)."""


class AnswerTooLong(ClassroomError):
    """A typed answer, or a list of picks, far larger than any real answer."""


def normalise_code(text: str) -> str:
    """A code as typed ("abc-d4 7", " ABCD47 ") as stored: upper case, spaces and dashes gone."""
    return re.sub(r"[\s\-‐-―]+", "", str(text or "")).upper()[:32]


def new_code() -> str:
    """A random code from ``CODE_ALPHABET`` (25^6, about 244 million)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# Letters that show nothing (Hangul fillers, the blank braille cell): a name of them looks empty on the dashboard.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Cyrillic and Greek letters (as casefolded) that look like Latin ones: "Ѕаm" must not pass for "Sam".
LOOK_ALIKES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "һ": "h",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "μ": "u",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ζ": "z",
        "ϲ": "c",
    }
)
SCRIPTS_THAT_LOOK_LATIN = ("LATIN", "CYRILLIC", "GREEK")


def clean_name(text: str) -> str:
    """A display name as stored: control and invisible characters gone, spaces collapsed and trimmed.

    Raises ``InvalidName`` with a message for the pupil when nothing visible
    is left, when it is longer than ``MAX_NAME_CHARS``, or when it mixes
    Latin, Cyrillic or Greek letters (a look-alike of another pupil's name).
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if (unicodedata.category(ch)[0] != "C" or ch.isspace()) and ch not in INVISIBLE_LETTERS
    )
    text = " ".join(text.split())
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise InvalidName("Please type your name, so your teacher knows whose answers these are.")
    if len(text) > MAX_NAME_CHARS:
        raise InvalidName(
            f"That name is too long: use at most {MAX_NAME_CHARS} characters (it has {len(text)})."
        )
    if len(_scripts(text) & set(SCRIPTS_THAT_LOOK_LATIN)) > 1:
        raise InvalidName(
            "Please type your name with one alphabet: it mixes letters from different ones that look alike."
        )
    return text


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text``, by the first word of their Unicode names ("LATIN", "CYRILLIC")."""
    return {unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()}


def name_key(name: str) -> str:
    """What two names must differ in to be two pupils: case, width and look-alike letters do not count.

    "Sam", "SAM", "Ｓａｍ" and an all-Cyrillic "Ѕаm" share one key, so the
    second of them is shown numbered ("Ѕаm (2)") and nobody passes for another.
    """
    return unicodedata.normalize("NFKC", name).casefold().translate(LOOK_ALIKES)[:MAX_NAME_CHARS]


def token_hash(token: str) -> str:
    """What the database keeps of a pupil's token."""
    return hashlib.sha256(str(token or "").encode("utf-8", "replace")).hexdigest()


def clean_response(response: object) -> Response:
    """The response as stored: text, a list of picks, or None; ``AnswerTooLong`` if far too big."""
    if response is None:
        return None
    if isinstance(response, (list, tuple)):
        picks = [str(pick) for pick in response]
        if len(picks) > MAX_PICKS or any(len(pick) > MAX_RESPONSE_CHARS for pick in picks):
            raise AnswerTooLong("That is far more than this question needs: pick fewer options.")
        return picks
    text = str(response)
    if len(text) > MAX_RESPONSE_CHARS:
        raise AnswerTooLong(
            f"That answer is too long: keep it under {MAX_RESPONSE_CHARS} characters (it has {len(text)})."
        )
    return text


def pupil_questions(data: list[dict[str, Any]], participant_id: int, shuffle: bool) -> tuple[Question, ...]:
    """The session's questions as one pupil sees them: choices shuffled per pupil if asked, stable on reload."""
    return tuple(
        pupil_question(item, participant_id, number, shuffle) for number, item in enumerate(data, start=1)
    )


def question_order(count: int, participant_id: int, shuffle: bool) -> tuple[int, ...]:
    """Question numbers 1..count in the order one pupil's page shows them.

    Seeded by the pupil, so two pupils side by side get different orders
    and each keeps theirs on every reload (and when they try again).
    """
    numbers = list(range(1, count + 1))
    if shuffle:
        random.Random(f"{participant_id}:questions").shuffle(numbers)
    return tuple(numbers)


def pupil_question(data: dict[str, Any], participant_id: int, number: int, shuffle: bool) -> Question:
    """Question ``number`` as one pupil sees it: its choices in an order seeded by the pupil and the number."""
    question = Question.from_dict(data)
    if not shuffle or not question.choices:
        return question
    choices = list(question.choices)
    random.Random(f"{participant_id}:{number}").shuffle(choices)
    return replace(question, choices=tuple(choices))
