"""The official layout of tables 二, 三 and 四 as grids of cells with their spans.

The DOCX and PDF renderers draw the same grids, so the merged header cells of the
national template (国办公开办函〔2021〕30号) are described once, here, from the
row and column definitions of `gongkai.report.model`. Framework-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from gongkai.report.model import (
    APPEAL_FIELD_LABELS,
    APPEAL_FIELDS,
    APPEAL_GROUP_LABELS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    BALANCE_NOTE,
    COLUMN_LABELS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    RESULTS_HEADING,
    SECTION_KEYS,
    SECTION_TITLES,
    Cell,
    Report,
    RowDef,
)

PERSON_GROUP = "法人或其他组织"
APPLICANTS_HEADING = "申请人情况"
REVIEW_HEADING = "行政复议"
LITIGATION_HEADING = "行政诉讼"


@dataclass(frozen=True)
class GridCell:
    """One cell of a table; `row`/`col` are its top-left position in the grid."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a label, not a figure
    shaded: bool = False  # the article rows of table 二 are shaded in the template
    align: str = "center"  # "center" or "left"


@dataclass(frozen=True)
class Grid:
    """A table: relative column widths and its cells (each grid position covered once)."""

    widths: tuple[float, ...]
    rows: int
    cells: tuple[GridCell, ...] = field(default=())

    @property
    def cols(self) -> int:
        return len(self.widths)


def cell_text(value: Cell) -> str:
    """A figure as printed: integers as they are, amounts without trailing zeros, unknown blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def report_title(report: Report) -> str:
    """The report's title: the one it carries, else the official form."""
    title = (report.text or {}).get("title")
    if title:
        return title
    return f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"


def preamble(report: Report) -> str:
    """The opening statement every report makes: its legal basis and the period it covers."""
    year = report.year
    if report.format == "2021":
        basis = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
    else:
        basis = "《中华人民共和国政府信息公开工作年度报告格式（试行）》"
    return (
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{basis}要求，"
        f"编制本报告。本报告统计数据从{year}年1月1日至12月31日。"
    )


