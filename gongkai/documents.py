"""Plain text out of the documents agencies publish: .txt/.md, .html, .docx, .pdf, .json.

`extract_text(path)` returns the document as text in one convention that the
reader (gongkai.report.read) and the checker both understand:

- prose is one paragraph per line (PDF lines wrapped at the right margin are joined);
- a table row is one line whose cells are separated by tabs, rows in document order;
  a merged cell appears once (in its first row/column), the others are empty.

Anything that cannot be read raises `UnreadableDocument` with a Chinese message.
Framework-free; the file-format libraries never leak out of this module.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gongkai.report.read_result import UnreadableDocument

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
SUPPORTED_SUFFIXES = frozenset(
    {*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf", ".json"},
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def extract_text(path: str | Path, scanned_pages: list[int] | None = None) -> str:
    """The text of the document at `path` (see the module docstring for the layout).

    `scanned_pages`, when given, receives the numbers (from 1) of the PDF pages that
    carry images but no text layer: scans, whose content the text does not have.
    """
    return extract(path, scanned_pages)[0]


def extract(path: str | Path, scanned_pages: list[int] | None = None) -> tuple[str, int]:
    """`extract_text` and the file's size in bytes, from one read of the file."""
    p = path if isinstance(path, Path) else Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if not p.exists():
            raise UnreadableDocument(f"文件不存在：{p}")
        raise UnreadableDocument(
            f"不支持的文件格式：{p}（支持 .txt、.md、.html、.docx、.pdf、.json）"
        )
    try:
        with open(p, "rb", buffering=0) as f:  # one read, no buffer (a third cheaper)
            data = f.readall()
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"文件不存在：{p}") from exc
    except IsADirectoryError as exc:
        raise UnreadableDocument(f"不是文件：{p}") from exc
    except PermissionError as exc:
        raise UnreadableDocument(f"没有权限读取文件：{p}") from exc
    except OSError as exc:
        raise UnreadableDocument(f"无法读取文件：{p}") from exc
    if not data or data.isspace():
        raise UnreadableDocument(f"文件为空：{p}")
    size = len(data)
    if suffix in TEXT_SUFFIXES:
        return decode_text(data, str(p)), size
    if suffix in HTML_SUFFIXES:
        return html_to_text(data), size
    if suffix == ".json":
        return json_to_text(data, str(p)), size
    if suffix == ".docx":
        return docx_to_text(p), size
    return pdf_to_text(p, scanned_pages), size


# ---------------------------------------------------------------- plain text
_NOT_TEXT = "不是文本文件：{}（含有二进制内容）"
# C0 controls a text file does not contain (tab, line feed, form feed, carriage return do;
# ESC and SUB turn up in old files and are counted too, they are rare enough).
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\f\r") + b"\x7f"
_ASCII = bytes(range(128))
_BINARY_SAMPLE = 2048  # bytes looked at for control characters (NUL: all of them)
_BINARY_SHARE = 0.05  # of the sample: more control characters than this is not text
# Damaged UTF-8 stays UTF-8 while its invalid sequences are at most this share of its
# non-ASCII characters. A GBK/GB18030 file read as UTF-8 has several invalid sequences
# for each character that happens to be valid (about five per valid one): far above it.
_UTF8_DAMAGE_SHARE = 0.02


def decode_text(data: bytes, name: str = "") -> str:
    """Bytes to str: a BOM decides; else UTF-8; else GB18030 (which also covers GBK/GB2312).

    A UTF-8 file with a few bad bytes (a damaged byte, a copy cut inside a character)
    stays UTF-8, the bad bytes replaced by U+FFFD: read as GB18030, all of it would be
    garbage. Bytes that are no encoding are replaced by U+FFFD rather than refused, but
    a binary file (NUL bytes, control characters) is `UnreadableDocument`.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                return _utf8_or_gb18030(data[len(bom) :], name, declared=True)
            # UTF-16/32 have NUL bytes by nature; a damaged one keeps what reads.
            return data.decode(encoding, errors="replace")
    return _utf8_or_gb18030(data, name)


def _utf8_or_gb18030(data: bytes, name: str, declared: bool = False) -> str:
    if _is_binary(data):
        text = _utf16_without_bom(data)
        if text is None:
            raise UnreadableDocument(_NOT_TEXT.format(name or "输入"))
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Only the last character incomplete (all before it valid): a copy cut inside it.
        cut = exc.reason == "unexpected end of data"
    utf8 = data.decode("utf-8", errors="replace")
    bad = utf8.count("\ufffd") - data.count("\ufffd".encode())
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    valid = len(utf8) - ascii_bytes - bad  # the non-ASCII characters that read
    if declared or cut or bad <= valid * _UTF8_DAMAGE_SHARE:
        return utf8
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # Damaged text: keep what reads, mark the rest (U+FFFD); the reader reports nulls.
    gb = data.decode("gb18030", errors="replace")
    return utf8 if utf8.count("\ufffd") < gb.count("\ufffd") else gb


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: its NUL bytes (of ASCII characters) on one side of the pairs.

    A CJK character can have a NUL byte too (U+4E00 一), so the other side is allowed some.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    enough = max(2, len(data) // 64)  # one ASCII character (a digit, a line feed) in 32
    if odd >= enough and odd > 3 * even:
        encoding = "utf-16-le"  # "a" is 61 00
    elif even >= enough and even > 3 * odd:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _is_binary(text.encode("utf-8")) else text


def _is_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16/32, which the BOM announced), or many control characters."""
    if b"\x00" in data:
        return True
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > len(sample) * _BINARY_SHARE


