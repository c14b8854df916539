"""Do pupils wait while teachers add long articles? The same uploads analysed in the request, then in the worker.

Run: ``.venv/bin/python benchmarks/upload_load.py`` (``--words``, ``--teachers``).
Issue 14: three teachers pasting long articles at once held all three web
workers for 30 s, and a pupil's page waited 32 s. This runs ``quizapp
serve --workers 3`` twice on a fresh SQLite database (the seed prepared):

1. ``QUIZAPP_TASK_QUEUE=immediate``: each analysis runs inside the
   teacher's request, as before the background worker existed;
2. the default (``sqlite``): the request queues the analysis and answers
   with the progress page; ``serve``'s one background worker analyses.

In each run ``--teachers`` teachers (3) log in and paste, at the same
moment, a distinct ``--words``-word article (10,000) built from the
OneStopEnglish corpus (Vajjala & Lučić 2018, CC BY-SA 4.0); meanwhile a
pupil asks for the seed article's page every half second, until every
article is ready. Reported: how long the teachers' requests took, how long
until every article was readable, and the pupil's page times (p50, p95,
max). Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the shared ServeProcess helper (tests/faults/serve_process.py)
sys.path.insert(0, str(ROOT / "benchmarks"))

import load_database  # noqa: E402
from analyze_length import corpus_paragraphs  # noqa: E402
from faults.serve_process import ServeProcess  # noqa: E402

SEED_PAGE = "/articles/reuters-syria-new-phase"
PASSWORD = "benchmark-password"


def articles(count: int, words: int) -> list[str]:
    """``count`` articles of about ``words`` words each, no paragraph shared between them."""
    paragraphs, made = iter(corpus_paragraphs()), []
    for number in range(count):
        body, total = [], 0
        while total < words:
            paragraph = next(paragraphs)
            body.append(paragraph)
            total += len(paragraph.split())
        made.append(f"Long read number {number + 1}\n\n" + "\n\n".join(body))
    return made


def token(html: str) -> str:
    """The CSRF token of a page's form."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def teacher_adds(base: str, email: str, text: str, out: dict, start: threading.Event) -> None:
    """Log in, wait for the others, paste; time the request, then until the article's page is there."""
    with httpx.Client(base_url=base, timeout=600) as client:
        html = client.get("/login").text
        client.post("/login", data={"csrf_token": token(html), "email": email, "password": PASSWORD})
        form = token(client.get("/teacher/articles/new").text)
        start.wait()
        began = time.monotonic()
        try:
            answer = client.post("/teacher/articles/new", data={"csrf_token": form, "text": text})
        except httpx.HTTPError as exc:  # gunicorn killed the worker at its timeout (30 s)
            out.update(
                request_s=time.monotonic() - began,
                ready_s=time.monotonic() - began,
                ok=False,
                error=type(exc).__name__,
            )
            return
        out["request_s"] = time.monotonic() - began
        out["status"] = answer.status_code
        location = answer.headers.get("Location", "")
        while "/jobs/" in location:  # the progress page: ask again, as its no-JavaScript reload does
            time.sleep(0.5)
            location = client.get(location).headers.get("Location", location)
        out["ready_s"] = time.monotonic() - began
        out["ok"] = location.startswith("/articles/")


def pupil_reads(base: str, until: threading.Event, times: list[float]) -> None:
    """The seed article's page, every half second, each time recorded."""
    with httpx.Client(base_url=base, timeout=600) as client:
        while not until.is_set():
            began = time.monotonic()
            assert client.get(SEED_PAGE).status_code == 200
            times.append(time.monotonic() - began)
            time.sleep(0.5)


def run(folder: Path, url: str, queue: str, texts: list[str], emails: list[str]) -> dict:
    """One serve run with ``QUIZAPP_TASK_QUEUE=queue``: the teachers' and the pupil's figures."""
    env = {
        "DATABASE_URL": url,
        "QUIZAPP_ENV": "production",
        "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
        "QUIZAPP_INSTANCE_PATH": str(folder / queue),
        "QUIZAPP_TASK_QUEUE": queue,
        "QUIZAPP_LOGIN_LIMIT_PER_ADDRESS": "1000 per minute",
    }
    with ServeProcess(env, folder / f"serve-{queue}.log", workers=3) as server:
        httpx.get(server.base_url + SEED_PAGE, timeout=60)  # warm: templates compiled
        start, done, pupil = threading.Event(), threading.Event(), []
        results = [{} for _ in texts]
        teachers = [
            threading.Thread(target=teacher_adds, args=(server.base_url, email, text, result, start))
            for email, text, result in zip(emails, texts, results)
        ]
        for thread in teachers:
            thread.start()
        reader = threading.Thread(target=pupil_reads, args=(server.base_url, done, pupil))
        time.sleep(2)  # logged in
        reader.start()
        start.set()
        for thread in teachers:
            thread.join()
        done.set()
        reader.join()
    pupil.sort()
    return {
        "queue": queue,
        "requests_s": [round(r["request_s"], 1) for r in results],
        "answers": [r.get("error") or r.get("status") for r in results],
        "ready_s": round(max(r["ready_s"] for r in results), 1),
        "all_ready": all(r["ok"] for r in results),
        "pupil_requests": len(pupil),
        "pupil_p50_ms": round(statistics.median(pupil) * 1000),
        "pupil_p95_ms": round(pupil[int(len(pupil) * 0.95) - 1] * 1000),
        "pupil_max_ms": round(pupil[-1] * 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--teachers", type=int, default=3)
    args = parser.parse_args()
    texts = articles(2 * args.teachers, args.words)
    with tempfile.TemporaryDirectory(prefix="upload-load-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'quizapp.sqlite3'}"
        load_database.prepare(url)
        app = load_database.app_for(url)
        emails = [f"teacher{n}@school.example" for n in range(args.teachers)]
        with app.app_context():
            from quizapp.services import teachers

            for email in emails:
                teachers.create_teacher(email, "Benchmark", PASSWORD)
        for queue, batch in (("immediate", texts[: args.teachers]), ("sqlite", texts[args.teachers :])):
            print(run(folder, url, queue, batch, emails), flush=True)


if __name__ == "__main__":
    main()
