"""Named users and agencies for every web test (reuse them in your app's tests).

The county 平罗县人民政府 has two departments: agency A (卫生健康局) and agency B
(教育局). Alice handles A, Bob reviews in A, Hank heads A's office, Charlie handles
(and reviews) in B and must see nothing of A, Dora supervises the whole county
(read-only, personal data masked). `alice_client` etc. are Django test clients logged in
as each. `make_request(agency, **fields)` registers a request the way the desk does.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

PASSWORD = "Gongkai-2024-test"
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fresh_calendar_and_cache():
    from django.core.cache import cache

    from gongkai.web.requests import clockwork

    clockwork.forget_calendar()
    cache.clear()
    yield
    clockwork.forget_calendar()
    cache.clear()


@pytest.fixture
def county(db):
    from gongkai.web.accounts.models import Agency

    return Agency.objects.create(
        name="平罗县人民政府",
        code="pingluo",
        kind="government",
        tracking_format="平政依申〔{year}〕{seq}号",
    )


@pytest.fixture
def agency_a(county):
    from gongkai.web.accounts.models import Agency

    return Agency.objects.create(
        name="平罗县卫生健康局",
        code="pingluo-wj",
        parent=county,
        kind="department",
        tracking_format="平卫依申〔{year}〕{seq}号",
        payment_instructions="转账至平罗县财政局非税收入专户（开户行：中国银行平罗支行），注明申请编号",
    )


@pytest.fixture
def agency_b(county):
    from gongkai.web.accounts.models import Agency

    return Agency.objects.create(
        name="平罗县教育局",
        code="pingluo-jy",
        parent=county,
        kind="department",
        tracking_format="平教依申〔{year}〕{seq}号",
        payment_instructions="转账至平罗县财政局非税收入专户（开户行：中国银行平罗支行），注明申请编号",
    )


def _user(username, full_name, agency, **roles):
    from gongkai.web.accounts.models import User

    user = User.objects.create_user(username=username, password=PASSWORD, agency=agency, **roles)
    user.full_name = full_name
    user.email = f"{username}@example.gov.cn"
    user.save()
    return user


@pytest.fixture
def alice(agency_a):
    return _user("alice", "艾丽斯", agency_a, is_handler=True)


@pytest.fixture
def bob(agency_a):
    return _user("bob", "鲍勃", agency_a, is_reviewer=True)


@pytest.fixture
def hank(agency_a):
    return _user("hank", "韩克", agency_a, is_head=True)


@pytest.fixture
def hal(agency_a):
    """A second handler of agency A (for assigning and reassigning)."""
    return _user("hal", "哈尔", agency_a, is_handler=True)


@pytest.fixture
def charlie(agency_b):
    return _user("charlie", "查理", agency_b, is_handler=True, is_reviewer=True, is_head=True)


@pytest.fixture
def dora(county, agency_a, agency_b):
    return _user("dora", "朵拉", county, is_supervisor=True)


@pytest.fixture
def ada(agency_a):
    """Agency A's administrator (templates, holiday schedule)."""
    return _user("ada", "阿达", agency_a, is_agency_admin=True)


@pytest.fixture
def greta(county):
    """The county government's administrator: may load the national holiday schedule."""
    return _user("greta", "格蕾塔", county, is_agency_admin=True)


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    return _client_for(alice)


@pytest.fixture
def bob_client(bob):
    return _client_for(bob)


@pytest.fixture
def hank_client(hank):
    return _client_for(hank)


@pytest.fixture
def charlie_client(charlie):
    return _client_for(charlie)


@pytest.fixture
def dora_client(dora):
    return _client_for(dora)


@pytest.fixture
def ada_client(ada):
    return _client_for(ada)


@pytest.fixture
def greta_client(greta):
    return _client_for(greta)


APPLICANT = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
    "email": "zhangsan@example.com",
    "description": "2023年平罗县乡镇卫生院基本公共卫生服务项目资金分配文件",
    "delivery_form": "paper",
    "delivery_method": "post",
}


@pytest.fixture
def make_request(db):
    """`make_request(agency, received_on=date(2024, 3, 4), channel="post", **fields)`."""
    from gongkai.web.requests import services

    def make(agency, received_on=date(2024, 3, 4), channel="in_person", today=None, **fields):
        data = {**APPLICANT, **fields}
        day = received_on or today or date(2024, 3, 4)
        req, code = services.register(
            agency,
            data,
            channel=channel,
            submitted_at=datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ),
            received_on=received_on,
            today=today or day,
        )
        req.query_code = code  # handy for portal tests
        return req

    return make


@pytest.fixture
def correction_notice(make_request, agency_a, alice):
    """`correction_notice(**fields)`: a request of agency A received on 2024-03-04, to which
    Alice sent a correction notice (补正通知书, "请写明年份") on 2024-03-05."""
    from gongkai.web.requests import services

    def make(**fields):
        req = make_request(agency_a, received_on=date(2024, 3, 4), **fields)
        on = date(2024, 3, 5)
        services.perform(
            req, "request_correction", alice, services.Step(on=on, note="请写明年份"), today=on
        )
        return req

    return make


@pytest.fixture(scope="session")
def demo_dump(demo_data_dir, tmp_path_factory):
    """The shared demo county (tests/conftest.py: demo_data_dir) as a Django fixture file."""
    import subprocess
    import sys

    from tests.conftest import gongkai_env

    out = tmp_path_factory.mktemp("demo-dump") / "demo.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "dumpdata",
            "--settings=gongkai.web.settings",
            "--natural-foreign",
            "--exclude=contenttypes",
            "--exclude=auth.permission",
            "--exclude=sessions",
            "--exclude=admin.logentry",
            f"--output={out}",
        ],
        env=gongkai_env(demo_data_dir),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out


@pytest.fixture
def demo_county(db, demo_dump):
    """The demo county of `gongkai demo --today 2026-12-05` in this test's database.

    A copy of one demo load per test run (a few seconds instead of a minute per test); the
    test's transaction is rolled back as usual.
    """
    from django.core.management import call_command

    call_command("loaddata", str(demo_dump), verbosity=0)
