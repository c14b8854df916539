"""One organisation named two ways in the same article.

"Carnegie Mellon University Robotics Institute" and, later, "Carnegie
Mellon's Robotics Institute" are one institute: the second leaves a word
out and says the owner with a possessive. Two entries for it would send a
pupil to the glossary twice and split its mentions between them.
"""

from __future__ import annotations

from dataclasses import replace

from quizapp.text.actors.candidate import Candidate

MIN_WORDS = 3  # "Carnegie Institute" inside "Carnegie Mellon Institute" is too little to go on


def one_organisation(candidates: list[Candidate]) -> list[Candidate]:
    """Give a shorter spelling of an organisation's name the key of the fuller one it abbreviates."""
    keys = {c.key for c in candidates if c.key.startswith("org:")}
    fuller = {short: long for short in keys for long in keys if short != long and _abbreviates(short, long)}
    return [replace(c, key=fuller[c.key]) if c.key in fuller else c for c in candidates]


def _abbreviates(short: str, long: str) -> bool:
    """Same first and last word, the short name's words in order inside the long one's ("s" of "'s" aside)."""
    a = [w for w in short.removeprefix("org:").split() if w != "s"]
    b = long.removeprefix("org:").split()
    if len(a) < MIN_WORDS or len(a) >= len(b) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b)
    return all(word in rest for word in a)
