"""Hypothesis profiles: fixed examples in `make test`, long random runs in `make fuzz`.

`make test` must never go red by chance, so its profile is derandomised: the same
examples every run, no example database, no deadline (a busy CI machine is slow).
`make fuzz` (HYPOTHESIS_PROFILE=fuzz) explores: random, fifty times the examples, and
it keeps what it finds in .hypothesis/ so a failure replays. Every bug found there
becomes an ``@example`` on its test, so `make test` checks it from then on.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ_FACTOR = 50

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
    database=DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis" / "examples"),
)
settings.load_profile(PROFILE)


def examples(count: int) -> settings:
    """Settings for a property test that runs ``count`` examples (fifty times as many when fuzzing)."""
    return settings(max_examples=count * (FUZZ_FACTOR if PROFILE == "fuzz" else 1))
