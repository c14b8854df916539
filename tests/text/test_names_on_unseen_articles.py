"""Names, kinds and roles: the rules added after the fourth unseen batch (issue 10, docs/glossary.md).

Each test reads a short text written for it (not taken from the corpus);
the expected entries were worked out by reading that text.
"""

import pytest

from quizapp.text import pipeline


@pytest.fixture(scope="module")
def text(nlp):
    return lambda raw: pipeline.analyse("A test\n\n" + raw, nlp)


def entries(analysis):
    return {a.name: a for a in analysis.actors}


def described(analysis, words):
    names = {a.id: a.name for a in analysis.actors}
    return [names.get(r.actor) for r in analysis.references if r.text == words]


# ---- a possessive whose apostrophe the source lost -----------------------------------------------


def test_a_surname_with_a_lost_apostrophe_is_the_persons_not_a_family(text):
    found = entries(
        text(
            "Tom Baxter, a baker, said his bread sells well. Many of Baxters customers queue "
            "every morning, and Baxters shop opens at six. The Baxters said they were pleased."
        )
    )
    assert found["Tom Baxter"].mentions == 3  # his name and the two possessives
    assert found["the Baxters"].kind == "group" and found["the Baxters"].mentions == 1  # the family, acting


def test_a_possessive_before_an_organisations_name_is_not_part_of_it(text):
    found = entries(text("The mayor, Ann Holt, praised Holts Liberal Party for its help."))
    assert "Liberal Party" in found and not any(name.startswith("Holts") for name in found)


def test_a_countrys_possessive_is_the_country(text):
    found = entries(text("He said Norways biggest bakery is smaller. Norway is cold in winter."))
    assert found["Norway"].kind == "country" and found["Norway"].mentions == 2
    assert [a for a in found.values() if a.kind == "organization"] == []


# ---- laws, governments and "the company" --------------------------------------------------------


def test_a_law_is_a_named_thing_and_its_acronym_joins_it(text):
    found = entries(
        text(
            "During the renewal of the FISA Amendments Act (FAA) in December 2012, several US "
            "senators warned about it. When the FAA was first introduced, its supporters argued "
            "for it. The articles refer to Section 702 of the Foreign Intelligence Surveillance "
            "Act (FISA)."
        )
    )
    assert (found["FISA Amendments Act"].kind, found["FISA Amendments Act"].mentions) == ("other", 3)
    assert found["Foreign Intelligence Surveillance Act"].kind == "other"
    assert [a.name for a in found.values() if a.kind == "organization"] == []


def test_a_government_is_never_the_company(text):
    analysis = text(
        "Kenya is famous for its tea. The government wants to double tea exports by 2030, "
        "according to its strategy. Papa Chai is a family firm that has sold tea in Nairobi for "
        "years. But the company has its eye on Europe."
    )
    assert described(analysis, "the company") == [None]  # Papa Chai has no entry: nobody is sure


def test_the_government_in_a_capital_is_that_countrys(text):
    found = entries(
        text(
            "Scotland voted to stay in the union. The first minister said he would work with "
            "the government in London. Scotland will get new powers."
        )
    )
    assert "British government" in found and "Scottish government" not in found


def test_the_government_in_another_city_is_no_entry(text):
    found = entries(
        text(
            "Wales voted for change. The leader said she would work with the government in "
            "Cardiff on schools. Wales will get new powers."
        )
    )
    assert [a.name for a in found.values() if "government" in a.name.lower()] == []


# ---- names the model cut or mislabelled ---------------------------------------------------------


def test_a_country_left_outside_a_partys_name_is_part_of_it(text):
    found = entries(
        text("The UK Independence Party leader, Nigel Farage, said the offer did not go far enough.")
    )
    assert found["UK Independence Party"].kind == "organization" and "Independence Party" not in found


def test_a_name_listed_with_places_is_a_place(text):
    found = entries(
        text(
            "The no campaign won easily in areas such as Edinburgh, Aberdeenshire and Borders. "
            "It lost in Glasgow."
        )
    )
    assert found["Borders"].kind == "place"


def test_a_name_listed_beside_other_rivers_is_a_river_and_the_city_is_not_one(text):
    """wnl-five-jobs-int, read on first sight: "the Thames and other London rivers" made the Thames an
    organisation and gave London the role "river"."""
    found = entries(
        text(
            "To count the eels, ecologists wade into the Mersey and other Liverpool rivers. "
            "Anna Price, who leads the team, said the work was hard."
        )
    )
    assert found["Mersey"].kind == "place"
    assert found["Liverpool"].kind == "place" and found["Liverpool"].role == ""


