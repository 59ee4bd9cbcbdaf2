"""The public portal: apply online, rate limit, field errors, tracking, letters."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.requests import services
from gongkai.web.requests.models import Attachment, Request

FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "李四",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "平罗县城关镇鼓楼路8号",
    "email": "lisi@example.com",
    "description": "2024年平罗县城区学校学区划分方案",
    "delivery_form": "electronic",
    "delivery_method": "email",
    "confirm": "on",
}


@pytest.fixture
def form(agency_a):
    return {**FORM, "agency": str(agency_a.pk)}


def test_an_online_request_waits_for_confirmation_and_gets_a_number_and_code(client, form):
    png = SimpleUploadedFile("身份证.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response = client.post("/apply/", {**form, "attachments": [png]}, follow=True)
    page = response.content.decode()
    assert "申请已提交" in page and "平卫依申〔" in page
    req = Request.objects.get()
    assert (req.channel, req.state, req.received_on) == ("online", "submitted", None)
    assert Attachment.objects.get().file_type == "png"
    code = response.context["info"]["code"]
    assert services.check_query_code(req, code)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "110105194912310021", "居民身份证号码校验位不正确"),
        ("id_number", "11010519491331002X", "出生日期无效"),
        ("phone", "1391234567", "联系电话格式不正确"),
        ("description", "", "请描述所需政府信息"),
        ("email", "not-an-email", "电子邮箱格式不正确"),
        ("agency", "", "请选择受理机关"),
        ("confirm", "", "请确认所填信息真实有效"),
    ],
)
def test_every_invalid_field_gets_a_clear_chinese_error(client, form, field, value, message):
    response = client.post("/apply/", {**form, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Request.objects.exists()


def test_organisations_need_a_valid_credit_code(client, form):
    org = {**form, "applicant_type": "commercial_enterprise", "organisation": "宁夏某某有限公司"}
    response = client.post("/apply/", {**org, "credit_code": "91640221MA76XQ2B5A"})
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    response = client.post("/apply/", {**org, "credit_code": "91350100M000100Y43"}, follow=True)
    assert "申请已提交" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.exe", b"MZ", "格式不支持"),
        ("a.pdf", b"not a pdf", "内容与扩展名不符"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "超过10MB"),
    ],
)
def test_attachments_are_checked_for_type_and_size(client, form, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post("/apply/", {**form, "attachments": [upload]})
    assert message in response.content.decode()
    assert not Request.objects.exists()


def test_the_sixth_submission_from_one_address_within_an_hour_is_refused(client, form):
    for _ in range(5):
        assert client.post("/apply/", form).status_code == 302
    response = client.post("/apply/", form)
    assert response.status_code == 429
    assert "每小时最多提交5件申请" in response.content.decode()
    assert Request.objects.count() == 5


def test_the_form_needs_a_csrf_token(form):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/apply/", form).status_code == 403


def test_track_needs_both_the_number_and_the_code(client, make_request, agency_a):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    wrong = client.post(
        "/track/", {"tracking_number": req.tracking_number, "query_code": "AAAA2222"}
    )
    assert "申请编号或查询码不正确" in wrong.content.decode()
    assert client.get(f"/track/{req.pk}/").status_code == 404  # not by guessing the URL
    ok = client.post(
        "/track/",
        {"tracking_number": req.tracking_number, "query_code": req.query_code},
        follow=True,
    )
    assert "已收到，正在办理" in ok.content.decode()


def test_the_reply_letter_is_downloadable_only_once_sent(
    client, make_request, agency_a, alice, bob
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    day = date(2024, 3, 20)
    services.perform(req, "start", alice, services.Step(on=day), today=day)
    services.perform(
        req,
        "draft_reply",
        alice,
        services.Step(on=day, disposition="granted", note="予以公开"),
        today=day,
    )
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    letter = req.letters.get()
    assert client.get(f"/track/{req.pk}/letters/{letter.pk}/").status_code == 404
    services.perform(req, "review_reply", bob, services.Step(on=day), today=day)
    services.perform(req, "send_reply", bob, services.Step(on=day), today=day)
    page = client.get(f"/track/{req.pk}/").content.decode()
    assert "已答复" in page
    assert client.get(f"/track/{req.pk}/letters/{letter.pk}/").status_code == 200


def test_the_applicant_submits_the_correction_online(client, make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请写明年份"),
        today=date(2024, 3, 6),
    )
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    page = client.get(f"/track/{req.pk}/").content.decode()
    assert "提交补正" in page and "下载" in page  # the correction notice
    client.post(f"/track/{req.pk}/correct/", {"description": "2023年度的文件"})
    req.refresh_from_db()
    assert req.state == "corrected"
    assert "【补正】2023年度的文件" in req.description
    assert req.events.last().actor_label == "申请人"


def test_bad_input_on_public_urls_is_never_a_500(client):
    assert client.get("/track/abc/").status_code == 404
    assert (
        client.post("/track/", {"tracking_number": "x" * 500, "query_code": ""}).status_code == 200
    )
    assert client.get("/apply/done/").status_code == 302


def test_guessing_query_codes_is_stopped_after_20_failures(client, make_request, agency_a):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    for _ in range(20):
        client.post("/track/", {"tracking_number": req.tracking_number, "query_code": "WRONG222"})
    response = client.post(
        "/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code}
    )
    assert response.status_code == 429
    assert "查询失败次数过多" in response.content.decode()


def test_the_applicant_may_take_no_office_action(make_request, agency_a):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    with pytest.raises(services.TransitionError, match="权限"):
        services.perform(
            req, "withdraw", None, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
        )


def test_the_corrected_request_may_bring_a_document(client, make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请补充身份证明"),
        today=date(2024, 3, 6),
    )
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    scan = SimpleUploadedFile("身份证.jpg", b"\xff\xd8\xff\xe0" + b"0" * 50)
    client.post(
        f"/track/{req.pk}/correct/", {"description": "已补充身份证复印件", "attachments": [scan]}
    )
    attachment = Attachment.objects.get()
    assert (attachment.event.action, attachment.file_type) == ("receive_correction", "jpg")
