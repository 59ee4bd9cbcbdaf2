"""The PDF export: an embedded CJK subset, the six sections, bordered tables, pages that render."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pdfplumber
from PIL import Image

from gongkai.report.model import SECTION_TITLES
from gongkai.report.render.pdf import to_pdf
from tests.core.test_render_docx import sample_report


def _pdf_bytes(fmt="2021") -> bytes:
    return to_pdf(sample_report(fmt))


def test_it_embeds_a_subset_of_the_cjk_font():
    data = _pdf_bytes()
    assert data.startswith(b"%PDF-")
    names = set(re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z-]+)", data))
    assert names == {b"ARPLUMingCNLight", b"WenQuanYiMicroHei"}
    assert b"/FontFile2" in data  # the TrueType outlines are embedded, not referenced
    assert len(data) < 400_000  # a subset, not the 20 MB collection


def test_its_text_reads_back_with_the_title_and_the_six_headings():
    with pdfplumber.open(BytesIO(_pdf_bytes())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert text.splitlines()[0] == "平罗县卫生健康局2023年政府信息公开工作年度报告"
    flat = re.sub(r"\s+", "", text)
    assert "本报告统计数据从2023年1月1日至12月31日。" in flat
    positions = [flat.index(title) for title in SECTION_TITLES.values()]
    assert positions == sorted(positions)
    assert "一是公开内容不够全面。二是政策解读形式较为单一。" in flat


def test_its_tables_have_borders_and_the_figures_in_their_columns():
    with pdfplumber.open(BytesIO(_pdf_bytes())) as pdf:
        tables = [t for page in pdf.pages for t in page.extract_tables()]
    rows = [[re.sub(r"\s+", "", c or "") for c in row] for t in tables for row in t]
    granted = next(r for r in rows if any(c.startswith("（一）予以公开") for c in r))
    assert [c for c in granted if c.isdigit()] == ["4", "5", "6", "0", "1", "2", "18"]
    carry_forward = next(r for r in rows if "四、结转下年度继续办理" in r)
    assert [c for c in carry_forward if c.isdigit()] == ["2"] * 6 + ["12"]
    appeals = next(r for r in rows if r[:5] == ["137", "138", "0", "1", "276"])
    assert appeals[5:] == ["139", "140", "0", "1", "280", "141", "142", "0", "1", "284"]


def test_its_pages_render_to_png(tmp_path: Path):
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(_pdf_bytes())
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf_path), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for page in pages:
        image = Image.open(page).convert("L")
        dark = sum(1 for value in image.get_flattened_data() if value < 128)
        assert dark > 1000  # text and table lines were drawn, not a blank page


def test_the_2019_format_renders_its_own_rows():
    with pdfplumber.open(BytesIO(_pdf_bytes("2019"))) as pdf:
        flat = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))
    assert "第二十条第（九）项" in flat
    assert "（六）其他处理" in flat
    assert "逾期不补正" not in flat


def test_closing_punctuation_never_starts_a_line():
    from gongkai.report.render.pdf import NO_LINE_START, wrap_lines

    text = "截至本年末共公开一二三四，截至本年末共公开一二三四，收录信息五条。"
    lines = wrap_lines(text, 13, lambda s: len(s))  # 13 characters a line
    assert "".join(lines) == text
    assert lines[0] == "截至本年末共公开一二三四，"  # the ， hangs on the first line
    assert all(line[0] not in NO_LINE_START for line in lines)
    assert all(len(line) <= 14 for line in lines)


def test_a_wrapped_line_neither_ends_a_sentence_nor_lets_the_next_open_like_a_heading():
    from gongkai.report.render.pdf import wrap_lines

    text = "本年度共公开一二三四五六。本年度收到申请七件，（二）项下八件。"
    lines = wrap_lines(text, 13, lambda s: len(s))
    assert "".join(lines) == text
    assert lines[0] == "本年度共公开一二三四五"  # "六。" moved down: no sentence end
    assert not any(line.startswith("（二）") for line in lines[1:])


def test_a_number_is_never_split_across_lines():
    from gongkai.report.render.pdf import wrap_lines

    text = "本级政府共收到政府信息公开申请133件，上年结转0件。"
    lines = wrap_lines(text, 16, lambda s: len(s))
    assert lines == ["本级政府共收到政府信息公开申请", "133件，上年结转0件。"]


def test_the_pdf_prose_keeps_every_character():
    report = sample_report()
    long = "2023年，我局共主动公开政府信息120条，其中门户网站发布80条。" * 8
    report.text["overview"] = long
    with pdfplumber.open(BytesIO(to_pdf(report))) as pdf:
        flat = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))
    assert long in flat


def test_a_long_title_wraps_and_reads_back_whole():
    report = sample_report()
    report.text["title"] = "宁夏回族自治区石嘴山市平罗县卫生健康局2023年政府信息公开工作年度报告"
    with pdfplumber.open(BytesIO(to_pdf(report))) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert "".join(lines[:2]) == report.text["title"]
