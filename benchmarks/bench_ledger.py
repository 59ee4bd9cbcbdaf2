"""Benchmark of the ledger: importing a CMS export, re-importing it, and the report figures.

    .venv/bin/python benchmarks/bench_ledger.py            # 20,000 rows (the import limit)
    .venv/bin/python benchmarks/bench_ledger.py --quick    # 2,000 rows

A fresh SQLite database in a temporary folder; one agency with a 30-category catalog.
The CSV has one bad row in 50 (each with a different problem). Then `table_two`,
`overview_facts` and `table_four` run over the imported items plus 2,000 normative
documents and 1,000 appeals, and the time of one call is printed with its query count.
Prints the figures; asserts nothing about time.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHANNELS = ["门户网站", "微信公众号", "微博", "公开栏", "电子屏", "其他"]
BAD = ["", "抖音", "2024-02-30", "2999-01-01"]


def make_csv(rows: int, categories: list[str], rng: random.Random) -> bytes:
    lines = ["编号,标题,文号,栏目/类别,发布渠道,发布日期"]
    start = date(2023, 1, 1)
    for n in range(rows):
        day = start + timedelta(days=rng.randrange(700))
        channels = "、".join(rng.sample(CHANNELS, rng.randint(1, 3)))
        title = f"信息公开事项第{n}号"
        day_text = day.isoformat()
        if n % 50 == 49:  # one bad row in 50
            problem = BAD[(n // 50) % len(BAD)]
            if problem in ("", "抖音"):
                channels = problem
            else:
                day_text = problem
        number = f"平卫发〔{day.year}〕{n}号" if n % 3 == 0 else ""
        lines.append(f"cms-{n},{title},{number},{rng.choice(categories)},{channels},{day_text}")
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--quick", action="store_true", help="2,000 rows")
    args = parser.parse_args()
    rows = 2000 if args.quick else args.rows

    tmp = tempfile.mkdtemp(prefix="bench-ledger-")
    os.environ["GONGKAI_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from gongkai.web.accounts.models import Agency, User
    from gongkai.web.appeals.figures import table_four
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.ledger import services
    from gongkai.web.ledger.figures import overview_facts, table_two
    from gongkai.web.ledger.models import Category, NormativeDocument

    rng = random.Random(7)
    agency = Agency.objects.create(name="平罗县卫生健康局", code="pingluo-wj")
    user = User.objects.create(username="alice", agency=agency, is_handler=True)
    names = [f"类别{n}" for n in range(30)]
    for name in names:
        Category.objects.create(agency=agency, name=name, article_item=rng.randint(1, 15))
    data = make_csv(rows, [*names, "第二十条第（五）项"], rng)
    now, today = datetime(2025, 1, 10, tzinfo=UTC), date(2025, 1, 10)

    t0 = time.perf_counter()
    run = services.import_items(agency, user, "cms.csv", data, now, today)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = services.import_items(agency, user, "cms.csv", data, now, today)
    second = time.perf_counter() - t0
    print(
        f"import {rows} rows ({len(data) / 1e6:.1f} MB): {first:.2f} s, "
        f"{rows / first:,.0f} rows/s; created {run.created}, bad {len(run.bad_rows)}"
    )
    print(
        f"re-import same file: {second:.2f} s, {rows / second:,.0f} rows/s; "
        f"created {again.created}, updated {again.updated}"
    )

    NormativeDocument.objects.bulk_create(
        NormativeDocument(
            agency=agency,
            kind=rng.choice(["rule", "normative"]),
            doc_number=f"平卫规〔{n}〕",
            title="办法",
            issued_on=date(2015, 1, 1) + timedelta(days=rng.randrange(3600)),
            abolished_on=None if n % 4 else date(2024, 6, 30),
        )
        for n in range(2000)
    )
    Appeal.objects.bulk_create(
        Appeal(
            agency=agency,
            kind=rng.choice(["review", "litigation_direct"]),
            appellant="张某",
            filed_on=date(2024, 1, 1) + timedelta(days=rng.randrange(365)),
            decided_on=date(2024, 12, 1) if n % 2 else None,
            result="upheld" if n % 2 else "pending",
        )
        for n in range(1000)
    )
    for label, call in (
        ("table_two(2024, '2021')", lambda: table_two(agency, 2024, "2021")),
        ("table_two(2020, '2019')", lambda: table_two(agency, 2020, "2019")),
        ("overview_facts(2024)", lambda: overview_facts(agency, 2024)),
        ("table_four(2024)", lambda: table_four(agency, 2024)),
    ):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            call()
            took = time.perf_counter() - t0
        print(f"{label}: {took * 1000:.1f} ms, {len(queries)} queries")


if __name__ == "__main__":
    main()
