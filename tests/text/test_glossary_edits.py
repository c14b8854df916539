"""The glossary corrections, pure: an Analysis in, a new Analysis out, nothing else touched."""

from dataclasses import replace

import pytest
from factories import seed_analysis

from quizapp.text.actors.glossary_edits import (
    GlossaryEditError,
    drop_actor,
    edit_actor,
    merge_actors,
)
from quizapp.text.types import ACTOR_KINDS, Analysis, Mention, Quote, Relation, Span


@pytest.fixture
def analysis():
    return seed_analysis()


def actor(analysis, actor_id):
    return next(a for a in analysis.actors if a.id == actor_id)


def mentions_of(analysis, actor_id):
    return [m for m in analysis.mentions if m.actor == actor_id]


def with_relation(analysis, subject, obj):
    relation = Relation("back", "backs", subject, obj, "s", "o", "s backs o", Span(0, 0, 5))
    return replace(analysis, relations=(relation,))


# ---- edit_actor -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ACTOR_KINDS)
def test_edit_sets_name_kind_and_role_and_keeps_the_old_name_as_an_alias(analysis, kind):
    edited = edit_actor(analysis, "russia", name="Russian Federation", kind=kind, role="Backs Assad")
    entry = actor(edited, "russia")
    assert (entry.name, entry.kind, entry.role) == ("Russian Federation", kind, "Backs Assad")
    assert entry.aliases == ("Moscow", "Russia")
    assert entry.mentions == actor(analysis, "russia").mentions
    assert edited.mentions == analysis.mentions and edited.article == analysis.article


@pytest.mark.parametrize(
    "name, expected",
    [
        ("  Vladimir   Putin ", "Vladimir Putin"),
        ("Russia", "Russia"),
        ("russia", "russia"),
    ],
)
def test_edit_tidies_the_name_and_never_lists_it_as_its_own_alias(analysis, name, expected):
    entry = actor(edit_actor(analysis, "russia", name=name, kind="country", role="r"), "russia")
    assert entry.name == expected
    assert expected.casefold() not in {a.casefold() for a in entry.aliases}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": "   "}, "cannot be empty"),
        ({"name": "x" * 121}, "Keep names under"),
        ({"role": "x" * 301}, "Keep names under"),
        ({"kind": "planet"}, "The kind must be one of"),
        ({"actor_id": "nobody"}, "no longer in the glossary"),
    ],
)
def test_edit_refuses_what_cannot_be_stored(analysis, changes, message):
    arguments = {"actor_id": "russia", "name": "Russia", "kind": "country", "role": "r", **changes}
    with pytest.raises(GlossaryEditError, match=message):
        edit_actor(analysis, arguments.pop("actor_id"), **arguments)


def test_edit_leaves_the_input_unchanged(analysis):
    before = analysis.to_dict()
    edit_actor(analysis, "iran", name="Persia", kind="place", role="")
    assert analysis.to_dict() == before


# ---- drop_actor -------------------------------------------------------------------------------


@pytest.mark.parametrize("actor_id", ["assad", "syria", "islamic-state", "russia", "iran", "deir-al-zor"])
def test_drop_removes_the_actor_and_its_mentions_only(analysis, actor_id):
    dropped = drop_actor(analysis, actor_id)
    assert actor_id not in {a.id for a in dropped.actors}
    assert len(dropped.actors) == len(analysis.actors) - 1
    assert not mentions_of(dropped, actor_id)
    assert len(dropped.mentions) == len(analysis.mentions) - len(mentions_of(analysis, actor_id))
    assert dropped.article == analysis.article and dropped.readability == analysis.readability


@pytest.mark.parametrize(
    "subject, obj, expected",
    [
        ("russia", "syria", (None, "syria")),
        ("syria", "russia", ("syria", None)),
        ("russia", "russia", (None, None)),
        ("iran", None, ("iran", None)),
    ],
)
def test_drop_unlinks_relations_but_keeps_their_words(analysis, subject, obj, expected):
    dropped = drop_actor(with_relation(analysis, subject, obj), "russia")
    (relation,) = dropped.relations
    assert (relation.subject, relation.object) == expected and relation.sentence == "s backs o"


def test_drop_of_an_unknown_actor_is_an_error(analysis):
    with pytest.raises(GlossaryEditError):
        drop_actor(analysis, "nobody")


