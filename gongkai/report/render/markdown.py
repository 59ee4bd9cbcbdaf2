"""The annual report as Markdown in the official layout: `to_markdown(report) -> str`.

Title, the statutory opening, the six section headings with their prose, and tables
二, 三 and 四 as pipe tables. Markdown cannot merge cells, so a merged cell of the
national template is written once, in its first row and column, and the cells it
covers are left empty — the convention `gongkai.documents.extract_text` uses for
every format, so the reader reads this output like any other document.
"""

from __future__ import annotations

from gongkai.report.model import Report
from gongkai.report.render.grid import TABLES, Grid, preamble, report_title, sections
from gongkai.text.chinese import chinese_date


def to_markdown(report: Report) -> str:
    """The report as a Markdown document (UTF-8 text, one trailing newline)."""
    out = [f"# {_inline(report_title(report))}", ""]
    if report.published_on:
        out += [chinese_date(report.published_on), ""]
    out += [_inline(preamble(report)), ""]
    for key, heading, prose in sections(report):
        out += [f"## {heading}", ""]
        for paragraph in prose:
            out += [_inline(paragraph), ""]
        grid_of = TABLES.get(key)
        if grid_of is not None:
            out += [*_pipe_table(grid_of(report)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def grid_rows(grid: Grid) -> list[list[str]]:
    """The grid as a rectangle of texts: a merged cell in its top-left position only."""
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def _pipe_table(grid: Grid) -> list[str]:
    rows = [[_cell(text) for text in row] for row in grid_rows(grid)]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * grid.cols]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return lines


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    """A paragraph on one line. Prose is not escaped: readers take .md as plain text."""
    return " ".join(text.splitlines())
