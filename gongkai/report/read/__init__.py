"""The reader: any published annual report into the report model, with what it found.

    read_path(path) -> Reading     .txt .md .html .docx .pdf, or .json in the public format
    read_text(text, source="") -> Reading

Never guesses: a cell the document does not let us read with certainty is `None` and a
`cell.missing` finding (error); a cell settled by the reconciliation rules is filled
with a `cell.inferred` finding (info); a label that deviates from the official wording
is a `label.nonstandard` finding (warning). Only an unreadable file raises
(`UnreadableDocument`). Framework-free.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

from gongkai.documents import decode_text, extract, json_error_place
from gongkai.findings import Finding
from gongkai.report.model import (
    APPEAL_FIELD_LABELS,
    APPEAL_FIELDS,
    APPEAL_GROUP_LABELS,
    APPEAL_GROUPS,
    COLUMN_LABELS,
    FORMATS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    SECTION_KEYS,
    Cell,
    FormatName,
    Report,
    format_for_year,
)
from gongkai.report.read import meta
from gongkai.report.read.labels import match_label
from gongkai.report.read.lines import Line, split_lines
from gongkai.report.read.solve import CellId, Layout, Solver
from gongkai.report.read.tables import TableReader
from gongkai.report.read_result import Reading, UnreadableDocument, YearEvidence

__all__ = ["read_json", "read_path", "read_text"]


def read_path(path: str | Path) -> Reading:
    """Read the report in the file at `path` (raises UnreadableDocument if it cannot)."""
    p = path if isinstance(path, Path) else Path(path)
    if p.suffix.lower() == ".json" and p.is_file():
        data = p.read_bytes()
        if not data.strip():
            raise UnreadableDocument(f"文件为空：{p}")
        reading = read_json(decode_text(data, str(p)), source=str(p))
        reading.size_bytes = len(data)
        return reading
    scanned: list[int] = []
    text, size = extract(p, scanned)
    reading = read_text(text, source=str(p), size_bytes=size)
    if scanned:
        pages = "、".join(f"第 {n} 页" for n in scanned)
        reading.findings.insert(
            0,
            Finding(
                "document.scanned_page",
                "error",
                f"PDF 的{pages}没有文字层（扫描件），其内容未能读取；"
                "请提供可复制文字的版本或人工核对这些页面。",
                where="document",
            ),
        )
    return reading


def read_text(text: str, source: str = "", size_bytes: int | None = None) -> Reading:
    """Read a report from its text (the convention of `gongkai.documents.extract_text`)."""
    section: str | None = None
    sections_found: list[str] = []
    prose: list[Line] = []  # every non-table line, for the title and the date
    section_of: list[str | None] = []
    heading_findings: list[Finding] = []
    tables = TableReader()  # its block: the run of table lines a row belongs to
    heading_start = meta.HEADING_START
    for line in split_lines(text):
        if not line.table:
            key = meta.heading_key(line.text) if line.text[:1] in heading_start else None
            if key is not None:
                deviation = meta.heading_deviation(line.text, key)
                if deviation is not None:
                    heading_findings.append(deviation)
                section = key
                tables.end_block()
                if key not in sections_found:
                    sections_found.append(key)
                continue
            prose.append(line)
            section_of.append(section)
        if line.table or len(line.cells) > 1:
            tables.add(line, section)
        else:
            tables.end_block()
    used_lines = tables.used_lines

    title, agency, title_year, title_pos = meta.find_title(prose)
    skip = set()
    if title_pos is not None:
        skip.add(title_pos)
        if (
            agency
            and title
            and title_pos > 0
            and title.startswith(meta.clean(prose[title_pos - 1].text))
        ):
            skip.add(title_pos - 1)
    texts: dict[str, list[str]] = {}
    intro: list[str] = []
    for pos, (line, sec) in enumerate(zip(prose, section_of, strict=True)):
        if pos in skip or line.index in used_lines:
            continue
        cleaned = _prose_text(line.text)
        if cleaned is not None:
            (texts.setdefault(sec, []) if sec else intro).append(cleaned)
    overview = "\n".join(texts.get("overview", []))
    intro_text = "\n".join(intro)
    years = YearEvidence(
        title=title_year,
        period=meta.period_year(intro_text) or meta.period_year(text[:20000]),
        body=meta.body_years(overview),
    )
    year = years.title or years.period or (years.body[0] if years.body else None)
    fmt = tables.format(year)
    report = Report(agency=agency, year=year, format=fmt, proactive={}, requests={}, appeals={})
    report.published_on = meta.published_on(prose[:TITLE_DATE_SCAN] + prose[-10:])
    report.text = {}
    if title:
        report.text["title"] = title
    for key in SECTION_KEYS:
        if texts.get(key):
            report.text[key] = "\n".join(texts[key])
    filled = _fill(tables, fmt)
    report.proactive, report.requests, report.appeals = filled.tables
    findings = [*filled.findings, *heading_findings]
    if "\ufffd" in text:
        findings.append(damaged_text(text))
    if title_year is None and not sections_found and not filled.cells_read:
        # No title, no section, no table figure: not an annual report at all, so one
        # finding says so instead of a cell.missing for every cell of every table.
        findings = [not_a_report()]
    else:
        findings += filled.missing
    return Reading(
        source=source,
        report=report,
        findings=findings,
        text=text,
        years=years,
        sections_found=sections_found,
        cells_read=filled.cells_read,
        size_bytes=len(text.encode("utf-8", "surrogatepass")) if size_bytes is None else size_bytes,
    )


TITLE_DATE_SCAN = 60


# ---------------------------------------------------------------- tables
@dataclass
class _Filled:
    """The tables of one format, as read from a run of table lines."""

    tables: tuple[dict[str, dict[str, Cell]], ...]  # proactive, requests, appeals
    findings: list[Finding]  # label.nonstandard, cell.inferred
    missing: list[Finding]  # cell.missing
    cells_read: int


def _fill(tables: TableReader, fmt: FormatName) -> _Filled:
    report = Report(agency=None, year=None, format=fmt)
    report.proactive = {item.key: dict.fromkeys(item.fields) for item in PROACTIVE_ITEMS[fmt]}
    report.requests = {}  # filled row by row by TableReader.fill
    report.appeals = {}
    solver, findings = tables.fill(fmt, report.requests, report.appeals, report.proactive)
    if solver is not None:
        findings += _inferred_findings(fmt, solver)
    kept = (report.proactive, report.requests, report.appeals)
    missing = missing_findings(report, tables.incomplete, tables.blank) if tables.incomplete else []
    return _Filled(kept, findings, missing, tables.cells_read)


def damaged_text(text: str) -> Finding:
    """Bytes the file's encoding could not read (U+FFFD): an error when one sits in a table."""
    in_table = any("\ufffd" in line.text for line in split_lines(text) if line.table or line.run)
    return Finding(
        "document.damaged_text",
        "error" if in_table else "warning",
        f"文件中有 {text.count(chr(0xFFFD))} 处无法识别的字节（已显示为“\ufffd”），可能是文件损坏或"
        f"编码错误；其附近的{'表格数字' if in_table else '文字'}未必读取正确，请核对原件。",
        where="document",
    )


