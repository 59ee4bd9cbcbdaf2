"""numbering.broken: lists that skip, repeat or go back, per section and level."""

from __future__ import annotations

import pytest

from gongkai.check.numbering import numbering_findings
from gongkai.text.chinese import chinese_numeral, parse_chinese_numeral
from tests.conftest import seed


def found(text: str) -> list[tuple[str, str | None]]:
    return [(f.text or "", f.suggestion) for f in numbering_findings(text)]


@pytest.mark.parametrize(
    ("numeral", "number"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)]
)
def test_chinese_numerals(numeral, number):
    assert parse_chinese_numeral(numeral) == number
    assert chinese_numeral(number) == numeral


def test_seed_000_skips_from_four_to_six():
    findings = numbering_findings(seed("000").read_text(encoding="utf-8"))
    assert [(f.text, f.suggestion) for f in findings] == [("（六）", "（五）")]


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_the_other_seeds_number_correctly_and_their_tables_are_skipped(prefix):
    assert numbering_findings(seed(prefix).read_text(encoding="utf-8")) == []


def test_a_repeated_inline_number():
    text = "一是加强领导；二是完善制度；三是强化培训；三是加强监督。"
    (finding,) = numbering_findings(text)
    assert finding.text == "三是"
    assert finding.suggestion == "四是"
    assert finding.message.startswith("编号重复")


def test_arabic_numbers_that_skip():
    assert found("1. 加强领导。\n2. 完善制度。\n4. 强化培训。\n") == [("4.", "3.")]


def test_numbering_resets_per_section_and_level():
    text = (
        "一、总体情况\n（一）主动公开\n1. 甲\n2. 乙\n（二）依申请公开\n1. 丙\n"
        "二、存在问题\n一是不够及时；二是不够全面。\n（一）问题\n下一步，一是加强；二是完善。\n"
    )
    assert found(text) == []


def test_a_number_going_back():
    (finding,) = numbering_findings("（一）甲\n（二）乙\n（三）丙\n（二）丁\n")
    assert finding.message == "编号倒退：“（三）”之后是“（二）”，应为“（四）”"


def test_ascii_brackets_and_markdown_emphasis_count_too():
    assert found("**（一）甲。**\n**(二) 乙。**\n### **（四）丁。**\n") == [("（四）", "（三）")]


def test_table_rows_are_not_lists():
    text = "（三）不予公开\t1. 属于国家秘密\t0\n\t3. 危及“三安全一稳定”\t0\n| 8.属于行政查询事项 | 0 |\n"
    assert found(text) == []
