"""Benchmark: building table 三 of the annual report from the request records.

One agency with 100,000 requests, and a county of 50 departments with 1,000,000 requests
in total, on SQLite and (when reachable) PostgreSQL; rows are bulk-inserted into a fresh
test database. Prints seconds per agency. `--quick` uses a tenth of the sizes.

    .venv/bin/python benchmarks/bench_build.py [--quick] [--db sqlite|postgres|both]

PostgreSQL: DATABASE_URL_PG or postgres://gongkai:gongkai@127.0.0.1:5432/gongkai (the
role must be allowed to create the test database).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_DEFAULT = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"
YEAR = 2023
TZ = ZoneInfo("Asia/Shanghai")
BATCH = 5000


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def _rows(agency_id: int, count: int, rng: random.Random):
    """Column values (attname -> value) of `count` requests received over three years."""
    from gongkai.report.model import APPLICANT_COLUMNS, disposition_keys

    dispositions = list(disposition_keys("2021"))
    weights = [70, 15, 4, 3, 3, 5][: len(APPLICANT_COLUMNS)]
    start = date(YEAR - 1, 1, 1)
    for seq in range(1, count + 1):
        received = start + timedelta(days=rng.randrange(3 * 365))
        still_open = rng.random() < 0.03
        yield {
            "agency_id": agency_id,
            "year": received.year,
            "seq": seq,
            "tracking_number": f"B{agency_id}-{seq}",
            "channel": "online",
            "applicant_type": rng.choices(APPLICANT_COLUMNS, weights)[0],
            "applicant_name": "申请人",
            "description": "基准测试",
            "submitted_at": datetime(received.year, received.month, received.day, 9, tzinfo=TZ),
            "received_on": received,
            "state": "accepted" if still_open else "replied",
            "disposition": "" if still_open else rng.choice(dispositions),
            "closed_on": None if still_open else received + timedelta(days=rng.randrange(5, 60)),
        }


def _insert(agency_id: int, count: int, rng: random.Random) -> None:
    """Bulk insert in one transaction: COPY on PostgreSQL, `executemany` on SQLite."""
    from django.db import connection, transaction

    from gongkai.web.requests.models import Request

    fields = [f for f in Request._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    defaults["created_at"] = datetime(YEAR, 12, 31, tzinfo=TZ)
    table = Request._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def values(row: dict) -> list:
        merged = {**defaults, **row}
        return [merged[f.attname] for f in fields]

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")  # set-up, not what we measure
    with transaction.atomic():
        if connection.vendor == "postgresql":
            raw = connection.connection
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in _rows(agency_id, count, rng):
                    copy.write_row(values(row))
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        with connection.cursor() as cursor:
            batch = []
            for row in _rows(agency_id, count, rng):
                batch.append(values(row))
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)


def _time_table(agency_ids: list[int]) -> tuple[float, dict]:
    from gongkai.web.annual_reports.building import table_three

    started = time.perf_counter()
    table = table_three(agency_ids, YEAR, "2021")
    return time.perf_counter() - started, table


def _check(table: dict) -> None:
    from gongkai.report.model import REQUEST_COLUMNS

    for col in REQUEST_COLUMNS:
        left = table["new"][col] + table["carried_over"][col]
        right = table["total"][col] + table["carry_forward"][col]
        assert left == right, (col, left, right)  # 一 + 二 = 三 + 四, by construction


def run(label: str, one_size: int, departments: int, county_size: int) -> None:
    from django.db import connection

    from gongkai.web.accounts.models import Agency

    rng = random.Random(20240131)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        print(f"== {label} ({connection.vendor})")
        started = time.perf_counter()
        single = Agency.objects.create(name="基准测试局", code="bench-one")
        _insert(single.id, one_size, rng)
        print(f"  inserted {one_size:,} requests in {time.perf_counter() - started:.1f} s")
        seconds, table = _time_table([single.id])
        _check(table)
        print(f"  one agency, {one_size:,} requests: table 三 in {seconds:.3f} s")

        started = time.perf_counter()
        county = Agency.objects.create(
            name="基准测试县人民政府", code="bench-gov", kind="government"
        )
        ids = []
        per = county_size // departments
        for n in range(departments):
            dept = Agency.objects.create(name=f"基准测试部门{n}", code=f"bench-d{n}", parent=county)
            _insert(dept.id, per, rng)
            ids.append(dept.id)
        print(
            f"  inserted {per * departments:,} requests for {departments} departments "
            f"in {time.perf_counter() - started:.1f} s"
        )
        times = []
        for dept_id in ids:
            seconds, table = _time_table([dept_id])
            _check(table)
            times.append(seconds)
        print(
            f"  county of {departments} departments ({per * departments:,} requests): "
            f"table 三 per department {sum(times) / len(times):.3f} s on average "
            f"(max {max(times):.3f} s), all {sum(times):.2f} s"
        )
        seconds, table = _time_table(ids)
        _check(table)
        print(
            f"  county roll-up of all {departments} departments in one query set: {seconds:.3f} s"
        )
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
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    sizes = (100_000 // scale, 50, 1_000_000 // scale)
    pg_url = os.environ.get("DATABASE_URL_PG", PG_DEFAULT)
    targets = []
    if args.db in ("sqlite", "both"):
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        targets.append(("SQLite", f"sqlite:///{path}"))
    if args.db in ("postgres", "both"):
        if _pg_reachable(pg_url):
            targets.append(("PostgreSQL", pg_url))
        else:
            print("PostgreSQL not reachable: skipped")
    for label, url in targets:
        # Django binds one database per process: each target runs in a child process.
        if len(targets) > 1:
            import subprocess

            only = "sqlite" if label == "SQLite" else "postgres"
            cmd = [sys.executable, __file__, "--db", only] + (["--quick"] if args.quick else [])
            env = {**os.environ, "DATABASE_URL_PG": pg_url}
            subprocess.run(cmd, check=True, env=env)
            continue
        _setup(url)
        if label == "SQLite":
            from django.conf import settings

            settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = url.removeprefix(
                "sqlite:///"
            )
        run(label, *sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
