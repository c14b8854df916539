"""Issue 16, item 8: deleting a question asks first (it used to go on one click, for good)."""

import pytest

from quizapp.models import PackQuestion

from .test_packs import ann, count, ids, stored, text

pytestmark = pytest.mark.db


def test_delete_asks_first_showing_the_question_and_a_way_back(app, ann, ids):
    review = text(ann.get(f"/teacher/packs/{ids[3]}"))
    assert f'href="/teacher/packs/{ids[3]}/questions/2/delete"' in review  # a link to ask, no longer a button
    page = text(ann.get(f"/teacher/packs/{ids[3]}/questions/2/delete"))
    assert "Delete question 2?" in page and "Which town was captured?" in page and "Keep it" in page
    assert count(app, PackQuestion) == 3  # asking deletes nothing


def test_confirming_deletes_that_question_and_the_rest_move_up(app, ann, ids):
    response = ann.post(f"/teacher/packs/{ids[3]}/questions/2/delete", {"prompt": "Which town was captured?"})
    assert response.status_code == 302
    assert [q.id for q in stored(app, ids[3])] == ["q1", "q3"]
    assert "Question 2 deleted." in text(ann.get(response.headers["Location"]))


def test_a_confirmation_for_a_question_that_moved_meanwhile_deletes_nothing(app, ann, ids):
    ann.post(f"/teacher/packs/{ids[3]}/questions/1/move", {"step": "1"})  # another tab: q2 is now first
    response = ann.post(f"/teacher/packs/{ids[3]}/questions/2/delete", {"prompt": "Which town was captured?"})
    assert [q.id for q in stored(app, ids[3])] == ["q2", "q1", "q3"]
    assert "has changed since you asked to delete it, so nothing was deleted" in text(
        ann.get(response.headers["Location"])
    )


def test_asking_about_a_question_the_pack_does_not_have_is_404(ann, ids):
    assert ann.get(f"/teacher/packs/{ids[3]}/questions/9/delete").status_code == 404
