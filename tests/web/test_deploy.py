"""A deployment behind HTTPS and a reverse proxy: settings from the environment, the data
directory, the middleware (proxy headers, CSP, session refresh, shared calendar), static
files without DEBUG, errors logged with their traceback, the query code shown once."""

from __future__ import annotations

import logging
import os
import re
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session

from gongkai.web import env
from gongkai.web.ops import middleware, versions
from gongkai.web.requests import clockwork
from gongkai.web.requests.models import HolidaySchedule

ROOT = Path(__file__).resolve().parents[2]


def _django(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment
    # never has it (check --deploy reports it as async.E001).
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    environ.update({"GONGKAI_DATA_DIR": str(tmp_path / "data"), **extra})
    return subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=gongkai.web.settings"],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


HTTPS_ENV = {
    "GONGKAI_HTTPS": "true",
    "GONGKAI_HSTS_PRELOAD": "true",
    "GONGKAI_ALLOWED_HOSTS": "gongkai.pingluo.gov.cn",
    "GONGKAI_TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8",
}


def test_check_deploy_is_clean_with_the_https_settings(tmp_path):
    done = _django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **HTTPS_ENV)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_warns_without_them(tmp_path):
    done = _django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


def test_the_data_directory_does_not_depend_on_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    seen = set()
    for folder in (tmp_path, Path("/")):
        monkeypatch.chdir(folder)
        seen.add(env.default_data_dir())
    assert seen == {tmp_path / "home" / ".local" / "share" / "gongkai"}
    monkeypatch.setenv("GONGKAI_DATA_DIR", "relative/var")
    assert env.default_data_dir() == Path("/relative/var")  # made absolute, from / here
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "srv"))
    assert env.default_data_dir() == tmp_path / "srv"


