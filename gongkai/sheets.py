"""Spreadsheets as data: a bounded XLSX reader for every import, and cells made safe for
every export.

Reading. An XLSX file is a zip of XML files, and every size in it is declared by the
sender: a 1.7 KB file may declare the range A1:XFD1048576, 147 KB may unpack to 5 million
cells, 205 KB to one 200 MB string. `read_xlsx` refuses such a file before it reads the
cells — from the zip directory (file size, member count, every member's unpacked size) and
the sheet's declared range — and then streams the first sheet's XML with a counter on
rows, columns and the length of every cell, stopping at the first one over a limit. The
zip's declared sizes bound what is read: Python's zipfile never inflates a member past its
declared size (and fails on the CRC if the data goes on). Nothing is built for cells
the limits refuse, and the refusal is a `SheetError` whose message (Chinese) says what is
too large and what the limit is.

Writing. A cell that begins with = + - @ (or a tab or carriage return) is a formula to
Excel, WPS and LibreOffice when opened from a CSV, and openpyxl writes any string that
begins with = as a formula. `csv_cell` prefixes such text with an apostrophe (OWASP's
advice for CSV); `xlsx_cell` keeps the text as it is and marks it as a string, so the
register shows the applicant's name exactly as typed and never runs it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, iterparse

from gongkai.zipguard import ArchiveError, ArchiveLimits, open_archive

Cell = str | date | int | float | None

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class SheetError(ValueError):
    """The file is refused as a whole; the message is Chinese, for the user."""


@dataclass(frozen=True)
class SheetLimits:
    max_file_bytes: int = 10 * 1024 * 1024
    max_members: int = 200
    max_member_bytes: int = 64 * 1024 * 1024  # unpacked, any one XML part
    max_total_bytes: int = 128 * 1024 * 1024  # unpacked, all parts together
    max_rows: int = 20_010  # an import's rows, its header and a few title lines
    max_columns: int = 50
    max_cell_chars: int = 5_000
    max_cells: int = 250_000  # 20,000 rows of 12 cells (the imports have at most 9 columns)

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")


# ------------------------------------------------------------------ reading
def read_xlsx(data: bytes, limits: SheetLimits | None = None) -> list[tuple[int, list[Cell]]]:
    """(row number, cells) of the first sheet, every row that has a cell; refused with a
    `SheetError` when anything is over `limits`."""
    limits = limits or SheetLimits()
    archive = ArchiveLimits(
        max_file_bytes=limits.max_file_bytes,
        max_members=limits.max_members,
        max_member_bytes=limits.max_member_bytes,
        max_total_bytes=limits.max_total_bytes,
    )
    try:
        book = open_archive(data, archive, "XLSX 文件")
    except ArchiveError as exc:
        raise SheetError(str(exc)) from exc
    with book:
        try:
            return _read_first_sheet(book, limits)
        except SheetError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
            # SyntaxError: ElementTree's ParseError (broken XML)
            raise SheetError(
                "无法读取该 XLSX 文件（文件已损坏或不是 Excel 2007 及以上格式）"
            ) from exc


def _read_first_sheet(book: zipfile.ZipFile, limits: SheetLimits) -> list[tuple[int, list[Cell]]]:
    sheet_path, date1904 = _first_sheet(book)
    _check_dimension(book, sheet_path, limits)
    strings = _shared_strings(book, limits)
    date_styles = _date_styles(book)
    rows: list[tuple[int, list[Cell]]] = []
    for number, cells in _rows(book, sheet_path, strings, date_styles, date1904, limits):
        if len(rows) >= limits.max_rows:
            raise SheetError(f"表格超过 {limits.max_rows} 行，请分批导入")
        rows.append((number, cells))
    return rows


def _first_sheet(book: zipfile.ZipFile) -> tuple[str, bool]:
    workbook = _parse(book, "xl/workbook.xml")
    sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if sheet is None:
        raise SheetError("XLSX 文件中没有工作表")
    rid = sheet.get(f"{REL}id")
    rels = _parse(book, "xl/_rels/workbook.xml.rels")
    target = next(
        (r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship") if r.get("Id") == rid),
        "",
    )
    if not target:
        raise SheetError("XLSX 文件中找不到第一个工作表")
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    props = workbook.find(f"{MAIN}workbookPr")
    date1904 = props is not None and props.get("date1904", "0") in ("1", "true")
    return path, date1904


def _parse(book: zipfile.ZipFile, name: str) -> Element:
    with book.open(name) as part:
        for _, element in iterparse(part, events=("end",)):
            root = element
        return root


_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _split_ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref)
    return (_column_number(m[1]), int(m[2])) if m else None


def _check_dimension(book: zipfile.ZipFile, path: str, limits: SheetLimits) -> None:
    """The range the sheet declares (`<dimension ref="A1:XFD1048576"/>`), read from the
    first bytes of the sheet: a file that says it is too large is refused unread."""
    with book.open(path) as part:
        head = part.read(4096).decode("utf-8", "replace")
    m = re.search(r"<(?:\w+:)?dimension\s+ref=\"([A-Z0-9:]+)\"", head)
    if not m:
        return
    last = _split_ref(m[1].split(":")[-1])
    if last is None:
        return
    columns, rows = last
    if rows > limits.max_rows or columns > limits.max_columns:
        raise SheetError(
            f"表格声明的范围为 {m[1]}（{rows} 行、{columns} 列），超过上限"
            f"（{limits.max_rows} 行、{limits.max_columns} 列）；"
            "请删除多余的空行、空列后另存，或分批导入"
        )


def _shared_strings(book: zipfile.ZipFile, limits: SheetLimits) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    with book.open("xl/sharedStrings.xml") as part:
        for _, element in iterparse(part, events=("end",)):
            if element.tag == f"{MAIN}si":
                text = "".join(t.text or "" for t in element.iter(f"{MAIN}t"))
                if len(text) > limits.max_cell_chars:
                    raise SheetError(_too_long(len(text), limits, where=""))
                strings.append(text)
                element.clear()
    return strings


def _too_long(length: int, limits: SheetLimits, where: str) -> str:
    return (
        f"{where}单元格内容长达 {length} 字，超过上限 {limits.max_cell_chars} 字，请精简后重新导入"
    )


def _date_styles(book: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format is a date."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if "xl/styles.xml" not in book.namelist():
        return set()
    styles = _parse(book, "xl/styles.xml")
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{MAIN}numFmt"):
        formats[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    xfs = styles.find(f"{MAIN}cellXfs")
    out: set[int] = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        code = formats.get(int(xf.get("numFmtId", "0")), "")
        if code and is_date_format(code):
            out.add(index)
    return out


def _rows(
    book: zipfile.ZipFile,
    path: str,
    strings: list[str],
    date_styles: set[int],
    date1904: bool,
    limits: SheetLimits,
) -> Iterator[tuple[int, list[Cell]]]:
    row_tag, cell_tag = f"{MAIN}row", f"{MAIN}c"
    number = 0  # the last row's number
    cells: list[Cell] = []
    column = 0
    total = 0
    with book.open(path) as part:
        # "end" events only: a cell ends before its row, and names its row in its reference.
        for _, element in iterparse(part, events=("end",)):
            if element.tag == cell_tag:
                total += 1
                if total > limits.max_cells:
                    raise SheetError(f"表格超过 {limits.max_cells} 个单元格，请分批导入")
                ref = _split_ref(element.get("r", ""))
                column = ref[0] if ref else column + 1
                row = ref[1] if ref else number + 1
                if row > limits.max_rows:
                    raise SheetError(f"表格超过 {limits.max_rows} 行，请分批导入")
                if column > limits.max_columns:
                    raise SheetError(
                        f"第 {row} 行超过 {limits.max_columns} 列，请删除多余的列后重新导入"
                    )
                value = _value(element, strings, date_styles, date1904)
                if isinstance(value, str) and len(value) > limits.max_cell_chars:
                    raise SheetError(_too_long(len(value), limits, where=f"第 {row} 行的"))
                cells.extend([None] * (column - 1 - len(cells)))
                cells.append(value)
                element.clear()
            elif element.tag == row_tag:
                number = int(element.get("r") or number + 1)
                if number > limits.max_rows:
                    raise SheetError(f"表格超过 {limits.max_rows} 行，请分批导入")
                if cells:
                    yield number, cells
                cells, column = [], 0
                element.clear()


def _value(element: Element, strings: list[str], date_styles: set[int], date1904: bool) -> Cell:
    kind = element.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in element.iter(f"{MAIN}t"))
    v = element.find(f"{MAIN}v")
    raw = v.text if v is not None else None
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        return strings[index] if 0 <= index < len(strings) else None
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return datetime.fromisoformat(raw).date()
    number = float(raw)
    if int(element.get("s", "0")) in date_styles:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        when = from_excel(number, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
        return when.date() if isinstance(when, datetime) else None
    return int(number) if number.is_integer() and "." not in raw and "E" not in raw else number


# ------------------------------------------------------------------ writing
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """The value for a CSV cell: text that a spreadsheet would run as a formula gets a
    leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(row: list) -> list:
    return [csv_cell(v) for v in row]


def append_rows(sheet: Any, rows: list[list]) -> None:
    """Append rows to an openpyxl sheet as data: text that openpyxl would store as a
    formula (it starts with =) is stored as the text itself, shown as typed."""
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True  # and stays text if someone edits the cell
