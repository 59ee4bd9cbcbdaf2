"""The holiday schedule is national: only a top-level government's administrator (or a
superuser) loads it, because loading re-dates every agency's open requests."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.requests.models import HolidaySchedule

SCHEDULE = 'year = 2027\nsource = "测试"\nholidays = ["2027-03-10..2027-03-12"]\n'
NOTE = "节假日安排由本级人民政府的机关管理员或系统管理员载入"


def upload():
    return {"file": SimpleUploadedFile("2027.toml", SCHEDULE.encode())}


@pytest.fixture
def open_requests(make_request, agency_a, agency_b, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2027-03-02")
    made = [
        make_request(agency, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
        for agency in (agency_a, agency_b)
    ]
    assert [r.due_on for r in made] == [date(2027, 3, 29)] * 2  # weekdays only, provisional
    return made


def dues(requests):
    for r in requests:
        r.refresh_from_db()
    return [r.due_on for r in requests]


def test_a_department_administrator_cannot_re_date_every_agencys_requests(
    ada_client, open_requests
):
    assert ada_client.post("/desk/holidays/", upload()).status_code == 403
    assert HolidaySchedule.objects.count() == 0
    assert dues(open_requests) == [date(2027, 3, 29)] * 2


def test_a_department_administrator_sees_the_loaded_schedules_read_only(ada_client, greta):
    HolidaySchedule.objects.create(year=2027, name="2027.toml", text=SCHEDULE, uploaded_by=greta)
    page = ada_client.get("/desk/holidays/").content.decode()
    assert NOTE in page and "2027.toml" in page
    assert 'name="file"' not in page  # no upload form


def test_the_county_government_administrator_re_dates_every_agency(greta_client, open_requests):
    page = greta_client.get("/desk/holidays/").content.decode()
    assert 'name="file"' in page and NOTE not in page
    response = greta_client.post("/desk/holidays/", upload(), follow=True)
    assert "已重新计算2件未办结申请" in response.content.decode()
    assert dues(open_requests) == [date(2027, 4, 1)] * 2  # three holidays later


def test_an_administrator_of_a_township_government_below_the_county_cannot_load_it(
    county, open_requests
):
    from gongkai.web.accounts.models import Agency, User

    town = Agency.objects.create(
        name="平罗县城关镇人民政府", code="cgz", parent=county, kind="government"
    )
    admin = User.objects.create_user(
        username="tina", password="x", agency=town, is_agency_admin=True
    )
    client = Client()
    client.force_login(admin)
    assert client.post("/desk/holidays/", upload()).status_code == 403
    assert dues(open_requests) == [date(2027, 3, 29)] * 2


def test_a_superuser_without_an_agency_loads_it(open_requests):
    from gongkai.web.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.gov.cn", "x")
    client = Client()
    client.force_login(root)
    assert client.post("/desk/holidays/", upload()).status_code == 302
    assert HolidaySchedule.objects.get().uploaded_by == root
    assert dues(open_requests) == [date(2027, 4, 1)] * 2


def test_handlers_still_do_not_reach_the_schedule_page(alice_client):
    assert alice_client.get("/desk/holidays/").status_code == 403
