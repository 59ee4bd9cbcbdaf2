"""The tables' own arithmetic (勾稽关系) and the cells' kind.

A cell that is `None` is already reported by the reader (`cell.missing`); an
equation with such a cell is not checked, since nothing certain can be said.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import chain, repeat
from operator import add, itemgetter
from typing import Any

from gongkai.findings import Finding
from gongkai.report.audit.labels import (
    appeal_field_label,
    appeal_label,
    column_label,
    proactive_label,
    row_label,
)
from gongkai.report.model import (
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    DECIMAL_FIELDS,
    FORMATS,
    REQUEST_COLUMNS,
    SIGNED_FIELDS,
    Report,
    disposition_keys,
    request_row_keys,
)

_APPEAL_PARTS = ("upheld", "corrected", "other", "pending")
_APPEAL_PART_LABELS = tuple(map(appeal_field_label, _APPEAL_PARTS))
_BALANCE_ROWS = ("new", "carried_over", "total", "carry_forward")
# The quick checks below run in C and only say "all is well"; anything else, a gap or a
# cell that is None included, goes to the plain loop that words the findings.
_PLAIN_TYPES = frozenset({int, type(None)})
_REQUEST_VALUES = itemgetter(*REQUEST_COLUMNS)
_APPLICANT_VALUES = itemgetter(*APPLICANT_COLUMNS)
_TOTAL = itemgetter("total")
_dispositions = cache(disposition_keys)


def number(value: Any) -> int | float | None:
    """The cell as a number, or None when it is missing or not a number at all."""
    kind = type(value)
    return value if kind is int or kind is float else None


def _fmt(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


Numbers = dict[str, dict[str, int | float | None]]
_NUMERIC = (int, float)


def numbers(table: Any) -> Numbers:
    """The table's cells as numbers (None for missing or non-numeric), rows as given."""
    if not isinstance(table, dict):
        return {}
    out: Numbers = {}
    for row, cells in table.items():
        if isinstance(cells, dict):
            out[row] = {c: v if type(v) in _NUMERIC else None for c, v in cells.items()}
    return out


def _cell(table: Any, row: str, col: str) -> int | float | None:
    cells = table.get(row) if isinstance(table, dict) else None
    return number(cells.get(col)) if isinstance(cells, dict) else None


# ---------------------------------------------------------------- cell.invalid
_TABLES = ("proactive", "requests", "appeals")


def _cells(report: Report, names: tuple[str, ...] = _TABLES) -> Iterator[tuple[str, str, str, Any]]:
    """(table, row, column, value) of every cell that is not a plain count ≥ 0."""
    for name in names:
        table = getattr(report, name)
        if not isinstance(table, dict) or _plain(table):
            continue
        for row, cells in table.items():
            if isinstance(cells, dict):
                for col, value in cells.items():
                    if value is None or (type(value) is int and value >= 0):
                        continue  # the common case, cheaply
                    yield name, row, col, value


def _plain(table: dict[str, Any]) -> bool:
    """Whether every cell is None or an int ≥ 0 (the common case)."""
    try:
        values = list(chain.from_iterable(map(dict.values, table.values())))
    except TypeError:  # a row that is not a dict
        return False
    return set(map(type, values)) <= _PLAIN_TYPES and min(filter(None, values), default=0) >= 0


def _place(report: Report, table: str, row: str, col: str) -> str:
    if table == "requests":
        return f"表三“{row_label(report.format, row)}”行“{column_label(col)}”列"
    if table == "appeals":
        return f"表四“{appeal_label(row)}”的“{appeal_field_label(col)}”"
    return f"表二“{proactive_label(report.format, row, col)}”"


