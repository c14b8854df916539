"""Password reset links: signed, expiring after an hour, good for one use, and ending every other login.

A link carries a token that itsdangerous (which comes with Flask) signs with
the app's secret key and stamps with the time it was made; it names the
teacher and a fingerprint of her current password hash. Setting a password
changes the hash (a new salt, even for the same password), so a link stops
working once it has been used, and also once the admin sets a password or
another link is used. Nothing is stored: there is no table of live tokens to
steal, and no migration.

The fingerprint is a SHA-256 digest of the hash, not the hash itself: a
signed token is readable by whoever holds it, and the scrypt hash must not
leave the database.

Used by ``quizapp reset-password EMAIL --link`` (the admin sends the link),
by the e-mail the forgot-password page sends (``quizapp.mail``), and by the
page the link opens (``web.auth.reset``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TypeGuard

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.models.teacher import normal_email
from quizapp.services import teachers
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError

LINK_HOURS = 1
LINK_SECONDS = LINK_HOURS * 3600
SALT = "quizapp.password-reset"  # a token signed for anything else (a cookie) is never a reset link
DEAD_LINK = (
    f"This link to set a new password does not work: it may be mistyped, already used, or more than "
    f"{LINK_HOURS} hour old. Ask for a new one."
)


class LinkRefused(InputError):
    """The token is forged, expired, already used or names no account; the message says what to do."""


@dataclass(frozen=True)
class ResetLink:
    """A fresh link's token, and whom it is for (the e-mail says their name)."""

    token: str
    email: str
    display_name: str


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    """The signer of reset tokens, with a salt of its own."""
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def _fingerprint(password_hash: str) -> str:
    """What a token holds of the password hash: enough to notice it changed, nothing to attack it with."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def make_link(email: str, secret_key: str) -> ResetLink | None:
    """A reset token for the account ``email``; None if there is no such account."""
    with reading():
        teacher = db.session.scalars(sa.select(Teacher).where(Teacher.email == normal_email(email))).first()
        if teacher is None:
            return None
        token = _serializer(secret_key).dumps([teacher.id, _fingerprint(teacher.password_hash)])
        return ResetLink(token, teacher.email, teacher.display_name)


def _claims(token: str, secret_key: str) -> tuple[int, str]:
    """The teacher id and fingerprint a genuine, unexpired token names; ``LinkRefused`` otherwise."""
    try:
        teacher_id, fingerprint = _serializer(secret_key).loads(token, max_age=LINK_SECONDS)
    except (SignatureExpired, BadSignature, TypeError, ValueError) as exc:
        raise LinkRefused(DEAD_LINK) from exc
    if not isinstance(teacher_id, int) or not isinstance(fingerprint, str):
        raise LinkRefused(DEAD_LINK)
    return teacher_id, fingerprint


def _current(teacher: Teacher | None, fingerprint: str) -> TypeGuard[Teacher]:
    """Whether the link was made for this account's present password (so not used yet)."""
    return teacher is not None and _fingerprint(teacher.password_hash) == fingerprint


def check_link(token: str, secret_key: str) -> str:
    """The e-mail of the account a usable link is for (the form shows it); ``LinkRefused`` if it is not usable."""
    teacher_id, fingerprint = _claims(token, secret_key)
    with reading():
        teacher = db.session.get(Teacher, teacher_id)
        if not _current(teacher, fingerprint):
            raise LinkRefused(DEAD_LINK)
        return teacher.email


def use_link(token: str, password: str, secret_key: str) -> int:
    """Set ``password`` through the link and end every login of the account; its id.

    ``LinkRefused`` for a link that is not usable, ``AccountError`` for a
    password the register page would refuse (the link stays usable then).
    The fingerprint is checked again under the row lock, so two tabs sending
    the same link at once set one password, not two.
    """
    email = check_link(token, secret_key)
    teacher_id, fingerprint = _claims(token, secret_key)
    with reading():
        found = db.session.get(Teacher, teacher_id)
        if found is None:  # deleted since check_link: the link is dead, not a server error
            raise LinkRefused(DEAD_LINK)
        display_name = found.display_name
    password_hash = teachers.hashed(password, email, display_name)  # slow (scrypt): outside the write
    with writing():
        teacher = db.session.get(Teacher, teacher_id, with_for_update=True)
        if not _current(teacher, fingerprint):
            raise LinkRefused(DEAD_LINK)
        teacher.password_hash = password_hash
        teacher.session_generation += 1
    return teacher_id
