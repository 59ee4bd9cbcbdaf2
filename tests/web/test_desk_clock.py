"""Issue 9, item 9: one clock and one today. The queue, the request's page, the reminders
and the register export take days left / overdue / provisional from the core clock."""

from __future__ import annotations

import csv
import io
import pathlib
from datetime import date

from django.core import mail

from gongkai.cli import main
from gongkai.web import timekeeping

# Received Friday 2024-10-18: 20 working days after it is Friday 2024-11-15 (no holiday
# in between). Saturday 2024-11-16 is the first day after the due date.
RECEIVED = date(2024, 10, 18)
DUE_FRIDAY = date(2024, 11, 15)


def test_the_saturday_after_a_friday_due_date_is_overdue_in_the_queue(
    alice_client, make_request, agency_a, monkeypatch
):
    req = make_request(agency_a, received_on=RECEIVED)
    assert req.due_on == DUE_FRIDAY
    monkeypatch.setenv("GONGKAI_TODAY", "2024-11-16")
    page = alice_client.get("/desk/").content.decode()
    assert f'<tr class="overdue" data-tracking="{req.tracking_number}">' in page
    assert "已超期1个工作日" in page
    detail = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert "已超期1个工作日" in detail and "剩余工作日：0" not in detail


def test_the_overdue_count_does_not_drop_over_the_weekend(
    alice_client, make_request, agency_a, monkeypatch
):
    req = make_request(agency_a, received_on=RECEIVED)
    counts = []
    for day in ("2024-11-20", "2024-11-22", "2024-11-23", "2024-11-24", "2024-11-25"):
        monkeypatch.setenv("GONGKAI_TODAY", day)
        page = alice_client.get(f"/desk/{req.pk}/").content.decode()
        counts.append(next(n for n in range(1, 10) if f"已超期{n}个工作日" in page))
    assert counts == [3, 5, 6, 6, 6]  # Wed, Fri, Sat, Sun, Mon


def test_the_head_is_reminded_of_what_the_queue_shows_as_overdue(
    make_request, agency_a, alice, hank, capsys
):
    req = make_request(agency_a, received_on=RECEIVED)
    req.handler = alice
    req.save()
    assert main(["remind", "--today", "2024-11-16"]) == 0
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert f"{req.tracking_number}" in by_to["hank@example.gov.cn"]
    assert "已超期1个工作日" in by_to["alice@example.gov.cn"]
    assert "剩余0个工作日" not in by_to["alice@example.gov.cn"]


def test_the_register_export_counts_days_left_as_the_queue_does(
    alice_client, make_request, agency_a, monkeypatch
):
    make_request(agency_a, received_on=RECEIVED)
    monkeypatch.setenv("GONGKAI_TODAY", "2024-11-16")
    body = alice_client.get("/desk/export.csv").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))[:2]
    assert row[header.index("剩余工作日")] == "-1"
    assert row[header.index("答复期限")] == "2024-11-15"


def test_a_due_date_in_a_year_without_holiday_schedule_is_marked_provisional(
    alice_client, make_request, agency_a, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", "2027-03-02")
    req = make_request(agency_a, received_on=date(2027, 3, 1), today=date(2027, 3, 2))
    page = alice_client.get("/desk/").content.decode()
    assert "2027-03-29 <span" in page and ">暂定</span>" in page
    detail = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert "（暂定，以国务院公布的节假日安排为准）" in detail
    body = alice_client.get("/desk/export.csv").content.decode("utf-8-sig")
    assert "2027-03-29（暂定）" in body


def test_every_app_takes_today_from_one_function(monkeypatch):
    from gongkai.web.annual_reports import views as annual_views
    from gongkai.web.portal import views as portal_views
    from gongkai.web.requests import administration_views
    from gongkai.web.requests import views as desk_views

    for module in (annual_views, portal_views, administration_views, desk_views):
        assert module.today is timekeeping.today
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-05")
    assert timekeeping.today() == date(2026, 12, 5)
    root = pathlib.Path(timekeeping.__file__).parents[1]
    own_clocks = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "timekeeping.py"
        and ("localdate()" in path.read_text() or "date.today()" in path.read_text())
        # a fallback for while timekeeping was not committed yet (engagement) is tolerated
        and "from gongkai.web.timekeeping import" not in path.read_text()
    ]
    assert own_clocks == []
