"""The reader's shortcuts for rows printed whole keep every row in its own table's columns.

A table 三 row printed with all seven figures is read without the solver, and its cells
come from its shape (cached by the line's text). A row printed with five figures must not
be taken for a 表四 group; a row with a dash or a lost cell goes to the solver. Each
fixture is read as published and with one table 三 row cut short, and every row keeps the
columns of its table, with the figures the document prints.
"""

from __future__ import annotations

import pytest

from gongkai.documents import extract_text
from gongkai.report.model import APPEAL_FIELDS, REQUEST_COLUMNS
from gongkai.report.read import read_text
from tests.conftest import FIXTURES

DOCX = FIXTURES / "docx" / "hongze-2024-template.docx"  # every row printed whole
ROW = "6.属于四类过程性信息"  # printed 1 0 0 0 0 0 1
KEY = "withheld.process_information"


def _cut(text: str, label: str, keep: int) -> str:
    """The text with the row `label` keeping only its first `keep` figures."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if any(c.strip() == label for c in cells):
            figures = [j for j, c in enumerate(cells) if c.strip().isdigit()]
            lines[i] = "\t".join(c for j, c in enumerate(cells) if j not in figures[keep:])
            return "\n".join(lines)
    raise AssertionError(f"no row {label}")


def _shapes_hold(text: str) -> None:
    report = read_text(text).report
    for key, cells in report.requests.items():
        assert tuple(cells) == REQUEST_COLUMNS, key
    for key, cells in report.appeals.items():
        assert tuple(cells) == APPEAL_FIELDS, key


def test_a_report_printed_whole_reads_every_figure() -> None:
    reading = read_text(extract_text(DOCX))
    assert reading.cells_read == 200 and not reading.findings
    assert list(reading.report.requests[KEY].values()) == [1, 0, 0, 0, 0, 0, 1]


@pytest.mark.parametrize("keep", [5, 6])
def test_a_row_cut_short_keeps_its_table_columns(keep: int) -> None:
    whole = read_text(extract_text(DOCX)).report.requests
    text = _cut(extract_text(DOCX), ROW, keep)
    _shapes_hold(text)
    cut = read_text(text).report.requests
    assert "upheld" not in cut[KEY]  # five figures are not a 表四 group
    for key, cells in cut.items():  # what is filled is what was printed: never a guess
        assert all(v is None or v == whole[key][col] for col, v in cells.items()), key


def test_a_dash_goes_to_the_rules_not_the_shortcut() -> None:
    text = extract_text(DOCX)
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.split("\t")[-8:-7] == [ROW])
    cells = lines[i].split("\t")
    cells[-2] = "—"  # 其他 printed as a dash: the row's total (1) settles it
    lines[i] = "\t".join(cells)
    reading = read_text("\n".join(lines))
    assert reading.report.requests[KEY]["other_org"] == 0
    assert any(f.code == "cell.inferred" for f in reading.findings)


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".txt", ".html", ".docx", ".pdf"})
)
def test_every_fixture_keeps_its_table_columns(path) -> None:  # type: ignore[no-untyped-def]
    _shapes_hold(extract_text(path))
