"""The reader on the real fixtures: every cell each document prints, checked by hand."""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.report.model import APPEAL_FIELDS, REQUEST_COLUMNS, request_row_keys
from gongkai.report.read import read_path
from gongkai.report.read_result import Reading
from tests.conftest import FIXTURES, seed

REPORTS = FIXTURES / "reports"
ZERO = [0] * 7


@cache
def reading(name: str) -> Reading:
    path = REPORTS / name if "." in name else seed(name)
    return read_path(path)


def row(r: Reading, key: str) -> list[object]:
    return [r.report.requests[key][c] for c in REQUEST_COLUMNS]


def appeals(r: Reading) -> list[list[object]]:
    return [[g[f] for f in APPEAL_FIELDS] for g in r.report.appeals.values()]


def codes(r: Reading, code: str) -> list[str]:
    return [f.where for f in r.findings if f.code == code]


def test_hongze_2023_pdf_every_printed_cell() -> None:
    r = reading("hongze-2023.pdf")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("洪泽区人民政府", 2023, "2021")
    assert rep.proactive == {
        "rules": {"issued": 0, "abolished": 0, "in_force": 0},
        "normative_documents": {"issued": 0, "abolished": 5, "in_force": 5},
        "licensing": {"decisions": 550},
        "penalties": {"decisions": 4119},
        "enforcement": {"decisions": 195},
        "fees": {"amount_wan_yuan": 7730.28},
    }
    one = lambda n: [n, 0, 0, 0, 0, 0, n]  # noqa: E731 - natural persons only
    expected = dict.fromkeys(request_row_keys("2021"), ZERO)
    expected |= {
        "new": one(21),
        "partially_granted": one(4),
        "withheld.state_secret": one(1),
        "withheld.process_information": one(1),
        "withheld.enforcement_file": one(1),
        "unable.not_held": one(10),
        "unable.needs_creation": one(3),
        "not_handled.petition": one(1),
        "total": one(21),
    }
    assert {k: row(r, k) for k in expected} == expected
    # the printed review total 0 (10 + 1 upheld/corrected) is the document's error: kept as printed
    assert appeals(r) == [[10, 1, 0, 0, 0], [0, 0, 0, 0, 0], [5, 0, 0, 0, 0]]
    assert r.years.title == r.years.period == 2023
    assert r.years.body == [2023]
    assert codes(r, "cell.missing") == []
    assert r.sections_found == ["overview", "proactive", "requests", "appeals", "problems", "other"]


def test_hongze_2024_pdf_every_printed_cell() -> None:
    r = reading("hongze-2024.pdf")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("淮安市洪泽区人民政府", 2024, "2021")
    assert rep.proactive == {
        "rules": {"issued": 0, "abolished": 0, "in_force": 0},
        "normative_documents": {"issued": 3, "abolished": 0, "in_force": 8},
        "licensing": {"decisions": 9487},
        "penalties": {"decisions": 2776},
        "enforcement": {"decisions": 84},
        "fees": {"amount_wan_yuan": 7545},
    }
    one = lambda n: [n, 0, 0, 0, 0, 0, n]  # noqa: E731
    expected = dict.fromkeys(request_row_keys("2021"), ZERO)
    expected |= {
        "new": one(95),
        "granted": one(50),
        "partially_granted": one(9),
        "withheld.security_stability": one(1),
        "withheld.process_information": one(1),
        "withheld.enforcement_file": one(1),
        "unable.not_held": one(31),
        "unable.needs_creation": one(1),
        "not_handled.petition": one(1),
        "total": one(95),
    }
    assert {k: row(r, k) for k in expected} == expected
    assert appeals(r) == [[1, 1, 0, 0, 2], [1, 0, 0, 0, 1], [2, 0, 1, 0, 3]]
    assert codes(r, "cell.missing") == []


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_one_other_handling_row_of_zeros_forces_its_three_sub_rows_to_zero(name: str) -> None:
    r = reading(name)
    for key in ("other.no_correction", "other.fee_unpaid", "other.other"):
        assert row(r, key) == ZERO
    assert set(codes(r, "cell.inferred")) == {
        "requests.other.no_correction",
        "requests.other.fee_unpaid",
        "requests.other.other",
    }


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_the_typo_in_the_hongze_label_is_read_and_flagged(name: str) -> None:
    r = reading(name)
    (finding,) = [f for f in r.findings if f.code == "label.nonstandard"]
    assert finding.where == "requests.withheld.prohibited_by_law"
    assert finding.severity == "warning"
    assert "其他法律行政止公开" in finding.message
    assert "其他法律行政法规禁止公开" in finding.message


