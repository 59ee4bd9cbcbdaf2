"""Drafts of the report's prose from the records, in the register of published reports.

Section 一 (总体情况) is drafted from the ledger's facts (items published by channel and
category, catalog size, normative documents), table 三 (requests received and how they
ended) and table 四 (appeals); section 六 states the processing fees charged. The office
edits the drafts; every number in them comes from the same counts as the tables, and the
sentences avoid "其中" lists whose parts may overlap (one item on several channels), so
the auditor's `narrative.sum` and `narrative.table_conflict` have nothing to object to.
The timeliness of the requests is stated as counted (answered late, overdue), never as a
blanket "all answered within the statutory period".
"""

from __future__ import annotations

from typing import Any

from gongkai.report.model import Report
from gongkai.text.chinese import chinese_date

_DISPOSITION_GROUPS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", ("withheld.",)),
    ("无法提供", ("unable.",)),
    ("不予处理", ("not_handled.",)),
    ("其他处理", ("other",)),
)


def _total(report: Report, table: str, row: str) -> int:
    cells = getattr(report, table).get(row) or {}
    return int(cells.get("total") or 0)


def _disposition_parts(report: Report) -> list[tuple[str, int]]:
    parts = []
    for label, prefixes in _DISPOSITION_GROUPS:
        n = sum(
            int((cells or {}).get("total") or 0)
            for key, cells in report.requests.items()
            if key not in ("new", "carried_over", "total", "carry_forward")
            and any(key == p or key.startswith(p) for p in prefixes)
        )
        if n:
            parts.append((label, n))
    return parts


def add_facts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The ledger's facts of two agencies together (a government and its departments)."""
    out = dict(a)
    for key in ("published", "catalog_categories", "catalog_items", "corrections", "withdrawals"):
        out[key] = (a.get(key) or 0) + (b.get(key) or 0)
    channels = dict(a.get("by_channel") or {})
    for key, n in (b.get("by_channel") or {}).items():
        channels[key] = channels.get(key, 0) + n
    out["by_channel"] = channels
    out["by_category"] = []  # category names are each agency's own: not summed
    return out


def proactive_paragraph(
    report: Report, facts: dict[str, Any], channels: dict[str, str], scope: str = "本机关"
) -> str:
    year = report.year
    sentences = [f"（一）主动公开情况。{year}年，共主动公开政府信息{facts.get('published', 0)}条。"]
    by_channel = [
        f"{channels.get(key, key)}发布{n}条"
        for key, n in (facts.get("by_channel") or {}).items()
        if n
    ]
    if by_channel:
        sentences.append("按发布渠道统计，" + "，".join(by_channel) + "。")
    by_category = [
        f"“{c['name']}”类{c['count']}条" for c in facts.get("by_category") or [] if c["count"]
    ]
    if by_category:
        sentences.append("按公开类别统计，" + "，".join(by_category) + "。")
    sentences.append(
        f"截至{year}年12月31日，{scope}政府信息主动公开基本目录共设"
        f"{facts.get('catalog_categories', 0)}个类别，收录政府信息{facts.get('catalog_items', 0)}条。"
    )
    normative = report.proactive.get("normative_documents") or {}
    if report.format == "2021" and normative.get("issued") is not None:
        sentences.append(
            f"本年制发行政规范性文件{normative.get('issued') or 0}件，废止{normative.get('abolished') or 0}件，"
            f"现行有效{normative.get('in_force') or 0}件，均按规定向社会公开。"
        )
    corrections, withdrawals = facts.get("corrections") or 0, facts.get("withdrawals") or 0
    if corrections or withdrawals:
        sentences.append(
            f"严格落实先审后发制度，本年度更正不规范信息{corrections}条，撤回信息{withdrawals}条。"
        )
    return "".join(sentences)


def timeliness_sentence(timeliness: Any) -> str:
    """The requests answered late and those overdue, never a blanket "all on time"."""
    if timeliness is None:
        return ""
    as_of = chinese_date(timeliness.as_of)
    if timeliness.closed_late == 0 and timeliness.open_overdue == 0:
        return (
            f"本年度办结的申请均在法定期限内答复，截至{as_of}，没有超过法定答复期限尚未答复的申请。"
        )
    return (
        f"本年度逾期答复{timeliness.closed_late}件；截至{as_of}，"
        f"超过法定答复期限尚未答复的申请{timeliness.open_overdue}件。"
    )


def requests_paragraph(report: Report, scope: str = "本机关", timeliness: Any = None) -> str:
    year = report.year
    new = _total(report, "requests", "new")
    carried = _total(report, "requests", "carried_over")
    handled = _total(report, "requests", "total")
    forward = _total(report, "requests", "carry_forward")
    if new == 0 and carried == 0:
        return f"（二）依申请公开情况。{year}年，{scope}未收到政府信息公开申请。"
    text = f"（二）依申请公开情况。{year}年，{scope}共收到政府信息公开申请{new}件，上年结转{carried}件。"
    parts = _disposition_parts(report)
    if handled and len(parts) > 1:
        listed = "、".join(f"{label}{n}件" for label, n in parts)
        text += f"本年度办结{handled}件，其中{listed}。"
    elif handled:
        text += f"本年度办结{handled}件，均为{parts[0][0]}。"
    text += f"结转下年度继续办理{forward}件。"
    return text + timeliness_sentence(timeliness)


def appeals_paragraph(report: Report, scope: str = "本机关") -> str:
    year = report.year
    review = _total(report, "appeals", "review")
    lawsuits = _total(report, "appeals", "litigation_direct") + _total(
        report, "appeals", "litigation_after_review"
    )
    if review == 0 and lawsuits == 0:
        return (
            f"（三）行政复议、行政诉讼情况。{year}年，{scope}未发生因政府信息公开工作"
            "被申请行政复议或者被提起行政诉讼的情况。"
        )
    return (
        f"（三）行政复议、行政诉讼情况。{year}年，{scope}因政府信息公开工作被申请"
        f"行政复议{review}件，被提起行政诉讼{lawsuits}件，具体情况见本报告第四部分。"
    )


def draft_overview(
    report: Report,
    facts: dict[str, Any],
    channels: dict[str, str],
    scope: str = "本机关",
    timeliness: Any = None,
) -> str:
    """Section 一 from the figures: an opening line and one paragraph per subject.

    `timeliness` (`requests.lateness.Timeliness`) gives the requests answered late and overdue.
    """
    opening = (
        f"{report.year}年，{report.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "坚持以公开为常态、不公开为例外，依法依规做好主动公开、依申请公开和政府信息管理等工作。"
        "现将有关情况报告如下。"
    )
    return "\n".join(
        [
            opening,
            proactive_paragraph(report, facts, channels, scope),
            requests_paragraph(report, scope, timeliness),
            appeals_paragraph(report, scope),
            *engagement_paragraphs(report),
        ]
    )


def engagement_paragraphs(report: Report) -> list[str]:
    """政民互动、政策解读 and activities from the agency's own registers (appraisal, issue 13)."""
    from gongkai.web.engagement.queries import overview_paragraph

    if report.agency is None or report.year is None:
        return []
    text = overview_paragraph(report.agency, report.year)
    return [text] if text else []


def draft_other(fees: dict[str, int]) -> str:
    """Section 六: the processing fees charged (国办函〔2020〕109号)."""
    if not fees.get("yuan"):
        return "本年度未收取信息处理费。"
    return (
        "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        f"对{fees['requests']}件政府信息公开申请收取信息处理费{fees['yuan']}元。"
    )
