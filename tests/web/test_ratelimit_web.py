"""20 simultaneous applications from one address through the real /apply/ view: exactly 5
are registered, in four server processes at once (PostgreSQL under `make test`'s second
run, a file database on SQLite)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from gongkai.web.requests.models import Request

from .test_portal import FORM
from .test_ratelimit import _env

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from gongkai.web.accounts.models import Agency
a = Agency.objects.create(name="平罗县卫生健康局", code="pingluo-wj", kind="department",
                          tracking_format="平卫依申〔{year}〕{seq}号")
print(a.pk)
"""

APPLY = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.test import Client
form = json.loads(sys.argv[1])
go = Path(sys.argv[2])
client = Client(REMOTE_ADDR="203.0.113.7")
while not go.exists():
    time.sleep(0.01)
codes = [str(client.post("/apply/", form).status_code) for _ in range(5)]
print("STATUSES", *codes)  # marked: the acknowledgement mails go to stdout too

"""


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_applications_from_one_address_register_five(tmp_path: Path):
    import json

    if connection.vendor == "postgresql":
        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        from gongkai.web.accounts.models import Agency

        agency = Agency.objects.create(
            name="平罗县卫生健康局",
            code="pingluo-wj",
            kind="department",
            tracking_format="平卫依申〔{year}〕{seq}号",
        ).pk
    else:
        url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
        done = subprocess.run(
            [sys.executable, "-c", SETUP],
            env=_env(tmp_path, url),
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        agency = int(done.stdout.split()[-1])
    form = json.dumps({**FORM, "agency": str(agency)})
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPLY, form, str(go)],
            env=_env(tmp_path, url),
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    go.touch()
    statuses: list[str] = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0
        statuses += next(ln for ln in out.splitlines() if ln.startswith("STATUSES")).split()[1:]
    assert sorted(statuses) == ["302"] * 5 + ["429"] * 15
    if connection.vendor == "postgresql":
        registered = Request.objects.count()
    else:
        with sqlite3.connect(tmp_path / "web.sqlite3") as db:
            registered = db.execute(f"SELECT COUNT(*) FROM {Request._meta.db_table}").fetchone()[0]
    assert registered == 5