def test_seed_000_rows_with_fewer_numbers_are_forced_to_zero_and_said_so() -> None:
    r = reading("000")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("平罗县卫生健康局", 2021, "2021")
    assert rep.proactive["licensing"] == {"decisions": 1010}
    assert rep.proactive["penalties"] == {"decisions": 117}
    assert rep.proactive["enforcement"] == {"decisions": 0}
    assert rep.proactive["fees"] == {"amount_wan_yuan": 0}
    for key in request_row_keys("2021"):
        assert row(r, key) == ZERO, key
    assert appeals(r) == [[0] * 5] * 3
    inferred = codes(r, "cell.inferred")
    # "四、结转下年度继续办理" prints only its 0 total; the (三)(四)(五) rows six zeros for seven columns
    assert "requests.carry_forward" in inferred
    assert "requests.withheld.state_secret" in inferred
    assert "requests.not_handled.publication" in inferred
    assert "requests.new" not in inferred and "requests.total" not in inferred
    assert all(f.severity == "info" for f in r.findings if f.code == "cell.inferred")
    assert codes(r, "cell.missing") == []
    assert r.years.title == r.years.period == 2021


def test_seed_001_appeals_table_without_a_data_row_is_fifteen_missing_cells() -> None:
    r = reading("001")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("隆德县卫生健康局", 2024, "2021")
    assert rep.proactive["licensing"] == {"decisions": 556}
    assert rep.proactive["penalties"] == {"decisions": 2}
    for key in request_row_keys("2021"):
        assert row(r, key) == ZERO, key
    assert appeals(r) == [[None] * 5] * 3
    missing = [f for f in r.findings if f.code == "cell.missing"]
    assert len(missing) == 15
    assert {f.severity for f in missing} == {"error"}
    assert missing[0].where == "appeals.review.upheld"
    assert missing[0].message == "表四“行政复议”“结果维持”缺失，无法确定其数值。"


def test_seed_002_one_cell_per_line_and_the_conflicting_overview_year() -> None:
    r = reading("002")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("汤阴县卫健委", 2022, "2021")
    assert r.years.title == 2022
    assert r.years.period is None
    assert r.years.body == [2023]
    for key in request_row_keys("2021"):
        assert row(r, key) == ZERO, key
    assert appeals(r) == [[0] * 5] * 3
    assert rep.proactive["licensing"] == {"decisions": 0}
    assert r.findings == []
    assert r.cells_read == 10 + 25 * 7 + 15  # table 二 (format 2021), 三, 四: every cell printed


def test_seed_003_is_the_2019_trial_format_with_a_repeated_header() -> None:
    r = reading("003")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("漳平市卫生健康局", 2020, "2019")
    assert rep.proactive == {
        "rules": {"made": 0, "published": 0, "total_published": 0},
        "normative_documents": {"made": 0, "published": 0, "total_published": 21},
        "licensing": {"items_last_year": 53, "change": 21, "decisions": 590},
        "other_services": {"items_last_year": 18, "change": -2, "decisions": 1221},
        "penalties": {"items_last_year": 0, "change": 0, "decisions": 0},
        "enforcement": {"items_last_year": 0, "change": 0, "decisions": 0},
        "fees": {"items_last_year": 0, "change": 0},
        "procurement": {"projects": 3, "amount_yuan": 25227},
    }
    for key in request_row_keys("2019"):
        assert row(r, key) == ZERO, key
    assert appeals(r) == [[0] * 5] * 3
    (finding,) = r.findings
    assert finding.code == "label.nonstandard"
    assert "社会组织" in finding.message and "社会公益组织" in finding.message


def test_seed_004_markdown_tables_and_the_printed_date() -> None:
    r = reading("004")
    rep = r.report
    assert (rep.agency, rep.year, rep.format) == ("绥芬河市卫生健康局", 2021, "2021")
    assert rep.published_on == "2022-01-10"
    assert rep.proactive["licensing"] == {"decisions": 136}
    assert rep.proactive["penalties"] == {"decisions": 6}
    for key in request_row_keys("2021"):
        assert row(r, key) == ZERO, key
    assert appeals(r) == [[0] * 5] * 3
    assert r.findings == []


def test_the_empty_official_template_reads_as_all_null() -> None:
    r = reading("official-template-2021.docx")
    rep = r.report
    assert rep.format == "2021"
    for key in request_row_keys("2021"):
        assert row(r, key) == [None] * 7
    assert appeals(r) == [[None] * 5] * 3
    assert all(v is None for item in rep.proactive.values() for v in item.values())
    missing = codes(r, "cell.missing")
    assert len(missing) == 10 + 25 * 7 + 15
    assert "requests.granted.total" in missing
    assert "proactive.licensing.decisions" in missing
    assert r.cells_read == 0


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_every_seed_has_its_six_sections_and_its_title(name: str) -> None:
    r = reading(name)
    assert r.sections_found == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert r.report.text["title"].endswith("报告")
    assert r.report.text["problems"]
    assert "⇥" not in r.report.text["overview"] and "\t" not in r.report.text["overview"]


def test_the_title_of_seed_003_names_the_agency_before_关于() -> None:
    assert (
        reading("003").report.text["title"]
        == "漳平市卫生健康局 关于 2020 年度政府信息公开工作的报告"
    )


def test_section_prose_leaves_the_tables_out() -> None:
    text = reading("hongze-2023.pdf").report.text
    assert "proactive" not in text  # section 二 is only its table
    assert text["other"].startswith("2023 年，区政府严格落实")
