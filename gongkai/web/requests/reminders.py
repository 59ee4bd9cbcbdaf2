"""Reminders polled from the stored due dates: handlers get due-soon and overdue requests,
heads get their agency's overdue ones."""

from __future__ import annotations

import smtplib
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from gongkai.oserrors import os_error_reason
from gongkai.web.accounts.models import User
from gongkai.web.requests import clockwork
from gongkai.web.requests.models import Request
from gongkai.web.requests.workflow import CLOSED_STATES

SOON = clockwork.SOON_DAYS


def _line(req: Request, today: date) -> str:
    st = clockwork.standing(req, today)
    status = f"已超期{st.overdue_days}个工作日" if st.overdue else f"剩余{st.days_left}个工作日"
    due = req.due_on.isoformat() + ("（暂定）" if st.provisional else "")
    return f"{req.tracking_number}  {req.applicant_name}  答复期限 {due}  {status}"


def due_lists(today: date) -> tuple[dict, dict]:
    """Per handler: the requests due within 5 working days or overdue; per head: overdue."""
    cal = clockwork.calendar()
    horizon = cal.add_working_days(today, SOON)
    open_due = (
        Request.objects.exclude(state__in=CLOSED_STATES)
        .exclude(due_on=None)
        .filter(due_on__lte=horizon)
        .select_related("agency", "handler")
        .order_by("due_on")
    )
    handlers: dict[User, list[Request]] = defaultdict(list)
    heads: dict[User, list[Request]] = defaultdict(list)
    agency_handlers: dict[int, list[User]] = {}
    agency_heads: dict[int, list[User]] = {}
    for req in open_due:
        if req.agency_id not in agency_handlers:
            staff = User.objects.filter(agency_id=req.agency_id, is_active=True)
            agency_handlers[req.agency_id] = [u for u in staff if u.is_handler]
            agency_heads[req.agency_id] = [u for u in staff if u.is_head]
        for user in [req.handler] if req.handler else agency_handlers[req.agency_id]:
            handlers[user].append(req)
        if clockwork.standing(req, today).overdue:
            for head in agency_heads[req.agency_id]:
                heads[head].append(req)
    return handlers, heads


class MailError(Exception):
    """The mail server refused or could not be reached; the message is Chinese."""


def send_reminders(today: date, dry_run: bool = False) -> list[tuple[str, str, int]]:
    """Mail each recipient the requests not yet reminded about today (ops.ReminderSent):
    running twice a day sends nothing twice. Stops at the first mail error (MailError)."""
    from gongkai.web.requests.services import record_lateness

    # The lateness of a request nobody touched is recorded as a fact first (the polled
    # column `missed_due_on`), so the annual report and appraisal count it.
    record_lateness(today)
    handlers, heads = due_lists(today)
    sent: list[tuple[str, str, int]] = []
    for user, reqs in handlers.items():
        subject = "政府信息公开申请答复期限提醒"
        reqs = _not_yet(user, reqs, today, "handler", dry_run)
        if not reqs:
            continue
        body = (
            f"{user}，您好：\n\n以下申请已超期或将在5个工作日内到期（截至{today.isoformat()}）：\n\n"
            + "\n".join(_line(r, today) for r in reqs)
            + "\n\n请及时办理。"
        )
        sent.append(_send(user, subject, body, reqs, today, "handler", dry_run, len(sent)))
    for user, reqs in heads.items():
        subject = f"{user.agency.name}超期未答复的政府信息公开申请"
        reqs = _not_yet(user, reqs, today, "head", dry_run)
        if not reqs:
            continue
        body = (
            f"{user}，您好：\n\n本机关以下申请已超过答复期限（截至{today.isoformat()}）：\n\n"
            + "\n".join(_line(r, today) for r in reqs)
            + "\n\n请督促办理。"
        )
        sent.append(_send(user, subject, body, reqs, today, "head", dry_run, len(sent)))
    return sent


def _not_yet(user, reqs, today, kind, dry_run) -> list[Request]:
    """The requests `user` was not mailed about today; claimed here (one row each, unique)
    so that a second `remind` running at the same time skips them too."""
    from gongkai.web.ops.models import ReminderSent

    if dry_run or not user.email:
        done = set(
            ReminderSent.objects.filter(recipient=user, day=today, kind=kind).values_list(
                "request_id", flat=True
            )
        )
        return [r for r in reqs if r.pk not in done]
    claimed = []
    for req in reqs:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                request=req, recipient=user, day=today, kind=kind
            )
        if created:
            claimed.append(req)
    return claimed


def _send(user, subject, body, reqs, today, kind, dry_run, done) -> tuple[str, str, int]:
    if not dry_run and user.email:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except (smtplib.SMTPException, OSError) as exc:
            from gongkai.web.ops.models import ReminderSent

            ReminderSent.objects.filter(
                request__in=reqs, recipient=user, day=today, kind=kind
            ).delete()  # not sent: the next run tries again
            raise MailError(
                f"发送提醒邮件失败（收件人 {user.email}）：{_reason(exc)}。"
                f"本次已发送{done}封，其余未发送；请检查邮件服务器设置（GONGKAI_EMAIL、"
                "GONGKAI_SMTP_HOST 等）后重新运行，已发送的不会重复发送。"
            ) from exc
    return (f"{user}<{user.email}>", subject, len(reqs))


def _reason(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "邮件服务器拒绝登录（用户名或密码不正确）"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "邮件服务器拒收该地址"
    if isinstance(exc, smtplib.SMTPException):
        return f"邮件服务器返回错误（{exc}）"
    return f"无法连接邮件服务器（{os_error_reason(exc)}）" if isinstance(exc, OSError) else str(exc)
