"""The demo county: every department has a year of engagement records, an open day and
interpretations; its requests received equal table 三 本年新收 of its report; loading twice
adds nothing."""

from __future__ import annotations

from gongkai.appraisal.indicators import by_key
from tests.conftest import DEMO_TODAY as TODAY

YEAR = 2025


def test_the_demo_county_agrees_with_its_reports(demo_county):
    from gongkai.web.accounts.models import Agency
    from gongkai.web.annual_reports import services
    from gongkai.web.appraisal.queries import indicators_for
    from gongkai.web.engagement import demo as engagement_demo
    from gongkai.web.engagement.models import Activity, Interpretation, Message

    counts = (Message.objects.count(), Interpretation.objects.count(), Activity.objects.count())
    engagement_demo.load(TODAY)
    assert (
        Message.objects.count(),
        Interpretation.objects.count(),
        Activity.objects.count(),
    ) == counts
    departments = list(Agency.objects.filter(kind="department"))
    assert len(departments) == 3
    for agency in departments:
        assert Message.objects.filter(agency=agency, received_on__year=YEAR).count() >= 60
        assert Activity.objects.filter(agency=agency, kind="open_day", held_on__year=YEAR).exists()
        assert Interpretation.objects.filter(agency=agency, policy__isnull=False).exists()
        got = by_key(indicators_for(agency, YEAR, TODAY))
        report = services.build(agency, YEAR, TODAY)
        assert got["requests_received"].value == report.data["requests"]["new"]["total"] > 0
        assert (
            "（四）政民互动和政策解读情况。2025年，本机关共受理" in report.data["text"]["overview"]
        )
