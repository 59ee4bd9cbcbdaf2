"""The agency of archived text whose header does not name it in its 标题.

Every fixture is read as published, then archived (every whitespace removed, a header on
top) with a header whose 标题 lacks the agency, with a generic 标题 and a 发布机构, and with
neither: the agency is the one the published document's title names (null when none
does), never a header key, a letterhead or a document number. Where no title names it,
the header's 发布机构 does, if it is an agency's name.
"""

from __future__ import annotations

import re

import pytest

from gongkai.documents import extract_text
from gongkai.report.read import read_text
from gongkai.report.read.archive import HEADER_KEYS
from tests.core.test_read_archive import NAMES, _path, original, seed_text

URL = "原文链接:https://www.example.gov.cn/a.html"
SEPARATOR = "-" * 40


def archive(text: str, *header: str) -> str:
    """A web archive's text: the header lines given, a separator, the body on one line."""
    return "\n".join([*header, URL, SEPARATOR, re.sub(r"\s+", "", text)])


def agency_of(text: str) -> str | None:
    agency = read_text(text).report.agency
    if agency is not None:
        assert not any(key in agency for key in HEADER_KEYS)
        assert not re.search(r"[〔\[［【(（]\d{4}|\d+号|文件|[:：]", agency)
    return agency


def published(name: str) -> tuple[str, str | None, int | None]:
    """The fixture's text and the agency and year of its published reading."""
    report = original(name).report
    return extract_text(_path(name)), report.agency, report.year


@pytest.mark.parametrize("name", NAMES)
def test_a_header_title_without_the_agency_gives_way_to_the_body_title(name: str) -> None:
    # /tmp/trial/hv/h4.txt: "标题:2024年政府信息公开工作年度报告", 发布机构 the office that
    # compiled the report; the report is its government's, as the body's title says.
    text, agency, year = published(name)
    publisher = f"{agency}办公室" if agency else "某某县人民政府办公室"
    header = (f"发布机构:{publisher}", f"标题:{year}年政府信息公开工作年度报告")
    assert agency_of(archive(text, *header)) == agency


@pytest.mark.parametrize("name", NAMES)
def test_a_generic_header_title_and_the_publisher(name: str) -> None:
    text, agency, _ = published(name)
    title = "标题:政府信息公开工作年度报告"
    assert agency_of(archive(text, title, "文号:", f"发布机构:{agency or ''}")) == agency
    # /tmp/trial/repro/003_archive_generic_title.txt: a placeholder publisher names nobody
    assert agency_of(archive(text, title, "发布机构:某某县人民政府办公室")) == agency


@pytest.mark.parametrize("name", NAMES)
def test_neither_a_header_title_nor_a_publisher(name: str) -> None:
    text, agency, _ = published(name)
    assert agency_of(archive(text, "发布时间:2024-01-15")) == agency
    assert agency_of(archive(text, "标题:政府信息公开工作年度报告", "文号:")) == agency


def test_the_title_is_the_body_title_when_the_header_title_names_no_agency() -> None:
    text, agency, _ = published("hongze-2024.pdf")
    r = read_text(
        archive(text, "发布机构:淮安市洪泽区人民政府办公室", "标题:2024年政府信息公开工作年度报告")
    )
    assert (r.report.agency, r.report.year) == (agency, 2024) == ("淮安市洪泽区人民政府", 2024)
    assert r.report.text["title"] == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert r.report.text["title"] == original("hongze-2024.pdf").report.text["title"].replace(
        " ", ""
    )


SEED_003_HEAD = "漳平市卫生健康局文件\n\n漳卫〔2021〕9号\n\n漳平市卫生健康局 关于 2020 年度"


