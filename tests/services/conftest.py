"""Fixtures the classroom service tests share."""

import pytest
from classroom_factories import start_class_session


@pytest.fixture
def lesson(app):
    """A started session of the four-question pack, feedback after each question."""
    return start_class_session(app)
