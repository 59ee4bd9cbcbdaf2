"""Importing an existing register of appeals (CSV or XLSX), every bad row kept with a reason.

Columns (header row, any order): 类型 (行政复议 / 未经复议直接起诉 / 复议后起诉), 案号,
申请人/原告 (required), 申请/立案日期 (required), 审结日期, 结果 (维持 / 纠正 / 其他 / 尚未审结),
复议机关/受理法院, 申请编号 (the desk's tracking number of the request concerned).
A row with a 案号 already in the register updates that case; one without a 案号 is added.
Results as registers write them: 维持 (also 驳回, the decision stands), 纠正 (also 撤销, 确认违法),
其他 (also 撤回), 尚未审结 (also blank).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from gongkai.web.appeals.models import Appeal, AppealEvent
from gongkai.web.appeals.services import apply_decision
from gongkai.web.ledger.importing import (
    ImportFileError,
    _text,
    find_header_by,
    parse_date,
    read_table,
)

HEADER = [
    "类型",
    "案号",
    "申请人/原告",
    "申请/立案日期",
    "审结日期",
    "结果",
    "复议机关/受理法院",
    "申请编号",
    "重新答复期限（工作日）",
]
REQUIRED = ("类型", "申请人/原告", "申请/立案日期")
KINDS = {
    "行政复议": "review",
    "复议": "review",
    "未经复议直接起诉": "litigation_direct",
    "行政诉讼（未经复议直接起诉）": "litigation_direct",
    "直接起诉": "litigation_direct",
    "复议后起诉": "litigation_after_review",
    "行政诉讼（复议后起诉）": "litigation_after_review",
}
RESULTS = {
    "维持": "upheld",
    "结果维持": "upheld",
    "驳回": "upheld",
    "纠正": "corrected",
    "结果纠正": "corrected",
    "撤销": "corrected",
    "确认违法": "corrected",
    "其他": "other",
    "其他结果": "other",
    "撤回": "other",
    "尚未审结": "pending",
    "未审结": "pending",
    "": "pending",
}


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    bad: list[dict] = field(default_factory=list)


def _row(get, agency: Any, today: date) -> tuple[dict, list[str]]:
    reasons: list[str] = []
    kind = KINDS.get(get("类型").replace("(", "（").replace(")", "）"))
    if kind is None:
        reasons.append(
            f"类型“{get('类型')}”无法识别（应为 行政复议、未经复议直接起诉 或 复议后起诉）"
        )
    appellant = get("申请人/原告")
    if not appellant:
        reasons.append("申请人/原告为空")
    filed = parse_date(get("申请/立案日期"))
    if filed is None:
        reasons.append(
            f"申请/立案日期“{get('申请/立案日期')}”无法识别"
            if get("申请/立案日期")
            else "申请/立案日期为空"
        )
    decided = parse_date(get("审结日期")) if get("审结日期") else None
    if get("审结日期") and decided is None:
        reasons.append(f"审结日期“{get('审结日期')}”无法识别")
    result = RESULTS.get(get("结果"))
    if result is None:
        reasons.append(f"结果“{get('结果')}”无法识别（应为 维持、纠正、其他 或 尚未审结）")
    for day, label in ((filed, "申请/立案日期"), (decided, "审结日期")):
        if day and day > today:
            reasons.append(f"{label} {day.isoformat()} 晚于今天")
    if filed and decided and decided < filed:
        reasons.append("审结日期早于申请/立案日期")
    if result == "pending" and decided:
        reasons.append("有审结日期的案件请填写结果")
    if result not in (None, "pending") and not decided:
        reasons.append("已审结的案件请填写审结日期")
    request = None
    if get("申请编号"):
        from gongkai.web.requests.services import normalise_tracking_number

        number = normalise_tracking_number(get("申请编号"))
        request = agency.requests.filter(tracking_number=number).first()
        if request is None:
            reasons.append(f"本机关没有编号为“{get('申请编号')}”的申请")
    redo_days = None
    if get("重新答复期限（工作日）"):
        raw = get("重新答复期限（工作日）").removesuffix("个工作日").strip()
        redo_days = int(raw) if raw.isdigit() and 0 < int(raw) <= 365 else None
        if redo_days is None:
            reasons.append(f"重新答复期限“{get('重新答复期限（工作日）')}”应为1至365的工作日数")
        elif result != "corrected" or request is None:
            reasons.append("只有结果纠正、且填写了申请编号的案件才填写重新答复期限")
    values = {
        "kind": kind,
        "case_number": get("案号")[:100],
        "appellant": appellant[:200],
        "filed_on": filed,
        "decided_on": decided,
        "result": result,
        "body": get("复议机关/受理法院")[:200],
        "request": request,
        "redo_days": redo_days,
    }
    return values, reasons


@transaction.atomic
def import_appeals(
    agency: Any, user: Any, filename: str, data: bytes, today: date, now: datetime
) -> Outcome:
    rows = read_table(filename, data)
    start = find_header_by(rows, REQUIRED)
    header = [_text(c) for c in rows[start][1]]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise ImportFileError(
            "表头缺少必填列：" + "、".join(missing) + "（表头应为：" + "、".join(HEADER) + "）"
        )
    pos = {h: header.index(h) for h in HEADER if h in header}
    outcome = Outcome()
    for line, cells in rows[start + 1 :]:

        def get(h: str, cells: list = cells) -> str:
            return _text(cells[pos[h]]) if h in pos and pos[h] < len(cells) else ""

        values, reasons = _row(get, agency, today)
        if reasons:
            outcome.bad.append({"line": line, "reason": "；".join(reasons)})
            continue
        existing = (
            Appeal.objects.filter(agency=agency, case_number=values["case_number"]).first()
            if values["case_number"]
            else None
        )
        if existing is None:
            appeal = Appeal.objects.create(agency=agency, **values)
            before = ""
            outcome.created += 1
        else:
            before = existing.result
            if all(getattr(existing, k) == v for k, v in values.items()):
                continue
            for k, v in values.items():
                setattr(existing, k, v)
            existing.save()
            appeal = existing
            outcome.updated += 1
        AppealEvent.objects.create(
            appeal=appeal,
            actor=user,
            at=now,
            from_result=before,
            to_result=appeal.result,
            decided_on=appeal.decided_on,
            note=f"从 {filename} 第 {line} 行导入",
        )
        apply_decision(appeal, today, user)  # a 结果纠正 with a period reopens the request
    return outcome
