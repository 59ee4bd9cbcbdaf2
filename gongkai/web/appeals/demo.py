"""Demo appeals: each department gets a few review and litigation cases over two years, in
every state (upheld, corrected, other, pending), linked to its requests where it has some.

`load(today)` is idempotent (a department with cases is left alone); nothing after `today`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.web.accounts.models import Agency
from gongkai.web.appeals.models import Appeal, AppealEvent

TZ = ZoneInfo("Asia/Shanghai")

# (kind, months after 1 Jan of last year filed, days to decide or None, result)
CASES = [
    ("review", 2, 55, "upheld"),
    ("review", 5, 60, "corrected"),
    ("litigation_direct", 7, 120, "other"),
    ("review", 11, None, "pending"),
    ("litigation_after_review", 13, None, "pending"),
    ("review", 14, 50, "upheld"),
]


@transaction.atomic
def load(today: date) -> None:
    for n, agency in enumerate(Agency.objects.filter(kind="department")):
        if Appeal.objects.filter(agency=agency).exists():
            continue
        requests = list(agency.requests.order_by("id")[:10])
        last_review = None
        for i, (kind, months, days, result) in enumerate(CASES[: 4 + n % 3]):
            filed = date(today.year - 1, 1, 1) + timedelta(days=30 * months + 3 * n)
            if filed > today:
                continue
            decided = filed + timedelta(days=days) if days else None
            if decided and decided > today:
                decided, result = None, "pending"
            appeal = Appeal.objects.create(
                agency=agency,
                kind=kind,
                case_number=_number(kind, filed, i + 1),
                appellant=requests[i].applicant_name if i < len(requests) else "王某",
                request=requests[i] if i < len(requests) else None,
                review=last_review if kind == "litigation_after_review" else None,
                body="平罗县人民政府" if kind == "review" else "平罗县人民法院",
                filed_on=filed,
                decided_on=decided,
                result=result,
            )
            AppealEvent.objects.create(
                appeal=appeal, at=_at(filed), to_result="pending", note="登记"
            )
            if decided:
                AppealEvent.objects.create(
                    appeal=appeal,
                    at=_at(decided),
                    from_result="pending",
                    to_result=result,
                    decided_on=decided,
                    note="审结",
                )
            if kind == "review":
                last_review = appeal


def _number(kind: str, filed: date, n: int) -> str:
    if kind == "review":
        return f"平政复〔{filed.year}〕{n}号"
    return f"（{filed.year}）宁0221行初{n}号"


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=TZ)
