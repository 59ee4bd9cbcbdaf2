"""extract_text: every supported format to one text convention (prose lines, tab rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.documents import extract_text, html_to_text
from gongkai.report.read_result import UnreadableDocument
from tests.conftest import FIXTURES, seed

REPORTS = FIXTURES / "reports"
SAMPLE = "平罗县卫生健康局\n2021 年政府信息公开工作年度报告\n规章\t0\t0\t0\n"


def test_it_reads_utf8_text_unchanged() -> None:
    assert extract_text(seed("000")) == seed("000").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-16-be"])
def test_it_detects_the_encoding_of_a_text_file(tmp_path: Path, encoding: str) -> None:
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert extract_text(path) == SAMPLE


def test_a_missing_file_is_unreadable_with_a_chinese_message(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="文件不存在"):
        extract_text(tmp_path / "nope.txt")


def test_an_empty_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"  \n")
    with pytest.raises(UnreadableDocument, match="文件为空"):
        extract_text(path)


def test_an_unsupported_format_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_bytes(b"x")
    with pytest.raises(UnreadableDocument, match="不支持的文件格式"):
        extract_text(path)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_corrupt_office_file_is_unreadable(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"this is not a real document\x00\x01" * 10)
    with pytest.raises(UnreadableDocument, match="损坏"):
        extract_text(path)


def test_a_pdf_table_comes_out_as_tab_separated_rows() -> None:
    lines = extract_text(REPORTS / "hongze-2023.pdf").splitlines()
    assert "\t\t2.其他法律行政止公开\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0" in lines
    assert "行政事业性收费\t7730.28" in lines
    # prose wrapped at the right margin is joined back into one paragraph
    assert any(
        line.startswith("本报告由淮安市洪泽区人民政府办公室") and "统计期限" in line
        for line in lines
    )
    assert not any(line.strip().startswith("- 1 -") for line in lines)


def test_the_docx_template_keeps_body_order_and_empty_cells() -> None:
    lines = extract_text(REPORTS / "official-template-2021.docx").splitlines()
    assert lines.index("二、主动公开政府信息情况") < lines.index("规章\t\t\t")
    assert "\t\t3.其他\t\t\t\t\t\t\t" in lines
    assert lines[-1].startswith("（文字描述")


def test_html_drops_navigation_and_keeps_table_cells_per_row() -> None:
    page = """<html><head><title>t</title><script>var x=1;</script></head><body>
    <div class="nav"><a href="/">首页</a> <a>政务公开</a></div>
    <div class="content"><h1>XX县人民政府2023年政府信息公开工作年度报告</h1>
    <p><strong>（一）主动公开情况。</strong>共公开<span>12</span>条。</p>
    <table><tr><td rowspan="2">行政许可</td><td>1&nbsp;2</td></tr>
    <tr><td>&nbsp;</td></tr><tr><td>商业<br>企业</td><td colspan="2">3</td></tr></table>
    </div><footer>版权所有</footer></body></html>"""
    assert html_to_text(page).splitlines() == [
        "XX县人民政府2023年政府信息公开工作年度报告",
        "（一）主动公开情况。共公开12条。",
        "行政许可\t1 2",
        "商业企业\t3\t",  # the merged cell keeps the grid rectangular
    ]
