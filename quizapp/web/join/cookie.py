"""The classes a browser joined, kept in its signed session cookie: code -> token, oldest first.

Stored as a list of ``[code, token]`` pairs, not a mapping: Flask writes a
session's mappings with their keys sorted, so a mapping came back in
alphabetical order and the "oldest" class forgotten was the alphabetically
first one. A cookie from before (a mapping) is still read.
"""

from __future__ import annotations

from flask import session

COOKIE_KEY = "classes"  # session[COOKIE_KEY] = [[code, token], ...], oldest first
MAX_REMEMBERED = 8  # classes one browser remembers; the oldest is forgotten first (the cookie stays small)


def remembered() -> dict[str, str]:
    """Every class this browser joined, code -> token, in the order they were joined."""
    stored = session.get(COOKIE_KEY)
    pairs = stored.items() if isinstance(stored, dict) else stored if isinstance(stored, list) else []
    return {
        str(pair[0]): str(pair[1]) for pair in pairs if isinstance(pair, (list, tuple)) and len(pair) == 2
    }


def keep(code: str, token: str) -> None:
    """Remember ``token`` for ``code`` as the newest class, forgetting the oldest past ``MAX_REMEMBERED``."""
    classes = remembered()
    classes.pop(code, None)
    classes[code] = token
    session[COOKIE_KEY] = [[c, t] for c, t in list(classes.items())[-MAX_REMEMBERED:]]