NOT_A_REPORT = "document.not_report"


def not_a_report() -> Finding:
    return Finding(
        NOT_A_REPORT,
        "error",
        "不是政府信息公开工作年度报告：文中既没有年度报告的标题，也没有年度报告的章节和表格。",
        where="document",
    )


@lru_cache(maxsize=16384)
def _prose_text(line: str) -> str | None:
    """A prose line as the report's text keeps it; None for a blank line or table furniture."""
    cleaned = meta.clean(line)
    return cleaned if cleaned and not _is_table_text(cleaned) else None


def _is_table_text(text: str) -> bool:
    """Table furniture that PDF text leaves as lines: "第二十条第（一）项", "信息内容"."""
    if text.startswith("第二十条第") and len(text) < 16:
        return True
    if len(text) > 60:
        return False
    m = match_label(text, allow_fuzzy=False)
    return m is not None and m.exact


# ---------------------------------------------------------------- JSON input
def read_json(text: str, source: str = "") -> Reading:
    """A report in the public JSON format, checked loosely: unknown keys ignored."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UnreadableDocument(
            f"JSON 格式错误：{source or '输入'}{json_error_place(exc)}"
        ) from exc
    if not isinstance(data, dict) or not any(
        k in data for k in ("format", "requests", "proactive", "appeals")
    ):
        raise UnreadableDocument(f"不是年度报告的 JSON 数据：{source or '输入'}")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        year = None
    fmt_raw = data.get("format")
    fmt: FormatName = fmt_raw if fmt_raw in FORMATS else format_for_year(year) if year else "2021"
    agency = data.get("agency") if isinstance(data.get("agency"), str) else None
    report = Report.empty(fmt, agency=agency, year=year)
    published = data.get("published_on")
    if isinstance(published, str) and published:
        report.published_on = published
    raw_text = data.get("text")
    if isinstance(raw_text, dict):
        report.text = {k: v for k, v in raw_text.items() if isinstance(v, str)}
    read = 0
    for table in ("proactive", "requests", "appeals"):
        target: dict[str, dict[str, Cell]] = getattr(report, table)
        given = data.get(table)
        if not isinstance(given, dict):
            continue
        for row_key, row in target.items():
            src = given.get(row_key)
            if not isinstance(src, dict):
                continue
            for col in row:
                value = src.get(col)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    row[col] = value
                    read += 1
    title = report.text.get("title", "")
    title_year = None
    m = meta._TITLE.search(title) if title else None
    if m:
        title_year = int(m.group(1))
    return Reading(
        source=source,
        report=report,
        findings=missing_findings(report),
        text=_json_prose(report),
        years=YearEvidence(
            title=title_year, period=None, body=meta.body_years(report.text.get("overview", ""))
        ),
        sections_found=[k for k in SECTION_KEYS if k in report.text],
        cells_read=read,
        size_bytes=len(text.encode("utf-8", "surrogatepass")),
    )


def _json_prose(report: Report) -> str:
    from gongkai.report.model import SECTION_TITLES

    parts = [report.text["title"]] if report.text.get("title") else []
    for key in SECTION_KEYS:
        if key in report.text:
            parts += [SECTION_TITLES[key], report.text[key]]
    return "\n".join(parts)


# ---------------------------------------------------------------- findings
@cache
def row_label(fmt: FormatName, key: str) -> str:
    """ "（三）不予公开 1.属于国家秘密" for "withheld.state_secret"."""
    for row in REQUEST_ROWS[fmt]:
        if row.key == key:
            label = row.label.split("（区分处理的")[0]
            return f"{row.group} {label}" if row.group else label
    return key


@cache
def _place(fmt: FormatName, cell: CellId) -> tuple[str, str, str]:
    """(where, place in Chinese, column in Chinese) of a solver cell id."""
    table, row, col = cast(tuple[str, str, str], cell)
    if table == "requests":
        return f"requests.{row}.{col}", f"表三“{row_label(fmt, row)}”行", COLUMN_LABELS[col]
    group = APPEAL_GROUP_LABELS[row]
    if row != "review":
        group = f"行政诉讼·{group}"
    return f"appeals.{row}.{col}", f"表四“{group}”", APPEAL_FIELD_LABELS[col]


_WHY = {
    "zero": "其所属合计为 0，各项不能为负",
    "rule": "按勾稽关系（合计等于各项之和）唯一确定",
    "placement": "该行数字少于栏目数，按勾稽关系只有一种可能",
    "split": "该行数字连写在一起，按勾稽关系只有一种拆分",
}


def _inferred_findings(fmt: FormatName, solver: Solver) -> list[Finding]:
    """One `cell.inferred` per row: which of its cells the rules gave, and why."""
    by_row: dict[int, list[int]] = {}
    row_of = _rows_of(solver.layout)
    for index in solver.inferred:
        row = row_of[index]
        if row >= 0:
            by_row.setdefault(row, []).append(index)
    names, values, why = solver.layout.names, solver.values, solver.inferred
    return [
        _inferred(fmt, tuple((names[i], _fmt(values[i]), why[i]) for i in sorted(cells)))
        for cells in by_row.values()
    ]


@cache
def _rows_of(layout: Layout) -> list[int]:
    """Each cell's row of table 三 or 四, numbered; -1 for a cell of neither (（六） as one row)."""
    rows: dict[tuple[Any, Any], int] = {}
    out = []
    for cell in layout.names:
        if isinstance(cell, tuple) and cell[0] in ("requests", "appeals"):
            out.append(rows.setdefault((cell[0], cell[1]), len(rows)))
        else:
            out.append(-1)
    return out


