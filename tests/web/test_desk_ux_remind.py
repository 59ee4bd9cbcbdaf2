"""`gongkai remind` records the lateness of requests nobody touched (issue 12)."""

from __future__ import annotations

from datetime import date

from gongkai.web.requests import reminders


def test_remind_records_the_missed_due_date_of_an_untouched_request(make_request, agency_a, alice):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    assert req.due_on is not None and req.missed_due_on is None
    reminders.send_reminders(date(2024, 6, 3), dry_run=True)
    req.refresh_from_db()
    assert req.missed_due_on == req.due_on