def paragraphs(text: str | None) -> list[str]:
    """The non-empty lines of a section's prose, each one paragraph."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def sections(report: Report) -> list[tuple[str, str, list[str]]]:
    """(key, heading, paragraphs) for the six sections, in order."""
    text = report.text or {}
    return [(key, SECTION_TITLES[key], paragraphs(text.get(key))) for key in SECTION_KEYS]


# ---------------------------------------------------------------- table 二
def proactive_grid(report: Report) -> Grid:
    """Table 二: per article, a shaded heading row, a label row, then one row per item."""
    cells: list[GridCell] = []
    row = 0
    items = PROACTIVE_ITEMS[report.format]
    for article, group in groupby(items, key=lambda item: item.article):
        group_items = list(group)
        cells.append(GridCell(row, 0, article, colspan=4, header=True, shaded=True))
        row += 1
        # Items under one article share their field labels (the template prints them once).
        first = group_items[0]
        spans = _field_spans(len(first.fields))
        cells.append(GridCell(row, 0, "信息内容", header=True))
        col = 1
        for label, span in zip(first.field_labels, spans, strict=True):
            cells.append(GridCell(row, col, label, colspan=span, header=True))
            col += span
        row += 1
        for item in group_items:
            values = report.proactive.get(item.key) or {}
            cells.append(GridCell(row, 0, item.label, header=True))
            col = 1
            for name, span in zip(item.fields, _field_spans(len(item.fields)), strict=True):
                cells.append(GridCell(row, col, cell_text(values.get(name)), colspan=span))
                col += span
            row += 1
    return Grid(widths=(1.0, 1.0, 1.0, 1.0), rows=row, cells=tuple(cells))


def _field_spans(count: int) -> list[int]:
    """Three figure columns shared out among `count` fields (the last one takes the rest)."""
    return [1] * (count - 1) + [3 - (count - 1)]


# ---------------------------------------------------------------- table 三
def requests_grid(report: Report) -> Grid:
    """Table 三 with the three header rows and the grouped disposition rows of the template."""
    cells: list[GridCell] = [
        GridCell(0, 0, BALANCE_NOTE, rowspan=3, colspan=3, header=True),
        GridCell(0, 3, APPLICANTS_HEADING, colspan=7, header=True),
        GridCell(1, 3, COLUMN_LABELS["natural_person"], rowspan=2, header=True),
        GridCell(1, 4, PERSON_GROUP, colspan=5, header=True),
        GridCell(1, 9, COLUMN_LABELS["total"], rowspan=2, header=True),
    ]
    for i, column in enumerate(APPLICANT_COLUMNS[1:]):
        cells.append(GridCell(2, 4 + i, COLUMN_LABELS[column], header=True))

    rows = REQUEST_ROWS[report.format]
    results = [r for r in rows if r.disposition or r.key == "total"]
    first_result = 3 + next(i for i, r in enumerate(rows) if r.disposition)
    cells.append(GridCell(first_result, 0, RESULTS_HEADING, rowspan=len(results), header=True))

    row = 3
    seen_groups: set[str] = set()
    for rowdef in rows:
        cells.extend(_request_label_cells(rowdef, row, rows, seen_groups))
        values = report.requests.get(rowdef.key) or {}
        for i, column in enumerate(REQUEST_COLUMNS):
            cells.append(GridCell(row, 3 + i, cell_text(values.get(column))))
        row += 1
    widths = (0.75, 0.95, 3.0, *([0.75] * len(REQUEST_COLUMNS)))
    return Grid(widths=widths, rows=row, cells=tuple(cells))


def _request_label_cells(
    rowdef: RowDef, row: int, rows: tuple[RowDef, ...], seen_groups: set[str]
) -> list[GridCell]:
    if not rowdef.disposition and rowdef.key != "total":  # 一、二、四: the full width
        return [GridCell(row, 0, rowdef.label, colspan=3, header=True, align="left")]
    if not rowdef.group:  # （一）（二）（七）, and （六） of 2019
        return [GridCell(row, 1, rowdef.label, colspan=2, header=True, align="left")]
    out = []
    if rowdef.group not in seen_groups:
        seen_groups.add(rowdef.group)
        size = sum(1 for r in rows if r.group == rowdef.group)
        out.append(GridCell(row, 1, rowdef.group, rowspan=size, header=True))
    out.append(GridCell(row, 2, rowdef.label, header=True, align="left"))
    return out


# ---------------------------------------------------------------- table 四
def appeals_grid(report: Report) -> Grid:
    """Table 四: 行政复议 (5 columns) and 行政诉讼 (direct, after review: 5 columns each)."""
    n = len(APPEAL_FIELDS)
    cells: list[GridCell] = [
        GridCell(0, 0, REVIEW_HEADING, colspan=n, header=True),
        GridCell(0, n, LITIGATION_HEADING, colspan=2 * n, header=True),
    ]
    for i, name in enumerate(APPEAL_FIELDS):
        cells.append(GridCell(1, i, APPEAL_FIELD_LABELS[name], rowspan=2, header=True))
    for g, group in enumerate(APPEAL_GROUPS[1:]):
        start = n * (g + 1)
        cells.append(GridCell(1, start, APPEAL_GROUP_LABELS[group], colspan=n, header=True))
        for i, name in enumerate(APPEAL_FIELDS):
            cells.append(GridCell(2, start + i, APPEAL_FIELD_LABELS[name], header=True))
    for g, group in enumerate(APPEAL_GROUPS):
        values = report.appeals.get(group) or {}
        for i, name in enumerate(APPEAL_FIELDS):
            cells.append(GridCell(3, n * g + i, cell_text(values.get(name))))
    return Grid(widths=(1.0,) * (3 * n), rows=4, cells=tuple(cells))


TABLES = {"proactive": proactive_grid, "requests": requests_grid, "appeals": appeals_grid}
