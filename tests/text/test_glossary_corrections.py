"""A teacher's glossary corrections are written down by name and can be made again on a fresh analysis.

That is what lets them travel in a pack file: the importing school analyses
the article again, where ids may differ (issue 10, item 5).
"""

from dataclasses import replace

import pytest
from factories import seed_analysis

from quizapp.text.actors.glossary_edits import (
    Correction,
    apply_corrections,
    corrections,
    drop_actor,
    edit_actor,
    merge_actors,
)
from quizapp.text.types import Analysis, Mention, Quote, Span


def by_name(analysis, name):
    return next(a for a in analysis.actors if a.name == name)


def corrected_seed() -> Analysis:
    """The seed with three corrections a teacher might make, in order."""
    analysis = edit_actor(
        seed_analysis(),
        "islamic-state",
        name="Islamic State (IS)",
        kind="organization",
        role="militant group losing its last towns",
    )
    analysis = merge_actors(analysis, "syria", "assad")  # a teacher's mistake, but a real edit
    return drop_actor(analysis, "deir-al-zor")


def renumbered(analysis: Analysis) -> Analysis:
    """``analysis`` as another run might make it: the same names under other ids."""
    new = {a.id: f"a{n}" for n, a in enumerate(analysis.actors)}
    return replace(
        analysis,
        actors=tuple(replace(a, id=new[a.id]) for a in analysis.actors),
        mentions=tuple(replace(m, actor=new.get(m.actor)) for m in analysis.mentions),
        references=(Mention(new["syria"], Span(1, 0, 2), "it", "pronoun", 0.8),),
        quotes=(Quote((Span(1, 0, 10),), "We will win", new["syria"], "Syria", "said"),),
    )


def test_each_correction_is_written_down_by_the_names_the_teacher_saw():
    assert corrections(corrected_seed()) == (
        Correction(
            "edit",
            "Islamic State",
            name="Islamic State (IS)",
            kind="organization",
            role="militant group losing its last towns",
        ),
        Correction("merge", "Syria", into="Bashar al-Assad"),
        Correction("drop", "Deir al-Zor"),
    )


def test_two_edits_of_one_entry_in_a_row_are_kept_as_one():
    analysis = edit_actor(seed_analysis(), "iran", name="Islamic Republic of Iran", kind="country", role="")
    analysis = edit_actor(analysis, "iran", name="Iran (Tehran)", kind="country", role="backs Assad")
    assert corrections(analysis) == (
        Correction("edit", "Iran", name="Iran (Tehran)", kind="country", role="backs Assad"),
    )


def test_replayed_on_a_fresh_analysis_with_other_ids_the_glossary_is_the_corrected_one():
    fresh = renumbered(seed_analysis())
    replayed, notes = apply_corrections(fresh, corrections(corrected_seed()))
    assert notes == []
    names = [(a.name, a.kind) for a in replayed.actors]
    # by hand: Syria merged into Assad, Deir al-Zor gone, Islamic State renamed and re-kinded
    assert names == [
        ("Bashar al-Assad", "person"),
        ("Islamic State (IS)", "organization"),
        ("Russia", "country"),
        ("Iran", "country"),
    ]
    assert by_name(replayed, "Islamic State (IS)").role == "militant group losing its last towns"
    assad = by_name(replayed, "Bashar al-Assad")
    assert "Syria" in assad.aliases
    # the mention layer follows: Syria's pronoun and quotation are now Assad's
    assert [m.actor for m in replayed.references] == [assad.id]
    assert [q.speaker for q in replayed.quotes] == [assad.id]
    # and the replayed analysis carries the corrections on, for its own export
    assert corrections(replayed) == corrections(corrected_seed())


def test_an_entry_is_found_by_an_alias_when_the_name_differs():
    fresh = edit_actor(seed_analysis(), "assad", name="President Bashar al-Assad", kind="person", role="")
    fresh = replace(fresh, extras={})  # as if a newer pipeline had named him so
    replayed, notes = apply_corrections(
        fresh, [Correction("edit", "Bashar al-Assad", name="Assad", kind="person", role="Syria's president")]
    )
    assert notes == [] and by_name(replayed, "Assad").role == "Syria's president"


@pytest.mark.parametrize(
    "correction, note",
    [
        (
            Correction("drop", "Angela Merkel"),
            "no glossary entry is called “Angela Merkel”, so the drop of “Angela Merkel” was not made",
        ),
        (
            Correction("merge", "Iran", into="Persia"),
            "no glossary entry is called “Persia”, so the merge of “Iran” was not made",
        ),
        (
            Correction("edit", "Iran", name="Iran", kind="planet", role=""),
            "the glossary correction of “Iran” was not made: The kind must be one of: person, country, organization, "
            "group, place, other.",
        ),
        (
            Correction("rename", "Iran"),
            "the glossary correction of “Iran” was not made: the correction must be one of: "
            "edit, drop, merge",
        ),
    ],
)
def test_a_correction_that_cannot_be_made_is_reported_and_the_rest_are_made(correction, note):
    wanted = [correction, Correction("drop", "Russia")]
    replayed, notes = apply_corrections(seed_analysis(), wanted)
    assert notes == [note]
    assert "Russia" not in [a.name for a in replayed.actors]
    assert "Iran" in [a.name for a in replayed.actors]


def test_corrections_survive_the_stored_json_form():
    analysis = corrected_seed()
    assert corrections(Analysis.from_dict(analysis.to_dict())) == corrections(analysis)
