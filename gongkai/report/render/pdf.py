"""The annual report as PDF in the official layout: `to_pdf(report) -> bytes`.

fpdf2 draws the same grids as the DOCX renderer (tables 二, 三, 四 with their merged
header cells, all borders drawn) and embeds subsets of two Debian CJK fonts: AR PL
UMing (宋体-like) for the text and tables, WenQuanYi Micro Hei (黑体-like) for the title
and headings. Framework-free.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from gongkai.report.model import Report
from gongkai.report.render.grid import (
    TABLES,
    Grid,
    GridCell,
    preamble,
    report_title,
    sections,
)
from gongkai.text.chinese import chinese_date


@dataclass(frozen=True)
class FontFile:
    family: str
    path: str
    face: int  # index in the .ttc collection
    package: str  # the Debian package that installs it


# TrueType outlines on purpose: fpdf2 embeds CID-keyed CFF fonts (Noto CJK) with an
# encoding CMap that pdfminer, hence pdfplumber and our own reader, cannot decode.
FONTS = (
    FontFile("serif", "/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
    FontFile("sans", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "fonts-wqy-microhei"),
)
SHADE = (198, 217, 241)  # #C6D9F1, the template's fill for the article rows of table 二
BODY_SIZE = 12
TABLE_SIZE = 8
ROW_ESTIMATE = 6.2  # mm: a table row with a wrapped label, to plan page breaks


# fontTools logs a warning for the bitmap tables it drops while subsetting; not our user's concern.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


class MissingFont(RuntimeError):
    """The CJK font files are not installed; the message tells which package to install."""


def to_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, CJK font subset embedded)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(report_title(report))
    pdf.set_lang("zh-CN")
    pdf.set_creator("gongkai")
    _fonts(pdf)
    pdf.add_page()

    pdf.set_font("sans", "", 18)
    for line in wrap_lines(report_title(report), pdf.epw, pdf.get_string_width):
        pdf.cell(0, 10, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if report.published_on:
        pdf.set_font("serif", "", BODY_SIZE)
        pdf.cell(
            0, 8, chinese_date(report.published_on), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.ln(2)
    _paragraph(pdf, preamble(report))

    for key, heading, prose in sections(report):
        grid_of = TABLES.get(key)
        if grid_of is not None and not prose:
            _keep_on_one_page(pdf, grid_of(report))
        pdf.ln(2)
        pdf.set_font("sans", "", BODY_SIZE + 1)
        pdf.cell(0, 9, INDENT + heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for text in prose:
            _paragraph(pdf, text)
        if grid_of is not None:
            pdf.ln(2)
            _table(pdf, grid_of(report))
    return bytes(pdf.output())


def _fonts(pdf: FPDF) -> None:
    for font in FONTS:
        if not Path(font.path).exists():
            raise MissingFont(
                f"缺少中文字体文件 {font.path}，请安装 Debian 软件包 {font.package}。"
            )
        pdf.add_font(font.family, "", font.path, collection_font_number=font.face)


def _keep_on_one_page(pdf: FPDF, grid: Grid) -> None:
    """Start a new page when the heading and its table would not fit on this one."""
    needed = 12 + grid.rows * ROW_ESTIMATE
    if pdf.get_y() + needed > pdf.page_break_trigger and needed < pdf.eph:
        pdf.add_page()


# Punctuation that must not open a line (禁则): it hangs at the end of the line before.
NO_LINE_START = frozenset("。，、；：？！）》」』】”’·…%")
SENTENCE_END = frozenset("。：:；！？")
HEADING_START = re.compile(r"[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、")
INDENT = "　　"  # two full-width spaces: the first-line indent of Chinese official prose


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font("serif", "", BODY_SIZE)
    for line in wrap_lines(INDENT + text, pdf.epw, pdf.get_string_width):
        pdf.cell(0, 7.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def wrap_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break `text` into lines no wider than `width`, character by character.

    Closing punctuation never starts a line: it stays on the line before, hanging past
    the margin by at most a character, as Chinese typesetting does. A number (or a Latin
    word) is never split: "133件" does not become "1" and "33件". A line that continues
    the paragraph does not end a sentence ("。") nor let the next line open like a
    heading ("（二）", "二、"): readers of the PDF, ours included, take those for a new
    paragraph, so a token moves down to the next line instead.
    """
    lines: list[list[str]] = []
    line: list[str] = []
    for token in re.findall(r"[0-9A-Za-z.,:/%-]+|.", text, re.S):
        if line and measure("".join([*line, token])) > width and token[0] not in NO_LINE_START:
            lines.append(line)
            line = []
        line.append(token)
    if line:
        lines.append(line)
    for i in range(len(lines) - 1):
        _settle(lines[i], lines[i + 1])
    return ["".join(tokens) for tokens in lines if tokens]


def _settle(line: list[str], following: list[str]) -> None:
    """Move tokens from the end of `line` to `following` until the break reads as a wrap."""
    for _ in range(4):
        ends_sentence = bool(line) and line[-1][-1] in SENTENCE_END
        opens_heading = bool(HEADING_START.match("".join(following[:6])))
        if len(line) < 3 or not (ends_sentence or opens_heading):
            return
        moved = [line.pop()]
        while line and moved[0][0] in NO_LINE_START:  # punctuation goes with its word
            moved.insert(0, line.pop())
        following[:0] = moved


def _table(pdf: FPDF, grid: Grid) -> None:
    pdf.set_font("serif", "", TABLE_SIZE)
    rows: list[list[GridCell]] = [[] for _ in range(grid.rows)]
    for spec in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        rows[spec.row].append(spec)
    with pdf.table(
        col_widths=grid.widths,
        width=pdf.epw,
        first_row_as_headings=False,
        line_height=4.6,
        text_align="CENTER",
        wrapmode=WrapMode.CHAR,
        cell_fill_mode=TableCellFillMode.NONE,
        padding=1,
        v_align="MIDDLE",
    ) as table:
        for specs in rows:
            row = table.row()
            for spec in specs:
                style = FontFace(fill_color=SHADE) if spec.shaded else None
                row.cell(
                    spec.text,
                    colspan=spec.colspan,
                    rowspan=spec.rowspan,
                    align="LEFT" if spec.align == "left" else "CENTER",
                    style=style,
                )
    pdf.ln(3)
