"""Self-study's service: what may be studied, how a page is arranged, what a try again asks, progress records."""

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from factories import seed_analysis
from records import make_article, make_pack, make_teacher

from quizapp.extensions import db
from quizapp.services import study
from quizapp.services.quiz import QuestionResult, QuizResult
from quizapp.text.grading.grader import Grade
from quizapp.text.question import Question

CHOICES = ("Beirut", "Damascus", "Moscow", "Tehran")


def choice(n: int, choices=CHOICES) -> Question:
    """A choice question numbered ``n``."""
    return Question(f"c{n}", "choice", f"Choice {n}?", ((choices[1],),), choices=choices)


def typed(n: int) -> Question:
    """A short typed question numbered ``n``."""
    return Question(f"t{n}", "short", f"Typed {n}?", (("Assad",),))


def material(questions, **settings) -> study.Material:
    """A pack-like material with ``questions`` on the hand-made seed analysis."""
    return study.Material(
        "pack", "1", "A pack", replace(seed_analysis(), questions=tuple(questions)), **settings
    )


def graded(verdicts) -> QuizResult:
    """A result with one question per verdict, in order."""
    scores = {"correct": 1.0, "partial": 0.5, "incorrect": 0.0}
    return QuizResult(
        tuple(
            QuestionResult(n, typed(n), None, Grade(scores[v], v, (), "", "Assad", ""))
            for n, v in enumerate(verdicts, start=1)
        )
    )


def attempt(
    ref="syria", score=1.0, total=2, day=1, retry=False, kind="article", title="Syria"
) -> study.Attempt:
    """A progress record ``day`` days after 31 October 2026."""
    when = datetime(2026, 10, 31, 9, 30, tzinfo=UTC) + timedelta(days=day)
    return study.Attempt(kind, ref, title, score, total, when, retry)


# ---- arranging a page ------------------------------------------------------------------------------


def test_a_first_try_keeps_the_stored_order_unless_the_pack_shuffles():
    questions = [choice(1), typed(2), choice(3)]
    arranged = study.arrange(material(questions), study.Arrangement(seed=5))
    assert arranged.numbers == (1, 2, 3)
    assert arranged.questions == tuple(questions)  # choices untouched too


def test_a_pack_that_shuffles_questions_gives_a_permutation_fixed_by_the_seed():
    questions = [typed(n) for n in range(1, 9)]
    shuffling = material(questions, shuffle_questions=True)
    orders = {study.arrange(shuffling, study.Arrangement(seed=s)).numbers for s in range(20)}
    assert all(sorted(order) == list(range(1, 9)) for order in orders)
    assert len(orders) > 1  # 8! orders: twenty seeds cannot all give the stored one
    again = study.arrange(shuffling, study.Arrangement(seed=3))
    assert again == study.arrange(shuffling, study.Arrangement(seed=3))
    assert [q.prompt for q in again.questions] == [f"Typed {n}?" for n in again.numbers]


def test_a_pack_that_shuffles_choices_shuffles_each_choice_list_by_the_seed():
    shuffling = material([choice(1), choice(2)], shuffle_choices=True)
    seen = {study.arrange(shuffling, study.Arrangement(seed=s)).questions[0].choices for s in range(20)}
    assert all(sorted(order) == sorted(CHOICES) for order in seen) and len(seen) > 1


def test_only_asks_those_questions_in_that_order():
    questions = [typed(n) for n in range(1, 6)]
    arranged = study.arrange(material(questions), study.Arrangement(seed=1, round=1, only=(4, 2)))
    assert arranged.numbers == (4, 2)
    assert [q.prompt for q in arranged.questions] == ["Typed 4?", "Typed 2?"]


@pytest.mark.parametrize(
    "arrangement",
    [
        study.Arrangement(only=(0,)),
        study.Arrangement(only=(4,)),
        study.Arrangement(only=(1, 1)),
        study.Arrangement(round=study.MAX_ROUNDS + 1),
        study.Arrangement(round=-1),
        study.Arrangement(seed=-1),
    ],
    ids=["zero", "past-the-end", "twice", "too-many-rounds", "negative-round", "negative-seed"],
)
def test_a_link_the_material_cannot_have_is_refused_with_a_message(arrangement):
    with pytest.raises(study.BadArrangement, match="link"):
        study.arrange(material([typed(1), typed(2), typed(3)]), arrangement)


