"""The reader on HTML portal pages, a filled-in DOCX template, JSON, and hand-made layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.documents import extract_text
from gongkai.report.model import APPEAL_FIELDS, REQUEST_COLUMNS, request_row_keys
from gongkai.report.read import read_json, read_path, read_text
from gongkai.report.read_result import Reading, UnreadableDocument
from tests.conftest import FIXTURES, seed

HTML = FIXTURES / "html"
ZERO = [0] * 7


def row(r: Reading, key: str) -> list[object]:
    return [r.report.requests[key][c] for c in REQUEST_COLUMNS]


def appeals(r: Reading) -> list[list[object]]:
    return [[g[f] for f in APPEAL_FIELDS] for g in r.report.appeals.values()]


def one(n: int) -> list[int]:
    return [n, 0, 0, 0, 0, 0, n]


# ---------------------------------------------------------------- HTML portal pages
def test_a_portal_page_drops_the_site_chrome() -> None:
    text = extract_text(HTML / "hongze-2023.html")
    for chrome in (
        "无障碍浏览",
        "首页",
        "当前位置",
        "版权所有",
        "网站标识码",
        "打印本页",
        "var _hmt",
    ):
        assert chrome not in text
    assert text.splitlines()[0] == "洪泽区人民政府2023年政府信息公开工作年度报告"


def test_hongze_2023_as_a_portal_page_with_merged_cells_in_a_layout_table() -> None:
    r = read_path(HTML / "hongze-2023.html")
    rep = r.report
    assert (rep.agency, rep.year, rep.format, rep.published_on) == (
        "洪泽区人民政府",
        2023,
        "2021",
        "2024-01-22",
    )
    assert rep.proactive["fees"] == {"amount_wan_yuan": 7730.28}
    assert rep.proactive["normative_documents"] == {"issued": 0, "abolished": 5, "in_force": 5}
    assert row(r, "new") == one(21)
    assert row(r, "unable.not_held") == one(10)
    assert row(r, "withheld.prohibited_by_law") == ZERO
    assert row(r, "total") == one(21)
    for key in ("other.no_correction", "other.fee_unpaid", "other.other"):
        assert row(r, key) == ZERO  # one （六） row of zeros: inferred
    assert appeals(r) == [[10, 1, 0, 0, 0], [0, 0, 0, 0, 0], [5, 0, 0, 0, 0]]
    assert [f.where for f in r.findings if f.code == "label.nonstandard"] == [
        "requests.withheld.prohibited_by_law"
    ]
    assert not [f for f in r.findings if f.code == "cell.missing"]
    assert "打印本页" not in rep.text["other"]


def test_pingluo_page_prints_only_the_total_of_row_four_in_nbsp_cells() -> None:
    r = read_path(HTML / "pingluo-2021.html")
    assert r.report.requests["carry_forward"] == dict.fromkeys(REQUEST_COLUMNS, 0)
    (inferred,) = [f for f in r.findings if f.code == "cell.inferred"]
    assert inferred.where == "requests.carry_forward"
    assert "“自然人”=0" in inferred.message and "“总计”" not in inferred.message
    assert r.report.proactive["licensing"] == {"decisions": 1010}
    assert r.report.proactive["penalties"] == {"decisions": 117}


def test_zhangping_page_in_the_2019_format_with_yuan_amounts() -> None:
    r = read_path(HTML / "zhangping-2020.html")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("漳平市卫生健康局", 2020, "2019")
    assert rep.proactive["procurement"] == {"projects": 3, "amount_yuan": 25227}
    assert rep.proactive["other_services"] == {
        "items_last_year": 18,
        "change": -2,
        "decisions": 1221,
    }
    assert rep.proactive["fees"] == {"items_last_year": 0, "change": 0}
    for key in request_row_keys("2019"):
        assert row(r, key) == ZERO
    (label,) = [f for f in r.findings if f.code == "label.nonstandard"]
    assert label.where == "requests.columns.social_welfare_org"


# ---------------------------------------------------------------- DOCX
def test_the_official_template_filled_in_reads_every_cell() -> None:
    r = read_path(FIXTURES / "docx" / "hongze-2024-template.docx")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("淮安市洪泽区人民政府", 2024, "2021")
    assert rep.proactive["licensing"] == {"decisions": 9487}
    assert rep.proactive["normative_documents"] == {"issued": 3, "abolished": 0, "in_force": 8}
    assert row(r, "new") == one(95)
    assert row(r, "granted") == one(50)
    assert row(r, "unable.not_held") == one(31)
    assert appeals(r) == [[1, 1, 0, 0, 2], [1, 0, 0, 0, 1], [2, 0, 1, 0, 3]]
    assert r.findings == []
    assert r.cells_read == 10 + 25 * 7 + 15


# ---------------------------------------------------------------- JSON
def test_json_in_the_public_format_reads_as_it_is(tmp_path: Path) -> None:
    original = read_path(FIXTURES / "reports" / "hongze-2024.pdf").report.to_json()
    path = tmp_path / "r.json"
    path.write_text(json.dumps(original, ensure_ascii=False), encoding="utf-8")
    r = read_path(path)
    assert r.report.to_json() == original
    assert r.years.title == 2024
    assert r.sections_found == ["overview", "problems", "other"]
    assert r.findings == []


def test_json_with_gaps_and_junk_is_read_loosely() -> None:
    data = {
        "format": "2021",
        "year": 2023,
        "agency": "某局",
        "requests": {"new": {"natural_person": 3, "total": "3"}, "bogus": {}},
        "appeals": [],
        "extra": True,
    }
    r = read_json(json.dumps(data))
    assert r.report.requests["new"]["natural_person"] == 3
    assert r.report.requests["new"]["total"] is None  # a string is not a figure
    assert "requests.new.total" in [f.where for f in r.findings if f.code == "cell.missing"]
    assert r.cells_read == 1


@pytest.mark.parametrize("text", ["{broken", "[1, 2]", '{"hello": 1}', '"text"'])
def test_json_that_is_not_a_report_is_unreadable(text: str) -> None:
    with pytest.raises(UnreadableDocument):
        read_json(text, source="x.json")


# ---------------------------------------------------------------- layouts by hand
TABLE3_HEAD = "三、收到和处理政府信息公开申请情况\n"


def test_run_together_cells_are_split_when_the_rules_leave_one_way() -> None:
    text = extract_text(FIXTURES / "reports" / "hongze-2023.pdf")
    line = "一、本年新收政府信息公开申请数量\t\t\t21\t0\t0\t0\t0\t0\t21"
    assert line in text
    carried = "二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0"
    assert carried in text
    # without row 二 the balance rule cannot give row 一: only the split can
    damaged = text.replace(line, "一、本年新收政府信息公开申请数量\t210000021").replace(carried, "")
    r = read_text(damaged)
    assert row(r, "new") == one(21)
    (finding,) = [f for f in r.findings if f.where == "requests.new"]
    assert finding.code == "cell.inferred"
    assert "连写" in finding.message
    assert row(r, "carried_over") == ZERO  # then the balance rule gives row 二


def test_run_together_cells_stay_null_when_the_rules_allow_several_splits() -> None:
    text = TABLE3_HEAD + "一、本年新收政府信息公开申请数量\t1100002\n"
    r = read_text(text)
    assert r.report.requests["new"]["natural_person"] is None
    assert "requests.new.natural_person" in [
        f.where for f in r.findings if f.code == "cell.missing"
    ]


def test_a_lost_cell_is_null_never_a_guessed_zero() -> None:
    text = extract_text(FIXTURES / "reports" / "hongze-2024.pdf")
    line = "三、本年度办理结果\t（一）予以公开\t\t50\t0\t0\t0\t0\t0\t50"
    assert line in text
    # the total lost, and the row 一 too: nothing pins the granted total any more
    damaged = text.replace(line, "三、本年度办理结果\t（一）予以公开\t\t50\t0\t0\t0\t0\t0")
    r = read_text(damaged)
    assert row(r, "granted") == one(50)  # （七）总计 and the row rule force it: inferred
    assert "requests.granted" in [f.where for f in r.findings if f.code == "cell.inferred"]


def test_labels_out_of_place_still_map_by_their_words() -> None:
    r = read_path(seed("003"))
    # "三、本年度办理结果⇥1. 信访举报投诉类申请": （五）不予处理 was lost from the row
    assert row(r, "not_handled.petition") == ZERO
    assert r.report.requests["other"] == dict.fromkeys(REQUEST_COLUMNS, 0)


def test_space_separated_pdf_text_rows_are_read() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21\n"
        "（七）总计 21 0 0 0 0 0 21\n"
        "二、主动公开政府信息情况\n"
        "行政许可 550\n"
    )
    r = read_text(text)
    assert row(r, "new") == one(21)
    assert row(r, "total") == one(21)
    assert r.report.proactive["licensing"] == {"decisions": 550}


def test_labels_with_spaces_widths_and_line_breaks_match() -> None:
    text = (
        "| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政<br>许可 | 12 |\n\n"
        "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4\n"
        "(三) 不予公开\t1．属于国家秘密\t１\t0\t0\t0\t0\t0\t1\n"
    )
    r = read_text(text)
    assert r.report.proactive["licensing"] == {"decisions": 12}
    assert row(r, "partially_granted") == one(4)
    assert row(r, "withheld.state_secret") == one(1)
    assert not [f for f in r.findings if f.code == "label.nonstandard"]


def test_year_evidence_and_the_title_year_wins() -> None:
    r = read_path(seed("002"))
    assert (r.years.title, r.years.period, r.years.body) == (2022, None, [2023])
    assert r.report.year == 2022
    text = "某某局政府信息公开工作年度报告\n本报告统计数据从2021年1月1日至12月31日。\n一、总体情况\n2021年，我局……"
    r = read_text(text)
    assert (r.years.title, r.years.period, r.years.body, r.report.year) == (
        None,
        2021,
        [2021],
        2021,
    )


def test_sections_in_document_order_at_any_heading_level() -> None:
    r = read_path(seed("000"))
    assert r.sections_found == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    r = read_text(
        "## 六、其他需要报告的事项\n无。\n**二、主动公开政府信息情况**\n一、总体情况\n好。"
    )
    assert r.sections_found == ["other", "proactive", "overview"]
    assert r.report.text == {"other": "无。", "overview": "好。"}


def test_a_2019_label_in_a_2021_table_two_is_flagged() -> None:
    text = (
        "某某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规范性文件\t1\t0\t4\n"
    )
    r = read_text(text)
    assert r.report.format == "2021"
    assert r.report.proactive["normative_documents"] == {"issued": 1, "abolished": 0, "in_force": 4}
    (finding,) = [f for f in r.findings if f.code == "label.nonstandard"]
    assert finding.where == "proactive.normative_documents"
    assert "“规范性文件”" in finding.message and "“行政规范性文件”" in finding.message


def test_the_date_signed_at_the_end_is_the_publication_date() -> None:
    text = "某某局2022年政府信息公开工作年度报告\n六、其他需要报告的事项\n无。\n某某局\n2023年1月18日\n"
    r = read_text(text)
    assert r.report.published_on == "2023-01-18"
    assert r.report.text["other"] == "无。\n某某局\n2023年1月18日"  # printed there: kept