def test_an_organisations_name_the_model_ran_into_a_persons_is_one_name(text):
    """wnl-will-drones-adv, read on first sight: "Lockheed Martin" came out as the organisation
    "Lockheed" and the place "Martin" (a town the gazetteer knows), from "Lockheed" ORG + "Martin" PERSON."""
    found = entries(
        text(
            "Much of the work at Lockheed Martin has been on cheaper engines. "
            "Its engineers, said Ruth Cole, test them in Texas."
        )
    )
    assert found["Lockheed Martin"].kind == "organization"
    assert "Martin" not in found and "Lockheed" not in found


def test_a_role_the_parse_cut_at_a_hyphen_is_not_given(text):
    """wnl-will-drones-adv: "Paul Misener, Amazon's vice-president of global public policy" gave him the
    role "vice" (the parse made "vice", "-" and "president" three appositions). No role beats that one."""
    found = entries(
        text("Ruth Cole, the bank’s vice-president of lending, told a hearing that loans would be cheaper.")
    )
    assert found["Ruth Cole"].role in {"", "the bank’s vice-president of lending"}
    assert found["Ruth Cole"].role != "vice"


WATER = (
    "The report by Malik Falkenmark and colleagues at the Stockholm water institute said so. More than "
    "18 million people face hunger across the Sahel. “We need a new recipe,” said the report’s editor, "
    "Anders Jägerskog."
)


def test_a_given_name_and_surname_listed_with_colleagues_is_a_person(text):
    assert entries(text(WATER))["Malik Falkenmark"].kind == "person"


def test_a_given_name_the_model_left_out_is_part_of_the_persons_name(text):
    found = entries(text(WATER))
    assert found["Anders Jägerskog"].role == "the report’s editor" and "Jägerskog" not in found


def test_what_hunger_spreads_across_is_a_place(text):
    assert entries(text(WATER))["Sahel"].kind == "place"


def test_a_relative_named_by_his_given_name_is_not_the_better_known_bearer(text):
    found = entries(
        text(
            "Edward V and his brother Richard were never seen again. Richard III claimed the "
            "throne. Richard died in 1485."
        )
    )
    assert found["Richard III"].mentions == 2  # "Richard III" and "Richard died"; the brother is not him


def test_a_short_country_name_inside_a_longer_one_of_the_story_is_that_country(text):
    found = entries(
        text(
            "The park could earn trouble-torn DR Congo $400m a year from tourism, said a WWF "
            "report. The oil firm said its work in Congo would be safe."
        )
    )
    congo = [a for a in found.values() if a.kind == "country"]
    assert [(a.name, a.mentions) for a in congo] == [("Democratic Republic of the Congo", 2)]


# ---- roles ----------------------------------------------------------------------------------------


def test_a_place_is_not_what_stands_in_it(text):
    found = entries(text("At Nairobi airport, visitors see pictures of tea. The Rift Valley region is dry."))
    assert found["Nairobi"].role == "" and found["Rift Valley"].role == "region"


def test_a_persons_role_is_never_what_an_organisation_noun_says(text):
    found = entries(
        text(
            "It is a hard choice, says Anna Berg of Nordhus, the Danish design company that "
            "runs the project. Anna Berg has a plan."
        )
    )
    assert found["Anna Berg"].role == "has a plan"


def test_a_description_beside_another_noun_is_not_the_central_actor(text):
    found = entries(
        text(
            "The grain grows fast. The grain needs little water. Farmers also grow rice, the Asian "
            "grain, near the river. The grain is sold in shops."
        )
    )
    assert (found["the grain"].aliases, found["the grain"].mentions) == ((), 3)  # not rice's description


def test_what_a_name_does_only_if_something_is_true_is_not_its_role(text):
    """wnl-will-drones-adv: "If Amazon is to be believed, not far at all." gave Amazon the role "is to be
    believed, not far at all". A clause under "if" is supposed, not narrated."""
    found = entries(
        text(
            "How soon will parcels arrive by drone? If Tesco is to be believed, within a year. "
            "Tesco has tested drones at two farms in Kent."
        )
    )
    assert found["Tesco"].role == "has tested drones at two farms in Kent"


def test_an_organisation_named_again_shorter_is_one_entry(text):
    """wnl-will-drones-adv listed "Carnegie Mellon University Robotics Institute" and "Carnegie Mellon’s
    Robotics Institute" as two organisations. The shorter spelling is an alias of the fuller one."""
    found = entries(
        text(
            "Engineers at the Imperial College Robotics Laboratory have built a drone that folds its wings. "
            "Maya Holt, who leads Imperial’s Robotics Laboratory, said the drone could fly through forests."
        )
    )
    labs = [name for name in found if "Robotics Laboratory" in name]
    assert labs == ["Imperial College Robotics Laboratory"]
    assert "Imperial’s Robotics Laboratory" in found[labs[0]].aliases
