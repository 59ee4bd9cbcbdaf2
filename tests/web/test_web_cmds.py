"""`gongkai remind` and `gongkai demo`, called through `gongkai.cli.main`."""

from __future__ import annotations

from datetime import date

from django.core import mail

from gongkai.cli import main
from gongkai.web.requests import services


def test_remind_emails_handlers_their_due_and_overdue_requests_and_heads_the_overdue(
    make_request, agency_a, alice, hank, charlie, capsys
):
    overdue = make_request(agency_a, received_on=date(2024, 3, 4))  # due 2024-04-01
    soon = make_request(agency_a, received_on=date(2024, 3, 25))  # due 2024-04-23
    later = make_request(agency_a, received_on=date(2024, 4, 15))  # due 2024-05-17
    for req in (overdue, soon, later):
        req.handler = alice
        req.save()
    assert main(["remind", "--today", "2024-04-17"]) == 0
    out = capsys.readouterr().out
    assert "共2封提醒邮件已发送" in out
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"alice@example.gov.cn", "hank@example.gov.cn"}
    to_alice = by_to["alice@example.gov.cn"].body
    assert overdue.tracking_number in to_alice and "已超期" in to_alice
    assert soon.tracking_number in to_alice and later.tracking_number not in to_alice
    to_hank = by_to["hank@example.gov.cn"].body
    assert overdue.tracking_number in to_hank and soon.tracking_number not in to_hank


def test_remind_refuses_a_bad_date_with_status_2(db, capsys):
    assert main(["remind", "--today", "2024-13-01"]) == 2
    assert "日期格式不正确" in capsys.readouterr().err


def test_closed_requests_are_not_reminded(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "withdraw",
        alice,
        services.Step(on=date(2024, 3, 5), note="撤回"),
        today=date(2024, 3, 5),
    )
    assert main(["remind", "--today", "2024-04-17"]) == 0
    assert mail.outbox == []


def test_demo_data_loads_once_and_a_second_run_changes_nothing(demo_county):
    from gongkai.web import demo
    from gongkai.web.accounts.models import Agency, User
    from gongkai.web.requests.models import Request, RequestEvent
    from tests.conftest import DEMO_TODAY

    counts = (
        Agency.objects.count(),
        User.objects.count(),
        Request.objects.count(),
        RequestEvent.objects.count(),
    )
    assert counts[0] == 4 and counts[2] > 12
    usernames = set(User.objects.values_list("username", flat=True))
    assert {"gov_supervisor", "wj_handler", "zr_head", "jy_admin"} <= usernames
    states = set(Request.objects.values_list("state", flat=True))
    assert {
        "submitted",
        "correction_requested",
        "consultation",
        "fee_notice",
        "extended",
        "reply_drafted",
    } <= states
    accounts = demo.load(DEMO_TODAY, echo=lambda s: None)  # the second run
    assert {"gov_supervisor", "wj_handler", "zr_head", "jy_admin"} <= {a[0] for a in accounts}
    assert counts == (
        Agency.objects.count(),
        User.objects.count(),
        Request.objects.count(),
        RequestEvent.objects.count(),
    )


def test_a_tracking_format_without_a_sequence_number_is_refused(agency_a):
    import pytest
    from django.core.exceptions import ValidationError

    agency_a.tracking_format = "平卫依申〔{year}〕号"
    with pytest.raises(ValidationError, match="seq"):
        agency_a.full_clean()
    agency_a.tracking_format = "平卫依申〔{year}〕{seq}号{x}"
    with pytest.raises(ValidationError, match="两个占位符"):
        agency_a.full_clean()
