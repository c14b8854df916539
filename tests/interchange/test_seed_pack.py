"""The teacher-written seed pack: it loads, covers every type, and each question accepts its own answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.interchange import dump, load, load_pack
from quizapp.text.grading.grader import grade
from quizapp.text.question import QUESTION_TYPES
from quizapp.text.reading.cleaning import clean
from quizapp.text.reading.sources import decode

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PACK_FILE = SEEDS / "packs" / "reuters-syria-new-phase.yaml"
PACK = load_pack(PACK_FILE)


def test_the_seed_pack_has_at_least_eight_questions_of_all_five_types():
    assert len(PACK.questions) >= 8
    assert {q.type for q in PACK.questions} == set(QUESTION_TYPES)
    assert load(PACK_FILE.read_bytes(), name=PACK_FILE.name).skipped == []


def test_its_article_is_the_seed_article_as_pupils_see_it():
    article = clean(decode((SEEDS / "reuters-syria-new-phase.txt").read_bytes()))
    assert PACK.article.text == article.text and len(article.paragraphs) == 5
    assert (PACK.article.source, PACK.article.dateline) == (article.source, article.dateline)


@pytest.mark.parametrize("question", PACK.questions, ids=lambda q: q.id)
def test_each_question_accepts_its_own_first_answer_form(question):
    firsts = [part[0] for part in question.answer]
    response = firsts if question.type == "multi" else " and ".join(firsts)
    assert grade(question, response).verdict == "correct"


@pytest.mark.parametrize("question", PACK.questions, ids=lambda q: q.id)
def test_each_question_points_at_its_evidence_and_refuses_its_distractors(question):
    span = question.evidence_span
    assert PACK.article.text.split("\n\n")[span.paragraph][span.start : span.end] == question.evidence
    typed = question.type in ("short", "cloze")
    assert all(grade(question, wrong).score == 0 for wrong in question.distractors if typed)


@pytest.mark.parametrize("fmt", ["json", "yaml", "gift"])
def test_the_seed_pack_survives_every_format(fmt):
    assert load(dump(PACK, fmt), fmt).pack == PACK
