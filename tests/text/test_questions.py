"""Questions generated from articles: the seed's named questions, and every question well-formed.

Expected questions and answers were read off the articles by hand. The
OneStopEnglish texts are from Vajjala & Lučić (2018), CC BY-SA 4.0.
"""

import re
from pathlib import Path

import pytest
from corpus import onestop_text

from quizapp.text import pipeline
from quizapp.text.actors import lexicon
from quizapp.text.question import BLANK, QUESTION_TYPES, SKILLS, Question
from quizapp.text.questions.templates import third_person

ROOT = Path(__file__).resolve().parents[2]
CORPUS_TEXTS = [
    "skydiver-int",
    "teff-ele",
    "nsa-scandal-adv",
    "amazon-int",
    "organs-ele",
    "kate-and-william-adv",
    "false-memory-int",
    "wnl-school-sports-ele",
    "wnl-basic-phone-logs-ele",
    "wnl-india's-rich-ele",
]


@pytest.fixture(scope="module")
def seed(nlp):
    return pipeline.analyse((ROOT / "seeds" / "reuters-syria-new-phase.txt").read_text(), nlp)


@pytest.fixture(scope="module")
def corpus(nlp):
    return {name: pipeline.analyse(onestop_text(name), nlp) for name in CORPUS_TEXTS}


def by_prompt(analysis):
    return {q.prompt: q for q in analysis.questions}


def test_who_backs_the_syrian_government(seed):
    question = by_prompt(seed)["Who backs the Syrian government?"]
    assert question.type == "short"
    russia, iran = question.answer
    assert russia[0] == "Russia" and {"Russian", "Russians", "Moscow"} <= set(russia)
    assert iran[0] == "Iran" and {"Iranian", "Iranians"} <= set(iran)
    assert question.evidence.startswith("Backed by Russia and Iran, the government hopes")
    assert not {"Russia", "Iran"} & set(question.distractors)


def test_which_town_did_government_forces_capture(seed):
    question = by_prompt(seed)["Which town did government forces capture?"]
    assert [part[0] for part in question.answer] == ["al-Sukhna"]
    assert "the town of al-Sukhna" in question.evidence
    assert "Deir al-Zor" in question.distractors  # the other place in the story


def test_seed_has_at_least_eight_questions_of_four_types(seed):
    """379 words, five paragraphs: at most two questions rest on one sentence, so not the old thirteen."""
    assert len(seed.questions) >= 8
    assert len({q.type for q in seed.questions}) >= 4


def test_seed_asks_its_two_named_questions_near_the_top(seed):
    prompts = [q.prompt for q in seed.questions]
    assert prompts.index("Who backs the Syrian government?") < 3
    assert prompts.index("Which town did government forces capture?") < 6


def test_seed_multiple_choice_needs_reading_moscow_and_washington(seed):
    """ "organized by Moscow and Washington": the capitals stand for Russia and the United States."""
    multi = [q for q in seed.questions if q.type == "multi"]
    assert multi, "the seed supports a pick-all-that-apply question"
    question = multi[0]
    assert {part[0] for part in question.answer} == {"Russia", "United States"}
    assert question.skill == "inference"
    assert len(question.choices) == 4


def test_vocabulary_questions_are_a_choice_of_words_for_a_gap(corpus):
    """One right word among the article's other hard words of the same form, never a title word."""
    vocabulary = [q for a in corpus.values() for q in a.questions if q.skill == "vocabulary"]
    assert len(vocabulary) >= 5
    for analysis in corpus.values():
        title = set(lexicon.fold(analysis.article.title).split())
        for q in (q for q in analysis.questions if q.skill == "vocabulary"):
            assert q.type == "choice" and len(q.choices) == 4, q.prompt
            word = q.answer[0][0]
            assert q.prompt.replace(BLANK, word).startswith(q.evidence.strip()), q.prompt
            assert lexicon.fold(word) not in title and word.islower() and len(word) >= 5, q.prompt


def all_questions(seed, corpus):
    yield "seed", seed
    yield from corpus.items()


