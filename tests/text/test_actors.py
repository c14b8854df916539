"""The glossary of actors, on the Reuters seed and on OneStopEnglish texts.

Expected actors, kinds and roles were read off the articles by hand. The
OneStopEnglish texts are from Vajjala & Lučić (2018), "OneStopEnglish corpus",
CC BY-SA 4.0 (tests/data/onestopenglish/LICENSE.md).
"""

from pathlib import Path

import pytest
from corpus import onestop_text

from quizapp.text import pipeline
from quizapp.text.types import ACTOR_KINDS


@pytest.fixture(scope="module")
def seed(nlp):
    text = (Path(__file__).resolve().parents[2] / "seeds" / "reuters-syria-new-phase.txt").read_text()
    return pipeline.analyse(text, nlp)


def by_name(analysis):
    return {a.name: a for a in analysis.actors}


def test_seed_has_the_actors_a_reader_sees(seed):
    names = set(by_name(seed))
    assert {
        "Bashar al-Assad",
        "Russia",
        "Iran",
        "United States",
        "Islamic State",
        "Syrian government",
        "Syria",
        "Deir al-Zor",
        "al-Sukhna",
        "Western governments",
        "U.S.-backed militias",
    } <= names


@pytest.mark.parametrize("junk", ["Saturday", "one", "State", "Islamic", "two years ago", "the Deir al-Zor"])
def test_seed_has_no_junk_entries(seed, junk):
    assert junk not in by_name(seed)


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Bashar al-Assad", "person"),
        ("Russia", "country"),
        ("Iran", "country"),
        ("United States", "country"),
        ("Islamic State", "group"),
        ("Syrian government", "organization"),
        ("Syria", "country"),
        ("Deir al-Zor", "place"),
        ("al-Sukhna", "place"),
        ("Western governments", "group"),
        ("U.S.-backed militias", "group"),
    ],
)
def test_seed_kinds(seed, name, kind):
    assert by_name(seed)[name].kind == kind


@pytest.mark.parametrize(
    "name, aliases",
    [
        ("Bashar al-Assad", {"Assad"}),
        ("Russia", {"Russian", "Moscow"}),  # "Russian-backed truces"; Moscow organised a ceasefire
        ("United States", {"U.S.", "Washington"}),
        ("Syrian government", {"government", "Damascus"}),  # "Damascus hailed the capture"
    ],
)
def test_seed_aliases_gather_every_name_of_an_actor(seed, name, aliases):
    assert aliases <= set(by_name(seed)[name].aliases)


@pytest.mark.parametrize(
    "name, mentions",
    [
        ("Bashar al-Assad", 4),
        ("Russia", 3),
        ("United States", 2),
        ("Iran", 1),
        ("Islamic State", 2),
    ],
)
def test_seed_mention_counts(seed, name, mentions):
    assert by_name(seed)[name].mentions == mentions


@pytest.mark.parametrize(
    "name, words",
    [
        ("Bashar al-Assad", ["Syria", "president"]),
        ("Russia", ["backs", "Syrian government"]),
        ("Iran", ["backs", "Syrian government"]),
        ("Syrian government", ["backed by Russia and Iran"]),
        ("U.S.-backed militias", ["backed by", "United States"]),
        ("Deir al-Zor", ["region", "stronghold"]),
        ("al-Sukhna", ["town", "capture"]),
        ("Western governments", ["want", "Assad", "leave power"]),
    ],
)
def test_seed_roles_come_from_the_text(seed, name, words):
    role = by_name(seed)[name].role
    for word in words:
        assert word in role


def test_seed_relations_are_data_for_questions(seed):
    ids = {a.name: a.id for a in seed.actors}
    backing = {(r.subject, r.object) for r in seed.relations if r.kind == "backing"}
    assert (ids["Russia"], ids["Syrian government"]) in backing
    assert (ids["Iran"], ids["Syrian government"]) in backing
    assert (ids["United States"], ids["U.S.-backed militias"]) in backing
    capture = [r for r in seed.relations if r.kind == "capture"]
    assert [r.object for r in capture] == [ids["al-Sukhna"]]
    assert capture[0].subject == ids["Syrian government"]
    assert "hailed the capture" in capture[0].sentence


def test_seed_mentions_point_at_the_text_and_do_not_overlap(seed):
    paragraphs = seed.article.paragraphs
    ids = {a.id for a in seed.actors}
    previous = None
    for m in seed.mentions:
        assert paragraphs[m.span.paragraph][m.span.start : m.span.end] == m.text
        assert m.actor in ids
        if previous and previous.span.paragraph == m.span.paragraph:
            assert previous.span.end <= m.span.start
        previous = m


def test_every_actor_counts_its_mentions(seed):
    for actor in seed.actors:
        assert actor.kind in ACTOR_KINDS
        assert actor.mentions >= 1
        assert actor.first is not None


@pytest.mark.parametrize(
    "name, person, alias, at_least",
    [
        ("skydiver-int", "Felix Baumgartner", "Baumgartner", 10),
        ("skydiver-adv", "Felix Baumgartner", "Baumgartner", 5),
    ],
)
def test_corpus_people_gather_their_short_names(nlp, name, person, alias, at_least):
    analysis = pipeline.analyse(onestop_text(name), nlp)
    actors = by_name(analysis)
    assert alias in actors[person].aliases
    assert actors[person].mentions >= at_least
    assert alias not in actors  # no second entry for the short name


@pytest.mark.parametrize(
    "name, country, demonym",
    [
        ("teff-ele", "Ethiopia", "Ethiopian"),
        ("nsa-scandal-int", "United States", "US"),
        ("amazon-int", "Brazil", None),
        ("amazon-int", "Peru", None),
    ],
)
def test_corpus_countries_are_countries(nlp, name, country, demonym):
    analysis = pipeline.analyse(onestop_text(name), nlp)
    actor = by_name(analysis)[country]
    assert actor.kind == "country"
    if demonym:
        assert demonym in actor.aliases


def test_corpus_acronym_joins_its_full_name(nlp):
    """ "the National Security Agency (NSA)" is one actor."""
    analysis = pipeline.analyse(onestop_text("nsa-scandal-int"), nlp)
    actors = by_name(analysis)
    assert "NSA" in actors["National Security Agency"].aliases
    assert "NSA" not in actors
