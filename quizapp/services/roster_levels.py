"""Reading levels on a class list: the teacher sets each pupil's level once, every levelled session uses it.

No Flask here. A level is a CEFR level (A1-C2), the scale every version of
a story is already shown on, so "Sam reads at A2" means something for any
story, whatever its versions: when Sam picks their name in a session of a
story at several levels, they get the version nearest A2 (``nearest``). A
pupil with no level set, or a story whose versions have no CEFR level (an
article analysed before issue 15), gets the session's own level, the
middle one. The level is given once, as Sam joins: the teacher can still
change it on the pupil's page of that session, until the first answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ClassPupil, Participant, SessionLevel
from quizapp.services.rosters import RosterError, class_row
from quizapp.services.transactions import writing
from quizapp.text.reading.reading_level import CEFR

NOT_SET = ""  # what the form sends for a pupil whose level is not set
CHANGED_LIST = "The list changed while you were setting levels (a name was removed): reload the page."


def nearest(target: str, versions: Sequence[str]) -> int | None:
    """The index of the version (CEFR levels, easiest first) nearest ``target``; an easier one on a tie.

    None when the target is not a CEFR level or any version lacks one: a
    level can only be compared with levels, and guessing would give a pupil
    a harder text than the teacher meant.
    """
    if target not in CEFR or not versions or any(v not in CEFR for v in versions):
        return None
    rank = CEFR.index(target)
    return min(range(len(versions)), key=lambda i: (abs(CEFR.index(versions[i]) - rank), i))


def clean_levels(wanted: Mapping[int, str]) -> dict[int, str | None]:
    """The levels a form posted, by pupil id: a CEFR level or None (not set); ``RosterError`` for anything else."""
    levels: dict[int, str | None] = {}
    for pupil_id, value in wanted.items():
        value = (value or "").strip().upper()
        if value != NOT_SET and value not in CEFR:
            raise RosterError(
                f"“{value[:10]}” is not a reading level: choose one of {', '.join(CEFR)}, or not set."
            )
        levels[pupil_id] = value or None
    return levels


def set_levels(class_id: int, owner_id: int, wanted: Mapping[int, str]) -> int:
    """Save each listed pupil's level (``wanted``: pupil id -> CEFR level or ``NOT_SET``); how many changed.

    All or nothing: a value that is not a level, or a name no longer on the
    list, raises ``RosterError`` before anything is written. ``LookupError``
    for another teacher's class.
    """
    levels = clean_levels(wanted)
    with writing():
        class_row(class_id, owner_id, lock=True)
        pupils = {
            p.id: p for p in db.session.scalars(sa.select(ClassPupil).where(ClassPupil.class_id == class_id))
        }
        if not set(levels) <= set(pupils):
            raise RosterError(CHANGED_LIST)
        changed = 0
        for pupil_id, level in levels.items():
            if pupils[pupil_id].reading_level != level:
                pupils[pupil_id].reading_level = level
                changed += 1
        return changed


def give_listed_level(participant: Participant, pupil_id: int) -> None:
    """Give a pupil who just picked name ``pupil_id`` the session's version nearest their level (caller's transaction).

    Nothing for a session of one pack, a pupil with no level set, or a
    story whose versions are not all on the CEFR scale: they keep the
    session's own (middle) level.
    """
    target = db.session.scalar(sa.select(ClassPupil.reading_level).where(ClassPupil.id == pupil_id))
    if target is None:
        return
    levels = db.session.execute(
        sa.select(SessionLevel.id, SessionLevel.cefr)
        .where(SessionLevel.session_id == participant.session_id)
        .order_by(SessionLevel.position)
    ).all()
    at = nearest(target, [cefr for _, cefr in levels])
    if at is not None:
        participant.level_id = levels[at].id
