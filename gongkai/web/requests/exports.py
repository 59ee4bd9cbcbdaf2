"""The register (台账) as rows, to XLSX or CSV. Personal data is always masked here.

Cells are data, never formulas: an applicant named =HYPERLINK(...) is text in the XLSX
and gets a leading apostrophe in the CSV (gongkai.sheets)."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.sheets import append_rows, csv_row
from gongkai.web.requests import clockwork
from gongkai.web.requests.masking import mask_id, mask_phone
from gongkai.web.requests.models import APPLICANT_TYPES, CHANNELS, DISPOSITIONS
from gongkai.web.requests.workflow import state_label

HEADER = [
    "机关",
    "申请编号",
    "收到申请之日",
    "申请渠道",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "申请内容",
    "状态",
    "答复期限",
    "剩余工作日",
    "办理结果",
    "办结日期",
    "信息处理费（元）",
    "逾期情况",
]
_CHANNELS = dict(CHANNELS)
_TYPES = dict(APPLICANT_TYPES)
_DISPOSITIONS = dict(DISPOSITIONS)


def register_rows(qs, today: date) -> list[list]:
    rows: list[list] = [HEADER]
    for r in qs:
        st = clockwork.standing(r, today)
        rows.append(
            [
                r.agency.name,
                r.tracking_number,
                r.received_on.isoformat() if r.received_on else "待确认",
                _CHANNELS.get(r.channel, r.channel),
                _TYPES.get(r.applicant_type, r.applicant_type),
                r.organisation or r.applicant_name,
                mask_id(r.id_number),
                mask_phone(r.phone),
                r.description,
                state_label(r.state),
                (r.due_on.isoformat() + ("（暂定）" if st.provisional else "")) if r.due_on else "",
                "" if st.days_left is None else st.days_left,
                _DISPOSITIONS.get(r.disposition, ""),
                r.closed_on.isoformat() if r.closed_on else "",
                r.fee_yuan,
                lateness_label(r, today),
            ]
        )
    return rows


def lateness_label(r, today: date) -> str:
    """The recorded lateness (issue 9): overdue now, answered late, or a late notice."""
    from gongkai.web.requests.lateness import lateness

    fact = lateness(r, today)
    parts = []
    if fact.closed_late:
        parts.append(f"逾期答复（{fact.working_days}个工作日）")
    elif fact.late and r.closed_on is None:
        parts.append(f"已超期{fact.working_days}个工作日")
    if any(e.action == "request_correction" and (e.data or {}).get("late") for e in r.events.all()):
        parts.append("逾期告知补正（程序瑕疵）")
    return "；".join(parts)


def to_xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "依申请公开台账"
    append_rows(ws, rows)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for col, width in zip(
        "ABCDEFGHIJKLMNOP",
        (18, 22, 12, 12, 12, 14, 22, 14, 40, 14, 12, 10, 30, 12, 10, 24),
        strict=True,
    ):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv(rows: list[list]) -> str:
    """UTF-8 with a BOM (Excel opens it right), formula-like text escaped."""
    buf = io.StringIO()
    buf.write("\ufeff")
    csv.writer(buf).writerows(csv_row(row) for row in rows)
    return buf.getvalue()
