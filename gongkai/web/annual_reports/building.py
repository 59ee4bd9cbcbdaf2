"""Tables 二, 三 and 四 of an agency's report, computed from the records.

Table 三 is counted by the database: one conditional `Count` per applicant type, grouped
by disposition, and three aggregates for 新收, 结转 and the carry-over from the year
before; no request row is loaded into Python. The counting rule (docs/architecture.md):
新收 = received in the year; dispositions = closed in the year; 结转下年度 = received by
31 December and not closed by then; 上年结转 = last year's 结转下年度 — taken from last
year's stored report (built here or imported) when there is one, else counted from the
records. With the records alone, 一 + 二 = 三 + 四 holds by construction.

A closed request without a disposition (e.g. withdrawn) counts as （六）3.其他.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    Cell,
    FormatName,
    Report,
    disposition_keys,
    format_for_year,
    request_row_keys,
)
from gongkai.web.requests.lateness import Timeliness
from gongkai.web.requests.lateness import timeliness as desk_timeliness
from gongkai.web.requests.models import Request

FALLBACK_DISPOSITION = {"2021": "other.other", "2019": "other"}


def _per_applicant() -> dict[str, Count]:
    return {col: Count("id", filter=Q(applicant_type=col)) for col in APPLICANT_COLUMNS}


def _row(counts: dict[str, Any]) -> dict[str, Cell]:
    row: dict[str, Cell] = {col: int(counts.get(col) or 0) for col in APPLICANT_COLUMNS}
    row["total"] = sum(row[col] or 0 for col in APPLICANT_COLUMNS)
    return row


def open_at_end(agency_ids: list[int], year: int) -> dict[str, Cell]:
    """结转下年度 at the end of `year`: received by 31 Dec, not closed by then."""
    end = date(year, 12, 31)
    open_then = Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    return _row(
        Request.objects.filter(agency_id__in=agency_ids)
        .filter(open_then)
        .aggregate(**_per_applicant())
    )


def disposition_of(key: str, fmt: FormatName) -> str:
    """The row of `fmt` a stored disposition (a 2021 row key) counts in."""
    if not key:
        return FALLBACK_DISPOSITION[fmt]
    if fmt == "2019" and key.startswith("other."):
        return "other"
    return key


def table_three(
    agency_ids: list[int], year: int, fmt: FormatName, carried_over: dict[str, Cell] | None = None
) -> dict[str, dict[str, Cell]]:
    """The `requests` object of the JSON spec for the agencies' records of `year`.

    `carried_over` is last year's 结转下年度 when a stored report gives it; otherwise
    it is counted from the records.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    requests = Request.objects.filter(agency_id__in=agency_ids)
    table: dict[str, dict[str, Cell]] = {key: _row({}) for key in request_row_keys(fmt)}
    table["new"] = _row(
        requests.filter(received_on__range=(start, end)).aggregate(**_per_applicant())
    )
    table["carried_over"] = (
        dict(carried_over) if carried_over is not None else open_at_end(agency_ids, year - 1)
    )
    closed = (
        requests.filter(closed_on__range=(start, end), received_on__isnull=False)
        .values("disposition")
        .annotate(**_per_applicant())
        .order_by()
    )
    for counts in closed:
        key = disposition_of(counts["disposition"], fmt)
        if key not in table:  # an unknown stored value: counted as 其他, never dropped
            key = FALLBACK_DISPOSITION[fmt]
        row = _row(counts)
        table[key] = {col: (table[key][col] or 0) + (row[col] or 0) for col in row}
    totals: dict[str, int | float | None] = {
        col: sum(table[key][col] or 0 for key in disposition_keys(fmt))
        for col in (*APPLICANT_COLUMNS, "total")
    }
    table["total"] = totals
    table["carry_forward"] = open_at_end(agency_ids, year)
    return table


def add_tables(a: dict[str, dict[str, Cell]], b: dict[str, dict[str, Cell]]) -> dict:
    """Cell-by-cell sum of two tables of the same shape; unknown (None) stays unknown."""
    out: dict[str, dict[str, Cell]] = {}
    for key, row in a.items():
        other = b.get(key) or {}
        out[key] = {}
        for field, value in row.items():
            extra = other.get(field)
            out[key][field] = None if value is None or extra is None else value + extra
    return out


def build_tables(agency: Any, year: int, previous: Report | None = None) -> dict[str, Any]:
    """Tables 二, 三 and 四 for one agency (its own records)."""
    from gongkai.web.appeals.figures import table_four
    from gongkai.web.ledger.figures import table_two

    fmt = format_for_year(year)
    carried = None
    if previous is not None and previous.requests.get("carry_forward"):
        carried = previous.requests["carry_forward"]
    return {
        "proactive": table_two(agency, year, fmt),
        "requests": table_three([agency.id], year, fmt, carried),
        "appeals": table_four(agency, year),
    }


def empty_appeals() -> dict[str, dict[str, Cell]]:
    return {g: dict.fromkeys(APPEAL_FIELDS, 0) for g in APPEAL_GROUPS}


def fees_charged(agency_ids: list[int], year: int) -> dict[str, int]:
    """Processing fees (信息处理费) of the requests closed in `year`: count and yuan."""
    from django.db.models import Sum

    result = Request.objects.filter(
        agency_id__in=agency_ids, closed_on__year=year, fee_yuan__gt=0
    ).aggregate(requests=Count("id"), yuan=Sum("fee_yuan"))
    return {"requests": result["requests"] or 0, "yuan": int(result["yuan"] or 0)}


def timeliness(agency_ids: list[int], year: int, today: date) -> Timeliness:
    """Requests answered late in `year`, and those overdue on min(today, 31 December).

    The one place the report counts lateness: the desk's recorded fact
    (`requests.lateness`), so section 一, the queue and the indicators agree.
    """
    return desk_timeliness(Request.objects.filter(agency_id__in=agency_ids), year, today)