# ---------------------------------------------------------------- JSON
def json_error_place(exc: ValueError) -> str:
    """“（第 3 行第 7 列）” for a JSON syntax error; the library's English message stays out."""
    if isinstance(exc, json.JSONDecodeError):
        return f"（第 {exc.lineno} 行第 {exc.colno} 列）"
    return ""


def json_to_text(data: bytes, name: str = "") -> str:
    """The prose of a report in the public JSON format: title and the six sections."""
    from gongkai.report.model import SECTION_KEYS, SECTION_TITLES

    try:
        obj = json.loads(decode_text(data, name))
    except ValueError as exc:
        raise UnreadableDocument(f"JSON 格式错误：{name}{json_error_place(exc)}") from exc
    if not isinstance(obj, dict):
        raise UnreadableDocument(f"不是年度报告的 JSON 数据：{name}")
    text = obj.get("text")
    if not isinstance(text, dict):
        return ""
    lines: list[str] = []
    title = text.get("title")
    if isinstance(title, str) and title:
        lines.append(title)
    for key in SECTION_KEYS:
        body = text.get(key)
        if isinstance(body, str):
            lines.append(SECTION_TITLES[key])
            lines.extend(body.splitlines())
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML
# Portal chrome: never the report's content.
_HTML_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "form",
        "iframe",
        "button",
        "select",
        "textarea",
        "template",
        "svg",
        "head",
        "aside",
    }
)
_HTML_CHROME = re.compile(
    r"^(?:site-?)?(?:nav|navbar|menu|footer|header|breadcrumb|crumbs?|bread|sidebar|share|topbar|"
    r"toolbar|skip|search|copyright|banner|foot|head|position|location)$"
    r"|(?:^|[-_])(?:tools?|print|share|nav|menu|footer|breadcrumb|sidebar)$",
    re.IGNORECASE,
)
_HTML_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "center",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "address",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "html",
    }
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def html_to_text(data: bytes | str) -> str:
    """The page's body as text: portal navigation dropped, data tables as tab-separated rows."""
    from bs4 import BeautifulSoup
    from bs4.element import Tag

    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml raises assorted errors on binary junk
        raise UnreadableDocument("无法解析 HTML 文件") from exc
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        if tag.name in _HTML_DROP_TAGS or _is_chrome(tag):
            tag.decompose()
    lines: list[str] = []
    current: list[str] = []
    _html_walk(soup, lines, current)
    _flush(lines, current)
    return "\n".join(lines)


def _is_chrome(tag: Any) -> bool:
    attrs = tag.attrs or {}
    if attrs.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    tokens: list[str] = list(attrs.get("class") or [])
    ident = attrs.get("id")
    if isinstance(ident, str):
        tokens.append(ident)
    return any(_HTML_CHROME.search(t) for t in tokens if isinstance(t, str))


def _flush(lines: list[str], current: list[str]) -> None:
    line = _SPACES.sub(" ", "".join(current)).strip()
    if line:
        lines.append(line)
    current.clear()


def _html_walk(node: Any, lines: list[str], current: list[str]) -> None:
    from bs4.element import NavigableString, PreformattedString, Tag

    for child in node.children:
        if isinstance(child, PreformattedString):
            continue  # comments, <!DOCTYPE>, processing instructions
        if isinstance(child, NavigableString):
            current.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            _flush(lines, current)
        elif name == "table":
            _flush(lines, current)
            if child.find("table") is not None:
                # A layout table around the content: its cells are blocks, not data.
                for cell in child.find_all(["td", "th"]):
                    if cell.find_parent("table") is child:
                        _html_walk(cell, lines, current)
                        _flush(lines, current)
            else:
                lines.extend(_html_table_rows(child))
        elif name in _HTML_BLOCK_TAGS:
            _flush(lines, current)
            _html_walk(child, lines, current)
            _flush(lines, current)
        else:
            _html_walk(child, lines, current)