@lru_cache(maxsize=4096)
def _inferred(fmt: FormatName, cells: tuple[tuple[CellId, str, str], ...]) -> Finding:
    """The finding of one row's inferred cells (the same inference recurs: findings are frozen)."""
    where, place, _ = _place(fmt, cells[0][0])
    parts = []
    whys: list[str] = []
    for cell, value, reason in cells:
        _, _, col = _place(fmt, cell)
        parts.append(f"“{col}”={value}")
        why = _WHY[reason]
        if why not in whys:
            whys.append(why)
    return Finding(
        "cell.inferred",
        "info",
        f"{place}的{'、'.join(parts)}未在文中直接读出，系推定：{'；'.join(whys)}。",
        where=where.rsplit(".", 1)[0],
    )


def _fmt(value: Cell) -> str:
    return "" if value is None else str(value)


def missing_findings(
    report: Report,
    tables: Sequence[str] = ("proactive", "requests", "appeals"),
    blank: Sequence[str] = (),
) -> list[Finding]:
    """One `cell.missing` error per cell that is `None` (in `tables`: the others are whole;
    in `blank` every cell is None)."""
    fmt = report.format
    out: list[Finding] = []
    for table in ("proactive", "requests", "appeals"):
        if table in blank:
            out += _blank_table(fmt, table)
        elif table in tables:
            for key, names in _table_rows(fmt, table):
                out += _row_missing(fmt, table, key, names, getattr(report, table))
    return out


