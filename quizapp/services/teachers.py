"""Teacher accounts: create one, check a password, load one for Flask-Login.

The rules live here, so the register form and ``quizapp create-teacher``
accept exactly the same accounts. Passwords are hashed with Werkzeug's
default (scrypt) and never stored or logged as given.
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.models.teacher import normal_email
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError

MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 100


class AccountError(InputError):
    """The details cannot make an account; the message says which and why."""


class EmailTaken(AccountError):
    """Another account already has this email."""


def check_email(email: str) -> str:
    """The email as stored (trimmed, lower-cased), or ``AccountError`` saying what is wrong with it."""
    try:
        validate_email(email.strip(), check_deliverability=False)  # no DNS: a school server may be offline
    except EmailNotValidError as exc:
        raise AccountError(f"That is not an email address: {exc}") from exc
    return normal_email(email)


def check_password(password: str) -> None:
    """Refuse a password shorter than ``MIN_PASSWORD_LENGTH`` characters."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")


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
    return Teacher(email=check_email(email), display_name=check_name(display_name), password_hash=_hash(password),
                   approved=approved)


def _hash(password: str) -> str:
    """Check the password's length, then hash it (slow on purpose: about a tenth of a second)."""
    check_password(password)
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


def load_teacher(teacher_id: str) -> Teacher | None:
    """Flask-Login's user loader: the teacher whose id the session holds, if the account still exists.

    The row comes back detached and its transaction ended: on SQLite every
    transaction holds the write lock (``quizapp.database``), and a loader that
    left one open would make every pupil's answer wait while a teacher's page
    (a live dashboard polled every few seconds) renders. Only its columns are
    used (``id``, ``display_name``), and those stay loaded.
    """
    try:
        ident = int(teacher_id)
    except ValueError:
        return None
    with reading():
        teacher = db.session.get(Teacher, ident)
        if teacher is not None:
            db.session.expunge(teacher)
    return teacher if teacher is not None and teacher.approved else None  # awaiting approval: not logged in
