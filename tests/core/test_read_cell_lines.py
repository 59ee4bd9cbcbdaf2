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
from bs4 import BeautifulSoup

from gongkai.documents import extract_text
from gongkai.report.read import read_path, read_text
from gongkai.report.read.lines import split_lines
from gongkai.report.read_result import Reading
from tests.conftest import FIXTURES, seed
from tests.conftest import report_cells as cells

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


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_read_one_cell_per_line_equals_the_published_cell(name: str) -> None:
    published = cells(original(name).report)
    read = cells(rewritten(name).report)
    wrong = {
        k: (v, published.get(k)) for k, v in read.items() if v is not None and v != published.get(k)
    }
    assert wrong == {}


def test_nearly_every_cell_is_read_one_cell_per_line() -> None:
    printed = filled = 0
    for name in NAMES:
        published = cells(original(name).report)
        read = cells(rewritten(name).report)
        printed += sum(v is not None for v in published.values())
        filled += sum(v is not None and read.get(k) == v for k, v in published.items())
    assert printed > 1500
    assert filled >= 0.99 * printed  # 2,181 of 2,181 when written


def test_seed_002_without_its_leading_tabs_is_read_like_the_published_seed() -> None:
    text = seed("002").read_text(encoding="utf-8")
    untabbed = "\n".join(line.removeprefix("\t") for line in text.splitlines())
    assert "\t" not in untabbed
    r = read_text(untabbed)
    assert cells(r.report) == cells(read_text(text).report)


@pytest.mark.parametrize("name", NAMES)
def test_the_prose_and_sections_read_one_cell_per_line_are_the_published_ones(name: str) -> None:
    published, read = original(name), rewritten(name)
    assert read.sections_found == published.sections_found
    assert read.report.year == published.report.year
    if any(v is not None for v in cells(published.report).values()):
        # (a blank template prints no figure: its labels one per line stay prose)
        assert read.report.text == published.report.text


def visible_text(path: Path, blank_lines: bool) -> str:
    """What a crawler keeps of a portal page: BeautifulSoup's get_text("\\n")."""
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    for tag in soup(["script", "style"]):
        tag.decompose()
    text = soup.get_text("\n")
    return text if blank_lines else "\n".join(ln for ln in text.splitlines() if ln.strip())


@pytest.mark.parametrize("blank_lines", [True, False])
@pytest.mark.parametrize("name", [p.name for p in SOURCES if p.suffix == ".html"])
def test_a_portal_page_as_a_crawler_keeps_it_is_read_whole(name: str, blank_lines: bool) -> None:
    published = cells(original(name).report)
    read = cells(read_text(visible_text(_path(name), blank_lines)).report)
    assert read == published


def test_a_label_that_wraps_stays_two_cells_of_its_row_and_headers_form_their_own_rows() -> None:
    text = seed("002").read_text(encoding="utf-8")
    rows = [
        line.cells
        for line in split_lines("\n".join(ln.removeprefix("\t") for ln in text.splitlines()))
        if line.table
    ]
    assert ["（四）无法提供", "1.本机关不掌握相关政府信息", *["0"] * 7] in rows
    assert ["规章", "0", "0", "0"] in rows
    assert ["0"] * 15 in rows  # table 四's figures, under its header rows
    header = next(r for r in rows if "自然人" in r)
    assert "0" not in header and "一、本年新收政府信息公开申请数量" not in header


def test_a_row_printing_fewer_figures_than_columns_is_not_guessed() -> None:
    # Row 一 of table 三 loses one of its seven figures: nothing is filled that the
    # rules do not force, and nothing filled differs from the published table.
    name = "pingluo-2021.html"
    lines = one_cell_per_line(_text(_path(name))).splitlines()
    at = lines.index("一、本年新收政府信息公开申请数量")
    del lines[at + 3]
    r = read_text("\n".join(lines))
    published = cells(original(name).report)
    read = cells(r.report)
    assert all(v is None or v == published[k] for k, v in read.items())
    assert any(f.code in ("cell.inferred", "cell.missing") for f in r.findings)


def test_short_prose_lines_with_a_few_figures_are_not_a_table() -> None:
    prose = [
        "五、存在的主要问题及改进情况",
        "联系方式",
        "电话",
        "0551",
        "邮编",
        "230000",
        "网站栏目",
        "12",
        "个",
        "2023年，我局共开展政务公开培训3次，覆盖干部职工120人。",
        "5",
        "6",
    ]
    assert not any(line.table for line in split_lines("\n".join(prose)))


def test_a_block_of_figures_stops_at_a_sentence_and_at_a_section_heading() -> None:
    text = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            *["0"] * 15,
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )
    lines = split_lines(text)
    assert [ln.cells for ln in lines if ln.table] == [["0"] * 15]
    assert [ln.text for ln in lines if not ln.table] == [
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "无。",
    ]
