"""A teacher's corrections to an article's glossary, as pure functions from one ``Analysis`` to the next.

The pipeline gets names wrong now and then (two entries for one country, a
person filed as a place). These edits fix the stored analysis without
running spaCy again: each returns a new ``Analysis`` (the types are frozen)
and leaves the text, the readability and the questions alone. An unknown
actor id raises ``GlossaryEditError``, whose message is meant for the teacher.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from quizapp.text.errors import InputError
from quizapp.text.types import ACTOR_KINDS, Actor, Analysis, Mention, Relation, Span

MAX_NAME_LENGTH = 120
MAX_ROLE_LENGTH = 300


class GlossaryEditError(InputError):
    """The edit cannot be made (no such actor, an empty name, an unknown kind...)."""


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
        raise GlossaryEditError(f"Keep names under {MAX_NAME_LENGTH} and roles under {MAX_ROLE_LENGTH} characters.")
    if kind not in ACTOR_KINDS:
        raise GlossaryEditError(f"The kind must be one of: {', '.join(ACTOR_KINDS)}.")
    aliases = _unique((*actor.aliases, actor.name), leave_out=name)
    edited = replace(actor, name=name, kind=kind, role=role, aliases=aliases)
    return replace(analysis, actors=tuple(edited if a.id == actor_id else a for a in analysis.actors))


def drop_actor(analysis: Analysis, actor_id: str) -> Analysis:
    """Remove an actor and its mentions; relations keep their words but no longer point at it.

    Pronouns and descriptions that stood for it, and quotations it spoke,
    stay in the analysis as unresolved (no actor), like any the resolver
    was not sure of: nothing downstream uses them.
    """
    actor_by_id(analysis, actor_id)
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