def invalid_cells(
    report: Report, odd: list[tuple[str, str, str, Any]] | None = None
) -> list[Finding]:
    """`cell.invalid`: a count that is negative, fractional or not a number."""
    findings = []
    for table, row, col, value in _cells(report) if odd is None else odd:
        if value is None:
            continue
        problem = _problem(col, value)
        if problem:
            findings.append(
                Finding(
                    "cell.invalid",
                    "error",
                    f"{_place(report, table, row, col)}{problem}",
                    where=f"{table}.{row}.{col}",
                )
            )
    return findings


def _problem(col: str, value: Any) -> str:
    """What is wrong with a cell's value ("" for nothing), worded for `cell.invalid`."""
    num = number(value)
    if num is None:
        return f"应为数字，却是“{value}”"
    if col in DECIMAL_FIELDS:
        return f"为 {_fmt(num)}，金额不能为负数" if num < 0 else ""
    if isinstance(num, float) and not num.is_integer():
        return f"为 {_fmt(num)}，件数应为整数"
    if num < 0 and col not in SIGNED_FIELDS:
        return f"为 {_fmt(num)}，件数不能为负数"
    return ""


# ---------------------------------------------------------------- reconcile.*
def _sum(values: list[int | float | None]) -> int | float | None:
    if None in values:
        return None
    return sum(values)  # type: ignore[arg-type]  # no None left


def row_totals(report: Report, table: Numbers) -> list[Finding]:
    """`reconcile.row_total`: in every row of table 三, 总计 = the six applicant columns."""
    if _rows_add_up(table):
        return []
    findings = []
    for row, cells in table.items():
        total = cells.get("total")
        if total is None:
            continue  # a total not read: nothing to compare (partly read tables)
        parts = _sum([cells.get(c) for c in APPLICANT_COLUMNS])
        if parts is None or parts == total:
            continue
        findings.append(
            Finding(
                "reconcile.row_total",
                "error",
                f"表三“{row_label(report.format, row)}”行：六类申请人之和为 {_fmt(parts)}，"
                f"但“总计”列为 {_fmt(total)}",
                where=f"requests.{row}.total",
            )
        )
    return findings


def _rows_add_up(table: Numbers) -> bool:
    try:
        rows = table.values()
        return list(map(sum, map(_APPLICANT_VALUES, rows))) == list(map(_TOTAL, rows))
    except (KeyError, TypeError):
        return False


def disposition_totals(report: Report, table: Numbers) -> list[Finding]:
    """`reconcile.disposition_total`: （七）总计 = every disposition row, column by column."""
    rows = [table.get(k, {}) for k in _dispositions(report.format)]
    totals = table.get("total", {})
    if _columns_add_up(rows, totals):
        return []
    findings = []
    for col in REQUEST_COLUMNS:
        total = totals.get(col)
        if total is None:
            continue
        parts = _sum([cells.get(col) for cells in rows])
        if parts is None or parts == total:
            continue
        findings.append(
            Finding(
                "reconcile.disposition_total",
                "error",
                f"表三“{column_label(col)}”列：办理结果（一）至（六）各项之和为 {_fmt(parts)}，"
                f"但“（七）总计”为 {_fmt(total)}",
                where=f"requests.total.{col}",
            )
        )
    return findings


def _columns_add_up(rows: list[dict[str, int | float | None]], totals: dict[str, Any]) -> bool:
    try:
        sums = list(map(sum, zip(*map(_REQUEST_VALUES, rows), strict=True)))
        return sums == list(_REQUEST_VALUES(totals))
    except (KeyError, TypeError):
        return False


def balances(table: Numbers) -> list[Finding]:
    """`reconcile.balance`: 一 + 二 = 三（七） + 四, column by column."""
    if _balanced(table):
        return []
    findings = []
    for col in REQUEST_COLUMNS:
        new, carried, total, forward = (table.get(row, {}).get(col) for row in _BALANCE_ROWS)
        if new is None or carried is None or total is None or forward is None:
            continue
        if new + carried == total + forward:
            continue
        findings.append(
            Finding(
                "reconcile.balance",
                "error",
                f"表三“{column_label(col)}”列：一、本年新收 {_fmt(new)} + 二、上年结转 "
                f"{_fmt(carried)} = {_fmt(new + carried)}，但三（七）总计 {_fmt(total)} + "
                f"四、结转下年度 {_fmt(forward)} = {_fmt(total + forward)}",
                where=f"requests.carry_forward.{col}",
            )
        )
    return findings


