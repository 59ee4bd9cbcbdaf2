"""Checks on the document as a whole: its year, its format, its six sections."""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.findings import Finding
from gongkai.report.audit.labels import SECTION_ORDINALS, section_label
from gongkai.report.model import SECTION_KEYS, format_for_year
from gongkai.report.read_result import Reading

_FORMAT_NAMES = {
    "2021": "2021 年版格式（国办公开办函〔2021〕30号）",
    "2019": "2019 年试行格式",
}


def year_findings(reading: Reading) -> list[Finding]:
    """`year.conflict`: the title, the statistics period and the body disagree on the year."""
    years = reading.years
    findings = []
    if years.title is not None and years.period is not None and years.title != years.period:
        findings.append(
            Finding(
                "year.conflict",
                "error",
                f"标题写 {years.title} 年，但统计期限是 {years.period} 年",
                where="year",
            )
        )
    reference = years.period or years.title or reading.report.year
    if reference is None:
        return findings
    stated_by = "统计期限" if years.period else "标题"
    if years.period is None and years.title is None:
        stated_by = "报告年度"
    for year in sorted(set(years.body) - {reference}):
        quote = _quote(reading.text, year)
        findings.append(
            Finding(
                "year.conflict",
                "warning",
                f"{stated_by}为 {reference} 年，但正文写{quote}",
                where="year",
            )
        )
    return findings


def _quote(text: str, year: int) -> str:
    match = _year_quote(year).search(text)
    if match is None:
        return f" {year} 年"
    snippet = re.sub(r"\s+", "", match.group(0))
    return f"“{snippet}…”"


@lru_cache(maxsize=256)
def _year_quote(year: int) -> re.Pattern[str]:
    """ "2020 年…" not inside a longer number: the year first, so that the regex engine
    skips ahead to it rather than trying the lookbehind at every character."""
    return re.compile(rf"{year}(?<!\d{year})\s*年[^。\n]{{0,8}}")


def format_findings(reading: Reading) -> list[Finding]:
    """`format.mismatch`: 2019 trial format for 2019–2020, the 2021 format from 2021 on."""
    report = reading.report
    if not isinstance(report.year, int) or report.year < 2019:
        return []
    expected = format_for_year(report.year)
    if report.format == expected:
        return []
    return [
        Finding(
            "format.mismatch",
            "error",
            f"{report.year} 年度报告应使用{_FORMAT_NAMES[expected]}，"
            f"但表格是{_FORMAT_NAMES[report.format]}",
            where="format",
        )
    ]


def section_findings(reading: Reading) -> list[Finding]:
    """`section.missing`: one of the six sections absent, or out of order."""
    if reading.sections_found == _IN_ORDER:
        return []  # the common case: all six, in order, once each
    if not reading.sections_found and not reading.text:
        return []  # read from JSON: there is no document to look at
    found = [key for key in dict.fromkeys(reading.sections_found) if key in SECTION_KEYS]
    if reading.source.lower().endswith(".json"):
        # JSON has no headings: its tables are sections 二 to 四, its prose keys the rest.
        present = {*found, "proactive", "requests", "appeals"}
        found = [key for key in SECTION_KEYS if key in present]
    findings = [
        Finding(
            "section.missing",
            "warning",
            f"缺少{section_label(key)}",
            where=f"text.{key}",
        )
        for key in SECTION_KEYS
        if key not in found
    ]
    expected = [key for key in SECTION_KEYS if key in found]
    if found != expected:
        first = next(a for a, b in zip(found, expected, strict=True) if a != b)
        findings.append(
            Finding(
                "section.missing",
                "warning",
                f"六个部分的顺序不对：{section_label(first)}出现的位置不对"
                f"（文中顺序：{'、'.join(SECTION_ORDINALS[k] for k in found)}）",
                where=f"text.{first}",
            )
        )
    return findings


_IN_ORDER = list(SECTION_KEYS)


def document_findings(reading: Reading) -> list[Finding]:
    return [*year_findings(reading), *format_findings(reading), *section_findings(reading)]
