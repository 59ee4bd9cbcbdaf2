"""Tables printed one cell per line with no tab: a web page's visible text, a PDF copy.

Every fixture (the seeds, the HTML's visible text, the PDFs' text, the DOCX) is read as
published, then rewritten with each cell of each table row on its own line and no tab (a
blank cell a blank line, as a crawler's get_text("\\n") gives it) and read again. Every
cell the rewritten text fills must equal the cell read from the published document.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from gongkai.documents import extract_text
from gongkai.report.model import Report
from gongkai.report.read import read_path, read_text
from gongkai.report.read.lines import split_lines
from gongkai.report.read_result import Reading
from tests.conftest import FIXTURES, seed

SOURCES = sorted(
    [
        *(FIXTURES / "seeds").glob("*.txt"),
        *(FIXTURES / "html").glob("*.html"),
        *(FIXTURES / "reports").glob("*.pdf"),
        *(FIXTURES / "reports").glob("*.docx"),
        *(FIXTURES / "docx").glob("*.docx"),
    ]
)
NAMES = [p.name for p in SOURCES]
TABLES = ("proactive", "requests", "appeals")


def one_cell_per_line(text: str) -> str:
    """Each cell of each table row on its own line, no tab; prose lines as they are."""
    out: list[str] = []
    for line in split_lines(text):
        if line.table:
            out.extend(cell.replace("\t", "") for cell in line.cells)
            out.append("")
        else:
            out.append(line.text)
    return "\n".join(out)


def _path(name: str) -> Path:
    return next(p for p in SOURCES if p.name == name)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.suffix == ".txt" else extract_text(path)


@cache
def original(name: str) -> Reading:
    return read_path(_path(name))


@cache
def rewritten(name: str) -> Reading:
    return read_text(one_cell_per_line(_text(_path(name))), source=f"cells:{name}")


def cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {
        (table, row, col): value
        for table in TABLES
        for row, fields in getattr(report, table).items()
        for col, value in fields.items()
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_read_one_cell_per_line_equals_the_published_cell(name: str) -> None:
    published = cells(original(name).report)
    read = cells(rewritten(name).report)
    wrong = {
        k: (v, published.get(k)) for k, v in read.items() if v is not None and v != published.get(k)
    }
    assert wrong == {}


def test_nineteen_cells_in_twenty_are_read_one_cell_per_line() -> None:
    printed = filled = 0
    for name in NAMES:
        published = cells(original(name).report)
        read = cells(rewritten(name).report)
        printed += sum(v is not None for v in published.values())
        filled += sum(v is not None and read.get(k) == v for k, v in published.items())
    assert printed > 1500
    assert filled >= 0.95 * printed


def test_seed_002_without_its_leading_tabs_is_read_like_the_published_seed() -> None:
    text = seed("002").read_text(encoding="utf-8")
    untabbed = "\n".join(line.removeprefix("\t") for line in text.splitlines())
    assert "\t" not in untabbed
    r = read_text(untabbed)
    assert cells(r.report) == cells(read_text(text).report)
