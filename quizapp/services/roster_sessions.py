"""Sessions run with a class: starting one for a class, pupils picking their name, the teacher merging.

No Flask here. A session run with a class has a ``session_class`` link;
a pupil who picks their name from the list joins as usual
(``classroom.join``) and gets a ``pupil_seat`` tying them to that name, one
pupil per name per session. A pupil whose name is missing from the list
joins with a typed name, and the teacher later merges that participant
into a name on the list (``link_participant``), so their history is whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import (
    ClassPupil,
    ClassSession,
    Participant,
    PupilSeat,
    SchoolClass,
    SessionClass,
)
from quizapp.services import classroom, rosters, session_levels
from quizapp.services.classroom_rules import ClassroomError, name_key, normalise_code
from quizapp.services.roster_levels import give_listed_level
from quizapp.services.rosters import RosterError, class_row, listed_pupil
from quizapp.services.session_levels import Material
from quizapp.services.stories import StoryView
from quizapp.services.transactions import reading, writing


class NameTaken(ClassroomError):
    """Somebody in this session already picked that name."""

    def __init__(self, name: str):
        super().__init__(
            f"Someone has already joined as {name}. If that is your name, tell your teacher; "
            "otherwise pick your own name."
        )


@dataclass(frozen=True)
class NameChoice:
    """A name a pupil may pick when joining, and whether someone already has."""

    pupil_id: int
    name: str
    taken: bool


@dataclass(frozen=True)
class Unlisted:
    """A participant of one of the class's sessions who typed a name not on the list."""

    participant_id: int
    display_name: str
    session_id: int
    session_title: str
    started: datetime


def start_for_class(class_id: int, owner_id: int, pack_id: int) -> int:
    """Start a session of the pack for the class (both the teacher's); its id. Pupils will pick their names."""
    with reading():
        class_row(class_id, owner_id)
    session_id = classroom.start_session(pack_id, owner_id)
    link_session(session_id, class_id, owner_id)
    return session_id


def start_levelled_for_class(
    class_id: int,
    owner_id: int,
    story_id: int,
    pupils_choose: bool = False,
    material: Callable[[StoryView, int], Material] | None = None,
) -> int:
    """Start a session of the story at its levels for the class; its id. Each pupil who picks their name
    gets the version nearest their level on the list; raises what ``start_levelled_session`` raises."""
    with reading():
        class_row(class_id, owner_id)
    session_id = session_levels.start_levelled_session(story_id, owner_id, pupils_choose, material)
    link_session(session_id, class_id, owner_id)
    return session_id


def link_session(session_id: int, class_id: int, owner_id: int) -> None:
    """Run the new session ``session_id`` with the class; if that fails, the session is deleted again.

    Used right after starting a session (a lesson or homework), so a
    failure never leaves a session without the class the teacher asked for.
    """
    try:
        with writing():
            class_row(class_id, owner_id)
            if (
                db.session.scalar(
                    sa.select(ClassSession.id).where(
                        ClassSession.id == session_id, ClassSession.owner_id == owner_id
                    )
                )
                is None
            ):
                raise LookupError(session_id)
            db.session.add(SessionClass(session_id=session_id, class_id=class_id))
    except BaseException:
        classroom.delete_session(session_id)
        raise


def class_of_session(session_id: int, owner_id: int) -> tuple[int, str] | None:
    """``(class id, class name)`` a teacher's session was run with, or None."""
    query = (
        sa.select(SchoolClass.id, SchoolClass.name)
        .join(SessionClass, SessionClass.class_id == SchoolClass.id)
        .where(SessionClass.session_id == session_id, SchoolClass.owner_id == owner_id)
    )
    with reading():
        found = db.session.execute(query).first()
        return (found[0], found[1]) if found else None


def names_for_join(code: str) -> tuple[NameChoice, ...] | None:
    """The names pupils joining the *open* session ``code`` pick from; None if it has no class (or is not open)."""
    code = normalise_code(code)
    if not code:
        return None
    with reading():
        found = db.session.execute(
            sa.select(ClassSession.id, SessionClass.class_id)
            .join(SessionClass, SessionClass.session_id == ClassSession.id)
            .where(ClassSession.code == code, ClassSession.closed_at.is_(None))
        ).first()
        if found is None:
            return None
        session_id, class_id = found
        taken = set(
            db.session.scalars(sa.select(PupilSeat.pupil_id).where(PupilSeat.session_id == session_id))
        )
        pupils = db.session.scalars(
            sa.select(ClassPupil)
            .where(ClassPupil.class_id == class_id)
            .order_by(ClassPupil.name_key, ClassPupil.id)
        )
        return tuple(NameChoice(p.id, p.name, p.id in taken) for p in pupils)


