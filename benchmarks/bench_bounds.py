"""Bombs of issue 10, built honestly (real content, real sizes), and how fast each is refused.

    .venv/bin/python benchmarks/bench_bounds.py [--quick]

Prints the file size, what it unpacks to, the time to refusal and the message. --quick
builds the 5-million-cell and 200 MB bombs at a tenth of the size.
"""

from __future__ import annotations

import difflib
import io
import random
import sys
import time
import zipfile

from gongkai.sheets import SheetError, read_xlsx
from gongkai.zipguard import ArchiveError, ArchiveLimits, count_elements, open_archive

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx(sheet_xml: bytes, dimension: str, shared: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{NS}" xmlns:r="{R}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            'Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        head = f'<worksheet xmlns="{NS}"><dimension ref="{dimension}"/><sheetData>'.encode()
        z.writestr("xl/worksheets/sheet1.xml", head + sheet_xml + b"</sheetData></worksheet>")
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return buf.getvalue()


def unpacked(data: bytes) -> int:
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())


def refuse(name: str, data: bytes, read) -> None:
    start = time.perf_counter()
    try:
        read(data)
        outcome = "ACCEPTED"
    except (SheetError, ArchiveError) as exc:
        outcome = str(exc)
    took = time.perf_counter() - start
    print(
        f"{name:<34} {len(data) / 1024:8.1f} KB -> {unpacked(data) / 1024 / 1024:8.1f} MB"
        f"  refused in {took * 1000:7.1f} ms  {outcome[:70]}"
    )


def docx_paragraphs(data: bytes) -> None:
    with open_archive(data, ArchiveLimits(max_member_bytes=10 << 20), "DOCX 模板") as book:
        if count_elements(book, "word/document.xml", "p", 5000) > 5000:
            raise ArchiveError("模板超过 5000 个段落")


def main(argv: list[str]) -> None:
    scale = 10 if "--quick" in argv else 1
    row = b"<row>" + b"<c><v>1</v></c>" * 50 + b"</row>"
    bombs = [
        ("declared range A1:XFD1048576", xlsx(b"<row><c><v>1</v></c></row>", "A1:XFD1048576")),
        ("5 million cells (no dimension)", xlsx(row * (100_000 // scale), "A1")),
        (
            "one 200 MB string",
            xlsx(
                b'<row><c t="s"><v>0</v></c></row>',
                "A1",
                f'<sst xmlns="{NS}"><si><t>'.encode()
                + b"x" * (200 * 1024 * 1024 // scale)
                + b"</t></si></sst>",
            ),
        ),
        ("25,000 rows (over 20,010)", xlsx(b"<row><c><v>1</v></c></row>" * 25_000, "A1")),
        ("20,000 rows x 50 columns", xlsx(row * 20_000, "A1")),
    ]
    for name, data in bombs:
        refuse(name, data, read_xlsx)
    largest = xlsx((b"<row>" + b"<c><v>1</v></c>" * 12 + b"</row>") * 20_000, "A1:L20000")
    start = time.perf_counter()
    rows = read_xlsx(largest)
    took = time.perf_counter() - start
    print(f"largest accepted sheet, {len(rows):,} rows x 12 cells: read in {took:.2f} s")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "word/document.xml",
            b"<w:document><w:body>" + b"<w:p/>" * 1_000_000 + b"</w:body></w:document>",
        )
    refuse("DOCX with 1,000,000 paragraphs", buf.getvalue(), docx_paragraphs)

    random.seed(7)
    text = "".join(chr(random.randint(0x4E00, 0x4E00 + 300)) for _ in range(1000))
    other = "".join(chr(random.randint(0x4E00, 0x4E00 + 300)) for _ in range(1000))
    start = time.perf_counter()
    for _ in range(50):
        m = difflib.SequenceMatcher(None, text, other)
        if m.real_quick_ratio() >= 0.6 and m.quick_ratio() >= 0.6:
            m.ratio()
    took = time.perf_counter() - start
    print(f"repeat hint, 50 earlier requests, worst case: {took * 1000:.0f} ms (1,000 chars each)")


if __name__ == "__main__":
    main(sys.argv[1:])
