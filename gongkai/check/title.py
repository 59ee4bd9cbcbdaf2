"""The document's year, from its title: the default of `gongkai check --year`."""

from __future__ import annotations

import re
from datetime import date

_YEAR_IN_TITLE_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_ANNUAL_REPORT_RE = re.compile(r"年度?\S*(?:工作)?(?:年度)?的?报告")
_HEAD_LINES = 12


def title_year(text: str) -> int | None:
    """The year of the first title-like line among the first lines: one naming a report
    ("2021 年政府信息公开工作年度报告", "关于 2020 年度政府信息公开工作的报告"), else the
    first year in the first lines at all."""
    lines = [line for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    for line in lines:
        m = _YEAR_IN_TITLE_RE.search(line)
        if m and "报告" in line:
            return int(m.group(1))
    for line in lines:
        m = _YEAR_IN_TITLE_RE.search(line)
        if m:
            return int(m.group(1))
    return None


def is_annual_report(text: str) -> bool:
    head = "\n".join(text.splitlines()[: _HEAD_LINES * 2])
    return "政府信息公开" in head and bool(_ANNUAL_REPORT_RE.search(head))


def annual_report_published_on(year: int) -> date:
    """The earliest day an annual report on `year` goes out: it is published by 31 January
    of the next year (条例 第五十条), so certainly on or after 1 January."""
    return date(year + 1, 1, 1)
