"""Appraisal indicators (考核指标) of one department and year, from facts gathered from the
records. Each indicator carries its definition and the records behind it, so a supervisor
can open every number.

The web layer (`gongkai.web.appraisal.queries`) sorts the records into the buckets of
`Facts`; this module only counts and divides. A rate without records is None ("无此类事项").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Direction = Literal["higher", "lower", "none"]


@dataclass(frozen=True)
class Ref:
    """A record behind a number: its kind (request, item, appeal, report, message,
    interpretation), its id and a short label (tracking number, title)."""

    kind: str
    id: int
    label: str


@dataclass
class Facts:
    """One department's records of `year`, sorted into buckets (lists of `Ref`)."""

    code: str
    name: str
    year: int
    today: date
    received: list[Ref] = field(default_factory=list)  # received in the year (表三 本年新收)
    on_time: list[Ref] = field(default_factory=list)  # answered in the year, on time
    late: list[Ref] = field(default_factory=list)  # answered in the year, after the due date
    overdue_now: list[Ref] = field(default_factory=list)  # open and past the due date today
    flaws: list[Ref] = field(default_factory=list)  # procedural flaws (late correction notice)
    appeals_decided: list[Ref] = field(default_factory=list)
    appeals_corrected: list[Ref] = field(default_factory=list)
    report: Ref | None = None  # the annual report published during the year (on year - 1)
    report_on_time: bool | None = None
    report_findings: list[str] = field(default_factory=list)  # audit errors, Chinese
    published: list[Ref] = field(default_factory=list)  # items published in the year
    reviewed: list[Ref] = field(default_factory=list)  # ... of which after review (先审后发)
    fixes: list[Ref] = field(default_factory=list)  # corrections and withdrawals of the year
    messages_due: list[Ref] = field(default_factory=list)  # answered, or unanswered past limit
    messages_within: list[Ref] = field(default_factory=list)
    messages_rated: list[Ref] = field(default_factory=list)
    messages_satisfied: list[Ref] = field(default_factory=list)
    interpretations: list[Ref] = field(default_factory=list)  # with a linked policy
    interpretations_on_time: list[Ref] = field(default_factory=list)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # "件", "条", "%" (value is a fraction 0..1), "项"
    definition: str
    value: float | None
    direction: Direction
    numerator: int | None = None
    denominator: int | None = None
    records: tuple[Ref, ...] = ()

    def display(self) -> str:
        if self.value is None:
            return "无此类事项"
        if self.unit == "%":
            return f"{self.value * 100:.1f}%"
        if self.unit == "是否":
            return "是" if self.value else "否"
        return f"{int(self.value)}{self.unit}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["records"] = [asdict(r) for r in self.records]
        data["display"] = self.display()
        return data


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    unit: str
    direction: Direction
    definition: str


