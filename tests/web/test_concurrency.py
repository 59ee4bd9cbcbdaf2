"""An office at work: the production server (gunicorn, 4 worker processes) on a file SQLite
database, 16 applicants submitting at the same moment while staff read the desk and two
handlers act on requests. No 500 ("database is locked") and no
400 (a session that could not be saved), ever; every application is stored. Then a holiday
schedule loaded through one process is used by every process at its next request.

On SQLite (what needed the fixing) in the suite's SQLite pass; on a fresh PostgreSQL database
when DATABASE_URL names PostgreSQL (the CI's second pass)."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from loadsite import (
    Browser,
    Recorder,
    Site,
    act_on,
    apply_once,
    read_desk,
    run_python,
)

TODAY = "2027-03-02"
SEED = """
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo
from django.core.management import call_command
call_command("migrate", verbosity=0)
from gongkai.web import demo
from gongkai.web.accounts.models import Agency
from gongkai.web.requests import services
demo.ensure_agencies_and_users()
data = {"applicant_type": "natural_person", "applicant_name": "王建国",
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13912345678",
        "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
        "description": "2026年乡镇卫生院资金分配文件", "delivery_form": "paper",
        "delivery_method": "post"}
at = datetime(2027, 3, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
out = {"online": {}}
for code in ("pingluo-wj", "pingluo-jy"):
    agency = Agency.objects.get(code=code)
    out["online"][code] = [
        services.register(agency, data, channel="online", submitted_at=at, received_on=None,
                          today=date(2027, 3, 1))[0].pk
        for _ in range(12)
    ]
    if code == "pingluo-wj":
        out["agency"] = agency.pk
        out["clock"] = services.register(agency, data, channel="in_person", submitted_at=at,
                                         received_on=date(2027, 3, 1),
                                         today=date(2027, 3, 2))[0].pk
print(json.dumps(out))
"""
COUNT = """
from gongkai.web.requests.models import Request
print(Request.objects.count())
"""
SCHEDULE = 'year = 2027\nsource = "测试"\nholidays = ["2027-03-10..2027-03-12"]\n'
DAYS_LEFT = re.compile(r"答复期限：([0-9-]+).*?剩余工作日：(\d+)")


PG_URL = os.environ.get("DATABASE_URL", "")
# The SQLite pass of the suite runs it on SQLite; the PostgreSQL pass (.ci/run) on PostgreSQL.
BACKENDS = ["postgresql"] if PG_URL.startswith("postgres") else ["sqlite"]


@contextmanager
def _database(backend: str):
    """None for SQLite (a file in the data directory); a fresh PostgreSQL database's URL."""
    if backend == "sqlite":
        yield None
        return
    import psycopg

    name = f"gongkai_office_{os.getpid()}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=BACKENDS)
def office(request, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp(f"office-{request.param}")
    with _database(request.param) as url:
        site = Site(data_dir, database_url=url, workers=4, today=TODAY)
        seeded = json.loads(run_python(SEED, site.env))  # migrate + seed before serving
        with site:
            yield site, seeded


def _together(jobs) -> None:
    """Run the callables in threads released at the same moment; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_an_office_at_work_gets_no_500_and_no_400(office):
    site, seeded = office
    before = int(site.python(COUNT))
    recorder = Recorder()
    agency = str(seeded["agency"])
    submitted: list[int] = []

    def applicant(n):
        def job():
            browser = Browser(site.base, recorder, address=f"10.20.{n}.7")
            submitted.append(apply_once(browser, agency, n).status)

        return job

    def reader(username):
        def job():
            browser = Browser(site.base, recorder)
            browser.login(username)
            for _ in range(3):
                for pk in read_desk(browser)[:4]:
                    browser.get(f"/desk/{pk}/", "GET /desk/<id>/")

        return job

    def handler(username, code):
        def job():
            browser = Browser(site.base, recorder)
            browser.login(username)
            for pk in seeded["online"][code]:
                act_on(browser, str(pk), TODAY)  # confirm
                act_on(browser, str(pk), TODAY)  # start

        return job

    jobs = [applicant(n) for n in range(16)]
    jobs += [reader(u) for u in ("wj_reviewer", "wj_head", "jy_head", "gov_supervisor")]
    jobs += [handler("wj_handler", "pingluo-wj"), handler("jy_handler", "pingluo-jy")]
    _together(jobs)

    assert recorder.bad() == {}, site.log()[-3000:]  # only 200 and 302, every page
    assert submitted == [302] * 16
    assert int(site.python(COUNT)) == before + 16
    acted = [p for p in recorder.pages if p.startswith("POST /desk/<id>/act/")]
    assert sorted(acted) == ["POST /desk/<id>/act/confirm/", "POST /desk/<id>/act/start/"]
    assert len(recorder.pages["POST /desk/<id>/act/start/"]) == 24  # every request moved on
    assert "database is locked" not in site.log()


def _due_and_days_left_seen(site, pk, times=16) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    browsers = [Browser(site.base) for _ in range(8)]
    for b in browsers:
        b.login("wj_reviewer")

    def look(browser):
        def job():
            for _ in range(times // len(browsers)):
                page = browser.get(f"/desk/{pk}/").body
                seen.update(DAYS_LEFT.findall(page))

        return job

    _together([look(b) for b in browsers])  # several processes answer at once
    return seen


def test_a_schedule_loaded_in_one_process_is_used_by_every_process(office):
    site, seeded = office
    pk = seeded["clock"]
    before = _due_and_days_left_seen(site, pk)  # every worker has built its calendar now
    assert before == {("2027-03-29", "19")}  # weekdays only
    admin = Browser(site.base)
    admin.login("gov_admin")  # the county government's administrator
    admin.get("/desk/holidays/")
    answer = admin.post(
        "/desk/holidays/",
        {},
        "POST /desk/holidays/",
        files={"file": ("2027.toml", SCHEDULE.encode())},
    )
    assert answer.status == 302, answer.body[-2000:]
    after = _due_and_days_left_seen(site, pk)
    # The due date moves past the three holidays and, counted with them, 19 working days
    # remain. A process still on its old calendar would count 22 to the new due date.
    assert after == {("2027-04-01", "19")}
