"""Building, auditing, publishing and exporting an agency's annual report.

Dates are arguments (`today`); views and the CLI pass theirs. Problems are findings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from gongkai.findings import Finding, has_error
from gongkai.report.model import (
    APPEAL_FIELD_LABELS,
    APPEAL_GROUP_LABELS,
    COLUMN_LABELS,
    PROACTIVE_ITEMS,
    REQUEST_ROWS,
    SECTION_KEYS,
    SECTION_TITLES,
    Report,
    format_for_year,
)
from gongkai.report.read_result import Reading, YearEvidence
from gongkai.report.render.grid import paragraphs, preamble, report_title
from gongkai.text.chinese import chinese_date
from gongkai.web.annual_reports import building, drafting
from gongkai.web.annual_reports.models import AnnualReport, PublishedFile

EXPORT_FORMATS = ("docx", "pdf", "html", "md", "json")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
EDITABLE_SECTIONS = ("overview", "problems", "other")
KIND_DEADLINES = {"department": (1, 31), "government": (3, 31)}


# ------------------------------------------------------------------ deadlines
def year_ended(year: int, today: date) -> bool:
    """第四十九条 reports on the year before: a year's report follows its end."""
    return today > date(year, 12, 31)


def not_ended_message(year: int) -> str:
    return (
        f"{year}年度尚未结束，{year}年度报告应在{year + 1}年1月1日以后发布"
        "（《中华人民共和国政府信息公开条例》第四十九条）。"
    )


def due_date(agency: Any, year: int) -> date:
    """第四十九条: departments by 31 January, governments by 31 March of the next year."""
    month, day = KIND_DEADLINES.get(agency.kind, (1, 31))
    return date(year + 1, month, day)


