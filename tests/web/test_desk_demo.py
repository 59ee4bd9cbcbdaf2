"""The demo loader goes through the same law as the desk (issue 9): every act it takes is
one the 条例 allows, its agencies carry their letter settings, its numbers are unique."""

from __future__ import annotations

from datetime import date

from gongkai.web import demo
from gongkai.web.requests.models import Letter, Request


def test_the_demo_loads_through_the_law_with_unique_numbers_and_agency_settings(db):
    today = date(2026, 12, 5)
    agencies, _accounts = demo.ensure_agencies_and_users()
    for agency in agencies[:2]:
        assert demo.load_requests(agency, today, per_year=12) > 0
        assert agency.payment_instructions and agency.review_agency and agency.court
    numbers = list(Request.objects.values_list("tracking_number", flat=True))
    assert len(numbers) == len(set(numbers))
    drafted = {r.disposition for r in Request.objects.exclude(disposition="")}
    assert {"unable.not_held", "other.no_correction", "other.fee_unpaid"} <= drafted
    not_held = Request.objects.filter(disposition="unable.not_held").first()
    event = not_held.events.get(action="draft_reply")
    assert event.data["responsible_agency"] == "平罗县市场监督管理局"
    fee_letters = Letter.objects.filter(kind="fee_notice")
    assert fee_letters.exists()