def _balanced(table: Numbers) -> bool:
    try:
        new, carried, total, forward = (_REQUEST_VALUES(table[row]) for row in _BALANCE_ROWS)
        return list(map(add, new, carried)) == list(map(add, total, forward))
    except (KeyError, TypeError):
        return False


def appeal_totals(table: Numbers) -> list[Finding]:
    """`reconcile.appeals_total`: in each group of table 四, 总计 = the four results."""
    findings = []
    for group in APPEAL_GROUPS:
        cells = table.get(group, {})
        total = cells.get("total")
        if total is None:
            continue
        values = [cells.get(f) for f in _APPEAL_PARTS]
        parts = _sum(values)
        if parts is None or parts == total:
            continue
        terms = " + ".join(
            f"{label} {_fmt(v)}"
            for label, v in zip(_APPEAL_PART_LABELS, values, strict=True)
            if v is not None
        )
        findings.append(
            Finding(
                "reconcile.appeals_total",
                "error",
                f"表四“{appeal_label(group)}”：{terms} = {_fmt(parts)}，但“总计”为 {_fmt(total)}",
                where=f"appeals.{group}.total",
            )
        )
    return findings


def _requests_well(report: Report) -> bool:
    """Whether every cell of table 三 is an int ≥ 0 and its three equations all hold.

    One pass over the cells serves the cell check and the three equations, so a clean
    table (the common case) costs little. Once every cell is known to be an int, rows
    that are equal are checked once (most rows of most reports are all zeros). Anything
    else, a None included, answers False, and the checks that word the findings run.
    """
    table = report.requests
    if type(table) is not dict:
        return False
    rows = table.values()
    try:
        values = list(map(_REQUEST_VALUES, rows))
        if sum(map(len, rows)) != len(values) * len(REQUEST_COLUMNS):
            return False  # a row with cells of its own: let the plain checks see them
        types = list(map(type, chain.from_iterable(values)))
        if types.count(int) != len(types):
            # A table not read at all (a blank template): no cell to check, no equation.
            return types.count(_NONE) == len(types)
        distinct = set(values)  # exact now: equal ints are the same count
        if distinct == _ZEROS:
            return True  # no request at all: every equation holds
        if min(map(min, distinct), default=0) < 0:
            return False
        totals = list(map(_LAST, distinct))
        if list(map(sum, distinct)) != list(map(add, totals, totals)):
            return False  # a row whose six columns do not make its 总计
        if list(table) == _ROW_KEYS.get(report.format):  # the rows in the model's order
            new, carried, *parts, total, forward = values
        else:
            by_key = dict(zip(table, values, strict=True))
            parts = _dispositions_of(report.format)(by_key)
            total = by_key["total"]
            new, carried, forward = by_key["new"], by_key["carried_over"], by_key["carry_forward"]
        counted = list(filter(_ZERO_ROW.__ne__, parts))  # rows of zeros add nothing
        if (tuple(map(sum, zip(*counted, strict=True))) if counted else _ZERO_ROW) != total:
            return False
    except (KeyError, TypeError):
        return False
    return list(map(add, new, carried)) == list(map(add, total, forward))


_LAST = itemgetter(len(REQUEST_COLUMNS) - 1)
_NONE = type(None)
_ZERO_ROW = (0,) * len(REQUEST_COLUMNS)
_ZEROS = {_ZERO_ROW}
# Rows in the model's order: new, carried_over, the dispositions, total, carry_forward.
_ROW_KEYS = {fmt: list(request_row_keys(fmt)) for fmt in FORMATS}
assert all(
    keys[:2] == ["new", "carried_over"]
    and keys[2:-2] == list(disposition_keys(fmt))
    and keys[-2:] == ["total", "carry_forward"]
    for fmt, keys in _ROW_KEYS.items()
)


