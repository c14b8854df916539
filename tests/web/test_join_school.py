"""Issue 16, item 3: a school behind one address does not lock itself out with wrong codes.

Measured before: after 20 wrong codes from one address in a minute, a pupil
typing the right code also got "Slow down" (429) for a minute. Failed joins
are still counted per address (guessing codes stays hopeless: see
tests/web/test_join.py::test_guessing_codes_is_stopped_with_a_friendly_429_page), but
a code the address has shown it knows (a pupil there joined it, or the
teacher's projector page was opened there) is never refused by that count.
"""

from __future__ import annotations

import pytest
from classroom_factories import join_client, start_class_session

pytestmark = pytest.mark.db

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}  # another school (TEST-NET-3)


@pytest.fixture
def strict(app):
    """Three failed joins a minute per address, so a test reaches the limit at once."""
    app.config.update(JOIN_FAILURES_PER_ADDRESS="3 per minute", JOIN_FAILURES_PER_CODE="100 per minute")
    return app


@pytest.fixture
def lesson(app):
    return start_class_session(app)


def browser(app, environ=None):
    """A test client, from the school's address unless ``environ`` says another."""
    client = app.test_client()
    client.environ_base.update(environ or {})
    return client


def mistype(app, times: int = 3, environ=None) -> None:
    """Another class at the school types codes that are not open: the address reaches its limit."""
    for guess in ("AAAAAA", "CCCCCC", "DDDDDD", "EEEEEE")[:times]:
        assert join_client(browser(app, environ), guess, "Kim").status_code == 422


def teacher_opens_the_projector(app, lesson, environ=None) -> None:
    teacher = browser(app, environ)
    with teacher.session_transaction() as cookie:
        cookie["_user_id"], cookie["_fresh"] = str(lesson.owner_id), True
    assert teacher.get(f"/teacher/sessions/{lesson.session_id}").status_code == 200


def test_after_another_class_mistypes_the_rest_of_a_joined_class_still_gets_in(strict, app, lesson):
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 303  # the lesson has begun
    mistype(app)
    assert join_client(app.test_client(), "FFFFFF", "Kim").status_code == 429  # guesses are still stopped
    for name in ("Alex", "Jo", "Ravi", "Mia"):
        assert join_client(app.test_client(), lesson.code.lower(), name).status_code == 303


def test_the_first_pupil_gets_in_when_the_teacher_showed_the_code_from_the_school(strict, app, lesson):
    teacher_opens_the_projector(app, lesson)
    mistype(app)
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 303


def test_a_right_code_nobody_here_has_used_is_refused_like_a_wrong_one(strict, app, lesson):
    """No oracle: over the limit, a guesser cannot tell a right guess from a wrong one."""
    mistype(app)
    right, wrong = (
        join_client(app.test_client(), lesson.code, "Sam"),
        join_client(app.test_client(), "FFFFFF", "Sam"),
    )
    assert right.status_code == wrong.status_code == 429


def test_a_code_known_at_one_school_does_not_help_another_address(strict, app, lesson):
    teacher_opens_the_projector(app, lesson)
    join_client(app.test_client(), lesson.code, "Sam")
    mistype(app, environ=ELSEWHERE)
    assert join_client(browser(app, ELSEWHERE), lesson.code, "Eve").status_code == 429


def test_the_class_page_of_a_known_code_is_not_held_back_either(strict, app, lesson):
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 303
    mistype(app)
    visitor = app.test_client()  # a pupil who opens the class link before joining: sent to the join form
    response = visitor.get(f"/class/{lesson.code}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/join/{lesson.code}")
    assert app.test_client().get("/class/FFFFFF").status_code == 429


def test_a_known_codes_bad_names_are_still_limited_per_code(app, lesson):
    app.config.update(JOIN_FAILURES_PER_ADDRESS="3 per minute", JOIN_FAILURES_PER_CODE="2 per minute")
    assert join_client(app.test_client(), lesson.code, "Sam").status_code == 303
    for _ in range(2):
        assert join_client(app.test_client(), lesson.code, "").status_code == 422
    assert join_client(app.test_client(), lesson.code, "Alex").status_code == 429
