"""Classes (rosters): a teacher's class and the names on its list, kept for a term.

No Flask here. Every function takes the teacher's id and treats another
teacher's class, or a missing one, as not there (``LookupError``, which
pages answer with 404): ids reveal nothing. Names are only names: pasted
one per line or typed, cleaned as a pupil's typed name is, unique in a
class in any case. Sessions run with a class and who picked which name
are ``roster_sessions``; the term's reports are ``roster_reports``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ClassPupil, PupilSeat, SchoolClass, SessionClass
from quizapp.services.classroom_rules import InvalidName, clean_name, name_key
from quizapp.services.transactions import reading, writing
from quizapp.text.errors import InputError

MAX_CLASS_NAME = 80
MAX_PUPILS_PER_CLASS = 200  # as many as one session takes (MAX_PUPILS_PER_SESSION's default)


class RosterError(InputError):
    """A change to a class list that cannot be made; the message says why and what to do instead."""


@dataclass(frozen=True)
class ClassSummary:
    """A class as the list of classes shows it."""

    id: int
    name: str
    pupils: int
    sessions: int
    created_at: datetime


@dataclass(frozen=True)
class RosterPupil:
    """One name on a class list, and the reading level set for them (None: not set)."""

    id: int
    name: str
    level: str | None = None


@dataclass(frozen=True)
class ClassList:
    """A class and its names, in alphabetical order (as a register is read)."""

    id: int
    name: str
    pupils: tuple[RosterPupil, ...]


@dataclass(frozen=True)
class Added:
    """What adding names did: the names added, and those already on the list (left as they were)."""

    added: tuple[str, ...]
    already: tuple[str, ...]


def clean_class_name(text: str) -> str:
    """A class name as stored, spaces collapsed; ``RosterError`` for an empty or overlong one."""
    text = " ".join(str(text or "").split())
    if not text:
        raise RosterError("Give the class a name, for example 7B or Year 8 English.")
    if len(text) > MAX_CLASS_NAME:
        raise RosterError(f"A class name has at most {MAX_CLASS_NAME} characters (this one has {len(text)}).")
    return text


def parse_names(text: str) -> list[str]:
    """Names pasted one per line (a column copied from a spreadsheet works), cleaned, repeats dropped.

    ``RosterError`` naming the line for a name that cannot be used (too long,
    mixed alphabets), so nothing is half-added.
    """
    names: dict[str, str] = {}
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            name = clean_name(line.split("\t")[0])
        except InvalidName as error:
            raise RosterError(f"Line {number} (“{line.strip()[:50]}”): {error}") from error
        names.setdefault(name_key(name), name)
    return list(names.values())


def class_row(class_id: int, owner_id: int, lock: bool = False) -> SchoolClass:
    """The teacher's class row (in the caller's transaction); ``LookupError`` for anyone else's."""
    query = sa.select(SchoolClass).where(SchoolClass.id == class_id, SchoolClass.owner_id == owner_id)
    row = db.session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise LookupError(class_id)
    return row


def listed_pupil(class_id: int, pupil_id: int) -> ClassPupil:
    """A name on this class's list; ``LookupError`` for a name on another list."""
    row = db.session.scalars(
        sa.select(ClassPupil).where(ClassPupil.id == pupil_id, ClassPupil.class_id == class_id)
    ).first()
    if row is None:
        raise LookupError(pupil_id)
    return row


def create_class(owner_id: int, name: str, names: str = "") -> int:
    """A new class called ``name`` with the ``names`` pasted (may be none yet); its id."""
    name, pupils = clean_class_name(name), parse_names(names)
    _check_size(0, len(pupils))
    with writing():
        row = SchoolClass(owner_id=owner_id, name=name)
        db.session.add(row)
        db.session.flush()
        db.session.add_all(ClassPupil(class_id=row.id, name=n, name_key=name_key(n)) for n in pupils)
        return row.id


def _check_size(have: int, adding: int) -> None:
    """``RosterError`` when a list would grow past ``MAX_PUPILS_PER_CLASS``."""
    if have + adding > MAX_PUPILS_PER_CLASS:
        raise RosterError(
            f"A class list holds at most {MAX_PUPILS_PER_CLASS} names; this would make {have + adding}."
        )


def add_pupils(class_id: int, owner_id: int, names: str) -> Added:
    """Add the names pasted or typed; names already on the list (in any case) are left as they are."""
    pupils = parse_names(names)
    if not pupils:
        raise RosterError("Type or paste at least one name, one per line.")
    with writing():
        class_row(class_id, owner_id, lock=True)
        have = {
            k
            for k in db.session.scalars(sa.select(ClassPupil.name_key).where(ClassPupil.class_id == class_id))
        }
        new = [n for n in pupils if name_key(n) not in have]
        _check_size(len(have), len(new))
        db.session.add_all(ClassPupil(class_id=class_id, name=n, name_key=name_key(n)) for n in new)
    return Added(tuple(new), tuple(n for n in pupils if name_key(n) in have))


