"""Issue 9 on the public portal: the applicant loses nothing (item 6) and finds their
request by its number however the brackets are typed (item 10); numbers are unique
across agencies (item 10)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from gongkai.web.accounts.models import Agency
from gongkai.web.requests import services
from gongkai.web.requests.models import Request


@pytest.fixture
def waiting(client, make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请写明年份"),
        today=date(2024, 3, 6),
    )
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    return req


def test_a_correction_with_an_unacceptable_attachment_is_shown_again_with_the_text(client, waiting):
    exe = SimpleUploadedFile("补正.exe", b"MZ\x90\x00" + b"0" * 100)
    response = client.post(
        f"/track/{waiting.pk}/correct/",
        {"description": "所需文件为2023年度的学区划分方案", "attachments": [exe]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "所需文件为2023年度的学区划分方案" in page  # what was typed
    assert "PDF" in page and "errorlist" in page  # and why it was refused
    waiting.refresh_from_db()
    assert waiting.state == "correction_requested"


@pytest.mark.parametrize(
    "typed",
    ["平卫依申[2024]1号", "平卫依申(2024)1号", "平卫依申（2024）1号", " 平卫依申 〔2024〕 1号 "],
)
def test_track_accepts_the_number_with_any_brackets_and_spaces(
    client, make_request, agency_a, typed
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    assert req.tracking_number == "平卫依申〔2024〕1号"
    response = client.post("/track/", {"tracking_number": typed, "query_code": req.query_code})
    assert response.status_code == 302 and response["Location"] == f"/track/{req.pk}/"


def test_two_agencies_on_the_default_numbering_issue_different_numbers(county, make_request):
    one = Agency.objects.create(name="平罗县民政局", code="mz", parent=county)
    two = Agency.objects.create(name="平罗县司法局", code="sf", parent=county)
    a = make_request(one, received_on=date(2026, 3, 2))
    b = make_request(two, received_on=date(2026, 3, 2))
    assert (a.tracking_number, b.tracking_number) == (
        "平罗县民政局依申〔2026〕1号",
        "平罗县司法局依申〔2026〕1号",
    )


def test_a_format_without_the_agencys_own_prefix_is_refused_on_every_path(county, agency_a):
    with pytest.raises(ValidationError, match="须以本机关的简称开头"):
        Agency.objects.create(
            name="平罗县民政局", code="mz", parent=county, tracking_format="依申〔{year}〕{seq}号"
        )
    with pytest.raises(ValidationError, match="与平罗县卫生健康局相同"):
        Agency.objects.create(
            name="平罗县民政局", code="mz", parent=county, tracking_format=agency_a.tracking_format
        )


def test_the_database_refuses_a_tracking_number_twice(make_request, agency_a, agency_b):
    a = make_request(agency_a, received_on=date(2024, 3, 4))
    b = make_request(agency_b, received_on=date(2024, 3, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.filter(pk=b.pk).update(tracking_number=a.tracking_number)


def test_registering_refuses_a_number_another_agency_already_issued(make_request, agency_a, county):
    make_request(agency_a, received_on=date(2024, 3, 4))
    # A different format that still yields the same text for 2024.
    odd = Agency.objects.create(
        name="平罗县卫生监督所",
        code="wsjd",
        parent=county,
        tracking_format="平卫依申〔2024〕{seq}号",
    )
    with pytest.raises(services.TransitionError, match="已被其他机关使用"):
        make_request(odd, received_on=date(2024, 3, 4))


def test_the_applicant_sees_a_provisional_due_date_marked(client, make_request, agency_a):
    req = make_request(agency_a, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    page = client.get(f"/track/{req.pk}/").content.decode()
    assert "2027年3月29日（暂定，以国务院公布的节假日安排为准）" in page


def test_the_django_admin_refuses_a_format_without_the_agencys_prefix(db, county):
    from django.test import Client

    from gongkai.web.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.gov.cn", "Gongkai-2024-root")
    client = Client()
    client.force_login(root)
    response = client.post(
        "/admin/accounts/agency/add/",
        {
            "name": "平罗县民政局",
            "code": "mz",
            "kind": "department",
            "parent": county.pk,
            "tracking_format": "依申〔{year}〕{seq}号",
        },
    )
    assert response.status_code == 200
    assert "须以本机关的简称开头" in response.content.decode()
    assert not Agency.objects.filter(code="mz").exists()


def test_apply_with_an_unacceptable_attachment_keeps_everything_typed(client, agency_a):
    exe = SimpleUploadedFile("申请书.exe", b"MZ\x90\x00" + b"0" * 100)
    form = {
        "agency": str(agency_a.pk),
        "applicant_type": "natural_person",
        "applicant_name": "李四",
        "phone": "13912345678",
        "address": "平罗县城关镇鼓楼路8号",
        "description": "2024年平罗县城区学校学区划分方案",
        "delivery_form": "electronic",
        "delivery_method": "email",
        "confirm": "on",
        "attachments": [exe],
    }
    response = client.post("/apply/", form)
    page = response.content.decode()
    assert response.status_code == 200 and "errorlist" in page
    for typed in (
        "李四",
        "13912345678",
        "平罗县城关镇鼓楼路8号",
        "2024年平罗县城区学校学区划分方案",
    ):
        assert typed in page
    assert not Request.objects.exists()


def test_track_with_a_wrong_code_keeps_the_number_typed(client, make_request, agency_a):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    response = client.post(
        "/track/", {"tracking_number": "平卫依申[2024]1号", "query_code": "WRONG"}
    )
    page = response.content.decode()
    assert "申请编号或查询码不正确" in page and 'value="平卫依申[2024]1号"' in page
    assert req.pk not in client.session.get("tracked", [])
