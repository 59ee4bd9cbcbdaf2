"""Misses found on real reports: misprinted headings, texts that are no report, scanned pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF

from gongkai.cli import main
from gongkai.report.audit import audit
from gongkai.report.read import read_path, read_text
from tests.conftest import FIXTURES, seed

MISPRINT = "四、政府信息公开行政法复议、行政诉讼情况"


def test_a_misprinted_section_heading_is_a_nonstandard_label() -> None:
    text = seed("000").read_text(encoding="utf-8")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", MISPRINT)
    r = read_text(text)
    (finding,) = [f for f in r.findings if f.where.startswith("text.")]
    assert (finding.code, finding.severity, finding.where) == (
        "label.nonstandard",
        "warning",
        "text.appeals",
    )
    assert finding.text == MISPRINT
    assert finding.suggestion == "四、政府信息公开行政复议、行政诉讼情况"
    assert "appeals" in r.sections_found  # still read as section 四


def test_official_headings_of_every_fixture_are_not_flagged() -> None:
    for path in [*(FIXTURES / "seeds").glob("*.txt"), *(FIXTURES / "html").glob("*.html")]:
        r = read_path(path)
        assert [f for f in r.findings if f.where.startswith("text.")] == [], path.name


def test_a_text_that_is_no_annual_report_gets_one_clear_finding(tmp_path: Path) -> None:
    path = tmp_path / "hello.txt"
    path.write_text("hello\n", encoding="utf-8")
    (finding,) = audit(read_path(path))
    assert finding.code == "document.not_report"
    assert finding.severity == "error"
    assert finding.message.startswith("不是政府信息公开工作年度报告")


def test_the_cli_says_so_in_its_json_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hello.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert main(["audit", "--json", str(path)]) == 1
    line = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in line["findings"]] == ["document.not_report"]


def test_the_blank_official_template_is_still_a_report() -> None:
    r = read_path(FIXTURES / "reports" / "official-template-2021.docx")
    assert "document.not_report" not in {f.code for f in r.findings}


def _with_scanned_page(path: Path, out: Path, page: int) -> None:
    """hongze-2024.pdf with one page replaced by a picture of it (no text layer)."""
    src = pdfium.PdfDocument(str(path))
    image = src[page].render(scale=1).to_pil()
    width, height = src[page].get_width(), src[page].get_height()
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.add_page()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf.image(buffer, x=0, y=0, w=width)
    scan = pdfium.PdfDocument(bytes(pdf.output()))
    merged = pdfium.PdfDocument.new()
    merged.import_pages(src, list(range(page)))
    merged.import_pages(scan, [0])
    merged.import_pages(src, list(range(page + 1, len(src))))
    merged.save(str(out))


def test_a_pdf_page_without_text_layer_is_said_plainly(tmp_path: Path) -> None:
    out = tmp_path / "scanned.pdf"
    _with_scanned_page(FIXTURES / "reports" / "hongze-2024.pdf", out, 1)
    r = read_path(out)
    (finding,) = [f for f in r.findings if f.code == "document.scanned_page"]
    assert finding.severity == "error"
    assert "第 2 页没有文字层" in finding.message
    # The other pages are read as before; what the scanned page held is missing, not 0.
    assert r.report.agency == "淮安市洪泽区人民政府"
    assert any(f.code == "cell.missing" for f in r.findings)


def test_a_pdf_with_text_on_every_page_has_no_such_finding() -> None:
    r = read_path(FIXTURES / "reports" / "hongze-2024.pdf")
    assert "document.scanned_page" not in {f.code for f in r.findings}


def test_a_docx_of_a_million_paragraphs_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    import zipfile

    import pytest

    from gongkai.report.read_result import UnreadableDocument

    template = FIXTURES / "reports" / "official-template-2021.docx"
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, _ = data.partition(b"<w:body>")
                data = head + b"<w:body>" + b"<w:p/>" * 1_000_000 + b"</w:body></w:document>"
            out.writestr(info, data)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(UnreadableDocument, match="段落超过 50000 个"):
        read_path(bomb)
