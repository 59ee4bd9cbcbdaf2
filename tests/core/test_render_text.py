"""Markdown and HTML renderings of a report in the official layout."""

from __future__ import annotations

from lxml import html as lxml_html

from gongkai.report.model import SECTION_TITLES, Report
from gongkai.report.render import to_html, to_markdown


def pingluo() -> Report:
    report = Report.empty("2021", agency="平罗县卫生健康局", year=2021)
    report.proactive["licensing"]["decisions"] = 1010
    report.proactive["penalties"]["decisions"] = 117
    report.proactive["fees"]["amount_wan_yuan"] = 7730.28
    report.requests["new"].update(natural_person=21, total=21)
    report.appeals["review"].update(upheld=10, corrected=1, other=0, pending=0, total=11)
    report.text["overview"] = "2021 年发布信息 1350 条。\n本年度共制发公文 253 件。"
    report.text["problems"] = "一是<公开>不及时 & 不全面。"
    return report


def test_markdown_has_the_title_the_six_headings_and_the_three_tables():
    text = to_markdown(pingluo())
    lines = text.splitlines()
    assert lines[0] == "# 平罗县卫生健康局2021年政府信息公开工作年度报告"
    assert [line[3:] for line in lines if line.startswith("## ")] == list(SECTION_TITLES.values())
    assert "2021 年发布信息 1350 条。\n\n本年度共制发公文 253 件。" in text
    assert "| 行政许可 | 1010 |  |  |" in lines
    assert "| 行政事业性收费 | 7730.28 |  |  |" in lines
    assert "| 一、本年新收政府信息公开申请数量 |  |  | 21 |  |  |  |  |  | 21 |" in lines
    assert "| 10 | 1 | 0 | 0 | 11 |  |  |  |  |  |  |  |  |  |  |" in lines
    assert "|  | （三）不予公开 | 1.属于国家秘密 |  |  |  |  |  |  |  |" in lines


def test_markdown_writes_the_2019_format_with_its_single_other_row():
    report = Report.empty("2019", agency="漳平市卫生健康局", year=2020)
    report.proactive["procurement"].update(projects=3, amount_yuan=25227)
    report.proactive["other_services"].update(items_last_year=18, change=-2, decisions=1221)
    lines = to_markdown(report).splitlines()
    assert "|  | （六）其他处理 |  |  |  |  |  |  |  |  |" in lines
    assert "| 政府集中采购 | 3 | 25227 |  |" in lines
    assert "| 其他对外管理服务事项 | 18 | -2 | 1221 |" in lines


def test_html_is_a_standalone_page_with_escaped_text():
    page = to_html(pingluo())
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>平罗县卫生健康局2021年政府信息公开工作年度报告</title>" in page
    assert "一是&lt;公开&gt;不及时 &amp; 不全面。" in page
    doc = lxml_html.fromstring(page)
    assert [h.text for h in doc.findall(".//h2")] == list(SECTION_TITLES.values())


def test_html_table_three_merges_its_header_cells_like_the_template():
    doc = lxml_html.fromstring(to_html(pingluo()))
    table = doc.find(".//table[@class='requests']")
    rows = table.findall("tr")
    head = [(c.text, c.get("rowspan"), c.get("colspan")) for c in rows[0]]
    assert head == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "3", "3"),
        ("申请人情况", None, "7"),
    ]
    assert [(c.text, c.get("rowspan"), c.get("colspan")) for c in rows[1]] == [
        ("自然人", "2", None),
        ("法人或其他组织", None, "5"),
        ("总计", "2", None),
    ]
    results = rows[5][0]
    assert (results.text, results.get("rowspan")) == ("三、本年度办理结果", "22")
    withheld = rows[7][0]
    assert (withheld.text, withheld.get("rowspan")) == ("（三）不予公开", "8")
    assert len(rows) == 3 + 25  # three header rows, then 一、二, 22 results, 四
    new_row = [c.text or "" for c in rows[3]]
    assert new_row == ["一、本年新收政府信息公开申请数量", "21", "", "", "", "", "", "21"]


def test_html_table_four_has_the_two_level_litigation_header():
    doc = lxml_html.fromstring(to_html(pingluo()))
    rows = doc.find(".//table[@class='appeals']").findall("tr")
    assert [(c.text, c.get("colspan")) for c in rows[0]] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [c.text for c in rows[1]][5:] == ["未经复议直接起诉", "复议后起诉"]
    assert [c.text or "" for c in rows[3]][:5] == ["10", "1", "0", "0", "11"]
