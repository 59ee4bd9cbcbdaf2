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
