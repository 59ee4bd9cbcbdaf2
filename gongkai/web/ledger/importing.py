"""Reading a CMS export (CSV or XLSX) into ledger rows, every bad row kept with its reason.

Framework-free: `read_table` turns the file into rows of cells, `parse_rows` checks each
row and returns the good ones and the bad ones (line number + Chinese reasons + the
original cells, so the bad rows can be downloaded, fixed and imported again).
Saving is `services.import_items`.

Columns (the header row names them, in any order):
  标题 (required) · 文号 · 栏目/类别 (a 第二十条 item or a category of the catalog) ·
  发布渠道 (required; several separated by 、 or ;) · 发布日期 (required) · 链接 ·
  编号 (the CMS's own id; the re-import key when present) · 错误原因 (ignored).
The key of a row is 编号, else 文号, else 标题 + 发布日期: importing the same row again
updates the item instead of adding a second one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from gongkai.sheets import FORMULA_START, SheetError, SheetLimits, csv_row, read_xlsx
from gongkai.web.ledger.choices import CHANNEL_ALIASES

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "信息名称", "名称"),
    "doc_number": ("文号", "发文字号"),
    "category": ("栏目/类别", "栏目", "类别", "所属栏目"),
    "channels": ("发布渠道", "渠道"),
    "published_on": ("发布日期", "发布时间", "公开日期"),
    "url": ("链接", "网址"),
    "key": ("编号", "唯一标识"),
    "errors": ("错误原因",),
}
REQUIRED = ("title", "channels", "published_on")
TEMPLATE_HEADER = ["标题", "文号", "栏目/类别", "发布渠道", "发布日期", "链接", "编号"]
ERROR_COLUMN = "错误原因"
MAX_ROWS = 20000
# Every CSV/XLSX import (ledger, appeals, yearly figures) reads through these limits.
LIMITS = SheetLimits(max_rows=MAX_ROWS + 10)  # room for title lines and the header

Cell = str | date | int | float | None


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is Chinese, for the user."""


@dataclass
class GoodRow:
    line: int
    key: str
    title: str
    doc_number: str
    article_item: int | None
    category_id: int | None
    channels: list[str]
    published_on: date
    url: str


@dataclass
class BadRow:
    line: int
    reasons: list[str]
    cells: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)

    def stored(self) -> dict:
        """The row as an import run keeps it (`bad_rows_csv` reads it back)."""
        return {"line": self.line, "reason": self.reason, "cells": self.cells}


@dataclass
class Parsed:
    header: list[str]
    good: list[GoodRow]
    bad: list[BadRow]


# ------------------------------------------------------------------ reading the file
def read_table(filename: str, data: bytes) -> list[tuple[int, list[Cell]]]:
    """(line number, cells) for each non-blank row; the header is line 1."""
    name = filename.lower()
    if len(data) > LIMITS.max_file_bytes:
        raise ImportFileError(
            f"文件大小超过上限 {LIMITS.max_file_bytes // 1024 // 1024} MB，请分批导入"
        )
    if name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(data)
    else:
        raise ImportFileError("只能导入 CSV 或 XLSX 文件（文件名以 .csv 或 .xlsx 结尾）")
    out = [(n, cells) for n, cells in rows if any(_text(c) for c in cells)]
    if not out:
        raise ImportFileError("文件中没有任何数据")
    if len(out) > MAX_ROWS + 1:
        raise ImportFileError(f"一次最多导入 {MAX_ROWS} 行，请分批导入")
    return out


def _read_csv(data: bytes) -> list[tuple[int, list[Cell]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别文件编码，请另存为 UTF-8 编码的 CSV 文件")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            if number > LIMITS.max_rows:
                raise ImportFileError(f"表格超过 {LIMITS.max_rows} 行，请分批导入")
            if len(record) > LIMITS.max_columns:
                raise ImportFileError(
                    f"第 {number} 行超过 {LIMITS.max_columns} 列，请删除多余的列后重新导入"
                )
            longest = max((len(cell) for cell in record), default=0)
            if longest > LIMITS.max_cell_chars:
                raise ImportFileError(
                    f"第 {number} 行的单元格内容长达 {longest} 字，"
                    f"超过上限 {LIMITS.max_cell_chars} 字，请精简后重新导入"
                )
            rows.append((number, list(record)))
    except csv.Error as exc:
        raise ImportFileError(f"CSV 文件格式有误（第 {reader.line_num} 行附近）：{exc}") from exc
    return rows


def _read_xlsx(data: bytes) -> list[tuple[int, list[Cell]]]:
    """Through the bounded reader shared by every XLSX import (gongkai.sheets): a file
    whose declared or real size is over the limits is refused before its cells are read."""
    try:
        return read_xlsx(data, LIMITS)
    except SheetError as exc:
        raise ImportFileError(str(exc)) from exc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Without control characters (PostgreSQL refuses NUL in text)."""
    return _CONTROL.sub("", text)


def search_text(raw: str | None) -> str:
    """A search box's text as it may go into a query."""
    return clean(raw or "").strip()[:100]


def text_of(cells: list, positions: dict[str, int]) -> Callable[[str], str]:
    """A row's cells as text by column name ("" when the file has no such column or the row
    is short)."""

    def get(name: str) -> str:
        i = positions.get(name)
        return _text(cells[i]) if i is not None and i < len(cells) else ""

    return get


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = clean(str(cell)).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        return text[1:]  # our own exports escape formula-like text this way
    return text


# ------------------------------------------------------------------ checking the rows
def map_header(header: list[Cell]) -> tuple[dict[str, int], list[str]]:
    """Column positions by field, and the problems with the header (Chinese)."""
    positions: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        name = _text(cell).replace("（", "(").replace("）", ")")
        for fieldname, names in COLUMNS.items():
            if name in names:
                if fieldname in positions:
                    problems.append(f"表头中“{name}”列重复")
                positions[fieldname] = index
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in positions]
    if missing:
        problems.append(
            "表头缺少必填列："
            + "、".join(missing)
            + "（表头应为："
            + "、".join(TEMPLATE_HEADER)
            + "）"
        )
    return positions, problems


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: .*)?$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(cell: Cell) -> date | None:
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def split_channels(text: str) -> tuple[list[str], list[str]]:
    """(channel keys, unknown names) from "门户网站、微信公众号;微博"."""
    keys: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[、;；,，/|]", text):
        name = part.strip()
        if not name:
            continue
        key = CHANNEL_ALIASES.get(name)
        if key is None:
            unknown.append(name)
        elif key not in keys:
            keys.append(key)
    return keys, unknown


