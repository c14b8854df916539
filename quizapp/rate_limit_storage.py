"""``memory://`` rate-limit counts without a thread per hit: expired counts are swept by the requests themselves.

No Flask here. The ``limits`` package's ``MemoryStorage`` starts a
``threading.Timer`` of 10 ms after any hit that finds the last one
finished, so with requests more than 10 ms apart (a class autosaving)
nearly every limited request starts a thread and waits for it to run:
310 threads in 400 autosaves, a sixth of an autosave's CPU in a profile,
and on a busy machine a wait for the scheduler on top.

The sweep only frees memory: ``get`` drops a count whose window has ended
when it is next read, so no limit ever sees a stale one. So this
subclass sweeps in the hitting request instead, at most every
``SWEEP_SECONDS``, and registers itself for the ``memory`` scheme (the
registry is how ``limits`` lets an application replace a storage): every
``memory://`` counter in this process, the default, is this one.
``limits`` calls the timer's starter by its private name, which is why that
name is overridden; ``tests/security/test_rate_limit_storage.py`` checks that hits
start no thread, so an upgrade that renames it is caught.
"""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

SWEEP_SECONDS = 30.0  # the shortest window the app sets is a minute; counts may outlive theirs by this much


class SweptMemoryStorage(MemoryStorage):
    """``MemoryStorage`` whose expired counts are swept inline, at most every ``SWEEP_SECONDS``."""

    STORAGE_SCHEME = ["memory"]

    _next_sweep = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # the private name MemoryStorage calls
        """Sweep now if the last sweep is ``SWEEP_SECONDS`` old; never start a thread."""
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_SECONDS
            self.sweep()

    def sweep(self) -> None:
        """Drop every count whose window has ended, and every moving window whose newest hit has expired.

        Other threads of the worker hit the same counters meanwhile: each key
        is looked up again with a default (``get`` drops an expired count the
        same way), so a key another request dropped first is no error.
        """
        now = time.time()
        for key, expires in list(self.expirations.items()):
            if expires <= now:
                self.get(key)
        for key in list(self.events):
            with self.locks[key]:
                newest = self.events.get(key)
                if not newest or newest[0].expiry <= now:
                    self.events.pop(key, None)
                    self.locks.pop(key, None)