def _html_table_rows(table: Any) -> Iterator[str]:
    """The table as a rectangle: a merged cell in its top-left position, the rest blank."""
    covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells: list[str] = []
        for td in tr.find_all(["td", "th"], recursive=False):
            _skip_covered(cells, covered)
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            if rowspan > 1:
                for c in range(len(cells), len(cells) + colspan):
                    covered[c] = rowspan - 1
            cells.append(_cell_text(td.get_text("")))
            cells.extend([""] * (colspan - 1))
        _skip_covered(cells, covered)
        if any(cells):
            yield "\t".join(cells)


def _skip_covered(cells: list[str], covered: dict[int, int]) -> None:
    while covered.get(len(cells), 0) > 0:
        covered[len(cells)] -= 1
        cells.append("")


def _span(value: Any) -> int:
    try:
        return max(1, min(int(str(value).strip()), 200))
    except (TypeError, ValueError):
        return 1


def _cell_text(text: str) -> str:
    # Inside a cell, a line break is layout: CJK labels wrap anywhere.
    return _SPACES.sub(" ", text.replace("\r", "").replace("\n", "")).strip()


# ---------------------------------------------------------------- DOCX
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


DOCX_MAX_PARAGRAPHS = 50_000


def docx_to_text(path: Path) -> str:
    """Paragraphs and tables of the body in document order; merged cells appear once."""
    import io
    import zipfile

    import docx

    from gongkai.zipguard import ArchiveError, ArchiveLimits, count_elements, open_archive

    data = path.read_bytes()
    limits = ArchiveLimits(
        max_file_bytes=64 << 20,
        max_members=2000,  # pictures are parts too
        max_member_bytes=32 << 20,
        max_total_bytes=128 << 20,
    )
    # Sizes and parts checked before python-docx builds a tree: a 9 KB DOCX of a million
    # empty paragraphs would otherwise take 14 s and 690 MB.
    try:
        with open_archive(data, limits, "DOCX 文件") as book:
            if count_elements(book, "word/document.xml", "p", DOCX_MAX_PARAGRAPHS) > (
                DOCX_MAX_PARAGRAPHS
            ):
                raise UnreadableDocument(
                    f"DOCX 文件段落超过 {DOCX_MAX_PARAGRAPHS} 个，不像年度报告：{path}"
                )
    except ArchiveError as exc:
        raise UnreadableDocument(f"{exc}：{path}") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"DOCX 文件已损坏或不是 Word 文档：{path}") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"DOCX 文件已损坏或不是 Word 文档：{path}") from exc
    except Exception as exc:  # python-docx/lxml raise assorted errors on bad XML
        raise UnreadableDocument(f"DOCX 文件已损坏，无法解析：{path}") from exc
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            text = _docx_paragraph_text(element)
            if text:
                lines.append(text)
        elif element.tag == f"{_W}tbl":
            lines.extend(_docx_table_rows(element))
    return "\n".join(lines)


def _docx_paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _docx_table_rows(tbl: Any) -> Iterator[str]:
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            span = tcpr.find(f"{_W}gridSpan") if tcpr is not None else None
            width = _span(span.get(f"{_W}val")) if span is not None else 1
            if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue"):
                cells.extend([""] * width)  # continuation of a vertically merged cell
                continue
            nested = tc.find(f"{_W}tbl")
            if nested is not None:
                # A table in a cell: emit it as rows of its own after this row.
                cells.append("")
                continue
            paras = [_docx_paragraph_text(p) for p in tc.iterchildren(f"{_W}p")]
            cells.append("".join(paras))
            # A merged cell keeps the grid rectangular: blanks for the columns it covers.
            cells.extend([""] * (width - 1))
        if any(cells):
            yield "\t".join(cells)
        for tc in tr.iterchildren(f"{_W}tc"):
            for nested in tc.iterchildren(f"{_W}tbl"):
                yield from _docx_table_rows(nested)


# ---------------------------------------------------------------- PDF
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–\s]*(?:/\s*\d+\s*)?$")
_HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_SENTENCE_END = ("。", "：", ":", "；", "！", "？")


