"""``memory://`` rate-limit counts: kept and expired as before, but without a thread started per hit."""

import threading
import time

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from quizapp import create_app, rate_limit_storage
from quizapp.extensions import limiter
from quizapp.rate_limit_storage import SweptMemoryStorage


@pytest.fixture
def storage():
    """A fresh ``memory://`` storage, its start-up timer finished."""
    made = storage_from_string("memory://")
    made.timer.join()
    return made


@pytest.fixture
def threads_started(monkeypatch):
    """A list that gets a name for every thread started from now on."""
    started = []
    real_start = threading.Thread.start

    def start(thread):
        started.append(thread.name)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    return started


def test_the_app_counts_in_the_swept_storage(app_config):
    create_app(app_config)
    assert isinstance(limiter.storage, SweptMemoryStorage)


def test_hits_start_no_thread(storage, threads_started):
    """``limits``' own storage starts a timer thread on a hit that finds the last one finished."""
    for _ in range(3):
        storage.incr("key", 60)
        time.sleep(0.02)  # longer than the library's 10 ms timer
    assert threads_started == []
    assert storage.get("key") == 3


def test_a_limit_is_still_a_limit(storage):
    limits = FixedWindowRateLimiter(storage)
    two = parse("2 per minute")
    assert [limits.hit(two, "pupil") for _ in range(3)] == [True, True, False]
    assert limits.hit(two, "another pupil")


def test_a_count_whose_window_ended_is_swept_by_a_later_hit(storage, monkeypatch):
    storage.incr("old", 0.01)
    time.sleep(0.02)
    storage._next_sweep = 0.0  # the last sweep is long enough ago
    storage.incr("new", 60)
    assert "old" not in storage.expirations and "old" not in storage.storage
    assert storage.get("new") == 1


def test_sweeps_wait_their_turn(storage, monkeypatch):
    swept = []
    monkeypatch.setattr(SweptMemoryStorage, "sweep", lambda self: swept.append(1))
    for _ in range(5):
        storage.incr("key", 60)
    assert len(swept) == 1 and rate_limit_storage.SWEEP_SECONDS >= 1