def rename_pupil(class_id: int, owner_id: int, pupil_id: int, name: str) -> str:
    """Give a name on the list another spelling; the new name. Another pupil's name is refused: merge instead."""
    try:
        name = clean_name(name)
    except InvalidName as error:
        raise RosterError(str(error).replace("Please type your name", "Type the new name")) from error
    with writing():
        class_row(class_id, owner_id, lock=True)
        row = listed_pupil(class_id, pupil_id)
        clash = db.session.scalars(
            sa.select(ClassPupil.name).where(
                ClassPupil.class_id == class_id,
                ClassPupil.name_key == name_key(name),
                ClassPupil.id != pupil_id,
            )
        ).first()
        if clash:
            raise RosterError(
                f"“{clash}” is already on the list. If they are the same pupil, merge the two names."
            )
        row.name, row.name_key = name, name_key(name)
    return name


def remove_pupil(class_id: int, owner_id: int, pupil_id: int) -> str:
    """Take a name off the list (a pupil who left); their answers stay in each session. The name removed."""
    with writing():
        class_row(class_id, owner_id, lock=True)
        row = listed_pupil(class_id, pupil_id)
        name = row.name
        db.session.execute(sa.delete(PupilSeat).where(PupilSeat.pupil_id == pupil_id))
        db.session.delete(row)
    return name


def merge_pupils(class_id: int, owner_id: int, keep_id: int, drop_id: int) -> str:
    """Make two names on the list one pupil: ``drop``'s sessions become ``keep``'s and ``drop`` goes; keep's name.

    Refused (``RosterError``) when both joined the same session: those are
    two pupils' answers, and one pupil can have only one set per session.
    """
    if keep_id == drop_id:
        raise RosterError("Choose two different names to merge.")
    with writing():
        class_row(class_id, owner_id, lock=True)
        keep, drop = listed_pupil(class_id, keep_id), listed_pupil(class_id, drop_id)
        both = (
            sa.select(PupilSeat.session_id)
            .where(PupilSeat.pupil_id == keep.id)
            .intersect(sa.select(PupilSeat.session_id).where(PupilSeat.pupil_id == drop.id))
        )
        if db.session.execute(both).first():
            raise RosterError(
                f"“{keep.name}” and “{drop.name}” both answered in the same session, so they are "
                "two pupils: rename one of them instead."
            )
        db.session.execute(sa.update(PupilSeat).where(PupilSeat.pupil_id == drop.id).values(pupil_id=keep.id))
        db.session.delete(drop)
        return keep.name


def rename_class(class_id: int, owner_id: int, name: str) -> None:
    """Rename the class (7B becomes 8B in September)."""
    name = clean_class_name(name)
    with writing():
        class_row(class_id, owner_id, lock=True).name = name


def delete_class(class_id: int, owner_id: int) -> None:
    """Delete the class and its list; its sessions, pupils' answers and results stay (as unlinked sessions)."""
    with writing():
        db.session.delete(class_row(class_id, owner_id, lock=True))


def owned_classes(owner_id: int) -> list[ClassSummary]:
    """The teacher's classes, by name, with how many names and sessions each has."""
    pupils = (
        sa.select(sa.func.count(ClassPupil.id))
        .where(ClassPupil.class_id == SchoolClass.id)
        .correlate(SchoolClass)
        .scalar_subquery()
    )
    sessions = (
        sa.select(sa.func.count(SessionClass.session_id))
        .where(SessionClass.class_id == SchoolClass.id)
        .correlate(SchoolClass)
        .scalar_subquery()
    )
    query = (
        sa.select(SchoolClass, pupils, sessions)
        .where(SchoolClass.owner_id == owner_id)
        .order_by(sa.func.lower(SchoolClass.name), SchoolClass.id)
    )
    with reading():
        return [
            ClassSummary(row.id, row.name, p, s, row.created_at) for row, p, s in db.session.execute(query)
        ]


def owned_class(class_id: int, owner_id: int | None) -> ClassList | None:
    """The teacher's class with its names, or None for another teacher's or a missing one."""
    if owner_id is None:
        return None
    with reading():
        try:
            row = class_row(class_id, owner_id)
        except LookupError:
            return None
        names = db.session.scalars(
            sa.select(ClassPupil)
            .where(ClassPupil.class_id == class_id)
            .order_by(ClassPupil.name_key, ClassPupil.id)
        )
        return ClassList(row.id, row.name, tuple(RosterPupil(p.id, p.name, p.reading_level) for p in names))
