"""The desk at county scale: re-dating open requests, the queue, the register export.

    python benchmarks/bench_desk.py [--quick] [--size N]

Builds a throw-away SQLite database (in a temporary directory) with N requests in one
department (half of them open, each with its register and start events), then times:
re-dating every open request (what loading a holiday schedule does), the queue's first
page for a handler, and the register exported to XLSX and CSV.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    size = 500 if args.quick else args.size

    tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ["GONGKAI_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from gongkai.web.accounts.models import Agency, User
    from gongkai.web.requests import clockwork, services
    from gongkai.web.requests.models import Request, RequestEvent

    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(
        name="平罗县卫生健康局", code="wj", tracking_format="平卫依申〔{year}〕{seq}号"
    )
    alice = User.objects.create_user("alice", password="x", agency=agency, is_handler=True)
    tz = ZoneInfo("Asia/Shanghai")
    cal = clockwork.calendar()
    today = date(2025, 12, 31)
    start = date(2024, 1, 2)
    rows, events = [], []
    t0 = time.perf_counter()
    for i in range(size):
        received = start + timedelta(days=(i * 700) // size)
        while not cal.is_working_day(received):
            received += timedelta(days=1)
        open_ = i % 2 == 0
        rows.append(
            Request(
                agency=agency,
                year=received.year,
                seq=i + 1,
                tracking_number=f"平卫依申〔{received.year}〕{i + 1}号",
                channel="in_person",
                applicant_type="natural_person",
                applicant_name="张三",
                id_number="11010519491231002X",
                phone=f"139{i:08d}",
                description=f"第{i}件：2023年乡镇卫生院资金分配文件",
                submitted_at=datetime(received.year, received.month, received.day, 9, tzinfo=tz),
                received_on=received,
                state="in_progress" if open_ else "replied",
                disposition="" if open_ else "granted",
                closed_on=None if open_ else cal.add_working_days(received, 15),
                handler=alice,
            )
        )
    Request.objects.bulk_create(rows, batch_size=1000)
    for req in Request.objects.all():
        events.append(
            RequestEvent(
                request=req,
                action="register",
                to_state="registered",
                on=req.received_on,
                data={"clock": "received"},
            )
        )
        events.append(
            RequestEvent(
                request=req,
                action="start",
                from_state="registered",
                to_state=req.state,
                on=req.received_on,
            )
        )
    RequestEvent.objects.bulk_create(events, batch_size=2000)
    built = time.perf_counter() - t0
    print(f"requests: {size} ({size // 2} open), events: {len(events)}; built in {built:.1f} s")

    t0 = time.perf_counter()
    count = services.redate_open_requests(today)
    took = time.perf_counter() - t0
    print(
        f"re-date every open request: {count} in {took:.2f} s ({took / max(count, 1) * 1000:.2f} ms each)"
    )

    client = Client()
    client.force_login(alice)
    os.environ["GONGKAI_TODAY"] = today.isoformat()
    t0 = time.perf_counter()
    client.get("/desk/?q=none")  # templates, URL resolver, session: the first request's cost
    print(f"first request (cold): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for label, url in [
        ("queue, first page (50 rows)", "/desk/"),
        ("queue, open only, searched", "/desk/?state=open&q=卫生院"),
        ("register export XLSX", "/desk/export.xlsx"),
        ("register export CSV", "/desk/export.csv"),
    ]:
        t0 = time.perf_counter()
        response = client.get(url)
        took = time.perf_counter() - t0
        assert response.status_code == 200, (url, response.status_code)
        print(f"{label}: {took * 1000:.0f} ms ({len(response.content) // 1024} KB)")


if __name__ == "__main__":
    main()
