"""The annual report as a Word document in the official layout: `to_docx(report) -> bytes`.

Title, the statutory opening, the six section headings with their prose, and tables
二, 三 and 四 with the merged header cells of the national template. Every run names
its East Asian font (`w:eastAsia`) so that Word and WPS show 仿宋/宋体/黑体 rather
than a Latin fallback. Framework-free.
"""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from gongkai.docx_fonts import set_fonts
from gongkai.report.model import Report
from gongkai.report.render.grid import (
    TABLES,
    Grid,
    preamble,
    report_title,
    sections,
)
from gongkai.text.chinese import chinese_date

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
TABLE_FONT = "宋体"
BODY_SIZE = Pt(14)  # 四号
TITLE_SIZE = Pt(20)
TABLE_SIZE = Pt(10)
SHADE = "C6D9F1"  # the template's fill for the article rows of table 二
TEXT_WIDTH_CM = 15.9  # A4 minus two 2.54 cm side margins
CELL_MARGIN_TWIPS = 57  # 1 mm: the template's side margin in table 三; above and below too


def to_docx(report: Report) -> bytes:
    """The report as DOCX bytes."""
    doc = Document()
    _setup(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, report_title(report), TITLE_FONT, TITLE_SIZE, bold=True)
    if report.published_on:
        dated = doc.add_paragraph()
        dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(dated, chinese_date(report.published_on), BODY_FONT, BODY_SIZE)
    _body(doc, preamble(report))

    for key, heading, prose in sections(report):
        head = doc.add_paragraph()
        head.paragraph_format.first_line_indent = Pt(28)
        head.paragraph_format.keep_with_next = True
        _run(head, heading, HEADING_FONT, BODY_SIZE)
        for text in prose:
            _body(doc, text)
        grid_of = TABLES.get(key)
        if grid_of is not None:
            _table(doc, grid_of(report))
            doc.add_paragraph()
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.54)
    section.top_margin = section.bottom_margin = Cm(2.54)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    doc.core_properties.language = "zh-CN"


def _run(paragraph: Paragraph, text: str, font: str, size: Pt, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(run._r.get_or_add_rPr(), font)


def _body(doc: DocxDocument, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters
    paragraph.paragraph_format.line_spacing = 1.3
    _run(paragraph, text, BODY_FONT, BODY_SIZE)


def _table(doc: DocxDocument, grid: Grid) -> Table:
    table = doc.add_table(rows=grid.rows, cols=grid.cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _twips(grid.widths)
    _layout(table, widths)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks
        for width, cell in zip(widths, row.cells, strict=True):
            cell.width = Twips(width)
    for spec in grid.cells:
        cell = table.cell(spec.row, spec.col)
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(table.cell(spec.row + spec.rowspan - 1, spec.col + spec.colspan - 1))
        _fill(cell, spec.text, spec.align, spec.shaded)
    return table


def _twips(relative: tuple[float, ...]) -> list[int]:
    """Column widths in twips that add up to the text width exactly."""
    total = round(TEXT_WIDTH_CM / 2.54 * 1440)
    edges = [round(total * sum(relative[:i]) / sum(relative)) for i in range(len(relative) + 1)]
    return [b - a for a, b in pairwise(edges)]


def _layout(table: Table, widths: list[int]) -> None:
    """The widths where every word processor looks for them.

    Word reads the cells' `w:tcW`, but LibreOffice (and WPS) lay a fixed table out from
    `w:tblGrid`: left at python-docx's equal split, the label columns of table 三 came
    out as narrow as the figures and their text wrapped one or two characters a line.
    Narrow side margins (as in the template) let 社会公益组织 fit a 1.2 cm column; the
    same 1 mm above and below keeps each line of text clear of the rules, else a reader of
    the PDF finds a cell's first line above the table's top border, outside the table.
    """
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Twips(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):  # the schema's order
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # The schema orders tblPr's children; tblCellMar comes after tblLayout, before tblLook.
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _fill(cell: _Cell, text: str, align: str, shaded: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merging leaves the covered cells' empty paragraphs
        extra._p.getparent().remove(extra._p)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if align == "left" else WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if text:
        _run(paragraph, text, TABLE_FONT, TABLE_SIZE)
    if shaded:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), SHADE)
        cell._tc.get_or_add_tcPr().append(shd)
