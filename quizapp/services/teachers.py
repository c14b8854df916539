"""Teacher accounts: create one, check a password, load one for Flask-Login.

The rules live here, so the register form and ``quizapp create-teacher``
accept exactly the same accounts. Passwords are hashed with Werkzeug's
default (scrypt) and never stored or logged as given.
"""

from __future__ import annotations

import functools
import re

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.models.teacher import normal_email
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError

MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn's scale 0-4; 3: "safely unguessable" against an online attack and more
SCORED_CHARS = 100
MAX_NAME_LENGTH = 100


class AccountError(InputError):
    """The details cannot make an account; the message says which and why."""


class EmailTaken(AccountError):
    """Another account already has this email."""


class WeakPassword(AccountError):
    """The password is long enough but easy to guess; the message says why."""


def check_email(email: str) -> str:
    """The email as stored (trimmed, lower-cased), or ``AccountError`` saying what is wrong with it."""
    try:
        validate_email(email.strip(), check_deliverability=False)  # no DNS: a school server may be offline
    except EmailNotValidError as exc:
        raise AccountError(f"That is not an email address: {exc}") from exc
    return normal_email(email)


def check_password(password: str, *about: str) -> None:
    """Refuse a password shorter than ``MIN_PASSWORD_LENGTH`` characters, or one that is easy to guess.

    "Easy to guess" is zxcvbn's word (a maintained estimator that ships its
    lists of common passwords, names and words, so it works offline): a
    score under ``MIN_PASSWORD_SCORE`` of 4. ``about`` are the account's own
    details (email, name), which make a weak password too. Only the first
    ``SCORED_CHARS`` are scored: the estimate slows with length, and a
    passphrase that long is strong anyway.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    verdict = zxcvbn(password[:SCORED_CHARS], user_inputs=[part for text in about for part in _words(text)])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        warning = verdict["feedback"]["warning"]
        raise WeakPassword(
            f"That password is too easy to guess{': ' + warning if warning else '.'} Use a longer "
            "passphrase, such as three or four words that have nothing to do with each other."
        )


def _words(text: str) -> list[str]:
    """An email or a name as a guesser would try it: whole, and in pieces ("ann.rivera@school.org", "ann"...)."""
    return [text.lower(), *(word for word in re.split(r"[^\w]+", text.lower()) if word)]


def check_name(display_name: str) -> str:
    """The name as stored (trimmed), or ``AccountError`` if it is empty or too long."""
    name = display_name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise AccountError(f"The name must be 1 to {MAX_NAME_LENGTH} characters long.")
    return name


def create_teacher(email: str, display_name: str, password: str) -> int:
    """Make an account and return its id; ``AccountError`` (``EmailTaken``) if the details cannot make one.

    The unique index decides whether the email is free, so two people
    registering the same address at once cannot both succeed.
    """
    teacher = new_account(email, display_name, password)
    try:
        with writing():
            db.session.add(teacher)
            db.session.flush()
            teacher_id = teacher.id
    except sa.exc.IntegrityError as exc:
        raise EmailTaken(f"There is already an account for {teacher.email}.") from exc
    return teacher_id


def new_account(email: str, display_name: str, password: str, *, approved: bool = True) -> Teacher:
    """A ``Teacher`` checked by the rules and not yet stored (``registration`` stores it with its invite)."""
    return Teacher(
        email=check_email(email),
        display_name=check_name(display_name),
        password_hash=hashed(password, email, display_name),
        approved=approved,
    )


def hashed(password: str, *about: str) -> str:
    """Check the password (``about``: the account's email and name), then hash it (slow on purpose: ~0.1 s)."""
    check_password(password, *about)
    return generate_password_hash(password)


def authenticate(email: str, password: str) -> Teacher | None:
    """The teacher with this email and password; None if either is wrong, without saying which.

    An unknown email still costs one hash check, so the time taken does not
    tell whether an account exists.
    """
    teacher = db.session.scalars(sa.select(Teacher).where(Teacher.email == normal_email(email))).first()
    if teacher is None:
        check_password_hash(_decoy_hash(), password)
        return None
    return teacher if check_password_hash(teacher.password_hash, password) else None


@functools.cache
def _decoy_hash() -> str:
    """A hash of nothing anyone can type, made once per process, to check unknown emails against."""
    return generate_password_hash("\0 no account \0")


def load_teacher(user_id: str) -> Teacher | None:
    """Flask-Login's user loader: the teacher a cookie names, if the account exists and the cookie is current.

    ``user_id`` is ``Teacher.get_id()``: "7" or "7.3", the id and the
    session generation. A cookie from before a logout or a password change
    carries an older generation and loads nobody.

    The row comes back detached and its transaction ended: on SQLite every
    transaction holds the write lock (``quizapp.database``), and a loader that
    left one open would make every pupil's answer wait while a teacher's page
    (a live dashboard polled every few seconds) renders. Only its columns are
    used (``id``, ``display_name``), and those stay loaded.
    """
    ident, _, generation = str(user_id).partition(".")
    try:
        ident_number, generation_number = int(ident), int(generation or 0)
    except ValueError:
        return None
    with reading():
        teacher = db.session.get(Teacher, ident_number)
        if teacher is not None:
            db.session.expunge(teacher)
    if teacher is None or teacher.session_generation != generation_number or not teacher.approved:
        return None  # revoked, or awaiting an admin's approval: not logged in
    return teacher


def login_id(teacher_id: int) -> str:
    """What a login cookie must hold to open this account now (``Teacher.get_id``: its id and generation)."""
    with reading():
        return db.session.get_one(Teacher, teacher_id).get_id()  # an account just logged in to


def end_sessions(teacher_id: int) -> None:
    """Revoke every login of this teacher, on every browser: their cookies name an old generation now."""
    with writing():
        teacher = db.session.get(Teacher, teacher_id, with_for_update=True)
        if teacher is not None:
            teacher.session_generation += 1


def change_password(teacher_id: int, password: str) -> None:
    """Set a new password (the same rules as a new account) and end every session made with the old one."""
    with reading():
        teacher = db.session.get(Teacher, teacher_id)
        about = (teacher.email, teacher.display_name) if teacher is not None else ()
    password_hash = hashed(password, *about)
    with writing():
        teacher = db.session.get(Teacher, teacher_id, with_for_update=True)
        if teacher is None:
            raise LookupError(teacher_id)
        teacher.password_hash = password_hash
        teacher.session_generation += 1
