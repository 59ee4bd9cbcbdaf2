"""Desk screens: registering at the counter, filters and search, the holiday schedule."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.requests.models import Request


def test_alice_registers_a_request_received_by_post(alice_client, agency_a, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-08")
    response = alice_client.post(
        "/desk/new/",
        {
            "channel": "post",
            "received_on": "2024-03-04",
            "applicant_type": "legal_service_org",
            "applicant_name": "宁夏正信律师事务所",
            "organisation": "宁夏正信律师事务所",
            "credit_code": "91350100M000100Y43",
            "phone": "0952-6012345",
            "address": "银川市金凤区",
            "description": "平罗县2023年医疗机构执业许可证发放名单",
            "delivery_form": "paper",
            "delivery_method": "post",
        },
    )
    req = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/{req.pk}/receipt/"
    assert (req.tracking_number, req.state, req.due_on, req.handler.username) == (
        "平卫依申〔2024〕1号",
        "registered",
        date(2024, 4, 1),
        "alice",
    )


def test_a_receipt_date_in_the_future_is_refused(alice_client, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-08")
    response = alice_client.post(
        "/desk/new/",
        {"channel": "post", "received_on": "2024-03-09", "applicant_type": "natural_person"},
    )
    assert "收到申请之日不能晚于今天" in response.content.decode()
    assert not Request.objects.exists()


def test_filters_and_search_narrow_the_queue_and_the_export(alice_client, make_request, agency_a):
    school = make_request(agency_a, received_on=date(2024, 3, 4), description="学校食堂检查")
    online = make_request(agency_a, received_on=None, channel="online", today=date(2024, 3, 5))
    other_year = make_request(agency_a, received_on=date(2023, 5, 4))
    page = alice_client.get("/desk/?q=食堂").content.decode()
    assert school.tracking_number in page and other_year.tracking_number not in page
    page = alice_client.get("/desk/?channel=online").content.decode()
    assert online.tracking_number in page and school.tracking_number not in page
    page = alice_client.get("/desk/?year=2023").content.decode()
    assert other_year.tracking_number in page and school.tracking_number not in page
    xlsx = alice_client.get("/desk/export.xlsx?year=2024")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    numbers = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(numbers) == sorted([school.tracking_number, online.tracking_number])
    assert alice_client.get("/desk/?year=abc&state=nonsense").status_code == 200


def test_loading_a_holiday_schedule_re_dates_every_open_request(
    greta_client, make_request, agency_a, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", "2027-03-02")
    req = make_request(agency_a, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
    assert req.due_on == date(2027, 3, 29)  # 2027 unknown: weekdays only (provisional)
    schedule = 'year = 2027\nsource = "测试"\nholidays = ["2027-03-10..2027-03-12"]\n'
    response = greta_client.post(
        "/desk/holidays/", {"file": SimpleUploadedFile("2027.toml", schedule.encode())}, follow=True
    )
    assert "已重新计算1件未办结申请" in response.content.decode()
    req.refresh_from_db()
    assert req.due_on == date(2027, 4, 1)


def test_a_broken_schedule_file_is_a_chinese_error(greta_client):
    response = greta_client.post(
        "/desk/holidays/", {"file": SimpleUploadedFile("x.toml", b"year = \n")}
    )
    assert "不是有效的 TOML" in response.content.decode()
