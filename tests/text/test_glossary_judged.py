"""The glossary against a judged set of OneStopEnglish articles (issue 10).

Every entry and every attributed quotation the pipeline gives for the
articles in tests/data/glossary_judged.json was marked by a person reading
the article, by the rules in docs/glossary.md ("Marking the judged set").
This test regenerates the glossary and fails when an entry or a quotation
appears that nobody has judged (changed output must be judged again, by a
person: ``python tests/glossary_judging.py NAME``), or when the figures drop:
precision of entries >= 95 %, non-empty roles right and readable >= 85 %,
no quotation given to the wrong speaker.

The OneStopEnglish texts are from Vajjala & Lučić (2018), CC BY-SA 4.0
(tests/data/onestopenglish/LICENSE.md).
"""

import pytest
from corpus import onestop_text
from glossary_judging import load, score

from quizapp.text import pipeline

JUDGED = load()
MIN_PRECISION = 0.95
MIN_ROLES = 0.85


@pytest.fixture(scope="module")
def figures(nlp):
    analyses = {name: pipeline.analyse(onestop_text(name), nlp) for name in JUDGED["articles"]}
    return score(analyses, JUDGED)


def test_the_set_is_big_enough_and_mixes_levels():
    names = list(JUDGED["articles"])
    assert len(names) >= 20
    assert {name.rsplit("-", 1)[1] for name in names} == {"ele", "int", "adv"}
    assert sum(a["set"].startswith("unseen") for a in JUDGED["articles"].values()) >= 5


def test_every_entry_and_quote_was_judged(figures):
    assert figures.unjudged == (), "judge these by reading the article:\n" + "\n".join(figures.unjudged)


def test_entries_are_real_actors_of_the_right_kind(figures):
    assert figures.precision >= MIN_PRECISION, f"{figures.good_entries}/{figures.entries}"


def test_roles_are_right_and_readable(figures):
    assert figures.role_accuracy >= MIN_ROLES, f"{figures.good_roles}/{figures.roles}"


def test_no_quote_goes_to_the_wrong_speaker(figures):
    assert figures.quotes > 0
    assert figures.wrong_quotes == 0
