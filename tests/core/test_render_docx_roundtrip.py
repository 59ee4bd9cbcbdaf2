"""Reading the DOCX export back with the reader gives the same JSON."""

from __future__ import annotations

import pytest

from gongkai.report.read import read_path
from gongkai.report.render.docx import to_docx
from tests.core.test_render_docx import sample_report


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_docx_export_reads_back_to_the_same_json(fmt, tmp_path):
    report = sample_report(fmt)
    path = tmp_path / "report.docx"
    path.write_bytes(to_docx(report))
    assert read_path(path).report.to_json() == report.to_json()


def test_a_report_of_zeros_reads_back_as_zeros_not_as_missing(tmp_path):
    report = sample_report()
    for table in (report.requests, report.appeals):
        for cells in table.values():
            for key in cells:
                cells[key] = 0
    path = tmp_path / "zeros.docx"
    path.write_bytes(to_docx(report))
    reading = read_path(path)
    assert reading.report.requests == report.requests
    assert reading.report.appeals == report.appeals
