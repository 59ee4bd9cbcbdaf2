"""Table 四 of the annual report, counted in the database.

The rule (the official meaning of 四、政府信息公开行政复议、行政诉讼情况 — the year's cases):
a case counts in the year it was filed (`filed_on` in the year), in the group of its kind;
its column is its result as known at the end of that year: decided on or before 31 Dec →
its result (维持 / 纠正 / 其他), otherwise 尚未审结. So the report on a year does not change
when a case is decided later, and a case is never counted in two years.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from gongkai.report.model import APPEAL_FIELDS, APPEAL_GROUPS, Cell
from gongkai.web.appeals.models import Appeal


def table_four(agency: Any, year: int) -> dict[str, dict[str, Cell]]:
    """The `appeals` object of `gongkai/annual-report@1` for `agency`'s `year`."""
    end = date(year, 12, 31)
    decided = Q(decided_on__isnull=False, decided_on__lte=end)
    counts = (
        Appeal.objects.filter(agency=agency, filed_on__year=year)
        .values("kind")
        .annotate(
            upheld=Count("id", filter=decided & Q(result="upheld")),
            corrected=Count("id", filter=decided & Q(result="corrected")),
            other=Count("id", filter=decided & Q(result="other")),
            # decided "pending" is a contradiction the form refuses; counted as pending anyway
            pending=Count("id", filter=~decided | Q(result="pending")),
            total=Count("id"),
        )
        .order_by()
    )
    out: dict[str, dict[str, Cell]] = {g: dict.fromkeys(APPEAL_FIELDS, 0) for g in APPEAL_GROUPS}
    for row in counts:
        out[row["kind"]] = {f: row[f] for f in APPEAL_FIELDS}
    return out
