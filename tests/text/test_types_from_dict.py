"""``Analysis.from_dict`` undoes ``to_dict``, directly and through JSON (the cache's format)."""

import json
from dataclasses import replace

from factories import seed_analysis

from quizapp.text.types import Analysis


def test_from_dict_round_trips_to_dict():
    analysis = seed_analysis()
    assert Analysis.from_dict(analysis.to_dict()) == analysis


def test_from_dict_round_trips_through_json():
    analysis = seed_analysis()
    assert Analysis.from_dict(json.loads(json.dumps(analysis.to_dict()))) == analysis


def test_from_dict_keeps_unknown_keys_as_extras():
    data = seed_analysis().to_dict() | {"glossary_notes": [{"note": "checked"}]}
    assert Analysis.from_dict(data).extras == {
        "pipeline": "hand-made",
        "glossary_notes": [{"note": "checked"}],
    }


def test_an_analysis_stored_before_the_reading_level_model_still_loads():
    """Stored JSON from before CEFR, UK year and reasons: they come back empty, the rest intact."""
    data = json.loads(json.dumps(seed_analysis().to_dict()))
    for key in ("cefr", "uk_year", "level_reasons"):
        del data["readability"][key]
    readability = Analysis.from_dict(data).readability
    assert (readability.cefr, readability.uk_year, readability.level_reasons) == ("", "", ())
    assert readability.grade_level == seed_analysis().readability.grade_level


def test_reading_level_fields_round_trip():
    """CEFR, year and the reasons (a tuple again, not a JSON list) survive the stored format."""
    analysis = seed_analysis()
    readability = replace(
        analysis.readability,
        cefr="C1",
        uk_year="Year 13",
        level_reasons=("long sentences", "many rare words", "few hard words"),
    )
    stored = json.loads(json.dumps(replace(analysis, readability=readability).to_dict()))
    assert Analysis.from_dict(stored).readability == readability
