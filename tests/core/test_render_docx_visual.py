"""The DOCX export as a third-party word processor lays it out: LibreOffice turns it into a PDF.

Reading that PDF back gives the report's JSON again, so the tables come out in the national
layout (merged headers, one figure per column, no row broken across pages) and not only in
python-docx's view of the XML. The pages go to `test-artifacts/render_docx_visual/` as PNG
next to the fpdf2 export's pages, for a person to look at; the test checks they are not blank.
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
def test_the_pages_render_to_png_with_text_and_table_borders(rendered, name, kind):
    _, lo_pdfs, fpdf_pdf = rendered[name]
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
    ruled = 0
    for page in pages:
        image = Image.open(page).convert("L")
        width, height = image.size
        dark = [value < 128 for value in image.get_flattened_data()]
        assert sum(dark) > 1000, page.name  # text was drawn, not a blank page
        rows = (dark[y * width : (y + 1) * width] for y in range(height))
        # A table border is one unbroken dark run across most of the text width; a line
        # of text never is (its characters stand apart).
        ruled += any(_longest_run(row) > 0.8 * TEXT_WIDTH_PX for row in rows)
    assert ruled >= 2  # tables 二, 三 and 四 drew their borders on at least two pages


def _longest_run(row: list[bool]) -> int:
    best = run = 0
    for is_dark in row:
        run = run + 1 if is_dark else 0
        best = max(best, run)
    return best
