"""Issue 11's recall families on texts written for these tests: paragraph main ideas, spelled-out names.

Every expected value was worked out by hand from the text below: which
sentence opens and sums up each paragraph, which paragraphs merely list
cases, which sentences need the one before them.
"""

import pytest

from quizapp.text import pipeline
from quizapp.text.grading.grader import grade
from quizapp.text.questions import families
from quizapp.text.questions.templates import spelled_out

LIBRARY = """Elmsford opened a new public library in March after two years of building work.

The library has a large children's section with thousands of picture books. Parents say the children's section is the best in the county. Story hours for young children are held in the section every Saturday morning.

Elmsford's old library closed in 2019 after its roof collapsed in a storm. The collapsed roof destroyed hundreds of rare books from the town's archive.

The new building uses solar panels on its roof to heat the reading rooms. The panels provide most of the energy the building needs in summer.

The library lends laptops to pupils for free during the school year. The library also lends musical instruments to pupils, such as guitars and violins.

Volunteers from the secondary school helped to carry the books across town. The head teacher, Maria Lopez, thanked the volunteers at the opening ceremony.

Other residents of Elmsford were in broad agreement about the 12 new reading rooms. The mayor, Tom Reed, said the library had cost less than the town had feared.
"""


@pytest.fixture(scope="module")
def library(nlp):
    analysis = pipeline.analyse(LIBRARY, nlp, title_hint="A new library for Elmsford")
    found = list(families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs))))
    return analysis, found


def paragraph_ideas(found) -> dict[str, list]:
    ideas: dict[str, list] = {}
    for c in found:
        if c.fact.startswith("main-idea:paragraph:"):
            ideas.setdefault(c.question.prompt, []).append(c.question)
    return ideas


def test_a_paragraph_is_summed_up_by_its_opening_sentence(library):
    """Paragraph 2 is the children's section: its first sentence, which the other two elaborate."""
    _, found = library
    asked = paragraph_ideas(found)["Which sentence best sums up paragraph 2?"]
    key = "The library has a large children's section with thousands of picture books."
    assert all(q.answer == ((key,),) and q.skill == "inference" and q.type == "choice" for q in asked)


def test_wrong_options_come_from_paragraphs_two_or_more_away(library):
    """Paragraph 3 (the old library) could carry paragraph 2's point on; paragraph 1 too. Neither is offered,
    nor is any other sentence of paragraph 2."""
    analysis, found = library
    near = [s for p in analysis.article.paragraphs[:3] for s in p.split(". ")]
    for q in paragraph_ideas(found)["Which sentence best sums up paragraph 2?"]:
        wrong = [c for c in q.choices if c != q.answer[0][0]]
        assert len(wrong) in (2, 3)  # three far sentences, or two where each three would block a question
        assert not any(w.rstrip(".") in s or s.rstrip(".") in w for w in wrong for s in near), wrong


def test_a_paragraph_that_lists_cases_is_not_summed_up_by_its_first(library):
    """Paragraph 5: "The library also lends musical instruments": laptops are one thing it lends, not the point."""
    _, found = library
    assert "Which sentence best sums up paragraph 5?" not in paragraph_ideas(found)


def test_the_lede_paragraph_and_one_sentence_paragraphs_are_not_asked(library):
    _, found = library
    assert "Which sentence best sums up paragraph 1?" not in paragraph_ideas(found)


def test_a_sentence_defined_against_the_one_before_is_no_true_false_statement(library):
    """ "Other residents were in broad agreement about the new building": other than whom?"""
    _, found = library
    statements = [c.question.prompt for c in found if c.question.type == "truefalse"]
    assert not any("Other residents" in p or "in broad agreement" in p for p in statements)