def test_every_try_again_round_shows_the_choices_in_a_new_order():
    """From three choices up, round r's order is never round r-1's, whatever the seed."""
    for choices in (CHOICES, CHOICES[:3]):
        for seed in range(200):
            key = f"{seed}:1"
            orders = [study.choice_order(choices, key, False, r) for r in range(6)]
            assert orders[0] == choices  # round 0: stored order
            for before, after in zip(orders, orders[1:]):
                assert after != before and sorted(after) == sorted(choices)


def test_the_choice_order_of_a_round_is_the_same_every_time_it_is_worked_out():
    assert study.choice_order(CHOICES, "9:2", True, 3) == study.choice_order(CHOICES, "9:2", True, 3)


def test_a_reshuffle_that_changes_nothing_is_rotated():
    class Unlucky(random.Random):
        def sample(self, population, k):
            return list(population)

    assert study.reshuffled(["a", "b", "c"], Unlucky()) == ["b", "c", "a"]
    assert study.reshuffled(["a", "b"], Unlucky()) == ["a", "b"]  # two choices: left to chance


def test_try_again_arranges_the_missed_questions_with_their_choices_reshuffled():
    questions = [choice(1), typed(2), choice(3), typed(4)]
    first = study.Arrangement(seed=11)
    arranged = study.arrange(material(questions), first)
    missed = study.missed(graded(["partial", "correct", "incorrect", "incorrect"]), arranged)
    assert missed == (1, 3, 4)
    again = study.try_again(first, missed)
    assert again == study.Arrangement(seed=11, round=1, only=(1, 3, 4))
    second = study.arrange(material(questions), again)
    assert [q.prompt for q in second.questions] == ["Choice 1?", "Choice 3?", "Typed 4?"]
    assert second.questions[0].choices != CHOICES and sorted(second.questions[0].choices) == sorted(CHOICES)


def test_nothing_missed_means_no_try_again():
    assert study.try_again(study.Arrangement(seed=1), ()) is None
    assert study.try_again(study.Arrangement(seed=1, round=study.MAX_ROUNDS, only=(1,)), (1,)) is None


# ---- progress records -------------------------------------------------------------------------------


def test_progress_keeps_the_latest_thirty_attempts():
    history = ()
    for day in range(1, 32):
        history = study.add_attempt(history, attempt(ref=f"a{day}", day=day))
    assert len(history) == study.MAX_ATTEMPTS == 30
    assert history[0].ref == "a2" and history[-1].ref == "a31"


def test_records_round_trip_through_their_json_shape():
    history = (
        attempt(score=6.5, total=12),
        attempt(kind="pack", ref="3", score=3, total=7, day=2, retry=True),
    )
    records = study.to_records(history)
    assert records[1] == [
        "pack",
        "3",
        "Syria",
        3,
        7,
        int(datetime(2026, 11, 2, 9, 30, tzinfo=UTC).timestamp()),
        1,
    ]
    assert study.from_records(records) == history


@pytest.mark.parametrize(
    "bad",
    [
        ["quiz", "x", "t", 1, 2, 0, 0],  # unknown kind
        ["article", 5, "t", 1, 2, 0, 0],  # slug not text
        ["article", "x", "t", 3, 2, 0, 0],  # more points than questions
        ["article", "x", "t", -1, 2, 0, 0],
        ["article", "x", "t", "1", 2, 0, 0],
        ["article", "x", "t", 1, 2.5, 0, 0],
        ["article", "x", "t", 1, 2, -5, 0],
        ["article", "x", "t", 1, 2, 10**15, 0],
        ["article", "x", "t", True, 2, 0, 0],
        ["article", "x", "t", 1, 2, 0],  # a field short
        "article",
        None,
        {"kind": "article"},
    ],
)
def test_a_record_that_does_not_fit_is_dropped_and_the_rest_kept(bad):
    good = study.to_records([attempt()])[0]
    assert study.from_records([bad, good]) == (attempt(),)


