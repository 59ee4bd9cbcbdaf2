"""Issue 12: an applicant who chose e-mail receives an acknowledgement and each letter
(PDF) by e-mail; each delivery is an event; post and in-person deliveries are recorded."""

from __future__ import annotations

import smtplib
from datetime import date

import pytest
from django.core import mail

from gongkai.web.requests import desk_acts, services
from gongkai.web.requests.models import RequestEvent
from tests.web.test_portal import FORM

EMAIL = {"delivery_method": "email", "delivery_form": "electronic", "email": "zhangsan@example.com"}


def test_an_online_application_is_acknowledged_by_email(
    client, agency_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/apply/", {**FORM, "agency": str(agency_a.pk)}).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["lisi@example.com"]
    assert message.subject.startswith("政府信息公开申请已收到：平卫依申〔")
    assert "申请编号为平卫依申〔" in message.body
    event = RequestEvent.objects.get(action="deliver")
    assert event.data["method"] == "email" and event.data["letter_label"] == "申请收悉告知"


def test_each_letter_reaches_the_applicant_as_pdf_and_the_delivery_is_recorded(
    make_request, agency_a, alice, bob, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req = make_request(agency_a, received_on=date(2024, 3, 4), **EMAIL)
    assert len(mail.outbox) == 1  # the acknowledgement
    assert "本机关已于2024年3月4日收到您的政府信息公开申请" in mail.outbox[0].body
    on = date(2024, 3, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.perform(
            req, "request_correction", alice, services.Step(on=on, note="请写明年份"), today=on
        )
    letter = mail.outbox[-1]
    assert letter.subject == "平罗县卫生健康局：补正通知书（平卫依申〔2024〕1号）"
    ((name, content, mimetype),) = letter.attachments
    assert (name, mimetype) == ("平卫依申〔2024〕1号-补正通知书.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    delivered = req.events.filter(action="deliver").order_by("id").last()
    assert delivered.data["letter"] == "平卫依申〔2024〕1号-1" and delivered.on == on
    # the applicant sees the delivery in the history
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    assert "补正通知书已送达（电子邮件）" in client.get(f"/track/{req.pk}/").content.decode()
    # an internal step mails nothing; the reply is mailed when it is sent, not drafted
    day = date(2024, 3, 8)
    with django_capture_on_commit_callbacks(execute=True):
        services.perform(
            req, "receive_correction", None, services.Step(on=day, correction="2023年"), today=day
        )
        services.perform(
            req, "draft_reply", alice, services.Step(on=day, disposition="granted"), today=day
        )
        services.perform(req, "review_reply", bob, services.Step(on=day), today=day)
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.perform(req, "send_reply", bob, services.Step(on=day), today=day)
    assert mail.outbox[-1].subject == "平罗县卫生健康局：答复书（平卫依申〔2024〕1号）"


def test_an_applicant_who_chose_post_gets_no_mail_and_the_handler_records_the_delivery(
    agency_a, alice_client, monkeypatch, django_capture_on_commit_callbacks, correction_notice
):
    with django_capture_on_commit_callbacks(execute=True):
        req = correction_notice()  # by post
    assert mail.outbox == []
    letter = req.letters.get()
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-07")
    page = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert 'data-act="deliver"' in page
    alice_client.post(
        f"/desk/{req.pk}/act/deliver/",
        {"letter": letter.pk, "method": "post", "on": "2024-03-07", "note": "挂号信 XA123456789CN"},
    )
    event = req.events.get(action="deliver")
    assert (event.data["method_label"], event.on, event.note) == (
        "邮寄",
        date(2024, 3, 7),
        "挂号信 XA123456789CN",
    )


def test_a_delivery_is_refused_before_the_letter_or_in_the_future(
    agency_a, alice, bob, correction_notice
):
    req = correction_notice()
    letter = req.letters.get()
    for on, message in (
        (date(2024, 3, 4), "不能早于文书作出之日"),
        (date(2024, 3, 9), "不能晚于今天"),
    ):
        with pytest.raises(services.TransitionError, match=message):
            desk_acts.record_delivery(
                req, letter, alice, method="post", on=on, today=date(2024, 3, 6)
            )
    assert not req.events.filter(action="deliver").exists()


def test_a_mail_server_that_refuses_leaves_a_failed_delivery_for_the_handler(
    agency_a, monkeypatch, django_capture_on_commit_callbacks, correction_notice
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"zhangsan@example.com": (550, b"no")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        req = correction_notice(**EMAIL)
    req.refresh_from_db()
    assert req.state == "correction_requested"  # the act stands
    failed = req.events.filter(action="deliver_failed")
    assert failed.count() == 2 and not req.events.filter(action="deliver").exists()
    assert "请改用其他方式送达" in failed.last().note


def test_released_records_are_delivered_through_the_portal_once_the_reply_is_sent(
    client, alice_client, make_request, agency_a, alice, bob, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req, "start", alice, services.Step(on=date(2024, 3, 5)), today=date(2024, 3, 5)
    )
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-08")
    page = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert "提供给申请人的政府信息" in page and "下载即记为送达" in page
    record = SimpleUploadedFile("资金分配文件.pdf", b"%PDF-1.4\n" + b"0" * 200)
    alice_client.post(
        f"/desk/{req.pk}/act/draft_reply/",
        {
            "draft_reply-on": "2024-03-08",
            "draft_reply-disposition": "granted",
            "draft_reply-attachments": [record],
        },
    )
    req.refresh_from_db()
    assert req.state == "reply_drafted"
    (attachment,) = req.attachments.all()
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    url = f"/track/{req.pk}/records/{attachment.pk}/"
    assert client.get(url).status_code == 404  # not before the reply is sent
    day = date(2024, 3, 8)
    services.perform(req, "review_reply", bob, services.Step(on=day), today=day)
    services.perform(req, "send_reply", bob, services.Step(on=day), today=day)
    status = client.get(f"/track/{req.pk}/").content.decode()
    assert "公开的政府信息" in status and "下载 资金分配文件.pdf" in status
    download = client.get(url)
    assert download.content.startswith(b"%PDF") and download["Content-Type"] == "application/pdf"
    client.get(url)
    (event,) = req.events.filter(action="deliver")
    assert event.data["method"] == "portal" and event.on == day
    assert (
        "公开的政府信息已送达（网上查询下载）" in client.get(f"/track/{req.pk}/").content.decode()
    )
