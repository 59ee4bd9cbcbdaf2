"""Load test: the demo served by the production server (gunicorn), on SQLite and on
PostgreSQL, driven for 60 s by staff reading the desk and acting on requests while
applicants submit from many addresses and look their requests up.

Prints requests/s and p50/p95/p99 per page, and the status codes: there must be no 5xx and
no 4xx other than 429 (rate limits). Loopback only. Usage:

    python benchmarks/bench_load.py [--seconds 60 | --quick] [--backend sqlite|postgresql|both]

PostgreSQL: DATABASE_URL_PG or DATABASE_URL (a role that may create databases), default
postgres://gongkai:gongkai@127.0.0.1:5432/gongkai; a fresh database is made and dropped.
Exit status 1 when an answer broke the rule above.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadsite import (
    Browser,
    Recorder,
    Site,
    act_on,
    agency_options,
    apply_once,
    percentile,
    read_desk,
    track,
)

STAFF = [  # (user, acts?) — handlers act, the others read
    ("wj_handler", True),
    ("jy_handler", True),
    ("zr_handler", True),
    ("wj_reviewer", False),
    ("jy_head", False),
    ("gov_supervisor", False),
]
DEFAULT_PG = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"


def staff_loop(site: Site, recorder: Recorder, user: str, acts: bool, until: float, today: str):
    browser = Browser(site.base, recorder)
    browser.login(user)
    rng = random.Random(user)
    states = ["submitted", "registered", ""] if acts else [""]  # handlers look for work
    turn = 0
    while time.monotonic() < until:
        turn += 1
        ids = read_desk(browser, states[turn % len(states)])
        for pk in rng.sample(ids, min(3, len(ids))):
            if time.monotonic() >= until:
                return
            if acts:
                if act_on(browser, pk, today) is None:
                    continue
            else:
                browser.get(f"/desk/{pk}/", "GET /desk/<id>/")


def applicant_loop(site: Site, recorder: Recorder, n: int, agencies: list[str], until: float):
    rng = random.Random(n)
    seq = n * 100_000
    while time.monotonic() < until:
        seq += 1
        # A new address for each application: many people behind the proxy.
        address = f"10.{rng.randrange(1, 255)}.{rng.randrange(0, 255)}.{rng.randrange(1, 255)}"
        browser = Browser(site.base, recorder, address=address)
        apply_once(browser, rng.choice(agencies), seq)
        for number, code in browser.applied:
            track(browser, number, code)
        browser.get("/", "GET /")


def drive(site: Site, seconds: float, applicants: int, today: str) -> tuple[Recorder, float]:
    recorder = Recorder()
    agencies = agency_options(Browser(site.base))
    start = time.monotonic()
    until = start + seconds
    threads = [
        threading.Thread(target=staff_loop, args=(site, recorder, user, acts, until, today))
        for user, acts in STAFF
    ]
    threads += [
        threading.Thread(target=applicant_loop, args=(site, recorder, n, agencies, until))
        for n in range(applicants)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recorder, time.monotonic() - start


def report(name: str, recorder: Recorder, elapsed: float) -> bool:
    total = sum(len(rows) for rows in recorder.pages.values())
    print(f"\n== {name}: {total} requests in {elapsed:.1f} s = {total / elapsed:.1f} requests/s")
    print(f"{'page':<34}{'n':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for page in sorted(recorder.pages):
        times = [s * 1000 for _, s in recorder.pages[page]]
        print(
            f"{page:<34}{len(times):>6}{len(times) / elapsed:>8.1f}"
            f"{percentile(times, 50):>9.0f}{percentile(times, 95):>9.0f}"
            f"{percentile(times, 99):>9.0f}"
        )
    statuses = recorder.statuses()
    print("status codes:", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    bad = recorder.bad(allowed=(200, 302, 429))
    if bad:
        print("NOT ALLOWED (5xx, or 4xx other than 429):", bad)
    staff = [
        s * 1000
        for page, rows in recorder.pages.items()
        if page.startswith(("GET /desk", "POST /desk"))
        for _, s in rows
    ]
    print(f"staff pages together: p95 {percentile(staff, 95):.0f} ms")
    return not bad


def pg_database(url: str):
    """A fresh database next to `url`'s (None if PostgreSQL cannot be reached)."""
    import psycopg

    name = f"gongkai_bench_{os.getpid()}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL not reachable at {url}: {exc}")
        return None, lambda: None

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{url.rsplit('/', 1)[0]}/{name}", drop


def run(backend: str, seconds: float, workers: int, applicants: int, today: str) -> bool:
    drop = lambda: None  # noqa: E731
    url = None
    if backend == "postgresql":
        base = os.environ.get("DATABASE_URL_PG") or os.environ.get("DATABASE_URL") or DEFAULT_PG
        url, drop = pg_database(base)
        if url is None:
            return True
    try:
        with tempfile.TemporaryDirectory(prefix=f"gongkai-bench-{backend}-") as tmp:
            started = time.monotonic()
            with Site(Path(tmp), database_url=url, workers=workers, demo=True, today=today) as site:
                print(
                    f"\n{backend}: demo loaded and served by gunicorn with {workers} workers "
                    f"in {time.monotonic() - started:.0f} s; driving {len(STAFF)} staff and "
                    f"{applicants} applicants for {seconds:.0f} s"
                )
                recorder, elapsed = drive(site, seconds, applicants, today)
                ok = report(backend, recorder, elapsed)
                if "Traceback" in site.log():
                    print("server log has a traceback:\n" + site.log()[-3000:])
                    ok = False
                return ok
    finally:
        drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quick", action="store_true", help="15 s per backend")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=min(2 * (os.cpu_count() or 1) + 1, 8))
    parser.add_argument("--applicants", type=int, default=8, help="applicant threads")
    args = parser.parse_args()
    seconds = 15 if args.quick else args.seconds
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = all([run(b, seconds, args.workers, args.applicants, today) for b in backends])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
