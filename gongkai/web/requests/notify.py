"""Telling the applicant: an acknowledgement and each issued letter by e-mail, and the
record of every delivery (送达) as an event on the request.

An applicant who chose e-mail (获取信息的方式：电子邮件) and gave an address receives them
when the act is committed (`transaction.on_commit`: a rolled-back act sends nothing). A
delivery by e-mail is recorded as a `deliver` event; a mail server that refuses is recorded
as `deliver_failed` with the reason, so the handler sees it and delivers by post or in
person instead (`desk_acts.record_delivery`).
"""

from __future__ import annotations

import logging
import smtplib
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from gongkai.text.chinese import chinese_date
from gongkai.web.requests import files
from gongkai.web.requests.models import Letter, Request, RequestEvent

log = logging.getLogger(__name__)

# The acts whose letter goes to the applicant when it is made; the reply goes when sent.
LETTER_ACTS = {"request_correction", "send_fee_notice", "approve_extension"}


def by_email(req: Request) -> bool:
    return req.delivery_method == "email" and bool(req.email)


def after_act(req: Request, action: str, today: date) -> None:
    """Called by `services.perform` inside its transaction: mail what the act issued."""
    if not by_email(req):
        return
    if action in LETTER_ACTS:
        letter = req.letters.filter(event__action=action).order_by("-id").first()
    elif action == "send_reply":
        letter = req.letters.filter(event__action="draft_reply").order_by("-id").first()
    else:
        return
    if letter is not None:
        pk = letter.pk
        transaction.on_commit(lambda: send_letter(Letter.objects.get(pk=pk), today))


RELEASING = ("granted", "partially_granted")


def released_records(req: Request) -> list:
    """The information released with the reply: the files attached to the reply's draft,
    offered to the applicant on /track/ once the reply is sent."""
    if req.state != "replied" or req.disposition not in RELEASING:
        return []
    draft = req.events.filter(action="draft_reply").order_by("-id").first()
    return list(draft.attachments.all()) if draft else []


def delivered_through_portal(req: Request, attachment, today: date) -> None:
    """The first download of a released file is its delivery (送达) through the portal."""
    if req.events.filter(action="deliver", data__attachment_id=attachment.pk).exists():
        return
    RequestEvent.objects.create(
        request=req,
        action="deliver",
        from_state=req.state,
        to_state=req.state,
        on=today,
        actor_label="申请人（网上下载）",
        note=f"申请人下载了公开的政府信息：{attachment.name}",
        data={
            "method": "portal",
            "method_label": "网上查询下载",
            "letter_label": "公开的政府信息",
            "attachment_id": attachment.pk,
        },
    )


def after_register(req: Request, today: date) -> None:
    if by_email(req):
        pk = req.pk
        transaction.on_commit(lambda: acknowledge(Request.objects.get(pk=pk), today))


def _footer(req: Request) -> str:
    contact = f"联系人及电话：{req.agency.contact}\n" if req.agency.contact else ""
    return (
        "\n\n您可以凭申请编号和查询码在“申请查询”页面查看办理进度、下载文书。\n"
        f"{contact}本邮件由系统自动发送，请勿直接回复。\n\n{req.agency.name}"
    )


def acknowledge(req: Request, today: date) -> bool:
    if req.received_on:
        what = f"本机关已于{chinese_date(req.received_on)}收到您的政府信息公开申请"
    else:
        what = "您的政府信息公开申请已提交，本机关确认收到之日为收到申请之日"
    body = (
        f"{req.organisation or req.applicant_name}：\n\n{what}，申请编号为{req.tracking_number}。"
        "本机关将依照《中华人民共和国政府信息公开条例》的规定办理，并通过电子邮件向您送达文书。"
        + _footer(req)
    )
    message = EmailMessage(
        f"政府信息公开申请已收到：{req.tracking_number}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [req.email],
    )
    return _send(req, message, today, "申请收悉告知", None)


def send_letter(letter: Letter, today: date) -> bool:
    req = letter.request
    label = files.kind_label(letter.kind)
    body = (
        f"{req.organisation or req.applicant_name}：\n\n"
        f"本机关就您的政府信息公开申请（申请编号 {req.tracking_number}）"
        f"作出{files.kind_title(letter.kind)}（{letter.number}），见附件。"
        + ("公开的政府信息请在“申请查询”页面下载。" if released_records(req) else "")
        + _footer(req)
    )
    message = EmailMessage(
        f"{req.agency.name}：{label}（{req.tracking_number}）",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [req.email],
    )
    try:
        from gongkai.web.requests.letters_pdf import PdfUnavailable, letter_pdf

        message.attach(files.letter_filename(letter, "pdf"), letter_pdf(letter), "application/pdf")
    except PdfUnavailable:  # the DOCX is the letter of record: send that
        message.attach(
            files.letter_filename(letter, "docx"),
            bytes(letter.content),
            files.CONTENT_TYPES["docx"],
        )
    return _send(req, message, today, label, letter)


def _send(req: Request, message: EmailMessage, today: date, label: str, letter) -> bool:
    data = {
        "method": "email",
        "method_label": "电子邮件",
        "letter_label": label,
        "letter": letter.number if letter else "",
        "letter_id": letter.pk if letter else None,
    }
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("mail to the applicant of %s failed: %s", req.tracking_number, exc)
        note = f"{label}电子邮件发送失败，请改用其他方式送达（{exc.__class__.__name__}）。"
        _record(req, today, "deliver_failed", "系统", note, data)
        return False
    _record(req, today, "deliver", "系统（电子邮件）", f"{label}已发送至申请人电子邮箱。", data)
    return True


def _record(req: Request, today: date, action: str, actor: str, note: str, data: dict) -> None:
    """The delivery as an event on the request; its state does not change."""
    RequestEvent.objects.create(
        request=req,
        action=action,
        from_state=req.state,
        to_state=req.state,
        on=today,
        actor_label=actor,
        note=note,
        data=data,
    )