def test_anything_but_a_list_of_records_is_no_progress():
    assert (
        study.from_records({"a": 1}) == ()
        and study.from_records("x") == ()
        and study.from_records(None) == ()
    )


def test_a_long_title_is_cut_in_the_record():
    record = study.attempt_of(material([typed(1)]), graded(["correct"]), retry=False)
    assert record.title == "A pack" and record.score == 1 and record.total == 1 and record.when.tzinfo is UTC
    long = replace(material([typed(1)]), title="x" * 300)
    assert len(study.attempt_of(long, graded(["correct"]), retry=False).title) == study.TITLE_CHARS


def test_done_sums_up_each_material_most_recent_first():
    history = (
        attempt(ref="syria", score=1, total=4, day=1),  # 25%
        attempt(kind="pack", ref="3", title="Pack", score=3, total=4, day=2),
        attempt(ref="syria", score=3, total=4, day=3),  # 75%
        attempt(ref="syria", score=1, total=2, day=4, retry=True),
    )  # 50%
    done = study.done(history)
    assert [(d.kind, d.ref, d.attempts, d.best_percent) for d in done] == [
        ("article", "syria", 3, 75.0),
        ("pack", "3", 1, 75.0),
    ]
    assert done[0].last == history[3]


def test_percent_rounds_to_one_place():
    assert attempt(score=5.5, total=12).percent == 45.8  # 45.833...
    assert attempt(score=3, total=7).percent == 42.9  # 42.857...


# ---- what may be studied (database) -----------------------------------------------------------------


@pytest.fixture
def library(app):
    """A seed article with a seed pack, a teacher's private article, her private and public packs."""
    with app.app_context():
        teacher = make_teacher()
        seed = make_article("syria")
        own = make_article("ann-notes", owner=teacher)
        ids = {
            "seed": make_pack(seed, title="Seed pack").id,
            "private": make_pack(own, owner=teacher, title="Ann private").id,
            "public": make_pack(own, owner=teacher, title="Ann shared", public=True).id,
            "empty": make_pack(seed, title="Empty seed pack", questions=0).id,
        }
        teacher_id = teacher.id
        db.session.commit()
    return ids, teacher_id


@pytest.mark.db
def test_the_catalogue_lists_seed_and_public_packs_with_questions_only(app, library):
    _ids, teacher_id = library
    with app.app_context():
        catalogue = study.catalogue()
        assert [(p.title, p.questions, p.article_title) for p in catalogue.packs] == [
            ("Seed pack", 3, "Syria's war enters a new phase"),
            ("Ann shared", 3, "Syria's war enters a new phase"),
        ]
        assert [a.slug for a in catalogue.articles] == ["syria"]
        assert [a.slug for a in study.catalogue(teacher_id).articles] == ["syria", "ann-notes"]


@pytest.mark.db
def test_a_private_pack_cannot_be_studied_a_public_one_can(app, library):
    ids, _ = library
    with app.app_context():
        with pytest.raises(study.MaterialNotFound):
            study.pack_material(ids["private"])
        with pytest.raises(study.MaterialNotFound):
            study.pack_material(99999)
        shared = study.pack_material(ids["public"])
        assert (shared.kind, shared.ref, shared.title) == ("pack", str(ids["public"]), "Ann shared")
        assert [q.prompt for q in shared.questions] == ["Question 1?", "Question 2?", "Question 3?"]
        assert shared.analysis.article.paragraphs == seed_analysis().article.paragraphs


@pytest.mark.db
def test_a_pack_carries_its_shuffle_settings(app, library):
    with app.app_context():
        article = make_article("other")
        pack_id = make_pack(article, shuffle_questions=True, shuffle_choices=True).id
        db.session.commit()
        found = study.pack_material(pack_id)
    assert found.shuffle_questions and found.shuffle_choices


@pytest.mark.db
def test_an_article_is_studied_only_by_who_may_read_it(app, library):
    _, teacher_id = library
    with app.app_context():
        assert study.article_material("syria").title == "Syria's war enters a new phase"
        with pytest.raises(study.MaterialNotFound):
            study.article_material("ann-notes")
        assert study.article_material("ann-notes", teacher_id).ref == "ann-notes"