def test_a_chosen_set_offers_no_sentence_another_question_asks_about(library):
    """A main-idea option shows a whole sentence: a gap or statement on it would be given away."""
    analysis, _ = library
    summaries = [q for q in analysis.questions if q.prompt.startswith("Which sentence best sums up")]
    offered = {c for q in summaries for c in q.choices}
    for q in analysis.questions:
        if q not in summaries:
            assert q.evidence.strip() not in offered, q.prompt


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Six years later, BlackBerry Messenger (BBM) was everywhere.", {"BBM": ("BlackBerry Messenger",)}),
        ("The International Energy Agency (IEA) says so.", {"IEA": ("International Energy Agency",)}),
        ("It was founded by the state-owned mining company (LK).", {}),  # no name spelled out before it
        ("The reef is run by the trust (PRT).", {}),
    ],
)
def test_abbreviations_the_article_spells_out(text, expected):
    """A gap whose answer is "BBM" must accept "BlackBerry Messenger", the article's own name for it:
    blackberry-adv once told the pupil who wrote it "Not quite"."""
    assert spelled_out(text) == expected


def test_a_paragraph_main_idea_is_graded_as_a_choice(library):
    """The pupil picks a sentence: the key is correct, any other option incorrect, with no partial credit."""
    _, found = library
    q = paragraph_ideas(found)["Which sentence best sums up paragraph 2?"][0]
    assert grade(q, q.answer[0][0]).verdict == "correct"
    assert all(grade(q, wrong).score == 0 for wrong in q.distractors)


FEATURE = """We asked three people with unusual jobs what they earn and why they enjoy their work.

1. Cheese grader The job: Checking the ripeness of every batch of cheese

Yearly remuneration: Graders earn about 25,000 pounds a year. The work is careful and slow, says Maria Lopez, a grader in Somerset.

Job satisfaction: Every cheese is different. Lopez tastes forty cheeses a day and writes detailed reports.

2. Lighthouse keeper The job: Maintaining the lamps of remote lighthouses

Yearly remuneration: Keepers earn about 30,000 pounds a year. The loneliness can be difficult, says Tom Reed, a keeper in Cornwall.

Job satisfaction: Reed enjoys the spectacular storms and the silence of the winter evenings.
"""


def test_a_vocabulary_gap_is_never_in_a_heading_or_a_label(nlp):
    """wnl-five-jobs-int, read on first sight: "Job _____: No two days are ever the same." and "Shopping
    channel _____ The job: Selling …" gapped the feature's headings, which test no reading."""
    analysis = pipeline.analyse(FEATURE, nlp, title_hint="Three unusual jobs")
    gaps = [
        c.question
        for c in families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))
        if c.question.skill == "vocabulary"
    ]
    assert gaps  # the article's own sentences still give gaps: "The loneliness can be _____, …"
    for q in gaps:
        sentence = q.prompt.split(" Which word best fills the gap?")[0]
        assert sentence.rstrip().endswith((".", "”")), q.prompt  # a sentence, not a heading
        label, colon, _ = sentence.partition(": ")
        assert not (colon and len(label.split()) <= 3 and "_____" in label), q.prompt  # "Job _____: …"


REPORT = """A charity report says that many families in the region fell back into poverty last year.

The report found that 30% of farmers in the north lost their savings. In the cities, the proportion was 20%. Families with sick children were hit hardest by the rising prices.

The report suggests three ideas to help the poorest families. The first is free school meals for every child. The second is cheap loans for farmers in the north. The third is better roads to the markets.

Farmers in the north say the loans would help them most. Many farmers borrowed money from relatives last year.

The charity will present the report to the government in May. Ministers have promised to read the report carefully.
"""


def test_a_subject_only_the_sentence_before_completes_is_not_asked(nlp):
    """wnl-poverty-ele, read on first sight: "True or false: … the proportion was 20%" (of what?) and a
    paragraph summed up by "The first is social help" (the first of which ideas?)."""
    analysis = pipeline.analyse(REPORT, nlp, title_hint="Families fall back into poverty")
    found = [c.question for c in families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))]
    statements = [q.prompt for q in found if q.type == "truefalse"]
    assert statements  # "Families with sick children were hit hardest …" and others still are
    assert not any("the proportion was" in p for p in statements), statements
    shown = [c for q in found if q.prompt.startswith("Which sentence best sums up") for c in q.choices]
    assert not any(c.startswith(("The first is", "The second is", "The third is")) for c in shown), shown


