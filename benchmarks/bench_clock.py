"""Deadline computations per second: the rank-indexed calendar vs. a day-by-day walker.

Random histories: received 2015–2026, a correction in a quarter of them, up to two
consultations, an extension in one in five. Prints the figures; asserts only that both
methods agree on the sample the walker computes.

    .venv/bin/python benchmarks/bench_clock.py [--n 1000000] [--quick]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from gongkai.clock import ClockEvent, WorkCalendar, due_date, run_clock

History = tuple[date, date, list[tuple[date, date]], int]


def histories(n: int, seed: int = 2019) -> list[History]:
    rng = random.Random(seed)
    first = date(2015, 1, 1).toordinal()
    span = date(2026, 10, 31).toordinal() - first
    out: list[History] = []
    for _ in range(n):
        received = date.fromordinal(first + rng.randrange(span))
        start = received + timedelta(days=rng.randrange(3, 20)) if rng.random() < 0.25 else received
        pauses = []
        for _ in range(rng.choice((0, 0, 1, 2))):
            sent = start + timedelta(days=rng.randrange(1, 25))
            pauses.append((sent, sent + timedelta(days=rng.randrange(0, 22))))
        days = 40 if rng.random() < 0.2 else 20
        out.append((received, start, pauses, days))
    return out


def naive_due(cal: WorkCalendar, start: date, n: int, pauses: list[tuple[date, date]]) -> date:
    """What a straightforward implementation does: walk the calendar one day at a time."""
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        if cal.is_working_day(d) and not any(a < d <= b for a, b in pauses):
            counted += 1
    return d


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s ({count:,} in {seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 requests")
    args = parser.parse_args()
    n = 100_000 if args.quick else args.n

    t0 = time.perf_counter()
    cal = WorkCalendar()
    print(f"calendar 2004–2060 precomputed in {(time.perf_counter() - t0) * 1000:.1f} ms")
    sample = histories(n)

    t0 = time.perf_counter()
    fast = [due_date(cal, start, days, pauses)[0] for _, start, pauses, days in sample]
    print(f"due_date (rank index)     : {rate(n, time.perf_counter() - t0)}")

    sub = sample[: max(1, n // 10)]
    t0 = time.perf_counter()
    for received, start, pauses, days in sub:
        events = [ClockEvent("received", received)]
        if start != received:
            events.append(ClockEvent("correction_received", start))
        for sent, answered in pauses:
            events.append(ClockEvent("consultation_sent", sent))
            events.append(ClockEvent("consultation_answered", answered))
        if days == 40:
            events.append(ClockEvent("extended", start))
        run_clock(events, cal)
    print(
        f"run_clock (with Chinese explanation, validation): {rate(len(sub), time.perf_counter() - t0)}"
    )

    walk = sample[: max(1, n // 50)]
    t0 = time.perf_counter()
    slow = [naive_due(cal, start, days, pauses) for _, start, pauses, days in walk]
    print(f"day-by-day walker         : {rate(len(walk), time.perf_counter() - t0)}")
    assert slow == fast[: len(walk)], "the two methods disagree"
    print(f"both methods agree on {len(walk):,} histories")


if __name__ == "__main__":
    main()
