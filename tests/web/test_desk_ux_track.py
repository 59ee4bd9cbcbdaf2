"""Issue 12, applicants: the status page on /track/ and the sixth application in an hour."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest

from gongkai.web.requests import services
from gongkai.web.requests.models import Request
from tests.web.test_portal import FORM


def _follow(client, req):
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    return client.get(f"/track/{req.pk}/").content.decode()


def close(req, alice, bob, on=date(2024, 3, 8)):
    def step(**kw):
        return services.Step(on=on, **kw)

    services.perform(req, "start", alice, step(), today=on)
    services.perform(
        req, "draft_reply", alice, step(disposition="granted", note="予以公开"), today=on
    )
    services.perform(req, "review_reply", bob, step(), today=on)
    services.perform(req, "send_reply", bob, step(), today=on)


@pytest.fixture
def corrected(make_request, agency_a, alice):
    """Received, asked to correct, corrected, extended: four public steps and two letters."""
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请写明所需文件的年份"),
        today=date(2024, 3, 6),
    )
    return req


def test_the_status_page_shows_what_was_asked_the_history_and_the_paused_due_date(
    client, corrected
):
    page = _follow(client, corrected)
    assert "2023年平罗县乡镇卫生院基本公共卫生服务项目资金分配文件" in page  # what was asked
    assert "2024年3月4日</strong> 受理机关收到申请" in page
    assert "2024年3月6日</strong> 受理机关告知补正" in page
    assert "开始办理" not in page  # an internal step
    assert "补正期间暂停计算" in page  # the due date, even while paused
    assert "<strong>补正通知书</strong>（政府信息公开申请补正通知书）" in page


def test_the_status_page_shows_the_due_date_before_confirmation_and_after_closing(
    client, make_request, agency_a, alice, bob
):
    online = make_request(agency_a, received_on=None, channel="online", today=date(2024, 3, 4))
    assert "自受理机关确认收到申请之日起20个工作日内答复" in _follow(client, online)
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    assert "2024年4月1日" in _follow(client, req)
    close(req, alice, bob)
    page = client.get(f"/track/{req.pk}/").content.decode()
    assert "已于2024年3月8日办结" in page
    assert "作出答复，办理完毕" in page
    assert "<strong>答复书</strong>（政府信息公开申请答复书）" in page


def test_a_letter_downloads_as_docx_and_pdf_named_after_the_request_and_its_kind(client, corrected):
    _follow(client, corrected)
    letter = corrected.letters.get()
    docx = client.get(f"/track/{corrected.pk}/letters/{letter.pk}/")
    disposition = docx["Content-Disposition"]
    assert (
        unquote(disposition.split("filename*=UTF-8''")[1]) == "平卫依申〔2024〕1号-补正通知书.docx"
    )
    assert f'filename="request-{corrected.pk}-letter-{letter.pk}.docx"' in disposition
    pdf = client.get(f"/track/{corrected.pk}/letters/{letter.pk}/?as=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "补正通知书.pdf" in unquote(pdf["Content-Disposition"])
    assert client.get(f"/track/{corrected.pk}/letters/{letter.pk}/?as=exe").status_code == 404


def test_the_form_says_how_many_applications_remain_before_the_limit(client, agency_a):
    form = {**FORM, "agency": str(agency_a.pk)}
    assert "还可以提交" not in client.get("/apply/").content.decode()
    for _ in range(3):
        assert client.post("/apply/", form).status_code == 302
    page = client.get("/apply/").content.decode()
    assert "本网络地址在一小时内还可以提交2件申请" in page
    assert "便民服务中心" in page  # what a shared address can do


def test_the_sixth_application_keeps_what_was_typed_and_says_what_to_do(client, agency_a):
    form = {**FORM, "agency": str(agency_a.pk)}
    for _ in range(5):
        client.post("/apply/", form)
    typed = {**form, "description": "2025年平罗县城区学校学区划分方案及听证记录"}
    response = client.post("/apply/", typed)
    page = response.content.decode()
    assert response.status_code == 429
    assert "2025年平罗县城区学校学区划分方案及听证记录" in page  # nothing lost
    assert "您填写的内容已保留在下方" in page and "以后再次提交" in page
    assert "通过邮寄或当面方式向受理机关提交书面申请" in page
    assert Request.objects.count() == 5


def test_the_refused_form_asks_to_choose_the_attachments_again(client, agency_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {**FORM, "agency": str(agency_a.pk)}
    for _ in range(5):
        client.post("/apply/", form)
    png = SimpleUploadedFile("身份证.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    page = client.post("/apply/", {**form, "attachments": [png]}).content.decode()
    assert "所选附件需重新选择" in page
