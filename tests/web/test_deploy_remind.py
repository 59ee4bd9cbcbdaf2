"""Scheduled jobs: `gongkai remind` twice sends nothing twice, a mail server that fails is a
Chinese message and exit status 1 (and the next run retries), `gongkai purge` clears
expired sessions."""

from __future__ import annotations

import socket
from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

from gongkai.cli import main
from gongkai.web.ops.models import ReminderSent


@pytest.fixture
def due(make_request, agency_a, alice, hank):
    overdue = make_request(agency_a, received_on=date(2024, 3, 4))  # due 2024-04-01
    soon = make_request(agency_a, received_on=date(2024, 3, 25))  # due 2024-04-23
    for req in (overdue, soon):
        req.handler = alice
        req.save()
    return overdue, soon


def test_running_remind_twice_a_day_sends_nothing_twice(due, capsys, make_request, agency_a):
    assert main(["remind", "--today", "2024-04-17"]) == 0
    assert len(mail.outbox) == 2  # alice (two requests), hank (the overdue one)
    assert ReminderSent.objects.count() == 3
    capsys.readouterr()
    assert main(["remind", "--today", "2024-04-17"]) == 0
    assert len(mail.outbox) == 2
    assert "共0封提醒邮件已发送" in capsys.readouterr().out
    newly = make_request(agency_a, received_on=date(2024, 3, 20))  # due 2024-04-18
    newly.handler = due[0].handler
    newly.save()
    assert main(["remind", "--today", "2024-04-17"]) == 0
    (third,) = mail.outbox[2:]
    assert newly.tracking_number in third.body
    assert due[0].tracking_number not in third.body  # already told today
    assert main(["remind", "--today", "2024-04-18"]) == 0  # a new day: told again
    assert len(mail.outbox) == 5


def test_a_dry_run_claims_nothing(due):
    assert main(["remind", "--today", "2024-04-17", "--dry-run"]) == 0
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert main(["remind", "--today", "2024-04-17"]) == 0
    assert len(mail.outbox) == 2


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once closed


def test_a_dead_mail_server_is_a_clear_message_and_status_1(due, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    assert main(["remind", "--today", "2024-04-17"]) == 1
    captured = capsys.readouterr()
    assert "发送提醒邮件失败" in captured.err and "无法连接邮件服务器" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not ReminderSent.objects.exists()  # nothing was sent, nothing is logged
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert main(["remind", "--today", "2024-04-17"]) == 0  # the retry sends everything
    assert len(mail.outbox) == 2


def test_purge_deletes_expired_sessions_and_old_reminder_records(due, capsys):
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="x", expire_date=now - timedelta(1))
    Session.objects.create(session_key="live", session_data="x", expire_date=now + timedelta(1))
    overdue, _ = due
    ReminderSent.objects.create(
        request=overdue, recipient=overdue.handler, day=date(2024, 1, 2), kind="handler"
    )
    ReminderSent.objects.create(
        request=overdue, recipient=overdue.handler, day=timezone.localdate(), kind="handler"
    )
    assert main(["purge"]) == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(ReminderSent.objects.values_list("day", flat=True)) == [timezone.localdate()]
    assert "已清理过期会话1个" in capsys.readouterr().out