HEADER_SEARCH = 10


def find_header(rows: list[tuple[int, list[Cell]]]) -> int:
    """The index of the header row: CMS exports often put a title or a date line above it.
    The first of the first rows that names every required column; else the first row (whose
    problems are then reported)."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        if not map_header(cells)[1]:
            return index
    return 0


def find_header_by(rows: list[tuple[int, list[Cell]]], required: tuple[str, ...]) -> int:
    """Like `find_header`, for a file whose header must hold the names in `required`."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        if set(required) <= {_text(c) for c in cells}:
            return index
    return 0


CategoryResolver = Callable[[str], tuple[int | None, int | None] | None]


def parse_rows(
    rows: list[tuple[int, list[Cell]]],
    resolve_category: CategoryResolver,
    today: date,
) -> Parsed:
    """Check every data row. `resolve_category(text)` gives (article item, category id) or
    None when the text names neither a 第二十条 item nor a catalog category."""
    start = find_header(rows)
    (_, header), data = rows[start], rows[start + 1 :]
    positions, problems = map_header(header)
    header_text = [_text(c) for c in header]
    if problems:
        raise ImportFileError("；".join(problems))
    good: list[GoodRow] = []
    bad: list[BadRow] = []
    seen: dict[str, int] = {}
    for line, cells in data:

        def get(fieldname: str, cells: list[Cell] = cells) -> Cell:
            i = positions.get(fieldname)
            return cells[i] if i is not None and i < len(cells) else None

        reasons: list[str] = []
        title = _text(get("title"))
        if not title:
            reasons.append("标题为空")
        elif len(title) > 300:
            reasons.append("标题超过 300 字")
        doc_number = _text(get("doc_number"))
        if len(doc_number) > 100:
            reasons.append("文号超过 100 字")
        channels, unknown = split_channels(_text(get("channels")))
        if unknown:
            reasons.append(
                "无法识别的发布渠道："
                + "、".join(unknown)
                + "（可用：门户网站、微信公众号、微博、公开栏、电子屏、其他）"
            )
        elif not channels:
            reasons.append("发布渠道为空")
        raw_date = get("published_on")
        published_on = parse_date(raw_date)
        if not _text(raw_date):
            reasons.append("发布日期为空")
        elif published_on is None:
            reasons.append(
                f"发布日期“{_text(raw_date)}”无法识别（应为 2024-03-05 或 2024年3月5日）"
            )
        elif published_on > today:
            reasons.append(f"发布日期 {published_on.isoformat()} 晚于今天")
        elif published_on.year < 1990:
            reasons.append(f"发布日期 {published_on.isoformat()} 早于 1990 年")
        article_item: int | None = None
        category_id: int | None = None
        category_text = _text(get("category"))
        if category_text:
            resolved = resolve_category(category_text)
            if resolved is None:
                reasons.append(
                    f"栏目/类别“{category_text}”既不是第二十条的事项，也不在本机关主动公开基本目录中"
                )
            else:
                article_item, category_id = resolved
        url = _text(get("url"))
        if url and not re.match(r"^https?://\S+$", url):
            reasons.append("链接应以 http:// 或 https:// 开头")
        key = (
            _text(get("key"))
            or doc_number
            or (f"{title}|{published_on.isoformat()}" if title and published_on else "")
        )
        if key and not reasons:
            if key in seen:
                reasons.append(f"与第 {seen[key]} 行重复（同一编号、文号或同一标题与发布日期）")
            else:
                seen[key] = line
        if reasons:
            bad.append(BadRow(line, reasons, [_text(c) for c in cells]))
            continue
        assert published_on is not None
        good.append(
            GoodRow(
                line=line,
                key=key[:200],
                title=title,
                doc_number=doc_number,
                article_item=article_item,
                category_id=category_id,
                channels=channels,
                published_on=published_on,
                url=url,
            )
        )
    return Parsed(header=header_text, good=good, bad=bad)


def bad_rows_csv(header: list[str], bad: list[dict]) -> str:
    """The bad rows as CSV, the original columns plus 错误原因, ready to fix and re-import.
    `bad` holds dicts {"line", "reason", "cells"} (as stored on the import run)."""
    out = io.StringIO()
    writer = csv.writer(out)
    columns = [h for h in header if h != ERROR_COLUMN]
    error_index = header.index(ERROR_COLUMN) if ERROR_COLUMN in header else None
    writer.writerow(csv_row([*columns, ERROR_COLUMN, "原行号"]))
    for row in bad:
        cells = [c for i, c in enumerate(row["cells"]) if i != error_index]
        cells += [""] * (len(columns) - len(cells))
        writer.writerow(csv_row([*cells[: len(columns)], row["reason"], row["line"]]))
    return "\ufeff" + out.getvalue()