def _proactive_fine(table: Any) -> bool:
    """Whether table 二 has no cell that `cell.invalid` reports (nor one that is no number).

    Amounts with decimals (费用 7730.28 万元) and signed changes (2019 format) are valid:
    when not every cell is an int ≥ 0, the cells are looked at one by one.
    """
    if type(table) is not dict:
        return False
    try:
        values: list[Any] = [*chain.from_iterable(map(dict.values, table.values()))]
    except TypeError:  # a row that is not a dict
        return False
    types = list(map(type, values))
    if types.count(int) == len(types) and min(values, default=0) >= 0:
        return True
    if types.count(_NONE) == len(types):
        return True  # not read at all
    return all(
        value is None or not _problem(col, value)
        for cells in table.values()
        for col, value in cells.items()
    )


def _appeals_state(table: Any) -> tuple[bool, bool]:
    """Whether every cell of table 四 is an int ≥ 0 or None (no cell to report), and
    whether its totals need no check (all ints, each group's 总计 its four results'
    sum; or no cell read at all)."""
    if type(table) is not dict:
        return False, False
    try:
        values: list[Any] = [*chain.from_iterable(map(dict.values, table.values()))]
        types = list(map(type, values))
        ints = types.count(int)
        if ints + types.count(_NONE) != len(types) or min(filter(None, values), default=0) < 0:
            return False, False
        if ints != len(types):
            return True, ints == 0  # read in part: to be checked; not read at all: nothing
        groups = _APPEAL_GROUPS(table)
        return True, list(map(sum, map(_APPEAL_PART_VALUES, groups))) == list(map(_TOTAL, groups))
    except (KeyError, TypeError):  # a row that is not a dict, a group or a cell missing
        return False, False


_APPEAL_GROUPS = itemgetter(*APPEAL_GROUPS)
_APPEAL_PART_VALUES = itemgetter(*_APPEAL_PARTS)


@cache
def _dispositions_of(fmt: str) -> itemgetter[Any]:
    return itemgetter(*disposition_keys(fmt))  # type: ignore[arg-type]


def table_findings(report: Report) -> list[Finding]:
    if _requests_well(report):
        return _others(report)
    odd = list(_cells(report))
    invalid = invalid_cells(report, odd)
    # Tables whose cells are all numbers or None are used as they are (the common case).
    dirty = {table for table, _, _, value in odd if number(value) is None}
    requests = numbers(report.requests) if "requests" in dirty else _as_numbers(report.requests)
    appeals = numbers(report.appeals) if "appeals" in dirty else _as_numbers(report.appeals)
    return [
        *invalid,
        *row_totals(report, requests),
        *disposition_totals(report, requests),
        *balances(requests),
        *appeal_totals(appeals),
    ]


def _others(report: Report) -> list[Finding]:
    """`table_findings` when table 三 is all well: tables 二 and 四 alone."""
    appeals_plain, adds_up = _appeals_state(report.appeals)
    if appeals_plain and _proactive_fine(report.proactive):
        # No cell to report in either: only table 四's totals, when they do not add up.
        return [] if adds_up else appeal_totals(report.appeals)
    odd = list(_cells(report, ("proactive", "appeals")))
    invalid = invalid_cells(report, odd)
    dirty = {table for table, _, _, value in odd if number(value) is None}
    appeals = numbers(report.appeals) if "appeals" in dirty else _as_numbers(report.appeals)
    return [*invalid, *appeal_totals(appeals)]


def _as_numbers(table: Any) -> Numbers:
    if isinstance(table, dict) and all(map(isinstance, table.values(), repeat(dict))):
        return table
    return numbers(table)
