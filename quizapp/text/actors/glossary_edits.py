"""A teacher's corrections to an article's glossary, as pure functions from one ``Analysis`` to the next.

The pipeline gets names wrong now and then (two entries for one country, a
person filed as a place). These edits fix the stored analysis without
running spaCy again: each returns a new ``Analysis`` (the types are frozen)
and leaves the text, the readability and the questions alone. An unknown
actor id raises ``GlossaryEditError``, whose message is meant for the teacher.

Each edit is also written down as a ``Correction`` in the analysis (under
``extras["glossary_corrections"]``), naming entries by name rather than id:
a pack exported with the article carries them, and on import they are
replayed on the new analysis (``apply_corrections``), where ids may differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from quizapp.text.errors import InputError
from quizapp.text.types import ACTOR_KINDS, Actor, Analysis, Mention, Relation, Span

MAX_NAME_LENGTH = 120
MAX_ROLE_LENGTH = 300
MAX_CORRECTIONS = (
    500  # a pack file holds at most this many (pack.schema.json); far more than any glossary needs
)
CORRECTION_EDITS = ("edit", "drop", "merge")
_LOG = "glossary_corrections"


class GlossaryEditError(InputError):
    """The edit cannot be made (no such actor, an empty name, an unknown kind...)."""


@dataclass(frozen=True)
class Correction:
    """One correction a teacher made, replayable on another analysis of the same text.

    ``actor`` is the entry's name when the correction was made; ``name``,
    ``kind`` and ``role`` are what an ``edit`` set; ``into`` is the name of
    the entry a ``merge`` joined it to.
    """

    edit: str
    actor: str
    name: str = ""
    kind: str = ""
    role: str = ""
    into: str = ""

    def to_dict(self) -> dict[str, str]:
        """The fields this kind of correction uses, as a pack file writes them."""
        fields = {"edit": ("name", "kind", "role"), "merge": ("into",)}.get(self.edit, ())
        return {"edit": self.edit, "actor": self.actor, **{name: getattr(self, name) for name in fields}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        """A correction from ``to_dict`` output (a pack file's ``article.glossary`` item)."""
        return cls(**{name: data.get(name, "") for name in ("edit", "actor", "name", "kind", "role", "into")})


def corrections(analysis: Analysis) -> tuple[Correction, ...]:
    """The corrections made to ``analysis`` so far, oldest first."""
    return tuple(Correction.from_dict(item) for item in analysis.extras.get(_LOG, ()))


def apply_corrections(analysis: Analysis, wanted: Iterable[Correction]) -> tuple[Analysis, list[str]]:
    """``analysis`` with the corrections ``wanted`` made in order, and a note on each that could not be.

    An entry is found by its name, else by the one entry that has the name
    as an alias (a newer pipeline may name it more fully). A correction
    whose entry is not in this glossary, or that the edit refuses, is
    skipped with a note the teacher can act on: the import goes on.
    """
    notes = []
    for correction in wanted:
        actor = _by_name(analysis, correction.actor)
        merging = correction.edit == "merge"
        target = _by_name(analysis, correction.into) if merging else None
        missing = [
            n
            for n, found in ((correction.actor, actor), (correction.into, target if merging else actor))
            if not found
        ]
        if missing or actor is None:  # the actor is missing whenever it is None
            notes.append(
                f"no glossary entry is called “{missing[0]}”, so the {correction.edit} of "
                f"“{correction.actor}” was not made"
            )
            continue
        try:
            analysis = _make(analysis, correction, actor.id, target.id if target else "")
        except GlossaryEditError as exc:
            notes.append(f"the glossary correction of “{correction.actor}” was not made: {exc}")
    return analysis, notes


def _make(analysis: Analysis, correction: Correction, actor_id: str, target_id: str) -> Analysis:
    """Make one correction on the entries it names (found by ``apply_corrections``)."""
    if correction.edit == "edit":
        return edit_actor(
            analysis, actor_id, name=correction.name, kind=correction.kind, role=correction.role
        )
    if correction.edit == "drop":
        return drop_actor(analysis, actor_id)
    if correction.edit == "merge":
        return merge_actors(analysis, actor_id, target_id)
    raise GlossaryEditError(f"the correction must be one of: {', '.join(CORRECTION_EDITS)}")


def _by_name(analysis: Analysis, name: str) -> Actor | None:
    """The entry called ``name`` (ignoring case), else the only one with it as an alias, else None."""
    key = " ".join(str(name).split()).casefold()
    named = [a for a in analysis.actors if a.name.casefold() == key]
    if not named:
        named = [a for a in analysis.actors if key in {alias.casefold() for alias in a.aliases}]
    return named[0] if len(named) == 1 else None


def _logged(analysis: Analysis, correction: Correction) -> Analysis:
    """``analysis`` with ``correction`` written down; two edits in a row of one entry become one."""
    log = list(corrections(analysis))
    if len(log) >= MAX_CORRECTIONS:
        raise GlossaryEditError(
            f"This glossary already has {MAX_CORRECTIONS} corrections, the most it can keep."
        )
    last = log[-1] if log else None
    if (
        correction.edit == "edit"
        and last
        and last.edit == "edit"
        and last.name.casefold() == correction.actor.casefold()
    ):
        log[-1] = replace(correction, actor=last.actor)
    else:
        log.append(correction)
    return replace(analysis, extras={**analysis.extras, _LOG: [c.to_dict() for c in log]})


def actor_by_id(analysis: Analysis, actor_id: str) -> Actor:
    """The glossary entry ``actor_id``; ``GlossaryEditError`` if the glossary has none."""
    for actor in analysis.actors:
        if actor.id == actor_id:
            return actor
    raise GlossaryEditError("That name is no longer in the glossary: reload the page and try again.")


def edit_actor(analysis: Analysis, actor_id: str, *, name: str, kind: str, role: str) -> Analysis:
    """Rename an actor, change its kind and its role; the old name stays findable as an alias."""
    actor = actor_by_id(analysis, actor_id)
    name, role = " ".join(name.split()), " ".join(role.split())
    if not name:
        raise GlossaryEditError("A name cannot be empty: drop the entry instead.")
    if len(name) > MAX_NAME_LENGTH or len(role) > MAX_ROLE_LENGTH:
        raise GlossaryEditError(
            f"Keep names under {MAX_NAME_LENGTH} and roles under {MAX_ROLE_LENGTH} characters."
        )
    if kind not in ACTOR_KINDS:
        raise GlossaryEditError(f"The kind must be one of: {', '.join(ACTOR_KINDS)}.")
    aliases = _unique((*actor.aliases, actor.name), leave_out=name)
    edited = replace(actor, name=name, kind=kind, role=role, aliases=aliases)
    analysis = _logged(analysis, Correction("edit", actor.name, name=name, kind=kind, role=role))
    return replace(analysis, actors=tuple(edited if a.id == actor_id else a for a in analysis.actors))


def drop_actor(analysis: Analysis, actor_id: str) -> Analysis:
    """Remove an actor and its mentions; relations keep their words but no longer point at it.

    Pronouns and descriptions that stood for it, and quotations it spoke,
    stay in the analysis as unresolved (no actor), like any the resolver
    was not sure of: nothing downstream uses them.
    """
    analysis = _logged(analysis, Correction("drop", actor_by_id(analysis, actor_id).name))
    return replace(
        analysis,
        actors=tuple(a for a in analysis.actors if a.id != actor_id),
        mentions=tuple(m for m in analysis.mentions if m.actor != actor_id),
        relations=tuple(_repoint(r, actor_id, None) for r in analysis.relations),
        references=tuple(_reresolve(m, actor_id, None) for m in analysis.references),
        quotes=tuple(replace(q, speaker=None) if q.speaker == actor_id else q for q in analysis.quotes),
    )


def merge_actors(analysis: Analysis, source_id: str, target_id: str) -> Analysis:
    """Merge actor ``source_id`` into ``target_id``: its mentions, names and relations become the target's."""
    if source_id == target_id:
        raise GlossaryEditError("Choose a different name to merge into.")
    source, target = actor_by_id(analysis, source_id), actor_by_id(analysis, target_id)
    analysis = _logged(analysis, Correction("merge", source.name, into=target.name))
    mentions = tuple(replace(m, actor=target_id) if m.actor == source_id else m for m in analysis.mentions)
    merged = replace(
        target,
        aliases=_unique((*target.aliases, source.name, *source.aliases), leave_out=target.name),
        mentions=target.mentions + source.mentions,
        first=_earliest(target.first, source.first),
    )
    return replace(
        analysis,
        actors=tuple(merged if a.id == target_id else a for a in analysis.actors if a.id != source_id),
        mentions=mentions,
        relations=tuple(_repoint(r, source_id, target_id) for r in analysis.relations),
        references=tuple(_reresolve(m, source_id, target_id) for m in analysis.references),
        quotes=tuple(replace(q, speaker=target_id) if q.speaker == source_id else q for q in analysis.quotes),
    )


def _repoint(relation: Relation, old: str, new: str | None) -> Relation:
    """``relation`` with ``old`` replaced by ``new`` as its subject and object."""
    subject = new if relation.subject == old else relation.subject
    obj = new if relation.object == old else relation.object
    return replace(relation, subject=subject, object=obj)


def _reresolve(mention: Mention, old: str, new: str | None) -> Mention:
    """A pronoun or description that stood for ``old`` now stands for ``new`` (unresolved if None)."""
    if mention.actor != old:
        return mention
    return replace(mention, actor=new, confidence=mention.confidence if new else 0.0)


def _unique(names: Iterable[str], leave_out: str) -> tuple[str, ...]:
    """``names`` in order, without repeats (ignoring case) and without ``leave_out``."""
    seen, kept = {leave_out.casefold()}, list[str]()
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return tuple(kept)


def _earliest(first: Span | None, second: Span | None) -> Span | None:
    """The span that comes first in the text; either may be None."""
    spans = [s for s in (first, second) if s is not None]
    return min(spans, key=lambda s: (s.paragraph, s.start), default=None)