SPECS: dict[str, Spec] = {
    s.key: s
    for s in (
        Spec(
            "requests_received",
            "本年新收政府信息公开申请",
            "件",
            "none",
            "收到申请之日在本年度内的申请件数，与年度报告表三“本年新收政府信息公开申请数量”一致。",
        ),
        Spec(
            "answered_on_time",
            "按期答复",
            "件",
            "none",
            "本年度办结的申请（与年度报告表三“办理结果”合计口径相同）中，在法定答复期限（含依法延长、不计入期限的征求意见等时间）内办结的件数。",
        ),
        Spec(
            "answered_late",
            "逾期答复",
            "件",
            "lower",
            "本年度办结的申请中，办结日期晚于法定答复期限的件数（办理记录中登记的逾期事实）。",
        ),
        Spec(
            "on_time_rate",
            "按期答复率",
            "%",
            "higher",
            "按期答复件数 ÷（按期答复件数 + 逾期答复件数）。",
        ),
        Spec(
            "overdue_now",
            "目前逾期未答复",
            "件",
            "lower",
            "统计之日尚未办结且已超过答复期限的申请件数（本年度及以前收到的）。",
        ),
        Spec(
            "procedural_flaws",
            "程序瑕疵",
            "件",
            "lower",
            "本年度发出的补正通知中，在收到申请之日起7个工作日后才发出的件数（条例第三十条，办理记录中登记为逾期告知）。",
        ),
        Spec(
            "appeal_correction_rate",
            "行政复议、行政诉讼纠错率",
            "%",
            "lower",
            "本年度审结的行政复议、行政诉讼案件中，结果为纠正的件数 ÷ 审结件数。",
        ),
        Spec(
            "report_on_time",
            "年度报告按时发布",
            "是否",
            "higher",
            "本年度发布的上一年度政府信息公开工作年度报告，是否在法定期限内发布"
            "（部门1月31日前，政府3月31日前，条例第四十九条）。",
        ),
        Spec(
            "report_findings",
            "年度报告审核发现的问题",
            "项",
            "lower",
            "上述年度报告经勾稽关系审核发现的错误项数。",
        ),
        Spec(
            "reviewed_rate",
            "主动公开信息先审后发率",
            "%",
            "higher",
            "本年度发布的主动公开信息中，经审核通过后发布的条数 ÷ 发布条数（导入的历史信息未经本系统审核）。",
        ),
        Spec(
            "fixes",
            "更正、撤回已发布信息",
            "条",
            "lower",
            "本年度对已发布信息登记更正和撤回的次数。",
        ),
        Spec(
            "engagement_within_rate",
            "政民互动按时办结率",
            "%",
            "higher",
            "本年度收到的留言、工单、来信中，在该渠道办理时限内答复的件数 ÷（已答复件数 + 已超时限未答复件数）。",
        ),
        Spec(
            "satisfaction_rate",
            "政民互动满意率",
            "%",
            "higher",
            "已评价的留言、工单中，评价为满意或基本满意的件数 ÷ 已评价件数。",
        ),
        Spec(
            "interpretation_rate",
            "政策解读按时发布率",
            "%",
            "higher",
            "本年度发布且关联了所解读政策的解读材料中，在政策发布后3个工作日内发布的件数 ÷ 解读件数。",
        ),
    )
}


def _count(key: str, refs: list[Ref]) -> Indicator:
    s = SPECS[key]
    return Indicator(
        s.key, s.label, s.unit, s.definition, len(refs), s.direction, records=tuple(refs)
    )


def _rate(key: str, part: list[Ref], whole: list[Ref], shown: list[Ref] | None = None) -> Indicator:
    s = SPECS[key]
    value = len(part) / len(whole) if whole else None
    records = tuple(whole if shown is None else shown)
    return Indicator(
        s.key, s.label, s.unit, s.definition, value, s.direction, len(part), len(whole), records
    )


def compute(facts: Facts) -> list[Indicator]:
    """Every indicator of one department and year, in the order of `SPECS`."""
    s = SPECS["report_on_time"]
    report = Indicator(
        s.key,
        s.label,
        s.unit,
        s.definition,
        None if facts.report_on_time is None else float(facts.report_on_time),
        s.direction,
        records=(facts.report,) if facts.report else (),
    )
    f = SPECS["report_findings"]
    findings = Indicator(
        f.key,
        f.label,
        f.unit,
        f.definition,
        len(facts.report_findings) if facts.report else None,
        f.direction,
        records=(facts.report,) if facts.report else (),
    )
    answered = facts.on_time + facts.late
    return [
        _count("requests_received", facts.received),
        _count("answered_on_time", facts.on_time),
        _count("answered_late", facts.late),
        _rate("on_time_rate", facts.on_time, answered, facts.late + facts.on_time),
        _count("overdue_now", facts.overdue_now),
        _count("procedural_flaws", facts.flaws),
        _rate("appeal_correction_rate", facts.appeals_corrected, facts.appeals_decided),
        report,
        findings,
        _rate("reviewed_rate", facts.reviewed, facts.published),
        _count("fixes", facts.fixes),
        _rate("engagement_within_rate", facts.messages_within, facts.messages_due),
        _rate("satisfaction_rate", facts.messages_satisfied, facts.messages_rated),
        _rate("interpretation_rate", facts.interpretations_on_time, facts.interpretations),
    ]


def by_key(indicators: list[Indicator]) -> dict[str, Indicator]:
    return {i.key: i for i in indicators}
