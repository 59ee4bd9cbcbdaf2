"""The annual report as data: `gongkai/annual-report@1`.

The format is documented in docs/report-json.md; its JSON Schema is gongkai/report/schema.json.

Framework-free. The two national formats are described here once, as data: the
row keys of table 三 with their official labels, the applicant columns, the
groups of table 四 and the fields of table 二. The reader, the auditor, the
renderers and the builder all walk these tables; none of them lists rows itself.

A report in memory is the JSON object of the spec (plain dicts), wrapped by
`Report` for typed access. A cell is an `int` (a `float` for amounts), or `None`
when the document does not let us read it with certainty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

SCHEMA_ID = "gongkai/annual-report@1"

FormatName = Literal["2021", "2019"]
FORMATS: tuple[FormatName, ...] = ("2021", "2019")

Cell = int | float | None

# ---------------------------------------------------------------- table 三
APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
REQUEST_COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, "total")

COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}


@dataclass(frozen=True)
class RowDef:
    """One row of table 三: its JSON key, its group heading and its official label."""

    key: str
    label: str
    group: str = ""  # e.g. "（三）不予公开" for the numbered sub-rows
    disposition: bool = False  # counts into （七）总计


_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_HANDLED = "（五）不予处理"
_OTHER = "（六）其他处理"

_DISPOSITIONS_COMMON: tuple[RowDef, ...] = (
    RowDef("granted", "（一）予以公开", disposition=True),
    RowDef(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        disposition=True,
    ),
    RowDef("withheld.state_secret", "1.属于国家秘密", _WITHHELD, True),
    RowDef("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", _WITHHELD, True),
    RowDef("withheld.security_stability", "3.危及“三安全一稳定”", _WITHHELD, True),
    RowDef("withheld.third_party_rights", "4.保护第三方合法权益", _WITHHELD, True),
    RowDef("withheld.internal_affairs", "5.属于三类内部事务信息", _WITHHELD, True),
    RowDef("withheld.process_information", "6.属于四类过程性信息", _WITHHELD, True),
    RowDef("withheld.enforcement_file", "7.属于行政执法案卷", _WITHHELD, True),
    RowDef("withheld.administrative_query", "8.属于行政查询事项", _WITHHELD, True),
    RowDef("unable.not_held", "1.本机关不掌握相关政府信息", _UNABLE, True),
    RowDef("unable.needs_creation", "2.没有现成信息需要另行制作", _UNABLE, True),
    RowDef("unable.still_unclear", "3.补正后申请内容仍不明确", _UNABLE, True),
    RowDef("not_handled.petition", "1.信访举报投诉类申请", _NOT_HANDLED, True),
    RowDef("not_handled.repeated", "2.重复申请", _NOT_HANDLED, True),
    RowDef("not_handled.publication", "3.要求提供公开出版物", _NOT_HANDLED, True),
    RowDef("not_handled.excessive", "4.无正当理由大量反复申请", _NOT_HANDLED, True),
    RowDef(
        "not_handled.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        _NOT_HANDLED,
        True,
    ),
)

_OTHER_2021: tuple[RowDef, ...] = (
    RowDef(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
        True,
    ),
    RowDef(
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
        True,
    ),
    RowDef("other.other", "3.其他", _OTHER, True),
)
_OTHER_2019: tuple[RowDef, ...] = (RowDef("other", "（六）其他处理", disposition=True),)

_HEAD_ROWS: tuple[RowDef, ...] = (
    RowDef("new", "一、本年新收政府信息公开申请数量"),
    RowDef("carried_over", "二、上年结转政府信息公开申请数量"),
)
_TAIL_ROWS: tuple[RowDef, ...] = (
    RowDef("total", "（七）总计"),
    RowDef("carry_forward", "四、结转下年度继续办理"),
)

REQUEST_ROWS: dict[FormatName, tuple[RowDef, ...]] = {
    "2021": (*_HEAD_ROWS, *_DISPOSITIONS_COMMON, *_OTHER_2021, *_TAIL_ROWS),
    "2019": (*_HEAD_ROWS, *_DISPOSITIONS_COMMON, *_OTHER_2019, *_TAIL_ROWS),
}
RESULTS_HEADING = "三、本年度办理结果"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@cache
def request_row_keys(fmt: FormatName) -> tuple[str, ...]:
    return tuple(r.key for r in REQUEST_ROWS[fmt])


def disposition_keys(fmt: FormatName) -> tuple[str, ...]:
    return tuple(r.key for r in REQUEST_ROWS[fmt] if r.disposition)


# ---------------------------------------------------------------- table 四
APPEAL_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
APPEAL_FIELDS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
APPEAL_GROUP_LABELS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}
APPEAL_FIELD_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


# ---------------------------------------------------------------- table 二
@dataclass(frozen=True)
class ProactiveItem:
    """One row of table 二: JSON key, official label, article, and its fields."""

    key: str
    label: str
    article: str
    fields: tuple[str, ...]
    field_labels: tuple[str, ...]


PROACTIVE_ITEMS: dict[FormatName, tuple[ProactiveItem, ...]] = {
    "2021": (
        ProactiveItem(
            "rules",
            "规章",
            "第二十条第（一）项",
            ("issued", "abolished", "in_force"),
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        ProactiveItem(
            "normative_documents",
            "行政规范性文件",
            "第二十条第（一）项",
            ("issued", "abolished", "in_force"),
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        ProactiveItem(
            "licensing", "行政许可", "第二十条第（五）项", ("decisions",), ("本年处理决定数量",)
        ),
        ProactiveItem(
            "penalties", "行政处罚", "第二十条第（六）项", ("decisions",), ("本年处理决定数量",)
        ),
        ProactiveItem(
            "enforcement", "行政强制", "第二十条第（六）项", ("decisions",), ("本年处理决定数量",)
        ),
        ProactiveItem(
            "fees",
            "行政事业性收费",
            "第二十条第（八）项",
            ("amount_wan_yuan",),
            ("本年收费金额（单位：万元）",),
        ),
    ),
    "2019": (
        ProactiveItem(
            "rules",
            "规章",
            "第二十条第（一）项",
            ("made", "published", "total_published"),
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        ProactiveItem(
            "normative_documents",
            "规范性文件",
            "第二十条第（一）项",
            ("made", "published", "total_published"),
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        ProactiveItem(
            "licensing",
            "行政许可",
            "第二十条第（五）项",
            ("items_last_year", "change", "decisions"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveItem(
            "other_services",
            "其他对外管理服务事项",
            "第二十条第（五）项",
            ("items_last_year", "change", "decisions"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveItem(
            "penalties",
            "行政处罚",
            "第二十条第（六）项",
            ("items_last_year", "change", "decisions"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveItem(
            "enforcement",
            "行政强制",
            "第二十条第（六）项",
            ("items_last_year", "change", "decisions"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveItem(
            "fees",
            "行政事业性收费",
            "第二十条第（八）项",
            ("items_last_year", "change"),
            ("上一年项目数量", "本年增/减"),
        ),
        ProactiveItem(
            "procurement",
            "政府集中采购",
            "第二十条第（九）项",
            ("projects", "amount_yuan"),
            ("采购项目数量", "采购总金额"),
        ),
    ),
}

# Fields that may be negative (本年增/减) or fractional (amounts).
SIGNED_FIELDS = frozenset({"change"})
DECIMAL_FIELDS = frozenset({"amount_wan_yuan", "amount_yuan"})


# ---------------------------------------------------------------- sections
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "proactive",
    "requests",
    "appeals",
    "problems",
    "other",
)
SECTION_TITLES: dict[str, str] = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


def format_for_year(year: int) -> FormatName:
    """The national format a report on `year` must use."""
    return "2019" if year < 2021 else "2021"


# ---------------------------------------------------------------- the report
def empty_requests(fmt: FormatName) -> dict[str, dict[str, Cell]]:
    return {key: dict.fromkeys(REQUEST_COLUMNS) for key in request_row_keys(fmt)}


def empty_appeals() -> dict[str, dict[str, Cell]]:
    return {group: dict.fromkeys(APPEAL_FIELDS) for group in APPEAL_GROUPS}


def empty_proactive(fmt: FormatName) -> dict[str, dict[str, Cell]]:
    return {item.key: dict.fromkeys(item.fields) for item in PROACTIVE_ITEMS[fmt]}


@dataclass
class Report:
    """A report in the shape of the public JSON format. Cells default to `None`."""

    agency: str | None
    year: int | None
    format: FormatName
    published_on: str | None = None
    text: dict[str, str] = field(default_factory=dict)
    proactive: dict[str, dict[str, Cell]] = field(default_factory=dict)
    requests: dict[str, dict[str, Cell]] = field(default_factory=dict)
    appeals: dict[str, dict[str, Cell]] = field(default_factory=dict)

    @classmethod
    def empty(cls, fmt: FormatName, agency: str | None = None, year: int | None = None) -> Report:
        return cls(
            agency=agency,
            year=year,
            format=fmt,
            proactive=empty_proactive(fmt),
            requests=empty_requests(fmt),
            appeals=empty_appeals(),
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
        }
        if self.published_on:
            out["published_on"] = self.published_on
        if self.text:
            out["text"] = dict(self.text)
        out["proactive"] = {k: dict(v) for k, v in self.proactive.items()}
        out["requests"] = {k: dict(v) for k, v in self.requests.items()}
        out["appeals"] = {k: dict(v) for k, v in self.appeals.items()}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        fmt = data.get("format")
        if fmt not in FORMATS:
            raise ValueError(f'未知的报告格式：{fmt!r}（应为 "2021" 或 "2019"）')
        return cls(
            agency=data.get("agency"),
            year=data.get("year"),
            format=fmt,
            published_on=data.get("published_on"),
            text=dict(data.get("text") or {}),
            proactive={k: dict(v) for k, v in (data.get("proactive") or {}).items()},
            requests={k: dict(v) for k, v in (data.get("requests") or {}).items()},
            appeals={k: dict(v) for k, v in (data.get("appeals") or {}).items()},
        )