# ------------------------------------------------------------------ building
def previous_report(agency: Any, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(agency=agency, year=year - 1).first()


def tables_for(agency: Any, year: int, departments: list[int] | None = None) -> dict[str, Any]:
    """The agency's own tables, plus each chosen department's (its stored report if any)."""
    previous = previous_report(agency, year)
    tables = building.build_tables(agency, year, previous.report if previous else None)
    for dept in _chosen_departments(agency, departments or []):
        stored = AnnualReport.objects.filter(agency=dept, year=year).first()
        if stored is not None:
            theirs = stored.data
        else:
            before = previous_report(dept, year)
            theirs = building.build_tables(dept, year, before.report if before else None)
        for key in ("proactive", "requests", "appeals"):
            tables[key] = building.add_tables(tables[key], theirs[key])
    return tables


def _chosen_departments(agency: Any, ids: list[int]) -> list[Any]:
    from gongkai.web.accounts.models import Agency

    if agency.kind != "government" or not ids:
        return []
    below = agency.descendant_ids() - {agency.id}
    return list(Agency.objects.filter(id__in=set(ids) & below).order_by("id"))


def draft_texts(
    agency: Any, year: int, report: Report, departments: list[int], today: date
) -> dict[str, str]:
    from gongkai.web.ledger.choices import CHANNELS
    from gongkai.web.ledger.figures import overview_facts

    chosen = _chosen_departments(agency, departments)
    facts = overview_facts(agency, year)
    for dept in chosen:
        facts = drafting.add_facts(facts, overview_facts(dept, year))
    scope = f"本级政府及所属{len(chosen)}个部门" if chosen else "本机关"
    ids = [agency.id, *(d.id for d in chosen)]
    timeliness = building.timeliness(ids, year, today)
    return {
        "title": report_title(report),
        "overview": drafting.draft_overview(report, facts, CHANNELS, scope, timeliness),
        "other": drafting.draft_other(building.fees_charged(ids, year)),
    }


@transaction.atomic
def build(
    agency: Any, year: int, today: date, departments: list[int] | None = None, redraft: bool = False
) -> AnnualReport:
    """Create the year's draft, or rebuild its tables from the records (text kept).

    A published report is never rebuilt: build returns it unchanged.
    """
    ar, created = AnnualReport.objects.get_or_create(
        agency=agency, year=year, defaults={"due_on": due_date(agency, year)}
    )
    if ar.state == "published":
        return ar
    if departments is not None:
        ar.departments = list(departments)
    tables = tables_for(agency, year, ar.departments)
    report = Report.empty(format_for_year(year), agency=agency.name, year=year)
    report.proactive, report.requests, report.appeals = (
        tables["proactive"],
        tables["requests"],
        tables["appeals"],
    )
    old_text = dict((ar.data or {}).get("text") or {})
    drafted = draft_texts(agency, year, report, ar.departments, today)
    if created or redraft or ar.source == "imported" or not old_text:
        report.text = drafted
    else:
        report.text = {**drafted, **old_text}
    ar.source = "built"
    ar.drafted = drafted
    ar.data = report.to_json()
    ar.built_on = today
    ar.due_on = due_date(agency, year)
    ar.save()
    return ar


SECTION_MAX = 20_000  # characters of one section's text (a long section 一 has ~8,000)


def save_texts(ar: AnnualReport, texts: dict[str, str]) -> str:
    """Store the edited sections; return why nothing was stored ("" when stored)."""
    if ar.state != "draft":
        return f"{ar.year}年度报告已发布，文字不能再修改。"
    for key, value in texts.items():
        if len(value) > SECTION_MAX:
            return (
                f"{SECTION_TITLES.get(key, key)}的文字不得超过 {SECTION_MAX} 字"
                f"（现为 {len(value)} 字），请精简后再提交。"
            )
    data = dict(ar.data)
    merged = {**(data.get("text") or {}), **{k: v.strip() for k, v in texts.items()}}
    data["text"] = {k: v for k, v in merged.items() if v}  # an empty section is absent
    ar.data = data
    ar.save(update_fields=["data", "updated_at"])
    return ""


# ------------------------------------------------------------------ auditing
@dataclass
class Plain:
    """The report's prose as one text, and where each section's prose starts in it."""

    text: str
    offsets: dict[str, tuple[int, int]]


def plain_text(report: Report) -> Plain:
    parts: list[str] = [report_title(report), preamble(report)]
    offsets: dict[str, tuple[int, int]] = {}
    pos = sum(len(p) + 1 for p in parts)
    for key in SECTION_KEYS:
        heading = SECTION_TITLES[key]
        parts.append(heading)
        pos += len(heading) + 1
        body = "\n".join(paragraphs((report.text or {}).get(key)))
        offsets[key] = (pos, pos + len(body))
        parts.append(body)
        pos += len(body) + 1
    return Plain("\n".join(parts), offsets)


def as_reading(report: Report, source: str = "") -> Reading:
    plain = plain_text(report)
    body_years: list[int] = []
    try:
        from gongkai.report.read.meta import body_years as find_years

        body_years = find_years("\n".join((report.text or {}).get(k) or "" for k in SECTION_KEYS))
    except ImportError:  # the reader's helper is optional here
        pass
    return Reading(
        source=source,
        report=report,
        text=plain.text,
        years=YearEvidence(title=report.year, period=report.year, body=body_years),
        sections_found=list(SECTION_KEYS),
    )


def missing_cells(report: Report) -> list[Finding]:
    """Cells nobody entered (a built report must give every figure)."""
    findings = []
    for table in ("proactive", "requests", "appeals"):
        for row, cells in getattr(report, table).items():
            for col, value in cells.items():
                if value is None:
                    findings.append(
                        Finding(
                            "cell.missing",
                            "error",
                            f"{cell_label(report, table, row, col)}尚未填报"
                            + (
                                "（请在主动公开台账的年度数据中填报）"
                                if table == "proactive"
                                else ""
                            ),
                            where=f"{table}.{row}.{col}",
                        )
                    )
    return findings


def cell_label(report: Report, table: str, row: str, col: str) -> str:
    """The official words for a cell: 表二“行政许可·本年处理决定数量”."""
    if table == "proactive":
        for item in PROACTIVE_ITEMS[report.format]:
            if item.key == row and col in item.fields:
                return f"表二“{item.label}·{item.field_labels[item.fields.index(col)]}”"
    if table == "requests":
        rows = {r.key: r.group + r.label for r in REQUEST_ROWS[report.format]}
        return f"表三“{rows.get(row, row)}·{COLUMN_LABELS.get(col, col)}”"
    return f"表四“{APPEAL_GROUP_LABELS.get(row, row)}·{APPEAL_FIELD_LABELS.get(col, col)}”"


def audit_report(ar: AnnualReport) -> list[Finding]:
    """The auditor's findings on the stored report (last year's given as `previous`).

    As `audit(reading, previous)`, except that the copy check leaves out the text the
    builder drafted from this year's figures (`ar.drafted`).
    """
    from gongkai.report.audit import audit
    from gongkai.report.audit.cross_year import cross_year_findings
    from gongkai.report.audit.labels import sort_findings

    report = ar.report
    reading = as_reading(report)
    findings = audit(reading)
    before = previous_report(ar.agency, ar.year)
    if before is not None:
        previous = as_reading(before.report)
        findings = sort_findings([*findings, *cross_year_findings(reading, previous, ar.drafted)])
    return [*missing_cells(report), *findings]


def section_of(finding: Finding, plain: Plain) -> str | None:
    if finding.start is None:
        return None
    for key, (start, end) in plain.offsets.items():
        if start <= finding.start <= end:
            return key
    return None


# ------------------------------------------------------------------ exports
def render(report: Report, fmt: str) -> bytes:
    if fmt == "docx":
        from gongkai.report.render.docx import to_docx

        return to_docx(report)
    if fmt == "pdf":
        from gongkai.report.render.pdf import to_pdf

        return to_pdf(report)
    if fmt == "html":
        from gongkai.report.render.html import to_html

        return to_html(report).encode("utf-8")
    if fmt == "md":
        from gongkai.report.render.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def file_name(ar: AnnualReport, fmt: str) -> str:
    return f"{ar.agency.code}-{ar.year}.{fmt}"


def export(ar: AnnualReport, fmt: str) -> bytes:
    """A published report's stored file; a draft's freshly rendered one."""
    if ar.state == "published":
        stored = ar.files.filter(fmt=fmt).first()
        if stored is not None:
            return bytes(stored.content)
    return render(ar.report, fmt)


# ------------------------------------------------------------------ publishing
@dataclass
class Outcome:
    published: bool
    findings: list[Finding]
    message: str


@transaction.atomic
def publish(ar: AnnualReport, today: date) -> Outcome:
    """Audit, then publish: record the date (on time or late) and store every export.

    Refused before the year has ended, and for an imported report (published elsewhere
    on its own date: it is imported again once corrected, or built here).
    """
    if ar.state == "published":
        return Outcome(
            False, [], f"{ar.agency.name}{ar.year}年度报告已于{chinese_date(ar.published_on)}发布。"
        )
    if not year_ended(ar.year, today):
        return Outcome(False, [], not_ended_message(ar.year))
    if ar.source == "imported":
        return Outcome(
            False,
            [],
            "导入的报告已在其他渠道发布，不能在本系统中再次发布：请改正原报告后重新导入，"
            "或者根据台账重新生成本年度报告。",
        )
    findings = audit_report(ar)
    if has_error(findings):
        errors = sum(1 for f in findings if f.severity == "error")
        return Outcome(False, findings, f"审核发现 {errors} 处错误，改正后才能发布。")
    from gongkai.web.annual_reports.checking import open_errors

    blocking = open_errors(ar)
    if blocking:
        return Outcome(
            False,
            blocking,
            f"发布前检查发现 {len(blocking)} 处错误尚未处理（改正或确认无误后才能发布）。",
        )
    data = dict(ar.data)
    data["published_on"] = today.isoformat()
    ar.data = data
    ar.state = "published"
    ar.published_on = today
    ar.due_on = due_date(ar.agency, ar.year)
    ar.save()
    report = ar.report
    for fmt in EXPORT_FORMATS:
        PublishedFile.objects.update_or_create(
            report=ar,
            fmt=fmt,
            defaults={"name": file_name(ar, fmt), "content": render(report, fmt)},
        )
    timing = "按时发布" if ar.on_time else f"逾期发布（法定期限为{chinese_date(ar.due_on)}）"
    return Outcome(True, findings, f"{ar.agency.name}{ar.year}年度报告已发布，{timing}。")


# ------------------------------------------------------------------ importing
@dataclass
class Imported:
    """What an import did: the stored report (None: nothing stored) and why."""

    report: AnnualReport | None
    published: bool
    findings: list[Finding]
    message: str


@transaction.atomic
def import_report(
    agency: Any,
    year: int,
    name: str,
    content: bytes,
    today: date,
    published_on: date | None = None,
) -> Imported:
    """Store a report published elsewhere (read by the reader) as the agency's `year`.

    The file must be that agency's report of that year. It passes the audit a built report
    passes before publishing: with an error it is kept as a draft (its figures still give
    next year's carry-over), never as published. Its publication date is the date the
    document carries, or `published_on` when it carries none; never the day of the import.
    """
    report, problem = read_uploaded(name, content)
    if report is None:
        return Imported(None, False, [], problem)
    problem = ownership_problem(report, agency, year)
    if problem:
        return Imported(None, False, [], problem)
    existing = AnnualReport.objects.filter(agency=agency, year=year).first()
    if existing is not None and existing.source == "built":
        return Imported(None, False, [], f"{year} 年度报告已在本系统中生成，无需导入。")
    report.year, report.agency = year, agency.name
    findings = audit_report(AnnualReport(agency=agency, year=year, data=report.to_json()))
    errors = sum(1 for f in findings if f.severity == "error")
    on = None
    if not errors:
        on, problem = publication_date(report, year, today, published_on)
        if on is None:
            return Imported(None, False, findings, problem)
        report.published_on = on.isoformat()
    ar, _ = AnnualReport.objects.update_or_create(
        agency=agency,
        year=year,
        defaults={
            "state": "draft" if errors else "published",
            "source": "imported",
            "data": report.to_json(),
            "drafted": {},
            "source_name": name[:255],
            "due_on": due_date(agency, year),
            "published_on": on,
        },
    )
    if errors:
        return Imported(
            ar,
            False,
            findings,
            f"审核发现 {errors} 处错误：{year} 年度报告已作为草稿导入，不作为已发布的报告"
            "（上年结转数仍取自其“结转下年度继续办理”）。",
        )
    assert on is not None  # without an error the report was given its publication date
    return Imported(
        ar,
        True,
        findings,
        f"已导入 {year} 年度报告（发布日期{chinese_date(on)}）："
        "上年结转数取自其“结转下年度继续办理”。",
    )


def _plain_name(name: str | None) -> str:
    return "".join((name or "").split())


def ownership_problem(report: Report, agency: Any, year: int) -> str:
    """Why the file is not `agency`'s report of `year` ("" when it is)."""
    if not _plain_name(report.agency):
        return (
            f"文件中没有找到报告机关的名称（应在报告标题中），无法确认是{agency.name}的报告，"
            "不能导入。"
        )
    if report.year is None:
        return f"文件中没有找到报告年度（应在报告标题中），无法确认是{year}年度的报告，不能导入。"
    if _plain_name(report.agency) != _plain_name(agency.name) or report.year != year:
        return (
            f"文件是{_plain_name(report.agency)}{report.year}年度的报告，"
            f"不能作为{agency.name}{year}年度的报告导入。"
        )
    return ""


def publication_date(
    report: Report, year: int, today: date, entered: date | None
) -> tuple[date | None, str]:
    """The date the document carries, else the one entered; with the reason if neither."""
    carried = None
    if report.published_on:
        try:
            carried = date.fromisoformat(report.published_on)
        except ValueError:
            return None, f"文件中的发布日期“{report.published_on}”无法识别，请核对原文件。"
    if carried is not None and entered is not None and carried != entered:
        return None, (
            f"文件载明的发布日期为{chinese_date(carried)}，与填写的{chinese_date(entered)}不一致。"
            "请核对；以文件为准时，发布日期一栏可不填写。"
        )
    on = carried or entered
    if on is None:
        return None, "文件中没有载明发布日期，请填写该报告的发布日期后重新导入。"
    if not year_ended(year, on):
        return None, (
            f"发布日期{chinese_date(on)}在{year}年度结束之前，{year}年度报告不可能在此前发布，"
            "请核对。"
        )
    if on > today:
        return None, f"发布日期{chinese_date(on)}晚于今天，请核对。"
    return on, ""


def read_uploaded(name: str, content: bytes) -> tuple[Report | None, str]:
    import tempfile
    from pathlib import Path

    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            return Report.from_json(json.loads(content.decode("utf-8"))), ""
        except (ValueError, UnicodeDecodeError, AttributeError) as exc:
            return None, f"无法读取 JSON 文件：{exc}"
    try:
        from gongkai.report.read import read_path
    except ImportError:
        return None, "暂不能读取该格式的文件，请上传 JSON 格式的报告数据。"
    from gongkai.report.read_result import UnreadableDocument

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            reading = read_path(path)
        except UnreadableDocument as exc:  # it names the file: by its name, not the temporary path
            return None, str(exc).replace(str(path), Path(name).name)
        except Exception:  # a damaged upload must give the office a message, never a 500
            return None, "无法读取该文件：文件可能已损坏，或不是政府信息公开工作年度报告。"
    return reading.report, ""