def test_every_question_is_well_formed_and_grounded(seed, corpus):
    for name, analysis in all_questions(seed, corpus):
        text = analysis.article.text
        folded_text = " " + lexicon.fold(text) + " "
        assert analysis.questions, name
        for q in analysis.questions:
            where = f"{name}: {q.prompt}"
            assert q.type in QUESTION_TYPES and q.skill in SKILLS, where
            assert 0 <= q.difficulty <= 1, where
            if q.type == "cloze":
                assert q.prompt.count(BLANK) == 1, where
            elif q.type == "truefalse" and q.prompt.startswith("True or false: "):
                assert q.prompt.endswith(".") and q.prompt[15].isupper(), where
            else:
                assert q.prompt.endswith("?") and q.prompt[0].isupper(), where
                assert not re.search(
                    r"\(\s*\)|[,:;]\s*\?$|\bthe (?:its|his|her|their|a|an|the)\b", q.prompt
                ), where
            assert q.evidence and q.evidence in text, where
            span = q.evidence_span
            assert analysis.article.paragraphs[span.paragraph][span.start : span.end] == q.evidence, where
            if q.type == "truefalse":
                assert q.answer in ((("true",),), (("false",),)), where
                continue
            for part in q.answer:
                assert any(f" {lexicon.fold(f)} " in folded_text for f in part), (
                    f"{where}: {part} not in text"
                )
            prompt = " " + lexicon.fold(q.prompt.replace(BLANK, " ")) + " "
            for form in (f for part in q.answer for f in part):
                assert f" {lexicon.fold(form)} " not in prompt, f"{where}: gives away {form}"


def test_choices_hold_the_answer_and_distractors_are_never_synonyms(seed, corpus):
    for name, analysis in all_questions(seed, corpus):
        for q in analysis.questions:
            forms = {lexicon.fold(f) for part in q.answer for f in part}
            assert not forms & {lexicon.fold(d) for d in q.distractors}, f"{name}: {q.prompt}"
            if q.type in {"choice", "multi"}:
                assert len(q.choices) == len(set(q.choices)) and 3 <= len(q.choices) <= 5, q.prompt
                assert {part[0] for part in q.answer} <= set(q.choices), q.prompt


def test_no_two_questions_ask_the_same_thing(seed, corpus):
    for name, analysis in all_questions(seed, corpus):
        prompts = [q.prompt for q in analysis.questions]
        ids = [q.id for q in analysis.questions]
        assert len(prompts) == len(set(prompts)) and len(ids) == len(set(ids)), name


@pytest.mark.parametrize("name", CORPUS_TEXTS)
def test_corpus_articles_get_a_usable_set(corpus, name):
    questions = corpus[name].questions
    assert len(questions) >= 4
    assert len({q.type for q in questions}) >= 2


def test_one_name_does_not_answer_every_question(corpus):
    """The skydiver story is about Felix Baumgartner, but a quiz of only his name tests nothing."""
    answers = [q.answer[0][0] for q in corpus["skydiver-int"].questions if q.type != "truefalse"]
    assert answers.count("Felix Baumgartner") <= len(answers) // 2


@pytest.mark.parametrize(
    "predicate, lemma, expected",
    [
        ("want Assad to leave power", "want", "wants Assad to leave power"),
        ("hailed the capture", "hail", "hailed the capture"),
        ("have told the press", "tell", "has told the press"),
        ("are waiting for organs", "wait", "is waiting for organs"),
        ("backs the militias", "back", "backs the militias"),
    ],
)
def test_subject_questions_agree_with_who(predicate, lemma, expected):
    assert third_person(predicate, lemma) == expected


def test_questions_survive_json(seed):
    for q in seed.questions:
        assert Question.from_dict(q.to_dict()) == q


def test_no_prompt_holds_the_missing_word_of_a_vocabulary_cloze(seed, corpus):
    """ "… leave power in a negotiated transition?" beside a cloze whose missing word is "negotiated"."""
    for name, analysis in all_questions(seed, corpus):
        for cloze in (q for q in analysis.questions if q.skill == "vocabulary"):
            word = f" {lexicon.fold(cloze.answer[0][0])} "
            for other in analysis.questions:
                if other is not cloze:
                    assert word not in f" {lexicon.fold(other.prompt.replace(BLANK, ' '))} ", (
                        f"{name}: {other.prompt}"
                    )
