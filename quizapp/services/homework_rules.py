"""Homework times, read and written the way a teacher means them; no database here.

A teacher types times in their own zone (the ``datetime-local`` inputs send
``2026-12-11T17:00`` with no zone); the database keeps UTC without tzinfo,
as it keeps every time, and each page writes the time back in the
teacher's zone with the zone's name, so a pupil and a teacher in the same
school read the same clock. "Now" is always a parameter: the tests set it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from quizapp.services.classroom_rules import ClassroomError
from quizapp.text.errors import InputError

if TYPE_CHECKING:
    from quizapp.models import Homework

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class HomeworkError(InputError):
    """A homework time a teacher typed cannot be used; the message says what to change."""


class NotOpenYet(ClassroomError):
    """A pupil tries to join homework before its opening time: the message says when to come back."""


class PastDue(ClassroomError):
    """The due date has passed: no more joining, answering or handing in."""


@dataclass(frozen=True)
class HomeworkTimes:
    """A session's homework times (UTC) and the teacher's zone to show them in."""

    session_id: int
    opens_at: datetime
    due_at: datetime
    timezone: str

    @classmethod
    def of(cls, row: Homework) -> HomeworkTimes:
        """A ``Homework`` row's times as plain data (read inside the row's transaction)."""
        return cls(row.session_id, row.opens_at, row.due_at, row.timezone)

    def state(self, now: datetime) -> str:
        """``"waiting"`` before it opens, ``"open"`` until the due date, then ``"due"``."""
        if now < self.opens_at:
            return "waiting"
        return "open" if now < self.due_at else "due"

    @property
    def opens_text(self) -> str:
        """The opening time as the teacher set it: "Monday 7 December 2026 at 09:00 (Europe/London)"."""
        return local_text(self.opens_at, self.timezone)

    @property
    def due_text(self) -> str:
        """The due date as the teacher set it, in the same words."""
        return local_text(self.due_at, self.timezone)

    @property
    def due_input(self) -> str:
        """The due date as a ``datetime-local`` value in the teacher's zone, to prefill the extend form."""
        return to_local(self.due_at, self.timezone).strftime(LOCAL_FORMAT)


@cache
def known_zones() -> frozenset[str]:
    """The IANA names this server's tzdata has (read once: listing them walks a folder of files)."""
    return frozenset(available_timezones())


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` ("Europe/London"); ``HomeworkError`` for a name that is not one."""
    name = (name or "").strip()
    if name not in known_zones():
        raise HomeworkError(
            f"“{name[:64]}” is not a time zone this server knows (for example Europe/London)."
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:  # listed but unreadable: a broken tzdata
        raise HomeworkError(f"The time zone “{name}” cannot be read on this server.") from error


def parse_local(text: str, timezone: str, what: str) -> datetime:
    """``2026-12-11T17:00`` in ``timezone`` as UTC without tzinfo; ``HomeworkError`` naming ``what`` if unreadable.

    A time skipped by a clock change (01:30 on the spring-forward night) is
    taken as the same wall time before the change, as ``zoneinfo`` does.
    """
    try:
        local = datetime.strptime((text or "").strip()[:16], LOCAL_FORMAT)
    except ValueError as error:
        raise HomeworkError(f"Give the {what} as a date and a time, for example 2026-12-11 17:00.") from error
    return local.replace(tzinfo=zone(timezone)).astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime, timezone: str) -> datetime:
    """A stored UTC time in ``timezone``."""
    return utc.replace(tzinfo=UTC).astimezone(zone(timezone))


def local_text(utc: datetime, timezone: str) -> str:
    """``Friday 11 December 2026 at 17:00 (Europe/London)``: a day name and a 24-hour clock nobody misreads."""
    local = to_local(utc, timezone)
    return f"{local:%A} {local.day} {local:%B %Y at %H:%M} ({timezone})"


def check_times(opens_at: datetime, due_at: datetime, now: datetime) -> None:
    """A due date after the opening time and still to come; ``HomeworkError`` saying which is wrong."""
    if due_at <= now:
        raise HomeworkError("The due date has already passed: choose a time still to come.")
    if due_at <= opens_at:
        raise HomeworkError("The due date must be after the opening time.")


def refuse_outside(times: HomeworkTimes | None, now: datetime) -> None:
    """The one rule for answering and joining: homework between its two times, a live lesson (None) any time."""
    if times is None:
        return
    state = times.state(now)
    if state == "waiting":
        raise not_open_yet(times)
    if state == "due":
        raise past_due(times)


def not_open_yet(times: HomeworkTimes) -> NotOpenYet:
    """The words a pupil sees who is early."""
    return NotOpenYet(f"This homework opens on {times.opens_text}. Come back then.")


def past_due(times: HomeworkTimes) -> PastDue:
    """The words a pupil sees who is late: calm, and what happens to their work."""
    return PastDue(
        f"This homework was due on {times.due_text}, so answers can no longer be saved. "
        "Answers you saved before then are kept, and your teacher can see them."
    )
