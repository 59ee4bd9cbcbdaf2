"""A letter as PDF, in pure Python: the filled DOCX's paragraphs laid out with fpdf2.

The DOCX (the agency's own template or the default) stays the letter of record; the PDF
is the same text, paragraph by paragraph, with the DOCX's alignment (centred title,
right-aligned number, signature and date) and a first-line indent for body paragraphs.
Fonts are the Debian CJK fonts the annual report's PDF embeds. Framework-free.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from gongkai.report.render.pdf import FONTS, INDENT, MissingFont, wrap_lines

__all__ = ["MissingFont", "docx_to_pdf", "form_pdf"]

BODY_SIZE = 14
TITLE_SIZE = 18
LINE = 8.5


def docx_to_pdf(data: bytes, title: str = "") -> bytes:
    """The text of a letter's DOCX as an A4 PDF (raises `MissingFont`, Chinese message)."""
    document = docx.Document(io.BytesIO(data))
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(28, 30, 26)
    pdf.set_auto_page_break(True, margin=28)
    pdf.set_lang("zh-CN")
    pdf.set_creator("gongkai")
    if title or document.core_properties.title:
        pdf.set_title(title or document.core_properties.title)
    _add_fonts(pdf)
    pdf.add_page()
    titles = 0
    for paragraph in _blocks(document):
        if isinstance(paragraph, str):  # a table row of an agency's own template
            pdf.set_font("serif", "", BODY_SIZE)
            for line in wrap_lines(paragraph, pdf.epw, pdf.get_string_width):
                pdf.cell(0, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        text = paragraph.text.strip()
        align = paragraph.alignment
        if not text:
            pdf.ln(LINE)
            continue
        if align == WD_ALIGN_PARAGRAPH.CENTER and titles < 2:  # agency name and title
            titles += 1
            pdf.set_font("sans", "", TITLE_SIZE)
            for line in wrap_lines(text, pdf.epw, pdf.get_string_width):
                pdf.cell(0, 11, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        pdf.set_font("serif", "", BODY_SIZE)
        if align in (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER):
            where = "R" if align == WD_ALIGN_PARAGRAPH.RIGHT else "C"
            for line in wrap_lines(text, pdf.epw, pdf.get_string_width):
                pdf.cell(0, LINE, line, align=where, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        indent = paragraph.paragraph_format.first_line_indent
        lead = INDENT if indent and indent > 0 else ""
        for line in wrap_lines(lead + text, pdf.epw, pdf.get_string_width):
            pdf.cell(0, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _blocks(document) -> Iterator[Paragraph | str]:
    """The body in order: paragraphs, and each table row as one line of its cells' text
    (agencies' templates often lay the heading out in a table)."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    yield "　".join(cells)


def form_pdf(
    title: str, rows: list[tuple[str, str]], paragraphs: list[str], footer: list[str]
) -> bytes:
    """A one-page form (受理回执): a title, labelled rows, paragraphs, right-aligned footer."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(28, 30, 26)
    pdf.set_auto_page_break(True, margin=28)
    pdf.set_lang("zh-CN")
    pdf.set_creator("gongkai")
    pdf.set_title(title)
    _add_fonts(pdf)
    pdf.add_page()
    pdf.set_font("sans", "", TITLE_SIZE)
    for line in wrap_lines(title, pdf.epw, pdf.get_string_width):
        pdf.cell(0, 11, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("serif", "", BODY_SIZE - 1)
    label_width = 36
    for label, value in rows:
        lines = wrap_lines(value or "—", pdf.epw - label_width, pdf.get_string_width) or ["—"]
        pdf.cell(label_width, LINE, label + "：")
        for i, line in enumerate(lines):
            if i:
                pdf.cell(label_width, LINE, "")
            pdf.cell(0, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    for text in paragraphs:
        for line in wrap_lines(INDENT + text, pdf.epw, pdf.get_string_width):
            pdf.cell(0, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(LINE)
    for text in footer:
        pdf.cell(0, LINE, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _add_fonts(pdf: FPDF) -> None:
    for font in FONTS:
        try:
            pdf.add_font(font.family, "", font.path, collection_font_number=font.face)
        except FileNotFoundError:
            raise MissingFont(
                f"缺少中文字体文件 {font.path}，请安装 Debian 软件包 {font.package}。"
            ) from None
