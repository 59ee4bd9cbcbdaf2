"""Benchmark: the appraisal indicators (考核指标) of a county of 50 departments.

Each department gets a year of records: 200 disclosure requests (90 % answered, some late,
some with a correction notice), 400 engagement messages, 60 published ledger items with
their review events, 10 interpretations, 6 appeals and last year's published report.
Prints the time to compute every department's indicators and score (`appraise`), per
department, and the charts of the supervisor's page. `--quick` uses 10 departments.

    .venv/bin/python benchmarks/bench_appraisal.py [--quick] [--db sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_DEFAULT = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"
YEAR = 2025
TODAY = date(2026, 3, 2)
AT = datetime(2025, 6, 1, tzinfo=UTC)


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def _department(n: int, county, rng: random.Random) -> None:
    from gongkai.clock.calendar import WorkCalendar
    from gongkai.report.model import Report
    from gongkai.web.accounts.models import Agency
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.engagement.models import Interpretation, Message
    from gongkai.web.ledger.models import Item, ItemEvent
    from gongkai.web.requests.models import Request, RequestEvent

    dept = Agency.objects.create(name=f"基准测试部门{n}", code=f"bench-d{n}", parent=county)
    cal = WorkCalendar()
    requests = []
    for seq in range(1, 201):
        received = date(YEAR, 1, 2) + timedelta(days=rng.randrange(355))
        answered = rng.random() < 0.9
        closed = received + timedelta(days=rng.choice([10, 15, 20, 25, 45]))
        due = cal.add_working_days(received, 20)
        # the desk's recorded fact: the due date that passed unanswered
        missed = due if (closed if answered else TODAY) > due else None
        requests.append(
            Request(
                agency=dept,
                year=YEAR,
                seq=seq,
                tracking_number=f"B{n}-{seq}",
                channel="online",
                applicant_type="natural_person",
                applicant_name="申请人",
                description="基准测试",
                submitted_at=AT,
                received_on=received,
                state="replied" if answered else "in_progress",
                disposition="granted" if answered else "",
                closed_on=closed if answered else None,
                due_on=None if answered else due,
                missed_due_on=missed,
            )
        )
    Request.objects.bulk_create(requests)
    events = [
        RequestEvent(
            request=r,
            action="request_correction",
            to_state="correction_requested",
            on=r.received_on + timedelta(days=rng.choice([3, 12])),
            data={"clock": "correction_requested"},
        )
        for r in Request.objects.filter(agency=dept)[:20]
    ]
    RequestEvent.objects.bulk_create(events)
    Message.objects.bulk_create(
        Message(
            agency=dept,
            channel=rng.choice(["hotline", "hotline", "head_mailbox", "message_board"]),
            ticket_number=f"T{n}-{i}",
            received_on=(d := date(YEAR, 1, 2) + timedelta(days=rng.randrange(355))),
            topic="诉求",
            answered_on=d + timedelta(days=rng.randrange(1, 12)),
            limit_days=5,
            satisfaction=rng.choice(["satisfied", "basically_satisfied", "dissatisfied", ""]),
            import_key=f"ticket|T{n}-{i}",
        )
        for i in range(400)
    )
    items = Item.objects.bulk_create(
        Item(
            agency=dept,
            title=f"信息{i}",
            state="published",
            published_on=date(YEAR, 1, 2) + timedelta(days=rng.randrange(355)),
            created_at=AT,
        )
        for i in range(60)
    )
    ItemEvent.objects.bulk_create(
        ItemEvent(item=item, action="approve", at=AT, on=item.published_on) for item in items[:54]
    )
    Interpretation.objects.bulk_create(
        Interpretation(
            agency=dept,
            title=f"解读{i}",
            policy=items[i],
            form="graphic",
            channel="portal",
            published_on=items[i].published_on + timedelta(days=i % 5),
        )
        for i in range(10)
    )
    Appeal.objects.bulk_create(
        Appeal(
            agency=dept,
            kind="review",
            appellant="申请人",
            filed_on=date(YEAR, 2, 1),
            decided_on=date(YEAR, 5, 1),
            result=rng.choice(["upheld", "corrected"]),
        )
        for _ in range(6)
    )
    AnnualReport.objects.create(
        agency=dept,
        year=YEAR - 1,
        state="published",
        published_on=date(YEAR, 1, 20),
        due_on=date(YEAR, 1, 31),
        data=Report.empty("2021", agency=dept.name, year=YEAR - 1).to_json(),
    )


def run(label: str, departments: int) -> None:
    from django.db import connection

    from gongkai.appraisal.scoring import Scheme
    from gongkai.web.accounts.models import Agency
    from gongkai.web.appraisal.pictures import charts_for
    from gongkai.web.appraisal.queries import appraise, departments_under

    rng = random.Random(20251231)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        print(f"== {label} ({connection.vendor})")
        started = time.perf_counter()
        county = Agency.objects.create(
            name="基准测试县人民政府", code="bench-gov", kind="government"
        )
        for n in range(departments):
            _department(n, county, rng)
        print(
            f"  records of {departments} departments inserted in {time.perf_counter() - started:.1f} s"
        )
        depts = departments_under(county)
        started = time.perf_counter()
        results = appraise(depts, YEAR, TODAY, Scheme())
        seconds = time.perf_counter() - started
        print(
            f"  indicators + scores + ranking of {departments} departments: {seconds:.2f} s "
            f"({seconds / departments * 1000:.0f} ms per department)"
        )
        top = results[0]
        print(
            f"  first: {top.agency.name} {top.score.total:.2f}; last: {results[-1].score.total:.2f}"
        )
        started = time.perf_counter()
        charts_for(depts, YEAR, results)
        print(f"  the four charts of the supervisor's page: {time.perf_counter() - started:.2f} s")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _pg_reachable(url: str) -> bool:
    try:
        import psycopg

        psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3).close()
    except Exception:  # any failure: no server, no role, no driver
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 departments instead of 50")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    args = parser.parse_args(argv)
    departments = 10 if args.quick else 50
    pg_url = os.environ.get("DATABASE_URL_PG", PG_DEFAULT)
    targets = []
    if args.db in ("sqlite", "both"):
        targets.append(("SQLite", f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"))
    if args.db in ("postgres", "both"):
        if _pg_reachable(pg_url):
            targets.append(("PostgreSQL", pg_url))
        else:
            print("PostgreSQL not reachable: skipped")
    for label, url in targets:  # one database per process: Django's settings are read once
        if len(targets) > 1:
            import subprocess

            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    *(argv or sys.argv[1:]),
                    "--db",
                    "sqlite" if label == "SQLite" else "postgres",
                ],
                check=True,
            )
            continue
        _setup(url)
        run(label, departments)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