def test_every_page_carries_the_content_security_policy(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy


def test_the_stylesheet_is_served_with_debug_off(client, db, settings):
    assert settings.DEBUG is False
    response = client.get("/static/gongkai/site.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


@pytest.fixture
def behind_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    return settings


def test_https_is_believed_only_from_a_trusted_proxy(client, db, behind_proxy):
    proxied = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.1.2.3")
    assert proxied.status_code == 200
    forged = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.9")
    assert forged.status_code == 301 and forged["Location"].startswith("https://")


def test_the_client_address_is_the_forwarded_one_only_behind_a_trusted_proxy(rf, behind_proxy):
    from gongkai.web.accounts.security import client_ip

    proxied = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(proxied) == "198.51.100.7"
    direct = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="203.0.113.9")
    assert client_ip(direct) == "203.0.113.9"


def _expiry(client):
    key = client.cookies["sessionid"].value
    return Session.objects.get(session_key=key).expire_date


def test_a_page_view_does_not_write_the_session_within_a_minute(alice_client, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    alice_client.get("/desk/")  # first request: the refresh mark is set and saved
    first = _expiry(alice_client)
    clock[0] += 59
    alice_client.get("/desk/")
    assert _expiry(alice_client) == first  # no write
    clock[0] += 2
    alice_client.get("/desk/")
    assert _expiry(alice_client) > first  # the idle timeout moves on


def test_a_500_is_logged_with_its_traceback(client, db, caplog, monkeypatch):
    from django.test import Client

    from gongkai.web.portal import views

    def broken(request):
        raise RuntimeError("boom in the portal")

    monkeypatch.setattr(views, "render", lambda *a, **k: broken(None))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and "boom in the portal" in caplog.text
    assert "Traceback" in logging.Formatter().format(record)


def test_the_query_code_is_shown_once_and_kept_in_no_session(client, db, agency_a):
    form = {
        "agency": agency_a.pk,
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
        "description": "2023年平罗县乡镇卫生院基本公共卫生服务项目资金分配文件",
        "delivery_form": "paper",
        "delivery_method": "post",
        "confirm": "on",
    }
    response = client.post("/apply/", form)
    assert response.status_code == 302
    page = client.get("/apply/done/")
    code = page.context["info"]["code"]
    assert code in page.content.decode() and page["Cache-Control"] == "no-store"
    for session in Session.objects.all():
        assert code not in str(session.get_decoded()) and code not in session.session_data
    again = client.get("/apply/done/")
    assert again.status_code == 302 and code not in again.content.decode()


SCHEDULE = 'year = 2027\nsource = "测试"\nholidays = ["2027-03-10..2027-03-12"]\n'


def test_a_schedule_saved_by_another_process_is_used_at_the_next_request(db):
    # What another process does: a row saved there bumps the version in the database.
    clockwork.check_shared_version()
    before = clockwork.calendar()
    assert before.is_working_day(date(2027, 3, 10))
    clockwork.check_shared_version()
    assert clockwork.calendar() is before  # unchanged version: the cached calendar
    HolidaySchedule.objects.bulk_create(  # no signal in this process ...
        [HolidaySchedule(year=2027, name="2027.toml", text=SCHEDULE)]
    )
    versions.bump(versions.HOLIDAY_SCHEDULE)  # ... only the shared version moved
    assert clockwork.calendar() is before  # within the same request nothing changes
    clockwork.check_shared_version()  # the next request
    assert not clockwork.calendar().is_working_day(date(2027, 3, 10))


def test_saving_a_schedule_bumps_the_shared_version(db):
    start = versions.current(versions.HOLIDAY_SCHEDULE)
    sched = HolidaySchedule.objects.create(year=2027, name="2027.toml", text=SCHEDULE)
    assert versions.current(versions.HOLIDAY_SCHEDULE) == start + 1
    sched.delete()
    assert versions.current(versions.HOLIDAY_SCHEDULE) == start + 2


def test_serve_builds_a_production_server_with_the_options_given():
    from gongkai.web import server

    opts = server.options("127.0.0.1:8123", workers=3, timeout=30, access_log=True)
    assert opts["bind"] == ["127.0.0.1:8123"] and opts["workers"] == 3
    assert opts["worker_class"] == "sync" and opts["accesslog"] == "-"
    assert server.options("unix:/run/gongkai.sock")["workers"] == server.default_workers()


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start(monkeypatch):
    monkeypatch.setenv("GONGKAI_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,proxy.local")
    with pytest.raises(env.SettingError, match=r"“proxy\.local”不是"):
        env.env_networks("GONGKAI_TRUSTED_PROXIES")
    monkeypatch.setenv("GONGKAI_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,::1")
    assert env.env_networks("GONGKAI_TRUSTED_PROXIES") == ["127.0.0.1", "10.0.0.0/8", "::1"]


def test_a_new_data_directory_is_the_owners_only(tmp_path):
    data = tmp_path / "new" / "data"
    done = _django(["check"], tmp_path, GONGKAI_DATA_DIR=str(data))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600


def test_serve_runs_gunicorn_and_serve_dev_runs_the_development_server(db, monkeypatch, capsys):
    from django.core import management

    from gongkai.cli import main
    from gongkai.web import server

    served, dev = [], []
    monkeypatch.setattr(server, "run", served.append)
    monkeypatch.setattr(management, "call_command", lambda name, *a, **k: dev.append((name, a)))
    assert main(["serve", "--bind", "127.0.0.1:8123", "--workers", "3"]) == 0
    (opts,) = served
    assert opts["bind"] == ["127.0.0.1:8123"] and opts["workers"] == 3
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert main(["serve", "--dev", "--port", "8124"]) == 0
    assert ("runserver", ("127.0.0.1:8124",)) in dev and len(served) == 1


def test_no_template_runs_inline_script_the_csp_would_block():
    """script-src 'self': a <script> without src or an on…= handler would be dead code."""
    web = ROOT / "gongkai" / "web"
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.I)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted(web.rglob("*.html"))
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert len(list(web.rglob("*.html"))) > 20  # the templates were found
