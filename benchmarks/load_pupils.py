"""Simulated pupils for the classroom load benchmark: each one an httpx client with its own cookies.

A pupil does what a browser does: opens the join link (``GET /join/<code>``)
and reads the form's CSRF token, posts the code and a name (``POST /join``),
opens the class page (``GET /class/<code>``) and reads its token, then
autosaves each answer the way htmx does (``POST /class/<code>/answers/<n>``
with ``HX-Request: true``). Every request is timed and labelled by endpoint;
a pupil remembers each answer that got a 2xx, for the check afterwards that
the database holds exactly those.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx

JOIN_FORM = "GET /join/<code>"
JOIN = "POST /join"
CLASS_PAGE = "GET /class/<code>"
ANSWER = "POST /class/<code>/answers/<n>"
PING = "GET /_bench/ping"

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class Stats:
    """Latencies and failures per endpoint."""

    def __init__(self):
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, Counter] = defaultdict(Counter)

    async def timed(self, label: str, request, ok=range(200, 300)) -> httpx.Response | None:
        """Await ``request``, record its time under ``label``; the response if its status is in ``ok``, else None."""
        start = time.perf_counter()
        try:
            response = await request
        except httpx.HTTPError as exc:
            self.seconds[label].append(time.perf_counter() - start)
            self.failures[label][type(exc).__name__] += 1
            return None
        self.seconds[label].append(time.perf_counter() - start)
        if response.status_code not in ok:
            self.failures[label][f"HTTP {response.status_code}"] += 1
            return None
        return response

    def summary(self, label: str) -> dict:
        """Count, failures and p50/p95/p99 in milliseconds for ``label``."""
        samples = sorted(self.seconds.get(label, []))
        row = {
            "endpoint": label,
            "requests": len(samples),
            "errors": sum(self.failures[label].values()),
            "error_kinds": dict(self.failures[label]),
        }
        if len(samples) >= 2:
            cuts = statistics.quantiles(samples, n=100, method="inclusive")
            row.update(p50=cuts[49] * 1000, p95=cuts[94] * 1000, p99=cuts[98] * 1000, max=samples[-1] * 1000)
        return row


@dataclass
class Pupil:
    """One simulated pupil of the session ``code``, and the answers the server accepted from them."""

    code: str
    name: str
    answers: list[tuple[int, object]]  # (question number, response) in the order given
    accepted: dict[int, object] = field(default_factory=dict)
    joined: bool = False


def client_for(base_url: str, timeout: float) -> httpx.AsyncClient:
    """A browser's worth of client: its own cookies. Plain HTTP, so no TLS set-up (loading CA
    certificates costs ~20 ms of CPU per client, taken from the server on the same machine)."""
    return httpx.AsyncClient(base_url=base_url, timeout=timeout, verify=False)


def csrf_token(html: str) -> str | None:
    """The page's first CSRF token (Flask-WTF's hidden field)."""
    found = CSRF.search(html)
    return found and (found.group(1) or found.group(2))


def responses_for(questions: list[dict], rng: random.Random, count: int) -> list[tuple[int, object]]:
    """A plausible response to each of the first ``count`` questions: right or wrong at random, as pupils are."""
    out = []
    for number, question in enumerate(questions[:count], 1):
        kind, choices = question["type"], question.get("choices") or []
        if kind == "choice":
            response = rng.choice(choices)
        elif kind == "multi":
            response = rng.sample(choices, k=rng.randint(1, len(choices)))
        elif kind == "truefalse":
            response = rng.choice(["true", "false"])
        else:  # short, cloze: an accepted form or a wrong guess
            response = rng.choice([question["answer"][0][0], "I am not sure", "Turkey"])
        out.append((number, response))
    return out


async def join(client: httpx.AsyncClient, pupil: Pupil, stats: Stats) -> str | None:
    """Join as a browser does; the class page's CSRF token, or None if any step failed."""
    form = await stats.timed(JOIN_FORM, client.get(f"/join/{pupil.code}"))
    token = form and csrf_token(form.text)
    if not token:
        return None
    joined = await stats.timed(
        JOIN,
        client.post("/join", data={"csrf_token": token, "code": pupil.code, "name": pupil.name}),
        ok=(302, 303),
    )
    if joined is None:
        return None
    page = await stats.timed(CLASS_PAGE, client.get(f"/class/{pupil.code}"))
    pupil.joined = page is not None
    return page and csrf_token(page.text)


async def answer_all(client: httpx.AsyncClient, pupil: Pupil, token: str, stats: Stats) -> None:
    """Autosave every answer, one after the other, as fast as the server replies."""
    for number, response in pupil.answers:
        saved = await stats.timed(
            ANSWER,
            client.post(
                f"/class/{pupil.code}/answers/{number}",
                data={"csrf_token": token, "response": response},
                headers={"HX-Request": "true"},
            ),
        )
        if saved is not None:
            pupil.accepted[number] = response


async def lesson(
    base_url: str, pupils: list[Pupil], join_window: float, stats: Stats, timeout: float = 60
) -> dict:
    """Pupils join at random moments within ``join_window`` seconds; once all have, they all answer at once.

    All answering at once is the worst case (the teacher says "go"), and it
    makes the answer phase comparable with ``ping_burst``: the same number
    of clients, each sending its requests back to back. Returns the answer
    phase's duration and count.
    """
    everyone_joined = asyncio.Event()
    remaining = len(pupils)
    phase: dict[str, float] = {}

    async def one(pupil: Pupil, delay: float) -> None:
        nonlocal remaining
        async with client_for(base_url, timeout) as client:
            await asyncio.sleep(delay)
            token = None
            try:
                token = await join(client, pupil, stats)
            finally:  # a pupil who could not join must not keep the others waiting
                remaining -= 1
                if remaining == 0:
                    phase["start"] = time.perf_counter()
                    everyone_joined.set()
            await everyone_joined.wait()
            if token:
                await answer_all(client, pupil, token, stats)

    rng = random.Random(5)
    await asyncio.gather(*(one(pupil, rng.uniform(0, join_window)) for pupil in pupils))
    seconds = time.perf_counter() - phase["start"]
    accepted = sum(len(p.accepted) for p in pupils)
    return {"answer_seconds": seconds, "answers_accepted": accepted, "answers_per_second": accepted / seconds}


async def ping_burst(base_url: str, clients: int, each: int, stats: Stats, timeout: float = 60) -> dict:
    """``clients`` clients each asking for the bare endpoint ``each`` times back to back; requests per second."""

    async def one() -> int:
        done = 0
        async with client_for(base_url, timeout) as client:
            for _ in range(each):
                done += await stats.timed(PING, client.get("/_bench/ping")) is not None
        return done

    start = time.perf_counter()
    done = sum(await asyncio.gather(*(one() for _ in range(clients))))
    seconds = time.perf_counter() - start
    return {"ping_seconds": seconds, "pings": done, "pings_per_second": done / seconds}
