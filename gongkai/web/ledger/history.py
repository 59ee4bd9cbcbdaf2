"""Rows of `RegisterChange`: what a form changed in a register, said in Chinese."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from gongkai.web.ledger.models import RegisterChange

NONE = "（空）"


def shown(value: Any) -> str:
    if value is None or value == "":
        return NONE
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if hasattr(value, "_meta"):
        return str(value)
    return str(value)


def form_changes(form: Any) -> str:
    """ "标题：旧 → 新；废止（失效）日期：（空） → 2024-06-30" for a bound, valid ModelForm."""
    if form.instance.pk is None or not form.initial:
        return "登记"
    parts = []
    for name in form.changed_data:
        field = form.fields[name]
        before = form.initial.get(name)
        if hasattr(field, "queryset") and before is not None:
            before = field.queryset.filter(pk=before).first()
        if hasattr(field, "choices") and not hasattr(field, "queryset"):
            labels = {str(k): v for k, v in field.choices}
            before = labels.get(str(before), before) if before not in (None, "") else before
            after = labels.get(str(form.cleaned_data[name]), form.cleaned_data[name])
        else:
            after = form.cleaned_data[name]
        parts.append(f"{field.label}：{shown(before)} → {shown(after)}")
    return "；".join(parts)


def record(
    agency: Any,
    register: str,
    label: str,
    summary: str,
    actor: Any,
    at: datetime,
    object_id: int | None = None,
    year: int | None = None,
) -> RegisterChange | None:
    if not summary:
        return None
    return RegisterChange.objects.create(
        agency=agency,
        register=register,
        object_id=object_id,
        year=year,
        label=label[:300],
        actor=actor,
        at=at,
        summary=summary,
    )
