"""XLSX bombs are refused before their cells are read, with a Chinese message, nothing stored.

The bombs are built here with zipfile: a real file names its sizes in the zip directory
and in the sheet, and the reader must believe none of them blindly.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.sheets import SheetError, SheetLimits, read_xlsx
from gongkai.web.appeals.models import Appeal
from gongkai.web.ledger.models import ImportRun, Item

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>发布渠道</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>发布日期</t></is></c></row>'
)


def xlsx(sheet_data: str, dimension: str = "A1:C2", extra: dict | None = None) -> bytes:
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, text in (extra or {}).items():
            z.writestr(name, text)
    return buf.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The same zip, with `member`'s unpacked size declared as `size` (both headers)."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04")
    while local != -1:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if bytes(out[local + 30 : local + 30 + name_len]) == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


GOOD_ROW = (
    '<row r="2"><c r="A2" t="inlineStr"><is><t>健康知识宣传</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>门户网站</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>2024-05-06</t></is></c></row>'
)


def test_a_small_well_formed_file_is_read():
    rows = read_xlsx(xlsx(HEADER_ROW + GOOD_ROW))
    assert rows == [
        (1, ["标题", "发布渠道", "发布日期"]),
        (2, ["健康知识宣传", "门户网站", "2024-05-06"]),
    ]


def test_an_openpyxl_file_reads_dates_numbers_shared_strings_and_gaps():
    book = Workbook()
    sheet = book.active
    sheet.append(["标题", None, "发布日期", "件数"])
    sheet.append(["通知", None, date(2024, 5, 6), 12])
    sheet.append([None, "跳过首列", None, 2.5])
    buf = io.BytesIO()
    book.save(buf)
    assert read_xlsx(buf.getvalue()) == [
        (1, ["标题", None, "发布日期", "件数"]),
        (2, ["通知", None, date(2024, 5, 6), 12]),
        (3, [None, "跳过首列", None, 2.5]),
    ]


def test_a_declared_range_of_the_whole_sheet_is_refused_unread():
    bomb = xlsx(HEADER_ROW + GOOD_ROW, dimension="A1:XFD1048576")
    assert len(bomb) < 2048  # 1.7 KB: the size of the bomb of issue 10
    with pytest.raises(SheetError, match=r"A1:XFD1048576（1048576 行、16384 列），超过上限"):
        read_xlsx(bomb)


def test_five_million_cells_are_refused_from_the_zip_directory():
    """147 KB that unpack to 5 million cells: the sheet's declared unpacked size says so."""
    bomb = declare_size(xlsx(HEADER_ROW), "xl/worksheets/sheet1.xml", 110 * 1024 * 1024)
    with pytest.raises(SheetError, match=r"sheet1.xml 解压后为 110 MB，超过上限 64 MB"):
        read_xlsx(bomb)


def test_one_200_mb_string_is_refused_from_the_zip_directory():
    strings = f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>x</t></si></sst>'
    bomb = declare_size(
        xlsx(HEADER_ROW, extra={"xl/sharedStrings.xml": strings}),
        "xl/sharedStrings.xml",
        200 * 1024 * 1024,
    )
    with pytest.raises(SheetError, match=r"sharedStrings.xml 解压后为 200 MB"):
        read_xlsx(bomb)


def test_a_long_cell_within_the_zip_limits_is_refused_when_met():
    long_row = f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"长" * 6000}</t></is></c></row>'
    with pytest.raises(SheetError, match=r"第 2 行的单元格内容长达 6000 字，超过上限 5000 字"):
        read_xlsx(xlsx(HEADER_ROW + long_row))


def test_a_long_shared_string_is_refused():
    strings = f'<sst xmlns="{NS}"><si><t>{"x" * 5001}</t></si></sst>'
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    with pytest.raises(SheetError, match="长达 5001 字"):
        read_xlsx(xlsx(HEADER_ROW + row, extra={"xl/sharedStrings.xml": strings}))


def test_rows_beyond_the_limit_are_refused_even_when_the_range_lies():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 40))
    with pytest.raises(SheetError, match="表格超过 30 行"):
        read_xlsx(xlsx(HEADER_ROW + rows, dimension="A1:C2"), SheetLimits(max_rows=30))


def test_a_row_wider_than_the_limit_is_refused_at_the_first_extra_cell():
    wide = '<row r="2"><c r="A2"><v>1</v></c><c r="ZZ2"><v>1</v></c></row>'
    with pytest.raises(SheetError, match="第 2 行超过 50 列"):
        read_xlsx(xlsx(HEADER_ROW + wide))


def test_xml_entities_are_refused():
    doc = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>'
        f'<sst xmlns="{NS}"><si><t>&a;</t></si></sst>'
    )
    with pytest.raises(SheetError, match="DOCTYPE"):
        read_xlsx(xlsx(HEADER_ROW, extra={"xl/sharedStrings.xml": doc}))


def test_a_file_over_the_size_limit_is_refused_before_unzipping():
    with pytest.raises(SheetError, match="超过上限 1 KB"):
        read_xlsx(xlsx(HEADER_ROW + GOOD_ROW), SheetLimits(max_file_bytes=1024))


def test_limits_are_checked_where_they_are_made():
    with pytest.raises(ValueError, match="max_rows"):
        SheetLimits(max_rows=0)


# ---------------------------------------------------------------- every import, end to end
DIMENSION_BOMB = xlsx(HEADER_ROW + GOOD_ROW, dimension="A1:XFD1048576")


def test_the_ledger_import_refuses_the_bomb_and_stores_nothing(alice_client):
    upload = SimpleUploadedFile("bomb.xlsx", DIMENSION_BOMB)
    page = alice_client.post("/ledger/import/", {"file": upload}).content.decode()
    assert "超过上限" in page and "A1:XFD1048576" in page
    assert not ImportRun.objects.exists() and not Item.objects.exists()


def test_the_appeals_import_refuses_the_bomb_and_stores_nothing(alice_client):
    upload = SimpleUploadedFile("bomb.xlsx", DIMENSION_BOMB)
    page = alice_client.post("/appeals/import/", {"file": upload}).content.decode()
    assert "A1:XFD1048576" in page and "超过上限" in page
    assert not Appeal.objects.exists()


def test_the_figures_import_refuses_the_bomb_and_stores_nothing(alice_client):
    from gongkai.web.ledger.models import YearlyFigure

    upload = SimpleUploadedFile("bomb.xlsx", DIMENSION_BOMB)
    page = alice_client.post("/ledger/figures/import/", {"file": upload}, follow=True)
    assert "A1:XFD1048576" in page.content.decode()
    assert not YearlyFigure.objects.exists()


def test_a_csv_with_a_huge_cell_is_refused_too(alice_client):
    text = "标题,发布渠道,发布日期\n" + "长" * 6000 + ",门户网站,2024-05-06\n"
    upload = SimpleUploadedFile("big.csv", text.encode())
    page = alice_client.post("/ledger/import/", {"file": upload}).content.decode()
    assert "第 2 行的单元格内容长达 6000 字，超过上限 5000 字" in page
    assert not Item.objects.exists()


def test_cells_beyond_the_limit_are_refused():
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>1</v></c>' for c in "ABCDE") + "</row>"
        for n in range(2, 5)
    )
    with pytest.raises(SheetError, match="表格超过 10 个单元格"):
        read_xlsx(xlsx(HEADER_ROW + rows), SheetLimits(max_cells=10))