def pdf_to_text(path: Path, scanned_pages: list[int] | None = None) -> str:
    """Text outside tables as wrapped-paragraph lines; tables (≥2 columns) as tab rows."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many types on corrupt files
        raise UnreadableDocument(f"PDF 文件已损坏，无法解析：{path}") from exc
    lines: list[str] = []
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, 1):
                if not page.chars and page.images:
                    if scanned_pages is not None:
                        scanned_pages.append(number)
                    continue
                lines.extend(_pdf_page_lines(page))
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(f"PDF 文件已损坏，无法解析：{path}") from exc
    text = "\n".join(_join_across_pages(lines))
    if not text.strip():
        raise UnreadableDocument(f"PDF 中没有可提取的文字（可能是扫描件）：{path}")
    return text


_OPEN = "\x00open"  # this prose line may continue on the next page
_FLUSH = "\x00flush"  # this prose line starts at the left margin (a continuation)


def _join_across_pages(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        flush = line.startswith(_FLUSH)
        if flush:
            line = line[len(_FLUSH) :]
        if flush and out and out[-1].endswith(_OPEN):
            out[-1] = out[-1][: -len(_OPEN)] + line
        else:
            out.append(line)
    return [line.removesuffix(_OPEN) for line in out]


def _pdf_page_lines(page: Any) -> list[str]:
    tables = [t for t in page.find_tables() if _pdf_table_width(t) >= 2]
    tables.sort(key=lambda t: t.bbox[1])
    out: list[str] = []
    top = 0.0
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            out.extend(_pdf_text_lines(page, top, t_top))
        out.extend(_join_wrapped_rows([_pdf_row(r) for r in table.extract()]))
        top = max(top, t_bottom)
    if top < page.height:
        out.extend(_pdf_text_lines(page, top, page.height))
    return out


def _pdf_table_width(table: Any) -> int:
    return max((sum(1 for c in row if c not in (None, "")) for row in table.extract()), default=0)


def _pdf_row(cells: list[str | None]) -> str:
    values = [_cell_text(c or "") for c in cells]
    if values and values[0] and all(c is None for c in cells[1:]):
        return values[0]  # one cell across the table (a heading or a line of prose)
    return "\t".join(values) if any(values) else ""


def _line_size(line: dict[str, Any]) -> float:
    chars = line.get("chars") or []
    return float(max((c.get("size", 10.0) for c in chars), default=10.0))


def _join_wrapped_rows(rows: list[str]) -> list[str]:
    """Prose that pdfplumber framed as one-cell table rows: join the lines that wrap."""
    prose = [r for r in rows if r and "\t" not in r]
    width = max((len(r) for r in prose), default=0)
    out: list[str] = []
    joinable = False
    for row in rows:
        if not row:
            continue
        if "\t" in row:
            out.append(row)
            joinable = False
            continue
        if joinable and out:
            out[-1] += row
        else:
            out.append(row)
        joinable = len(row) >= width * 0.85 and not row.endswith(_SENTENCE_END)
    return out


def _pdf_text_lines(page: Any, top: float, bottom: float) -> list[str]:
    top = max(0.0, top)
    bottom = min(float(page.height), bottom)
    if bottom - top < 1:
        return []
    region = page.crop((0, top, page.width, bottom), strict=False)
    raw = [ln for ln in region.extract_text_lines() if ln["text"].strip()]
    raw = [ln for ln in raw if not _PAGE_NUMBER.match(ln["text"].strip())]
    if not raw:
        return []
    left = min(ln["x0"] for ln in raw)
    right = max(ln["x1"] for ln in raw)
    sizes = [_line_size(ln) for ln in raw]
    body = max(set(sizes), key=sizes.count)
    out: list[str] = []
    pending = ""
    for i, ln in enumerate(raw):
        text = ln["text"].strip()
        pending += text
        size = sizes[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt is None or abs(sizes[i + 1] - size) >= 0.5:
            wrapped = False
        elif size > body + 1:
            wrapped = True  # a title over two lines (centred, larger type)
        else:
            # A line wraps into the next when it runs (nearly) to the right margin and
            # the next one starts at the left margin: not indented, no new paragraph.
            wrapped = (
                ln["x1"] >= right - 5 * size
                and nxt["x0"] <= left + 0.5 * size
                and not text.endswith(_SENTENCE_END)
                and not _HEADING_START.match(nxt["text"])
            )
        if not wrapped:
            out.append(pending)
            pending = ""
    if pending:
        out.append(pending)
    last, first = raw[-1], raw[0]
    if last["x1"] >= right - 5 * sizes[-1] and not out[-1].endswith(_SENTENCE_END):
        out[-1] += _OPEN
    if first["x0"] <= left + 0.5 * sizes[0] and not _HEADING_START.match(first["text"]):
        out[0] = _FLUSH + out[0]
    return out
