"""The yearly figures of table 二: saved from the form, or imported from CSV/XLSX
(年度, 事项, 指标, 数值, 数据来源), each with where the number came from."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from gongkai.web.ledger.importing import read_table

FIGURE_HEADER = ["年度", "事项", "指标", "数值", "数据来源"]


def _record_change(agency, year, name, before, value, note, user, now) -> None:
    from gongkai.web.ledger.forms import figure_label
    from gongkai.web.ledger.history import record, shown

    old_value = before.value if before else None
    parts = []
    if old_value != value:
        parts.append(f"数值：{shown(old_value)} → {shown(value)}")
    if value is not None and (before.note if before else "") != note:
        parts.append(f"数据来源：{shown(before.note if before else '')} → {shown(note)}")
    item_key, field = name.split(".", 1)
    label = f"{year}年 " + figure_label(item_key, field, year)
    record(agency, "figure", label, "；".join(parts), user, now, year=year)


def save_figures(
    agency: Any, year: int, values: dict, notes: dict, user: Any, now: datetime
) -> int:
    """Store the entered cells ("licensing.decisions" -> Decimal | None); None deletes."""
    from gongkai.web.ledger.models import YearlyFigure

    saved = 0
    for name, value in values.items():
        item_key, field = name.split(".", 1)
        where = dict(agency=agency, year=year, item=item_key, field=field)
        before = YearlyFigure.objects.filter(**where).first()
        note = (notes.get(name) or "")[:300]
        _record_change(agency, year, name, before, value, note, user, now)
        if value is None:
            YearlyFigure.objects.filter(**where).delete()
            continue
        YearlyFigure.objects.update_or_create(
            **where,
            defaults={
                "value": value,
                "note": note,
                "updated_by": user,
                "updated_at": now,
            },
        )
        saved += 1
    return saved


def _figure_cell(year: int, item_text: str, field_text: str) -> tuple[str, str] | None:
    from gongkai.report.model import PROACTIVE_ITEMS, format_for_year
    from gongkai.web.ledger.figures import REGISTER_ITEMS

    for item in PROACTIVE_ITEMS[format_for_year(year)]:
        if item.key in REGISTER_ITEMS or item_text not in (item.key, item.label):
            continue
        for key, label in zip(item.fields, item.field_labels, strict=True):
            if field_text in (key, label) or field_text.startswith(label):
                return item.key, key
    return None


def import_figures(
    agency: Any, user: Any, filename: str, data: bytes, today: date, now: datetime
) -> tuple[int, list[dict]]:
    """A CSV/XLSX of yearly figures (年度, 事项, 指标, 数值, 数据来源): (saved, bad rows)."""
    from django import forms as djforms

    from gongkai.web.ledger.forms import parse_figure
    from gongkai.web.ledger.importing import BadRow, ImportFileError, _text, text_of

    rows = read_table(filename, data)
    header = [_text(c) for c in rows[0][1]]
    missing = [h for h in FIGURE_HEADER[:4] if h not in header]
    if missing:
        raise ImportFileError(
            "表头缺少必填列："
            + "、".join(missing)
            + "（表头应为："
            + "、".join(FIGURE_HEADER)
            + "）"
        )
    pos = {h: header.index(h) for h in FIGURE_HEADER if h in header}
    bad: list[dict] = []
    good: dict[tuple[int, str], tuple] = {}
    for line, cells in rows[1:]:
        get = text_of(cells, pos)
        reasons = []
        year_text = get("年度").removesuffix("年")
        year = int(year_text) if year_text.isdigit() else None
        if year is None or not 2008 <= year <= today.year:
            reasons.append(f"年度“{get('年度')}”无效")
        cell = _figure_cell(year, get("事项"), get("指标")) if year else None
        if year and cell is None:
            reasons.append(
                f"{year} 年报告格式中没有“{get('事项')}：{get('指标')}”这一项（规章、规范性文件由登记簿计算）"
            )
        value = None
        try:
            value = parse_figure(get("数值"), cell[1] if cell else "decisions")
        except djforms.ValidationError as exc:
            reasons.append("数值" + "".join(exc.messages))
        if reasons:
            bad.append(BadRow(line, reasons, [_text(c) for c in cells]).stored())
            continue
        assert cell is not None and year is not None
        good[(year, f"{cell[0]}.{cell[1]}")] = (value, get("数据来源"))
    with transaction.atomic():
        for (year, name), (value, note) in good.items():
            save_figures(agency, year, {name: value}, {name: note}, user, now)
    return len(good), bad
