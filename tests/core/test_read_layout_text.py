"""PDF text laid out by `pdftotext -layout` (the real reports' own text, saved in
tests/fixtures/layout): a row label that wraps onto two lines above its figures
("（二）部分公开（区分处理的，只计这一情 形，不" / "计其他情形）" / "4 0 0 0 0 0 4") is that
row's label, so every cell reads as the PDF itself reads."""

from __future__ import annotations

import pytest

from gongkai.report.read import read_path, read_text
from tests.conftest import FIXTURES
from tests.conftest import report_cells as cells

NAMES = ["hongze-2023", "hongze-2024"]


@pytest.mark.parametrize("name", NAMES)
def test_laid_out_text_reads_every_cell_the_pdf_reads(name: str) -> None:
    pdf = cells(read_path(FIXTURES / "reports" / f"{name}.pdf").report)
    text = (FIXTURES / "layout" / f"{name}.layout.txt").read_text(encoding="utf-8")
    laid_out = cells(read_text(text).report)
    assert laid_out == pdf
    assert sum(v is not None for v in laid_out.values()) == 200


def test_the_wrapped_labels_find_their_rows() -> None:
    text = (FIXTURES / "layout" / "hongze-2023.layout.txt").read_text(encoding="utf-8")
    reading = read_text(text)
    assert reading.report.requests["partially_granted"]["natural_person"] == 4
    assert reading.report.requests["not_handled.confirmation"]["total"] == 0
    # The label's two lines are the table's, not the section's prose.
    assert "计其他情形）" not in reading.report.text.get("requests", "")
