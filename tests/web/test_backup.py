"""`gongkai backup FILE` and `gongkai restore FILE`, run as an operator would: two separate
installations (data directories), each command its own process. After the round trip every
record, every file and every applicant's query code still works; a restore never overwrites
data. When DATABASE_URL names PostgreSQL (the CI's second pass), the SQLite backup is
restored into a fresh PostgreSQL database instead."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PG_URL = os.environ.get("DATABASE_URL", "")
# The source is always SQLite; the target is SQLite in the suite's SQLite pass and a fresh
# PostgreSQL database in its PostgreSQL pass (.ci/run).
TARGETS = ["postgresql"] if PG_URL.startswith("postgres") else ["sqlite"]

SEED = textwrap.dedent(
    """
    import json, os, django
    from datetime import datetime, date
    from zoneinfo import ZoneInfo
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from gongkai.web import demo
    from gongkai.web.accounts.models import Agency
    from gongkai.web.requests import services
    from gongkai.web.requests.models import Attachment
    demo.ensure_agencies_and_users()
    agency = Agency.objects.get(code="pingluo-wj")
    codes = {}
    for i in range(3):
        req, code = services.register(
            agency,
            {"applicant_type": "natural_person", "applicant_name": f"申请人{i}",
             "id_type": "resident_id", "id_number": "11010519491231002X",
             "phone": "13912345678", "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
             "description": f"第{i}份：2023年乡镇卫生院资金分配文件",
             "delivery_form": "paper", "delivery_method": "post"},
            channel="in_person",
            submitted_at=datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
            received_on=date(2026, 12, 1), today=date(2026, 12, 1),
        )
        Attachment.objects.create(request=req, name=f"材料{i}.pdf", file_type="pdf",
                                  size=256, content=bytes(range(256)))
        codes[req.tracking_number] = code
    media = settings.MEDIA_ROOT
    (media / "exports").mkdir(parents=True, exist_ok=True)
    (media / "exports" / "登记表.txt").write_text("上传的文件", encoding="utf-8")
    print(json.dumps(codes))
    """
)

STATE = textwrap.dedent(
    """
    import hashlib, json, os, sys, django
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    django.setup()
    from django.conf import settings
    from django.test import Client
    from gongkai.web.accounts.models import User
    from gongkai.web.ops.backup import row_counts
    from gongkai.web.requests import services
    from gongkai.web.requests.models import Attachment, Request
    codes = json.loads(sys.argv[1])
    tracked = {}
    for number, code in codes.items():
        req = Request.objects.get(tracking_number=number)
        response = Client().post("/track/", {"tracking_number": number, "query_code": code})
        tracked[number] = [services.check_query_code(req, code), response.status_code,
                           response.get("Location", "")]
    media = settings.MEDIA_ROOT
    print(json.dumps({
        "rows": row_counts(),
        "attachments": {a.name: hashlib.sha256(bytes(a.content)).hexdigest()
                        for a in Attachment.objects.all()},
        "files": sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()),
        "tracked": tracked,
        "login": User.objects.get(username="wj_handler").check_password("Pingluo-Demo-2024"),
    }))
    """
)


NEW_REQUEST = textwrap.dedent(
    """
    import os, django
    from datetime import datetime, date
    from zoneinfo import ZoneInfo
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    django.setup()
    from gongkai.web.accounts.models import Agency
    from gongkai.web.requests import services
    from gongkai.web.requests.models import Request
    highest = Request.objects.order_by("-pk").first().pk
    req, _ = services.register(
        Agency.objects.get(code="pingluo-wj"),
        {"applicant_type": "natural_person", "applicant_name": "恢复后",
         "id_type": "resident_id", "id_number": "11010519491231002X",
         "phone": "13912345678", "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
         "description": "恢复后的第一份申请", "delivery_form": "paper",
         "delivery_method": "post"},
        channel="in_person",
        submitted_at=datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
        received_on=date(2026, 12, 2), today=date(2026, 12, 2),
    )
    print(req.pk > highest, req.tracking_number)
    """
)


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _python(code: str, data_dir: Path, database_url: str | None = None, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=_env(data_dir, database_url),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _gongkai(args: list[str], data_dir: Path, database_url: str | None = None):
    return subprocess.run(
        [sys.executable, "-c", "import sys; from gongkai.cli import run; run()", *args],
        env=_env(data_dir, database_url),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_pg_database():
    """A new, empty PostgreSQL database (dropped afterwards)."""
    import psycopg

    name = f"gongkai_restore_{os.getpid()}"
    base = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("target", TARGETS)
def test_a_backup_restores_every_record_file_and_query_code(tmp_path, target, request):
    source, restored = tmp_path / "source", tmp_path / "restored"
    codes = _python(SEED, source)
    before = json.loads(_python(STATE, source, None, codes))
    archive = tmp_path / "备份" / "gongkai.tar.gz"
    done = _gongkai(["backup", str(archive)], source)
    assert done.returncode == 0, done.stderr
    assert "已备份到" in done.stdout
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # it holds the secret key

    target_url = request.getfixturevalue("fresh_pg_database") if target == "postgresql" else None
    done = _gongkai(["restore", str(archive)], restored, target_url)
    assert done.returncode == 0, done.stderr
    assert "已恢复" in done.stdout
    after = json.loads(_python(STATE, restored, target_url, codes))

    assert after["rows"] == before["rows"] and sum(after["rows"].values()) > 20
    assert after["attachments"] == before["attachments"] and len(after["attachments"]) == 3
    assert after["files"] == before["files"] == ["exports/登记表.txt"]
    assert after["login"] is True
    for number, (valid, status, location) in after["tracked"].items():
        assert valid is True and status == 302 and "/track/" in location, number
    assert (restored / "secret_key").read_text() == (source / "secret_key").read_text()

    # A second restore would overwrite: refused, nothing changes.
    again = _gongkai(["restore", str(archive)], restored, target_url)
    assert again.returncode == 2
    assert "已有数据" in again.stderr and "Traceback" not in again.stderr
    assert json.loads(_python(STATE, restored, target_url, codes))["rows"] == before["rows"]

    # The restored installation goes on: new rows get new keys (PostgreSQL's sequences
    # were moved past the restored rows) and the next tracking number.
    assert _python(NEW_REQUEST, restored, target_url) == "True 平卫依申〔2026〕4号"
    # And it backs up in turn (on PostgreSQL: one REPEATABLE READ snapshot).
    second = tmp_path / "second.tar.gz"
    assert _gongkai(["backup", str(second)], restored, target_url).returncode == 0


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(tmp_path):
    bogus = tmp_path / "not-a-backup.tar.gz"
    bogus.write_bytes(b"PK\x03\x04 a zip, not ours")
    done = _gongkai(["restore", str(bogus)], tmp_path / "data")
    assert done.returncode == 2
    assert "不是 gongkai 备份" in done.stderr and "Traceback" not in done.stderr
    missing = _gongkai(["restore", str(tmp_path / "nowhere.tar.gz")], tmp_path / "data")
    assert missing.returncode == 2 and "找不到备份文件" in missing.stderr


SNAPSHOT = textwrap.dedent(
    """
    import json, os, sqlite3, sys, django
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    django.setup()
    from pathlib import Path
    from django.conf import settings
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from gongkai.web.ops import backup
    from gongkai.web.requests.models import HolidaySchedule
    HolidaySchedule.objects.create(year=2026, name="before.toml", text="year = 2026")
    dump = backup._dump
    written = []

    def dump_while_the_office_writes(path):
        HolidaySchedule.objects.count()  # the snapshot's first read
        other = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=0)
        other.execute(  # no waiting: fails at once if the backup held the write lock
            "INSERT INTO requests_holidayschedule (year, name, text, uploaded_at)"
            " VALUES (2027, 'during.toml', 'year = 2027', '2026-12-05 08:00:00')"
        )
        other.commit()
        written.append(other.execute("SELECT count(*) FROM requests_holidayschedule").fetchone())
        dump(path)

    backup._dump = dump_while_the_office_writes
    summary = backup.backup(Path(sys.argv[1]))
    print(json.dumps({"written": written, "dumped": summary.models["requests.holidayschedule"]}))
    """
)


def test_a_sqlite_backup_blocks_no_writer_and_is_one_snapshot(tmp_path):
    out = json.loads(_python(SNAPSHOT, tmp_path / "data", None, str(tmp_path / "b.tar.gz")))
    assert out == {"written": [[2]], "dumped": 1}  # the row written meanwhile is not in it
