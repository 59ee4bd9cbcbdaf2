"""The appraisal as an XLSX workbook: the ranking, every indicator, and the scheme."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.appraisal.indicators import SPECS
from gongkai.appraisal.scoring import Scheme
from gongkai.sheets import append_rows


def _row(sheet, row: list) -> None:
    """Names come from users: a name starting with = stays text, never a formula."""
    append_rows(sheet, [row])


def workbook(year: int, results: list[Any], scheme: Scheme) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "考核结果"
    scored = list(scheme.rules)
    _row(sheet, [f"{year}年度政务公开工作考核结果"])
    sheet["A1"].font = Font(bold=True, size=14)
    _row(
        sheet,
        [
            "排名",
            "单位",
            "总分",
            *(f"{SPECS[k].label}（{scheme.rules[k].weight:g}分）" for k in scored),
        ],
    )
    for r in results:
        _row(
            sheet, [r.score.rank, r.agency.name, r.score.total, *(r.score.parts[k] for k in scored)]
        )
    sheet.column_dimensions["B"].width = 28
    detail = book.create_sheet("考核指标")
    _row(detail, ["单位", "指标", "数值", "分子", "分母", "口径"])
    for r in results:
        for i in r.indicators:
            _row(
                detail,
                [r.agency.name, i.label, i.display(), i.numerator, i.denominator, i.definition],
            )
    detail.column_dimensions["A"].width = 28
    detail.column_dimensions["B"].width = 26
    detail.column_dimensions["F"].width = 80
    rules = book.create_sheet("评分办法")
    _row(rules, ["指标", "分值", "满分值", "零分值", "口径"])
    for k, rule in scheme.rules.items():
        spec = SPECS[k]
        shown = (lambda v: f"{v * 100:g}%") if spec.unit == "%" else (lambda v: f"{v:g}")
        _row(rules, [spec.label, rule.weight, shown(rule.full), shown(rule.zero), spec.definition])
    _row(rules, ["合计", scheme.total_weight])
    _row(
        rules,
        ["说明：达到满分值得全部分值，达到零分值不得分，其间按比例计分；无此类事项的不扣分。"],
    )
    rules.column_dimensions["A"].width = 26
    rules.column_dimensions["E"].width = 80
    for ws in (sheet, detail, rules):
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