@cache
def _table_rows(fmt: FormatName, table: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A table's rows in order, each with its cells' names."""
    if table == "proactive":
        return tuple((item.key, item.fields) for item in PROACTIVE_ITEMS[fmt])
    if table == "requests":
        return tuple((row.key, REQUEST_COLUMNS) for row in REQUEST_ROWS[fmt])
    return tuple((group, APPEAL_FIELDS) for group in APPEAL_GROUPS)


@cache
def _blank_table(fmt: FormatName, table: str) -> tuple[Finding, ...]:
    """The findings of a table of which nothing was read: every cell of every row."""
    return tuple(
        f
        for key, names in _table_rows(fmt, table)
        for f in _row_missing(fmt, table, key, names, {})
    )


def _row_missing(
    fmt: FormatName,
    table: str,
    key: str,
    names: tuple[str, ...],
    rows: dict[str, dict[str, Cell]],
) -> Sequence[Finding]:
    values = rows.get(key) or {}
    if _whole(values, names):
        return ()
    if not any(map(values.get, names)) and 0 not in values.values():
        found = _ALL_MISSING.get((fmt, table, key))  # (a row left blank: often all of them)
        if found is None:
            found = _ALL_MISSING[fmt, table, key] = tuple(
                _missing(fmt, table, key, name) for name in names
            )
        return found
    return [_missing(fmt, table, key, name) for name in names if values.get(name) is None]


# A blank row's findings, by (format, table, row): the row says which cells it has.
_ALL_MISSING: dict[tuple[str, str, str], tuple[Finding, ...]] = {}


def _whole(values: dict[str, Cell], names: Sequence[str]) -> bool:
    """Every one of `names` has a value (the common case, checked without a loop in Python)."""
    return (
        len(values) == len(names)
        and None not in values.values()
        and all(map(values.__contains__, names))
    )


@cache
def _missing(fmt: FormatName, table: str, row: str, name: str) -> Finding:
    """The `cell.missing` finding of one cell (findings are frozen: one per cell serves all)."""
    if table == "proactive":
        item = next(i for i in PROACTIVE_ITEMS[fmt] if i.key == row)
        label = item.field_labels[item.fields.index(name)]
        return Finding(
            "cell.missing",
            "error",
            f"表二“{item.label}”的“{label}”缺失，无法确定其数值。",
            where=f"proactive.{row}.{name}",
        )
    where, place, column = _place(fmt, (table, row, name))
    what = "列缺失" if table == "requests" else "缺失"
    return Finding(
        "cell.missing", "error", f"{place}“{column}”{what}，无法确定其数值。", where=where
    )