def matching_name(choices: tuple[NameChoice, ...], typed: str) -> NameChoice | None:
    """The name on the list a pupil typed (in any case), if there is one."""
    key = name_key(typed)
    return next((c for c in choices if name_key(c.name) == key), None)


def join_as(
    code: str, pupil_id: int, *, idle_after: timedelta | None = None, max_pupils: int = 0
) -> classroom.Joined:
    """Join the session ``code`` as the name ``pupil_id`` of its class list; the pupil's token.

    ``NameTaken`` when somebody already picked it (also when two press Join
    at the same instant: the unique seat settles it and the second
    participant is removed again); ``LookupError`` for a name not on this
    session's list; what ``classroom.join`` raises otherwise. In a session
    of a story at several levels, the pupil gets the version nearest the
    level set for them on the list (``roster_levels``).
    """
    choice = next((c for c in names_for_join(code) or () if c.pupil_id == pupil_id), None)
    if choice is None:
        raise LookupError(pupil_id)
    if choice.taken:
        raise NameTaken(choice.name)
    joined = classroom.join(code, choice.name, idle_after=idle_after, max_pupils=max_pupils)
    try:
        with writing():
            participant = db.session.get(Participant, joined.participant_id)
            if participant is None:  # removed in between (the session deleted): as if never joined
                raise LookupError(pupil_id)
            db.session.add(
                PupilSeat(participant_id=participant.id, pupil_id=pupil_id, session_id=participant.session_id)
            )
            give_listed_level(participant, pupil_id)  # their level on the list, in a session at levels
    except sa.exc.IntegrityError as error:
        with writing():
            db.session.execute(sa.delete(Participant).where(Participant.id == joined.participant_id))
        raise NameTaken(choice.name) from error
    return joined


def unlisted(class_id: int, owner_id: int) -> list[Unlisted]:
    """Participants of the class's sessions who typed a name not on the list, newest session first."""
    query = (
        sa.select(Participant, ClassSession)
        .join(ClassSession, ClassSession.id == Participant.session_id)
        .join(SessionClass, SessionClass.session_id == ClassSession.id)
        .outerjoin(PupilSeat, PupilSeat.participant_id == Participant.id)
        .where(SessionClass.class_id == class_id, PupilSeat.participant_id.is_(None))
        .order_by(ClassSession.created_at.desc(), Participant.joined_at)
    )
    with reading():
        class_row(class_id, owner_id)
        return [
            Unlisted(p.id, p.display_name, s.id, s.title, s.created_at) for p, s in db.session.execute(query)
        ]


def link_participant(class_id: int, owner_id: int, participant_id: int, pupil_id: int) -> str:
    """Merge a pupil who joined under a typed name into the name ``pupil_id`` on the list; that name.

    ``RosterError`` if that name already answered in the same session (two
    pupils), ``LookupError`` for a participant outside the class's sessions.
    """
    with writing():
        class_row(class_id, owner_id, lock=True)
        pupil = listed_pupil(class_id, pupil_id)
        session_id = db.session.scalar(
            sa.select(Participant.session_id)
            .join(SessionClass, SessionClass.session_id == Participant.session_id)
            .where(Participant.id == participant_id, SessionClass.class_id == class_id)
        )
        if session_id is None or db.session.get(PupilSeat, participant_id) is not None:
            raise LookupError(participant_id)
        if db.session.scalar(
            sa.select(PupilSeat.participant_id).where(
                PupilSeat.session_id == session_id, PupilSeat.pupil_id == pupil.id
            )
        ):
            raise RosterError(
                f"{pupil.name} already joined that session under their own name, so this is another "
                "pupil: add them to the list instead."
            )
        db.session.add(PupilSeat(participant_id=participant_id, pupil_id=pupil.id, session_id=session_id))
        return pupil.name


def add_and_link(class_id: int, owner_id: int, participant_id: int) -> str:
    """Put a typed name on the list as a new pupil, and count this participant as them; the name."""
    with reading():
        typed = db.session.scalar(sa.select(Participant.name).where(Participant.id == participant_id))
    if typed is None:
        raise LookupError(participant_id)
    added = rosters.add_pupils(class_id, owner_id, typed)
    name = (added.added or added.already)[0]
    with reading():
        pupil_id = db.session.execute(
            sa.select(ClassPupil.id).where(  # just added (or already there): one row
                ClassPupil.class_id == class_id, ClassPupil.name_key == name_key(name)
            )
        ).scalar_one()
    return link_participant(class_id, owner_id, participant_id, pupil_id)
