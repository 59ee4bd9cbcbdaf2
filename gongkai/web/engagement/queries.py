"""The engagement registers as the annual report and the appraisal read them.

`engagement_summary(agency_ids, year, today)` counts the year's messages, interpretations
and activities into the core's `EngagementSummary`; `overview_paragraph(agency_name, year)`
is what the report builder calls for section 一 (the framework-free sentence is
`gongkai.appraisal.drafting.engagement_paragraph`).
"""

from __future__ import annotations

from datetime import date

from gongkai.appraisal.drafting import engagement_paragraph
from gongkai.appraisal.engagement import CHANNELS, EngagementSummary, within_limit
from gongkai.web.engagement.models import Activity, Interpretation, Message
from gongkai.web.timekeeping import today  # the one "today" of the web apps

__all__ = ["engagement_summary", "overview_paragraph", "today"]

SATISFIED = ("satisfied", "basically_satisfied")


def calendar():
    from gongkai.web.requests import clockwork

    return clockwork.calendar()


def message_within(message: Message, today: date, cal=None) -> bool | None:
    return within_limit(
        message.received_on, message.answered_on, message.limit_days, cal or calendar(), today
    )


def engagement_summary(agency_ids: list[int], year: int, today: date) -> EngagementSummary:
    cal = calendar()
    summary = EngagementSummary(year, by_channel=dict.fromkeys(CHANNELS, 0))
    messages = Message.objects.filter(agency_id__in=agency_ids, received_on__year=year)
    for m in messages.only("channel", "received_on", "answered_on", "limit_days", "satisfaction"):
        summary.by_channel[m.channel] = summary.by_channel.get(m.channel, 0) + 1
        if m.answered_on is not None:
            summary.answered += 1
            if message_within(m, today, cal):
                summary.within_limit += 1
        if m.satisfaction:
            summary.rated += 1
            summary.satisfied += m.satisfaction in SATISFIED
    summary.interpretations = list(
        Interpretation.objects.filter(agency_id__in=agency_ids, published_on__year=year)
        .order_by("published_on", "id")
        .values_list("title", "form")
    )
    summary.activities = list(
        Activity.objects.filter(agency_id__in=agency_ids, held_on__year=year)
        .order_by("held_on", "id")
        .values_list("kind", "held_on", "participants", "title")
    )
    return summary


def overview_paragraph(agency_name: str, year: int, scope: str = "本机关") -> str:
    """ "（四）政民互动和政策解读情况。…" for the agency's report, or "" when nothing is recorded.
    Counted as at 31 December of `year` (the report states the year, not today)."""
    from gongkai.web.accounts.models import Agency

    agency = Agency.objects.filter(name=agency_name).first()
    if agency is None:
        return ""
    return engagement_paragraph(engagement_summary([agency.id], year, date(year, 12, 31)), scope)
