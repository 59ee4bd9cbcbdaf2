"""Reading the PDF export back with the reader gives the same JSON."""

from __future__ import annotations

import pytest

from gongkai.report.read import read_path
from gongkai.report.render.pdf import to_pdf
from tests.core.test_render_docx import sample_report


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_pdf_export_reads_back_to_the_same_json(fmt, tmp_path):
    report = sample_report(fmt)
    path = tmp_path / "report.pdf"
    path.write_bytes(to_pdf(report))
    assert read_path(path).report.to_json() == report.to_json()


def test_prose_reads_back_unchanged_wherever_its_lines_break(tmp_path):
    base = (
        "（二）依申请公开情况。2023年，本机关共收到政府信息公开申请133件，上年结转2件。"
        "本年度办结126件，其中予以公开6件、部分公开6件、不予公开51件、无法提供17件、"
        "不予处理25件、其他处理21件。结转下年度继续办理9件。（三）行政复议情况见第四部分。"
    )
    report = sample_report()
    # Shift the text by 0..11 characters so that every kind of token meets the margin.
    report.text["overview"] = "\n".join("我局" * k + base for k in range(12))
    path = tmp_path / "prose.pdf"
    path.write_bytes(to_pdf(report))
    assert read_path(path).report.text["overview"] == report.text["overview"]