@pytest.mark.parametrize(
    "number",
    ["漳卫〔2021〕9号", "漳卫[2021]9号", "漳卫［2021］第9号", "漳卫（2021）9号", "漳卫(2021)9号"],
    ids=["hexagonal", "square", "full-width-square", "full-width-round", "round"],
)
def test_a_letterhead_and_a_document_number_run_into_the_title_are_no_part_of_the_agency(
    number: str,
) -> None:
    text = seed_text("003")
    assert SEED_003_HEAD in text
    text = text.replace("漳卫〔2021〕9号", number, 1)
    generic = "标题:政府信息公开工作年度报告"
    r = read_text(archive(text, generic, "发布机构:某某县人民政府办公室"))
    assert r.report.agency == "漳平市卫生健康局"
    assert r.report.text["title"] == "漳平市卫生健康局关于2020年度政府信息公开工作的报告"
    # The same on one printed line with its spaces kept.
    one_line = text.replace(
        SEED_003_HEAD, "漳平市卫生健康局文件 " + number + " 漳平市卫生健康局 关于 2020 年度"
    )
    assert agency_of(one_line) == "漳平市卫生健康局"


def test_a_letterhead_whose_title_names_no_agency_after_it_gives_the_letterhead_name() -> None:
    text = seed_text("003").replace(
        SEED_003_HEAD, "漳平市卫生健康局文件漳卫〔2021〕9号关于2020年度"
    )
    assert agency_of(archive(text, "标题:政府信息公开工作年度报告")) == "漳平市卫生健康局"
    text = seed_text("003").replace(
        SEED_003_HEAD, "漳平市卫生健康局文件\n\n漳平市卫生健康局 关于 2020 年度"
    )
    assert agency_of(archive(text, "标题:政府信息公开工作年度报告")) == "漳平市卫生健康局"


@pytest.mark.parametrize("number", ["洪政办〔2024〕1号", "漳卫〔2021〕9号", "漳卫[2021]9号"])
def test_a_document_number_without_a_letterhead_leaves_its_code_out_of_the_agency(
    number: str,
) -> None:
    # "漳平市卫生健康局漳卫〔2021〕9号关于…": the number's 代字 follows the name directly.
    text = seed_text("003").replace(SEED_003_HEAD, "漳平市卫生健康局" + number + "关于2020年度")
    assert agency_of(archive(text, "标题:政府信息公开工作年度报告")) == "漳平市卫生健康局"


def test_the_publisher_names_the_agency_only_when_no_title_does() -> None:
    text = seed_text("001")
    title = "隆德县卫生健康局 2024年政府信息公开工作年度报告"
    assert title in text
    untitled = text.replace(title, "2024年政府信息公开工作年度报告")
    header = "标题:2024年政府信息公开工作年度报告"
    assert agency_of(archive(untitled, header, "发布机构:隆德县卫生健康局")) == "隆德县卫生健康局"
    assert agency_of(archive(untitled, header)) is None
    for publisher in (
        "某某县卫生健康局",
        "隆德县人民政府网",
        "2024-01-20",
        "隆德县卫生健康局〔2024〕1号",
    ):
        assert agency_of(archive(untitled, header, f"发布机构:{publisher}")) is None
    # The separator line above the body is no agency either.
    assert agency_of(archive(untitled, "发布时间:2025-01-20")) is None


def test_a_byte_order_mark_or_an_unknown_key_before_the_title_is_no_agency() -> None:
    # /tmp/trial/big/…/r0014.txt: seed 000 archived, read as a string with its BOM.
    text = seed_text("000")
    header = ("标题:2021 年政府信息公开工作年度报告", "发布机构:某某县人民政府办公室")
    assert agency_of("\ufeff" + archive(text, *header)) == "平罗县卫生健康局"
    untitled = text.replace("平罗县卫生健康局", "", 1)
    assert agency_of("\ufeff" + archive(untitled, *header)) is None
    r = read_text(archive(untitled, "文章名:2021年政府信息公开工作年度报告"))
    assert r.report.agency is None
    assert r.report.text["title"] == "2021年政府信息公开工作年度报告"


def test_a_page_that_is_no_report_takes_no_placeholder_publisher() -> None:
    # /tmp/trial/av/hello.txt
    assert agency_of(archive("hello", "标题:你好", "发布机构:某局")) is None
