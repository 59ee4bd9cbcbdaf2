"""Section 一 of a built report says what the engagement registers hold, and the auditor
finds nothing to object to in it."""

from __future__ import annotations

from datetime import UTC, date, datetime

TODAY = date(2026, 12, 5)


def test_the_built_report_drafts_the_engagement_paragraph(agency_a):
    from gongkai.web.annual_reports import services
    from gongkai.web.engagement.models import Activity, Interpretation, Message
    from gongkai.web.ledger.models import Item

    for received, answered, rating in (
        (date(2025, 9, 30), date(2025, 10, 14), "satisfied"),
        (date(2025, 9, 30), date(2025, 10, 15), "dissatisfied"),
        (date(2025, 3, 3), date(2025, 3, 4), ""),
    ):
        Message.objects.create(
            agency=agency_a,
            channel="hotline",
            received_on=received,
            topic="诉求",
            answered_on=answered,
            limit_days=5,
            satisfaction=rating,
        )
    Message.objects.create(
        agency=agency_a,
        channel="head_mailbox",
        received_on=date(2025, 4, 1),
        topic="来信",
        answered_on=date(2025, 4, 8),
        limit_days=15,
    )
    policy = Item.objects.create(
        agency=agency_a,
        title="平罗县全民健康水平提升行动实施方案",
        state="published",
        published_on=date(2025, 3, 3),
        created_at=datetime(2025, 3, 3, tzinfo=UTC),
    )
    Interpretation.objects.create(
        agency=agency_a,
        title="一图读懂|平罗县全民健康水平提升行动实施方案",
        policy=policy,
        form="graphic",
        channel="wechat",
        published_on=date(2025, 3, 4),
    )
    Activity.objects.create(
        agency=agency_a,
        kind="open_day",
        title="政府开放日",
        held_on=date(2025, 9, 12),
        participants=30,
    )
    ar = services.build(agency_a, 2025, TODAY)
    overview = ar.data["text"]["overview"]
    last = overview.splitlines()[-1]
    assert last == (
        "（四）政民互动和政策解读情况。2025年，本机关共受理12345政务服务便民热线3件、县长信箱1件，"
        "合计4件，均已办理答复，在规定时限内办结3件，按时办结率75%。经回访评价，群众满意率为50%。"
        "围绕重要政策文件做好解读工作，通过图解等形式，发布《一图读懂|平罗县全民健康水平提升行动实施方案》"
        "解读材料1条。9月12日，开展“政府开放日”活动，邀请群众代表、企业代表等30人参加。"
    )
    narrative = [f for f in services.audit_report(ar) if f.code.startswith("narrative")]
    assert narrative == []


def test_without_engagement_records_the_draft_is_unchanged(agency_a):
    from gongkai.web.annual_reports import services

    overview = services.build(agency_a, 2025, TODAY).data["text"]["overview"]
    assert "政民互动" not in overview
