"""Join codes a client address has shown it knows: a pupil there joined with it, or its teacher showed it.

Issue 16, item 3: a whole school reaches the server from one address, so
twenty mistyped codes from one class used to lock every pupil of that
school out for a minute, a pupil typing the right code included. Failed
joins are still counted per address (that is what stops an address
guessing codes), but a code this address already knows is never refused by
that count: the class that is running goes on joining while another
class's typos wait.

A code becomes known to an address when a pupil from it joins the class,
or when the teacher's projector page for the class is opened from it. A
guesser has neither, so once over the limit every guess of theirs is
refused alike, right or wrong: the refusal tells them nothing.

The marks live in the rate limiter's storage (memory, or Redis shared by
several app servers), keyed by address and code, for ``KNOWN_FOR_SECONDS``
from the first mark.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_limiter.util import get_remote_address

from quizapp.extensions import limiter

KNOWN_FOR_SECONDS = 12 * 60 * 60  # a school day; every join after that marks the code again
PREFIX = "quizapp/known-code/"


def _key(code: str) -> str:
    """The storage key for this client address and ``code`` (hashed: the key may sit in Redis)."""
    digest = hashlib.sha256(f"{get_remote_address()}|{code}".encode()).hexdigest()[:32]
    return PREFIX + digest


def _storage():
    """The limiter's storage, or None when rate limits are off (nothing to be exempt from then)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True) or not limiter.enabled:
        return None
    return limiter.storage


def remember(code: str) -> None:
    """Mark ``code`` (as stored: ``normalise_code``) as known to the requesting address."""
    storage = _storage()
    if storage is not None and code:
        storage.incr(_key(code), KNOWN_FOR_SECONDS)


def known(code: str) -> bool:
    """Whether the requesting address has shown it knows ``code``."""
    storage = _storage()
    return bool(storage is not None and code and storage.get(_key(code)) > 0)
