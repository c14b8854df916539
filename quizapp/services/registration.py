"""Who may make a teacher account: anyone, whoever has an invite, or whoever an admin approves.

``REGISTRATION`` (``QUIZAPP_REGISTRATION``) picks the mode; open is the
default, as it always was, so an upgraded server behaves as before (a server
on a school LAN is reached by its own staff only; one on the internet should
pick ``invite`` or ``approval``: docs/deploy.md).

- ``invite``: a teacher (``/teacher/invites``) or an admin (``quizapp
  invite``) makes a single-use code, valid ``INVITE_DAYS`` days; the
  account and the code's use are one transaction, so a code makes one
  account however many people try it at once. Only its SHA-256 digest is
  stored: the database holds no code that works.
- ``approval``: anyone may ask; the account cannot log in until an admin
  runs ``quizapp approve-teacher EMAIL`` (``quizapp pending-teachers`` lists
  who is waiting).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Invite, Teacher
from quizapp.models.columns import utcnow
from quizapp.models.teacher import normal_email
from quizapp.services import teachers
from quizapp.services.transactions import reading, writing

OPEN, INVITE, APPROVAL = "open", "invite", "approval"
INVITE_DAYS = 14
BAD_INVITE = (
    "That invite code does not work: it may be mistyped, already used or more than "
    f"{INVITE_DAYS} days old. Ask the colleague or admin who invited you for a new one."
)


class InviteRefused(teachers.AccountError):
    """No usable invite for this code."""


@dataclass(frozen=True)
class Registered:
    """The new account's id, and whether it may log in now."""

    teacher_id: int
    approved: bool


@dataclass(frozen=True)
class Waiting:
    """An account waiting for approval, as ``quizapp pending-teachers`` lists it."""

    email: str
    display_name: str
    created_at: datetime


def make_invite(created_by: int | None, days: int = INVITE_DAYS) -> str:
    """A new single-use invite code (``created_by`` None: the admin, from the command line)."""
    code = secrets.token_urlsafe(12)
    with writing():
        db.session.add(
            Invite(
                code_digest=_digest(code), created_by=created_by, expires_at=utcnow() + timedelta(days=days)
            )
        )
    return code


def register(
    email: str, display_name: str, password: str, *, mode: str, invite_code: str | None = None
) -> Registered:
    """Make an account as ``mode`` allows; ``InviteRefused`` or another ``AccountError`` if it cannot be made."""
    account = teachers.new_account(email, display_name, password, approved=mode != APPROVAL)
    try:
        with writing():
            if mode == INVITE:
                invite = _usable_invite(invite_code or "")
            db.session.add(account)
            db.session.flush()
            if mode == INVITE:
                invite.used_by, invite.used_at = account.id, utcnow()
            return Registered(account.id, account.approved)
    except sa.exc.IntegrityError as exc:
        raise teachers.EmailTaken(f"There is already an account for {account.email}.") from exc


def _usable_invite(code: str) -> Invite:
    """The unused, unexpired invite for ``code``, locked until the account is stored."""
    invite = db.session.scalars(
        sa.select(Invite).where(Invite.code_digest == _digest(code.strip())).with_for_update()
    ).first()
    if (
        invite is None
        or invite.used_by is not None
        or invite.used_at is not None
        or invite.expires_at < utcnow()
    ):
        raise InviteRefused(BAD_INVITE)
    return invite


def approve(email: str) -> bool:
    """Let the account ``email`` log in; False if there is no such account. Approving twice is harmless."""
    with writing():
        teacher = db.session.scalars(sa.select(Teacher).where(Teacher.email == normal_email(email))).first()
        if teacher is None:
            return False
        teacher.approved = True
        return True


def waiting() -> list[Waiting]:
    """Accounts waiting for approval, oldest first."""
    query = sa.select(Teacher).where(Teacher.approved.is_(False)).order_by(Teacher.created_at, Teacher.id)
    with reading():
        return [Waiting(t.email, t.display_name, t.created_at) for t in db.session.scalars(query)]


def _digest(code: str) -> str:
    """What the database keeps of a code."""
    return hashlib.sha256(code.encode()).hexdigest()
