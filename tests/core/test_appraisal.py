"""The supervisor's year without Django: time limits, indicators, scores, charts, drafting."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from gongkai.appraisal import charts
from gongkai.appraisal.drafting import engagement_paragraph
from gongkai.appraisal.engagement import (
    CHANNEL_ALIASES,
    EngagementSummary,
    interpretation_on_time,
    limit_for,
    within_limit,
)
from gongkai.appraisal.indicators import Facts, Ref, by_key, compute
from gongkai.appraisal.scoring import DEFAULT_RULES, Rule, Scheme, Score, rank, score
from gongkai.clock.calendar import WorkCalendar

CAL = WorkCalendar()
TODAY = date(2026, 12, 5)


def refs(kind: str, n: int, start: int = 1) -> list[Ref]:
    return [Ref(kind, i, f"{kind}-{i}") for i in range(start, start + n)]


# ------------------------------------------------------------------ time limits
def test_a_hotline_ticket_of_30_september_is_due_after_the_national_day_holiday():
    # 2025: 1–8 October off, Saturday 11 October worked; five working days after 30 Sept
    # are 9, 10, 11, 13 and 14 October.
    assert within_limit(date(2025, 9, 30), date(2025, 10, 14), 5, CAL, TODAY) is True
    assert within_limit(date(2025, 9, 30), date(2025, 10, 15), 5, CAL, TODAY) is False


def test_an_unanswered_message_is_pending_until_its_limit_passes():
    assert within_limit(date(2026, 12, 1), None, 5, CAL, TODAY) is None
    assert within_limit(date(2026, 11, 2), None, 5, CAL, TODAY) is False


def test_channel_names_from_the_platforms_map_to_channels_with_limits():
    assert CHANNEL_ALIASES["市民热线"] == "hotline" and limit_for("hotline") == 5
    assert CHANNEL_ALIASES["议政网"] == "message_board" and limit_for("message_board") == 10
    assert limit_for("head_mailbox") == 15
    with pytest.raises(ValueError, match="无法识别的互动渠道"):
        limit_for("fax")


def test_an_interpretation_is_on_time_within_three_working_days_of_its_policy():
    # Monday 3 March 2025 + 3 working days = Thursday 6 March.
    assert interpretation_on_time(date(2025, 3, 3), date(2025, 3, 6), CAL) is True
    assert interpretation_on_time(date(2025, 3, 3), date(2025, 3, 7), CAL) is False
    assert interpretation_on_time(None, date(2025, 3, 7), CAL) is None


# ------------------------------------------------------------------ indicators
def facts() -> Facts:
    f = Facts("a", "甲局", 2025, TODAY)
    f.received = refs("request", 10)
    f.on_time, f.late = refs("request", 7), refs("request", 1, 8)
    f.overdue_now = refs("request", 1, 9)
    f.appeals_decided, f.appeals_corrected = refs("appeal", 4), refs("appeal", 1)
    f.published, f.reviewed = refs("item", 20), refs("item", 18)
    f.messages_due, f.messages_within = refs("message", 8), refs("message", 6)
    return f


def test_indicators_count_and_divide_the_buckets():
    got = by_key(compute(facts()))
    assert got["requests_received"].value == 10
    assert got["on_time_rate"].value == 7 / 8
    assert (got["on_time_rate"].numerator, got["on_time_rate"].denominator) == (7, 8)
    assert got["on_time_rate"].display() == "87.5%"
    assert got["appeal_correction_rate"].value == 0.25
    assert got["reviewed_rate"].value == 0.9
    assert got["engagement_within_rate"].value == 0.75
    assert [r.id for r in got["answered_late"].records] == [8]


def test_an_indicator_without_records_says_so_and_costs_nothing():
    got = by_key(compute(Facts("a", "甲局", 2025, TODAY)))
    assert got["interpretation_rate"].value is None
    assert got["interpretation_rate"].display() == "无此类事项"
    assert got["report_on_time"].value is None
    s = score("a", "甲局", compute(Facts("a", "甲局", 2025, TODAY)), Scheme())
    assert s.total == 100


# ------------------------------------------------------------------ scoring
def test_a_rate_between_the_thresholds_earns_a_straight_line_share():
    rule = Rule(20, 1.0, 0.8)
    assert rule.share(0.9) == pytest.approx(0.5)
    assert rule.share(0.7) == 0 and rule.share(1.0) == 1
    lower = Rule(10, 0, 3)  # lower is better: 1 overdue request of 3 allowed
    assert lower.share(1) == pytest.approx(2 / 3)


def test_the_score_adds_each_indicators_points():
    s = score("a", "甲局", compute(facts()), Scheme())
    # on time 87.5%: 20 × (0.875 − 0.8)/0.2 = 7.5; 1 overdue: 10 × 2/3 = 6.67;
    # correction rate 25%: 10 × 0.5 = 5; reviewed 90%: 10 × 0.5 = 5; within limit 75%: 0;
    # everything else full: flaws 10, report 10 + 5, fixes 5, interpretations 10.
    assert s.parts["on_time_rate"] == 7.5
    assert s.parts["overdue_now"] == 6.67
    assert s.parts["engagement_within_rate"] == 0
    assert s.total == pytest.approx(7.5 + 6.67 + 10 + 5 + 10 + 5 + 5 + 5 + 0 + 10)


def test_equal_totals_share_a_rank():
    ranked = rank([Score("b", "乙", 90, {}), Score("a", "甲", 95, {}), Score("c", "丙", 90, {})])
    assert [(s.code, s.rank) for s in ranked] == [("a", 1), ("b", 2), ("c", 2)]


def test_a_scheme_refuses_unknown_and_unscored_indicators_in_chinese():
    with pytest.raises(ValueError, match="无法识别的考核指标"):
        Scheme({"speed": Rule(10, 1, 0)})
    with pytest.raises(ValueError, match="只作统计、不计分"):
        Scheme({"requests_received": Rule(10, 1, 0)})
    with pytest.raises(ValueError, match="满分值与零分值不能相同"):
        Rule(10, 1, 1)
    assert Scheme.from_json(Scheme().to_json()) == Scheme()
    assert sum(r.weight for r in DEFAULT_RULES.values()) == 100


# ------------------------------------------------------------------ charts
def test_a_stacked_bar_chart_is_valid_svg_with_patterns_and_numbers():
    svg = charts.stacked_bars(
        "m", "各月申请", ["1月", "2月"], [("予以公开", [2, 0]), ("不予公开", [1, 3])]
    )
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert len(root.findall(f"{ns}defs/{ns}pattern")) == 2
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "3" in texts and "予以公开" in texts and "1月" in texts
    assert "1月共3件（予以公开2，不予公开1）" in root.find(f"{ns}desc").text


def test_a_line_chart_labels_each_point_and_marks_missing_years():
    svg = charts.line_chart("r", "按期答复率", [("2024", None), ("2025", 0.875)])
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "87.5%" in texts and "无数据" in texts


def test_the_ranking_chart_marks_the_department_shown():
    svg = charts.ranking_bars(
        "k", "排名", [("甲局", 95, "95.0分"), ("乙局", 80, "80.0分")], highlight="乙局"
    )
    ET.fromstring(svg)
    assert "▶ 乙局" in svg and "95.0分" in svg


# ------------------------------------------------------------------ drafting
def test_the_paragraph_reads_like_the_seeds():
    s = EngagementSummary(
        2024,
        by_channel={"secretary_mailbox": 2, "head_mailbox": 3, "message_board": 25, "hotline": 153},
        answered=183,
        within_limit=180,
        rated=150,
        satisfied=148,
        interpretations=[("一图读懂|平罗县全民健康水平提升行动实施方案", "graphic")],
        activities=[
            ("open_day", date(2024, 9, 12), 30, "政府开放日"),
            ("training", date(2024, 5, 1), 40, ""),
        ],
    )
    text = engagement_paragraph(s)
    assert text.startswith(
        "（四）政民互动和政策解读情况。2024年，本机关共受理书记信箱2件、县长信箱3件、留言板25件、"
    )
    assert (
        "12345政务服务便民热线153件，合计183件，均已办理答复，在规定时限内办结180件，按时办结率98.4%。"
        in text
    )
    assert "群众满意率为98.7%" in text
    assert "发布《一图读懂|平罗县全民健康水平提升行动实施方案》解读材料1条" in text
    assert "9月12日，开展“政府开放日”活动，邀请群众代表、企业代表等30人参加。" in text
    assert "全年组织政务公开业务培训1次，参训40人次" in text
    assert "其中" not in text


def test_nothing_recorded_drafts_nothing():
    assert engagement_paragraph(EngagementSummary(2024)) == ""
