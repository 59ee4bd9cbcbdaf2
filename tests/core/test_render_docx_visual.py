"""The DOCX export as a third-party word processor lays it out: LibreOffice turns it into a PDF.

Reading that PDF back gives the report's JSON again, so the tables come out in the national
layout (merged headers, one figure per column, no row broken across pages) and not only in
python-docx's view of the XML. The pages go to `test-artifacts/render_docx_visual/` as PNG
next to the fpdf2 export's pages, for a person to look at; the test counts their table borders.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image  # Pillow comes with fpdf2

from gongkai.report.model import Report
from gongkai.report.read import read_path
from gongkai.report.render.docx import to_docx
from gongkai.report.render.grid import Grid, appeals_grid, proactive_grid, requests_grid
from gongkai.report.render.pdf import to_pdf

FIXTURES = Path(__file__).parents[1] / "fixtures"
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "render_docx_visual"
SOURCES = {
    "hongze-2024": FIXTURES / "reports" / "hongze-2024.pdf",  # 2021 format, figures everywhere
    "seed-003": FIXTURES / "seeds" / "003_f0c383047b190ae5.txt",  # 2019 format
}
TEXT_WIDTH_PX = 15.9 / 2.54 * 60  # the DOCX's text width at 60 dpi


# Word and WPS users have 宋体, 仿宋 and 黑体; this machine has none of them, and its fontconfig
# gives LibreOffice a sans-serif face for all three. "windows" points them at the nearest
# faces installed (CI installs the same), so the PNGs look like the document in Word;
# "fallback" keeps the machine's own choice: wider glyphs, the layout must hold there too.
FONT_ALIASES = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
"""
FONTS = ["windows", "fallback"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Report, dict[str, Path], Path]]:
    """Per fixture: the report, LibreOffice's PDFs of our DOCX (per font setup), our fpdf2 PDF."""
    work = tmp_path_factory.mktemp("docx_visual")
    (work / "fonts.conf").write_text(FONT_ALIASES, encoding="utf-8")
    out: dict[str, tuple[Report, dict[str, Path], Path]] = {}
    for name, source in SOURCES.items():
        report = read_path(source).report
        (work / f"{name}.docx").write_bytes(to_docx(report))
        (work / f"{name}-fpdf2.pdf").write_bytes(to_pdf(report))
        lo_pdfs = {fonts: work / fonts / f"{name}.pdf" for fonts in FONTS}
        out[name] = (report, lo_pdfs, work / f"{name}-fpdf2.pdf")
    for fonts in FONTS:
        env = dict(os.environ)
        if fonts == "windows":
            env["FONTCONFIG_FILE"] = str(work / "fonts.conf")
        # A fresh profile per run: two soffice processes sharing one profile block each other.
        profile = (work / f"profile-{fonts}").as_uri()
        docx_files = [str(work / f"{name}.docx") for name in SOURCES]
        options = ["--headless", "--convert-to", "pdf", "--outdir", str(work / fonts)]
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", *options, *docx_files],
            check=True,
            capture_output=True,
            env=env,
            timeout=300,  # a new profile takes a few seconds to set up; a busy CI machine more
        )
    return out


def _without_spaces(text: dict[str, str]) -> dict[str, str]:
    # LibreOffice, like Word, widens the gap between Chinese and digits (2024 年); the
    # reader sees a space there. The words themselves must come back unchanged.
    return {key: re.sub(r"\s+", "", value) for key, value in text.items()}


@pytest.mark.parametrize("name", SOURCES)
@pytest.mark.parametrize("fonts", FONTS)
def test_libreoffice_lays_the_docx_tables_out_as_the_national_format(rendered, name, fonts):
    report, lo_pdfs, _ = rendered[name]
    reading = read_path(lo_pdfs[fonts])
    assert [f.code for f in reading.findings] == []  # no cell inferred, no label garbled
    got, want = reading.report.to_json(), report.to_json()
    for key in ("agency", "year", "format", "proactive", "requests", "appeals"):
        assert got[key] == want[key], key
    assert _without_spaces(got["text"]) == _without_spaces(want["text"])


@pytest.mark.parametrize("name", SOURCES)
@pytest.mark.parametrize("kind", ["docx-libreoffice-windows", "docx-libreoffice-fallback", "fpdf2"])
def test_the_pages_draw_every_row_border_of_the_three_tables(rendered, name, kind):
    report, lo_pdfs, fpdf_pdf = rendered[name]
    target = ARTIFACTS / f"{name}-{kind}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    pdf = fpdf_pdf if kind == "fpdf2" else lo_pdfs[kind.rsplit("-", 1)[1]]
    subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", "-png", str(pdf), str(target / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(target.glob("page-*.png"))
    assert len(pages) >= 3
    drawn = sum(_long_lines(Image.open(page).convert("L")) for page in pages)
    # Every border between two rows that runs across most of a table (not cut by a merged
    # cell), top and bottom included, is one long line; a table continued on the next page
    # adds its closing and opening lines. A line of text never is one: its characters stand
    # apart. A missing border, a lost or doubled row, a row split across pages: all fail.
    wanted = sum(_long_borders(grid) for grid in _grids(report))
    assert wanted <= drawn <= wanted + 2 * (len(pages) - 1), (wanted, drawn)


LONG = 0.8  # a "long" line: at least this share of the text width (the tables fill it)


def _grids(report: Report) -> list[Grid]:
    return [proactive_grid(report), requests_grid(report), appeals_grid(report)]


def _long_borders(grid: Grid) -> int:
    """The horizontal borders of `grid` not cut by a merged cell over LONG of its width."""
    count = 0
    for boundary in range(grid.rows + 1):
        cut: set[int] = set()
        for cell in grid.cells:
            if cell.row < boundary < cell.row + cell.rowspan:
                cut.update(range(cell.col, cell.col + cell.colspan))
        drawn = sum(w for col, w in enumerate(grid.widths) if col not in cut)
        count += drawn >= LONG * sum(grid.widths)
    return count


def _long_lines(image: Image.Image) -> int:
    """Horizontal dark lines longer than LONG of the text width (a thick line counts once)."""
    width, height = image.size
    dark = [value < 128 for value in image.get_flattened_data()]
    lines, previous = 0, False
    for y in range(height):
        long = _longest_run(dark[y * width : (y + 1) * width]) > LONG * TEXT_WIDTH_PX
        lines += long and not previous
        previous = long
    return lines


def _longest_run(row: list[bool]) -> int:
    best = run = 0
    for is_dark in row:
        run = run + 1 if is_dark else 0
        best = max(best, run)
    return best