# ---- merge_actors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, target",
    [
        ("assad", "syria"),
        ("syria", "assad"),
        ("russia", "iran"),
        ("iran", "russia"),
        ("deir-al-zor", "islamic-state"),
    ],
)
def test_merge_moves_mentions_sums_counts_and_removes_the_source(analysis, source, target):
    merged = merge_actors(analysis, source, target)
    entry = actor(merged, target)
    assert source not in {a.id for a in merged.actors} and len(merged.actors) == len(analysis.actors) - 1
    assert entry.mentions == actor(analysis, source).mentions + actor(analysis, target).mentions
    assert not mentions_of(merged, source)
    assert len(mentions_of(merged, target)) == len(mentions_of(analysis, source)) + len(
        mentions_of(analysis, target)
    )
    assert len(merged.mentions) == len(analysis.mentions)


def test_merge_joins_the_names_as_aliases(analysis):
    entry = actor(merge_actors(analysis, "russia", "iran"), "iran")
    assert entry.name == "Iran" and entry.aliases == ("Russia", "Moscow")


def test_merge_keeps_the_earliest_first_mention(analysis):
    entry = actor(merge_actors(analysis, "assad", "deir-al-zor"), "deir-al-zor")
    assert entry.first == actor(analysis, "assad").first


def test_merge_keeps_the_targets_place_in_the_glossary(analysis):
    merged = merge_actors(analysis, "assad", "russia")
    assert [a.id for a in merged.actors] == ["syria", "islamic-state", "russia", "iran", "deir-al-zor"]


@pytest.mark.parametrize(
    "subject, obj, expected",
    [
        ("russia", "syria", ("iran", "syria")),
        ("syria", "russia", ("syria", "iran")),
        ("assad", None, ("assad", None)),
    ],
)
def test_merge_repoints_relations(analysis, subject, obj, expected):
    (relation,) = merge_actors(with_relation(analysis, subject, obj), "russia", "iran").relations
    assert (relation.subject, relation.object) == expected


@pytest.mark.parametrize(
    "source, target, message",
    [
        ("russia", "russia", "different name"),
        ("nobody", "russia", "no longer in the glossary"),
        ("russia", "nobody", "no longer in the glossary"),
    ],
)
def test_merge_refuses_impossible_merges(analysis, source, target, message):
    with pytest.raises(GlossaryEditError, match=message):
        merge_actors(analysis, source, target)


@pytest.mark.parametrize(
    "edit",
    [
        lambda a: edit_actor(a, "iran", name="Persia", kind="country", role="r"),
        lambda a: drop_actor(a, "iran"),
        lambda a: merge_actors(a, "iran", "russia"),
    ],
    ids=["edit", "drop", "merge"],
)
def test_every_edit_survives_the_stored_json_form(analysis, edit):
    edited = edit(analysis)
    assert Analysis.from_dict(edited.to_dict()) == edited


# ---- the resolved layer: pronouns, descriptions and quotations (issue 10) -----------------------


def with_references(analysis):
    """The seed with "his" (paragraph 0) resolved to Assad and a quotation spoken by Russia."""
    his = Mention("assad", Span(0, 73, 76), "his", "pronoun", 0.9)
    unsure = Mention(None, Span(2, 105, 108), "his", "pronoun", 0.0)
    quote = Quote((Span(1, 0, 10),), "Backed by ", "russia", "Moscow", "said (after)")
    return replace(analysis, references=(his, unsure), quotes=(quote,))


def test_drop_leaves_the_dropped_actors_pronouns_and_quotes_unresolved(analysis):
    dropped = drop_actor(with_references(analysis), "assad")
    assert [(m.actor, m.confidence) for m in dropped.references] == [(None, 0.0), (None, 0.0)]
    dropped = drop_actor(with_references(analysis), "russia")
    assert dropped.quotes[0].speaker is None


def test_merge_repoints_pronouns_and_quote_speakers(analysis):
    merged = merge_actors(with_references(analysis), "russia", "iran")
    assert merged.quotes[0].speaker == "iran"
    merged = merge_actors(with_references(analysis), "assad", "syria")
    assert [m.actor for m in merged.references] == ["syria", None]
    assert merged.references[0].confidence == 0.9


@pytest.mark.parametrize(
    "edit",
    [
        lambda a: edit_actor(a, "assad", name="Bashar al-Assad", kind="person", role="Syria’s president"),
        lambda a: drop_actor(a, "assad"),
        lambda a: merge_actors(a, "russia", "iran"),
    ],
    ids=["edit", "drop", "merge"],
)
def test_edits_of_the_resolved_layer_survive_the_stored_json_form(analysis, edit):
    edited = edit(with_references(analysis))
    assert Analysis.from_dict(edited.to_dict()) == edited