SLEEP = """Scientists at a university in Kent have studied how children sleep.

The research involved 8,550 boys and girls from 26 state schools. The children wore a small watch for a week.

The study found that most teenagers sleep less than eight hours.
"""


def test_a_count_of_two_nouns_is_asked_for_both(nlp):
    """ "8,550 boys and girls" was asked "How many boys …?", keyed 8,550: a false key (wnl-school-sports-ele,
    read on first sight)."""
    analysis = pipeline.analyse(SLEEP, nlp, title_hint="How children sleep")
    found = families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))
    counts = [c.question for c in found if c.question.prompt.startswith("How many")]
    assert counts and all(q.prompt.startswith("How many boys and girls ") for q in counts)
    assert all(q.answer[0][0] == "8,550" for q in counts)


RAID = """A businessman in Madrid has been accused of hiding millions of euros from the tax office.

Police searched his warehouses in 2012 and found piles of cash. The cash was wrapped in elastic bands.

Gao Ping sold his villa in 2015. Gao is on bail and the case has not come to trial.
"""


def test_a_possessive_that_is_not_the_subjects_is_not_asked(nlp):
    """ "In which year did police swoop on his warehouses?" (wnl-criminal-links-adv, first sight): whose?
    "his" reads alone only where it is the named subject's own."""
    analysis = pipeline.analyse(RAID, nlp, title_hint="Cash in the warehouse")
    prompts = [
        c.question.prompt for c in families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))
    ]
    assert not any("his warehouses" in p for p in prompts if p.startswith("In which year"))
    assert "In which year did Gao Ping sell his villa?" in prompts


GRAIN = """Farmers in Kenya are planting more sorghum as the rains fail.

Sorghum needs less water than maize, and sorghum grows on poor soil. A sorghum field gives a harvest even in a dry year.

Bakers in Nairobi now sell sorghum bread, and sorghum flour costs less than wheat flour. Some brewers make sorghum beer.

Scientists are breeding sorghum that ripens sooner. The new sorghum could be ready in ninety days.

Critics worry that sorghum prices will rise if exporters buy the harvest. Officials promised subsidies to keep bread affordable for families.

The drought has lasted two years. Irrigation is too expensive for most farms, and fertiliser prices have doubled.
"""


def test_the_articles_topic_is_no_vocabulary_gap(nlp):
    """ "Like quinoa, _____ superb nutritional profile …" gapped "teffs" in an article about teff
    (teff-int, first sight): the word the article uses ten times is the one word every pupil knows there."""
    analysis = pipeline.analyse(GRAIN, nlp, title_hint="A dry-land grain")
    found = families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))
    gaps = [c.question for c in found if c.question.skill == "vocabulary"]
    assert not any(q.answer[0][0].lower().startswith("sorghum") for q in gaps)


CONCERTS = """Many singers now ask fans to put their phones away at concerts.

Adele stopped a show in Verona last year. Sam Watt, who runs a video app, said that phones were part of modern concerts and that filming made the evening more fun. Watt said such singers were fighting a losing battle.

Tickets for the tour sold out in ten minutes.
"""


def test_what_someone_says_is_stated_without_the_thats_and_the_context_it_needs(nlp):
    """kate-bush-adv, first sight: "According to Sam Watt, such artists were fighting a losing battle and
    that filming …": a second "that" left in, and "such artists" pointing back a sentence."""
    analysis = pipeline.analyse(CONCERTS, nlp, title_hint="Phones at concerts")
    found = families.candidates(analysis, list(nlp.pipe(analysis.article.paragraphs)))
    said = [c.question.prompt for c in found if c.question.prompt.startswith("True or false: According to")]
    assert said == [
        "True or false: According to Sam Watt, phones were part of modern concerts and filming made the "
        "evening more fun."
    ]
