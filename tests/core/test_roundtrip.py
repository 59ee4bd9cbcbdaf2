"""Render a report (Markdown, HTML), read it back with the reader: the same JSON comes out.

A blank cell reads back as null, except where the reader says it inferred the
figure from the reconciliation rules (`cell.inferred`, named by row).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents import html_to_text
from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    DECIMAL_FIELDS,
    FORMATS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    SECTION_KEYS,
    SIGNED_FIELDS,
    Report,
    request_row_keys,
)
from gongkai.report.read import read_text
from gongkai.report.render import to_html, to_markdown
from gongkai.report.render.grid import report_title

PLACES = ("平罗县", "隆德县", "汤阴县", "漳平市", "绥芬河市", "淮安市洪泽区", "海淀区")
OFFICES = ("人民政府", "卫生健康局", "卫健委", "教育局", "民政局", "自然资源局", "人民政府办公室")
# Prose as it appears in the seeds: sentences that are neither headings nor table rows.
SENTENCES = (
    "2021 年，我局政府信息公开工作平稳有序推进，但还存在一些薄弱环节。",
    "一是信息公开及时性有待进一步强化；二是信息公开内容有待进一步深化。",
    "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。",
    "严格执行“分级审核、先审后发”程序，落实“三审三校”制度。",
    "全年收取政府信息公开信息处理费 0 元。",
    "无其他需要报告的事项。",
    "针对上述问题，我局将进一步贯彻落实《政府信息公开条例》，继续大力推进政府信息公开工作。",
)

counts = st.one_of(st.none(), st.integers(0, 99_999))
signed = st.one_of(st.none(), st.integers(-999, 999))
amounts = st.one_of(st.none(), st.integers(0, 10**8).map(lambda cents: cents / 100))


def _cell_strategy(name: str) -> st.SearchStrategy[Any]:
    if name in DECIMAL_FIELDS:
        return amounts
    if name in SIGNED_FIELDS:
        return signed
    return counts


@st.composite
def reports(draw: st.DrawFn) -> Report:
    fmt = draw(st.sampled_from(FORMATS))
    year = draw(st.integers(2019, 2020) if fmt == "2019" else st.integers(2021, 2030))
    agency = draw(st.sampled_from(PLACES)) + draw(st.sampled_from(OFFICES))
    report = Report.empty(fmt, agency=agency, year=year)
    for item in PROACTIVE_ITEMS[fmt]:
        for name in item.fields:
            report.proactive[item.key][name] = draw(_cell_strategy(name))
    for key in request_row_keys(fmt):
        for col in REQUEST_COLUMNS:
            report.requests[key][col] = draw(counts)
    # Table 四 is one row of 15 figures; the reader takes it whole or not at all (a PDF
    # row with a gap cannot say which figure is missing), so blanks come all together.
    appeals_read = draw(st.booleans())
    for group in APPEAL_GROUPS:
        for name in APPEAL_FIELDS:
            report.appeals[group][name] = draw(st.integers(0, 9_999)) if appeals_read else None
    if draw(st.booleans()):
        day = draw(st.dates(date(year + 1, 1, 1), date(year + 1, 3, 31)))
        report.published_on = day.isoformat()
    report.text["title"] = report_title(report)
    for key in SECTION_KEYS:
        if draw(st.booleans()):
            lines = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
            report.text[key] = "\n".join(lines)
    return report


def inferred_rows(findings) -> set[str]:
    return {f.where for f in findings if f.code == "cell.inferred"}


def assert_reads_back(report: Report, text: str) -> None:
    reading = read_text(text)
    got, want = reading.report.to_json(), report.to_json()
    inferred = inferred_rows(reading.findings)
    for table in ("proactive", "requests", "appeals"):
        for row, cells in want[table].items():
            for col, value in cells.items():
                read = got[table][row][col]
                if value is None and read is not None:
                    assert f"{table}.{row}" in inferred or f"{table}.{row}.{col}" in inferred, (
                        f"{table}.{row}.{col}: blank read as {read}"
                    )
                else:
                    assert read == value, f"{table}.{row}.{col}: {value!r} read as {read!r}"
        got[table] = want[table]
    assert got == want


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports())
def test_markdown_reads_back_the_same(report):
    assert_reads_back(report, to_markdown(report))


@SETTINGS
@given(reports())
def test_html_reads_back_the_same(report):
    assert_reads_back(report, html_to_text(to_html(report)))


def test_blank_cells_read_back_as_null():
    report = Report.empty("2021", agency="平罗县卫生健康局", year=2021)
    report.text["title"] = report_title(report)
    report.requests["new"].update(natural_person=3, total=None)
    for render in (to_markdown, lambda r: html_to_text(to_html(r))):
        got = read_text(render(report)).report
        assert got.requests["new"]["natural_person"] == 3
        assert got.requests["new"]["commercial_enterprise"] is None
        assert got.appeals["review"]["total"] is None
