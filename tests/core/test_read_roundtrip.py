"""Render → read gives the same report: Markdown, HTML, DOCX (and PDF on the fixtures)."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents import html_to_text
from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    DECIMAL_FIELDS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    SIGNED_FIELDS,
    FormatName,
    Report,
    disposition_keys,
)
from gongkai.report.read import read_path, read_text
from gongkai.report.read_result import Reading
from gongkai.report.render import to_docx, to_html, to_markdown, to_pdf
from tests.conftest import FIXTURES, SEEDS

FIXTURE_PATHS = [*SEEDS, *sorted((FIXTURES / "reports").iterdir())]


def read_markdown(report: Report) -> Reading:
    return read_text(to_markdown(report))


def read_html(report: Report) -> Reading:
    return read_text(html_to_text(to_html(report)))


def read_file(report: Report, suffix: str) -> Reading:
    render = {".docx": to_docx, ".pdf": to_pdf}[suffix]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(render(report))
        return read_path(path)


@cache
def fixture_report(path: Path) -> Report:
    return read_path(path).report


# DOCX and PDF rendering takes seconds: three fixtures cover both formats and the layouts.
SLOW_FIXTURES = {"000_62e18fc6e57dfc2d.txt", "003_f0c383047b190ae5.txt", "hongze-2024.pdf"}
CASES = [
    (path, via)
    for path in FIXTURE_PATHS
    for via in ("markdown", "html", ".docx", ".pdf")
    if via in ("markdown", "html") or path.name in SLOW_FIXTURES
]


@pytest.mark.parametrize(("path", "via"), CASES, ids=lambda v: getattr(v, "name", v))
def test_every_fixture_reads_back_from_its_rendering(path: Path, via: str) -> None:
    report = fixture_report(path)
    if via == "markdown":
        back = read_markdown(report)
    elif via == "html":
        back = read_html(report)
    else:
        back = read_file(report, via)
    got, want = back.report.to_json(), report.to_json()
    if via == ".pdf":
        # A PDF keeps no spaces at line ends: prose compares without whitespace.
        got["text"], want["text"] = squeeze(got.get("text")), squeeze(want.get("text"))
    assert got == want


def squeeze(text: dict[str, str] | None) -> dict[str, str]:
    return {k: "".join(v.split()) for k, v in (text or {}).items()}


# ---------------------------------------------------------------- generated reports
@st.composite
def consistent_reports(draw: st.DrawFn) -> Report:
    """Reports whose tables obey every reconciliation rule; titles and prose included."""
    fmt: FormatName = draw(st.sampled_from(["2021", "2019"]))
    year = draw(st.integers(2019, 2026))
    agency = draw(st.sampled_from(["平罗县卫生健康局", "淮安市洪泽区人民政府", "漳平市卫生健康局"]))
    report = Report.empty(fmt, agency=agency, year=year)
    small = st.integers(0, 30)

    def applicants() -> dict[str, int]:
        row = {c: draw(small) for c in APPLICANT_COLUMNS}
        row["total"] = sum(row.values())
        return row

    for key in disposition_keys(fmt):
        report.requests[key] = applicants()
    total = {c: sum(report.requests[k][c] for k in disposition_keys(fmt)) for c in REQUEST_COLUMNS}  # type: ignore[misc]
    report.requests["total"] = total
    carried = applicants()
    carry_forward = applicants()
    report.requests["carried_over"] = carried
    report.requests["carry_forward"] = carry_forward
    report.requests["new"] = {c: total[c] + carry_forward[c] - carried[c] for c in REQUEST_COLUMNS}
    if any(v < 0 for v in report.requests["new"].values()):
        report.requests["carried_over"] = dict.fromkeys(REQUEST_COLUMNS, 0)
        report.requests["new"] = {c: total[c] + carry_forward[c] for c in REQUEST_COLUMNS}
    for group in APPEAL_GROUPS:
        parts = {f: draw(small) for f in APPEAL_FIELDS[:-1]}
        report.appeals[group] = {**parts, "total": sum(parts.values())}
    for item in PROACTIVE_ITEMS[fmt]:
        for name in item.fields:
            if name in DECIMAL_FIELDS:
                value: int | float = draw(st.sampled_from([0, 12, 7730.28, 25227, 0.5]))
            elif name in SIGNED_FIELDS:
                value = draw(st.integers(-20, 20))
            else:
                value = draw(st.integers(0, 99999))
            report.proactive[item.key][name] = value
    report.text = {"title": f"{agency}{year}年政府信息公开工作年度报告"}
    if draw(st.booleans()):
        report.text["overview"] = (
            f"{year}年，我局认真贯彻落实《条例》。\n（一）主动公开情况。共公开 12 条。"
        )
        report.text["problems"] = "一是公开不够及时。"
    if draw(st.booleans()):
        report.published_on = f"{year + 1}-01-{draw(st.integers(10, 31))}"
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_a_consistent_report_reads_back_exactly_from_markdown_and_html(report: Report) -> None:
    assert read_markdown(report).report.to_json() == report.to_json()
    assert read_html(report).report.to_json() == report.to_json()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_a_consistent_report_reads_back_exactly_from_docx(report: Report) -> None:
    back = read_file(report, ".docx")
    assert back.report.to_json() == report.to_json()
    assert back.findings == []


@st.composite
def reports_with_gaps(draw: st.DrawFn) -> Report:
    """Any figures, some cells blank: the rules need not hold."""
    report = draw(consistent_reports())
    cell = st.one_of(st.none(), st.integers(0, 40))
    for row in report.requests.values():
        for col in REQUEST_COLUMNS:
            if draw(st.integers(0, 4)) == 0:
                row[col] = draw(cell)
    for row in report.appeals.values():
        for name in APPEAL_FIELDS:
            if draw(st.integers(0, 4)) == 0:
                row[name] = draw(cell)
    for row in report.proactive.values():
        for name in row:
            if draw(st.integers(0, 4)) == 0:
                row[name] = None
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports_with_gaps())
def test_printed_figures_come_back_and_a_blank_is_null_unless_the_rules_force_it(
    report: Report,
) -> None:
    for back in (read_markdown(report), read_html(report)):
        inferred_rows = {f.where for f in back.findings if f.code == "cell.inferred"}
        missing = {f.where for f in back.findings if f.code == "cell.missing"}
        for table in ("requests", "appeals", "proactive"):
            original = getattr(report, table)
            got = getattr(back.report, table)
            for key, row in original.items():
                for col, value in row.items():
                    where = f"{table}.{key}.{col}"
                    if value is not None:
                        assert got[key][col] == value, where
                    elif got[key][col] is None:
                        assert where in missing
                    else:
                        assert f"{table}.{key}" in inferred_rows, where
