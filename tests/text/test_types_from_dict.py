"""``Analysis.from_dict`` undoes ``to_dict``, directly and through JSON (the cache's format)."""

import json

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
    assert Analysis.from_dict(data).extras == {"pipeline": "hand-made", "glossary_notes": [{"note": "checked"}]}
