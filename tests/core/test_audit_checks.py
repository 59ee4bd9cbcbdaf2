"""The auditor's checks, one by one, on reports built by hand from the fixtures' figures."""

from __future__ import annotations

from gongkai.findings import Finding
from gongkai.report.audit import audit
from gongkai.report.audit.cross_year import copied_share, cross_year_findings
from gongkai.report.model import SECTION_KEYS, Report, request_row_keys
from gongkai.report.read_result import Reading, YearEvidence


def zeros(fmt="2021", year=2021, agency="平罗县卫生健康局") -> Report:
    report = Report.empty(fmt, agency=agency, year=year)
    for table in (report.proactive, report.requests, report.appeals):
        for cells in table.values():
            for key in cells:
                cells[key] = 0
    return report


def reading(report: Report, text: str = "", **kw) -> Reading:
    return Reading(source="test", report=report, text=text, **kw)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_a_report_of_zeros_without_text_has_no_finding():
    assert audit(reading(zeros())) == []
    assert audit(reading(zeros("2019", 2020))) == []


def test_it_keeps_the_readers_findings():
    missing = Finding("cell.missing", "error", "表三缺少单元格", where="requests.granted.total")
    assert audit(reading(zeros(), findings=[missing])) == [missing]


def test_it_finds_a_row_whose_total_is_not_the_sum_of_its_columns():
    report = zeros()
    report.requests["granted"].update(natural_person=3, legal_service_org=1, total=3)
    found = [f for f in audit(reading(report)) if f.code == "reconcile.row_total"]
    assert [(f.where, f.severity) for f in found] == [("requests.granted.total", "error")]
    assert found[0].message == "表三“（一）予以公开”行：六类申请人之和为 4，但“总计”列为 3"


def test_it_finds_dispositions_that_do_not_add_up_to_the_total_column_by_column():
    report = zeros()
    report.requests["withheld.state_secret"].update(commercial_enterprise=2, total=2)
    report.requests["new"].update(commercial_enterprise=2, total=2)
    found = audit(reading(report))
    assert codes(found) == ["reconcile.disposition_total"] * 2 + ["reconcile.balance"] * 2
    assert found[0].where == "requests.total.commercial_enterprise"
    assert found[0].message == (
        "表三“商业企业”列：办理结果（一）至（六）各项之和为 2，但“（七）总计”为 0"
    )


def test_it_finds_a_column_where_new_and_carried_over_do_not_balance():
    report = zeros()
    report.requests["new"].update(natural_person=95, total=95)
    report.requests["granted"].update(natural_person=90, total=90)
    report.requests["total"].update(natural_person=90, total=90)
    report.requests["carry_forward"].update(natural_person=4, total=4)
    found = audit(reading(report))
    assert codes(found) == ["reconcile.balance", "reconcile.balance"]
    assert found[1].where == "requests.carry_forward.total"
    assert found[1].message == (
        "表三“总计”列：一、本年新收 95 + 二、上年结转 0 = 95，"
        "但三（七）总计 90 + 四、结转下年度 4 = 94"
    )


def test_it_finds_hongze_2023s_appeals_totals():
    # hongze-2023.pdf, table 四: "10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0"
    report = zeros(year=2023, agency="洪泽区人民政府")
    report.appeals["review"].update(upheld=10, corrected=1)
    report.appeals["litigation_after_review"].update(upheld=5)
    found = audit(reading(report))
    assert [f.message for f in found] == [
        "表四“行政复议”：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，但“总计”为 0",
        "表四“行政诉讼（复议后起诉）”：结果维持 5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5，"
        "但“总计”为 0",
    ]
    assert {f.severity for f in found} == {"error"}


def test_null_cells_are_left_to_cell_missing():
    report = zeros()
    report.requests["granted"].update(natural_person=None, total=7)  # row sum unknowable
    report.requests["total"].update(natural_person=None, total=7)
    report.appeals["review"].update(upheld=None, total=3)
    report.requests["carry_forward"]["total"] = None
    assert audit(reading(report)) == []


def test_it_finds_negative_and_fractional_counts_but_not_signed_changes_or_amounts():
    report = zeros("2019", 2020)
    report.requests["new"]["other_org"] = -1
    report.appeals["review"]["pending"] = 1.5
    report.proactive["licensing"]["change"] = -2
    report.proactive["procurement"]["amount_yuan"] = 25227.5
    report.proactive["rules"]["made"] = "三"
    found = [f for f in audit(reading(report)) if f.code == "cell.invalid"]
    assert [(f.where, f.message) for f in found] == [
        ("proactive.rules.made", "表二“规章“本年新制作数量””应为数字，却是“三”"),
        (
            "requests.new.other_org",
            "表三“一、本年新收政府信息公开申请数量”行“其他”列为 -1，件数不能为负数",
        ),
        ("appeals.review.pending", "表四“行政复议”的“尚未审结”为 1.5，件数应为整数"),
    ]


def test_it_finds_seed_002s_title_year_against_its_body():
    # seed 002: "汤阴县卫健委2022年政府信息公开工作年度报告" … "2023年，我委在县委…"
    text = "汤阴县卫健委2022年政府信息公开工作年度报告\n一、总体情况\n2023年，我委在县委、县政府的正确领导下"
    years = YearEvidence(title=2022, period=None, body=[2023])
    found = audit(reading(zeros(year=2022), text, years=years, sections_found=list(SECTION_KEYS)))
    assert [(f.code, f.severity, f.message) for f in found] == [
        ("year.conflict", "warning", "标题为 2022 年，但正文写“2023年，我委在县委、县…”")
    ]


def test_a_title_against_the_statistics_period_is_an_error():
    years = YearEvidence(title=2022, period=2023, body=[2023])
    found = audit(reading(zeros(year=2023), "x", years=years, sections_found=list(SECTION_KEYS)))
    assert [(f.code, f.severity, f.message) for f in found] == [
        ("year.conflict", "error", "标题写 2022 年，但统计期限是 2023 年")
    ]


def test_the_trial_format_fits_2020_but_not_2022():
    assert audit(reading(zeros("2019", 2020))) == []
    (found,) = audit(reading(zeros("2019", 2022)))
    assert found.code == "format.mismatch"
    assert found.message == (
        "2022 年度报告应使用2021 年版格式（国办公开办函〔2021〕30号），但表格是2019 年试行格式"
    )
    assert codes(audit(reading(zeros("2021", 2019)))) == ["format.mismatch"]


def test_it_names_missing_and_misplaced_sections():
    found = audit(
        reading(
            zeros(), "…", sections_found=["overview", "requests", "proactive", "appeals", "other"]
        )
    )
    assert [(f.code, f.severity, f.message) for f in found] == [
        (
            "section.missing",
            "warning",
            "六个部分的顺序不对：第三部分“三、收到和处理政府信息公开申请情况”出现的位置不对（文中顺序：一、三、二、四、六）",
        ),
        ("section.missing", "warning", "缺少第五部分“五、存在的主要问题及改进情况”"),
    ]


ALL = list(SECTION_KEYS)


def test_it_finds_seed_000s_narrative_sums():
    text = (
        "2021 年发布信息 1350 条，其中，政府信息公开 172 条，微信公众号动态信息 829 条，"
        "政务微博等 296 条。本年度共制发公文 253 件。\n"
        "**八是公文制发数量。**2021 年共制发 268 件，其中主动公开 120 件，不公开 147，依申请公开 2 件。"
    )
    found = audit(reading(zeros(), text, sections_found=ALL))
    assert codes(found) == ["narrative.sum", "narrative.sum"]
    assert "1297" in found[0].message and "1350" in found[0].message
    assert "269" in found[1].message and "268" in found[1].message


def hongze_2024() -> Report:
    report = zeros(year=2024, agency="淮安市洪泽区人民政府")
    for row, n in (("new", 95), ("granted", 59), ("unable.not_held", 36), ("total", 95)):
        report.requests[row].update(natural_person=n, total=n)
    return report


def test_it_finds_hongze_2024s_17_requests_against_95_in_the_table():
    text = "2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。"
    (found,) = audit(reading(hongze_2024(), text, sections_found=ALL))
    assert found.code == "narrative.table_conflict"
    assert found.severity == "error"  # a false figure is published either way (issue 9)
    assert found.where == "requests.new.total"
    assert found.message == (
        "正文称“受理政府信息公开申请17件”，但表三“一、本年新收政府信息公开申请数量”总计为 95"
    )
    assert text[found.start : found.end] == "受理政府\n信息公开申请 17 件"


def test_a_stated_request_count_that_matches_the_table_is_fine():
    text = (
        "2024年卫健局共受理依申请公开95件，严格按照法定时限答复。较上年受理政府信息公开申请 21 件有所增加。"
        "全年受理政府信息公开申请95件，其中通过网络受理政府信息公开申请 60 件。"
        "截至年底，未收到政府信息公开申请人的补正材料。"
    )
    assert audit(reading(hongze_2024(), text, sections_found=ALL)) == []


def test_it_compares_reviews_and_lawsuits_stated_in_the_text():
    # seed 001, across a page break: "依申请公开被申请行政复议\n\n议0件、诉讼0件"
    text = "依申请公开被申请行政复议\n\n议0件、诉讼0件。"
    assert audit(reading(zeros(), text, sections_found=ALL)) == []
    report = zeros()
    report.appeals["review"].update(pending=2, total=2)
    report.appeals["litigation_direct"].update(upheld=1, total=1)
    found = audit(reading(report, text, sections_found=ALL))
    assert [f.message for f in found] == [
        "正文称“行政复议议0件”，但表四“行政复议”总计为 2",
        "正文称“诉讼0件”，但表四行政诉讼（未经复议直接起诉、复议后起诉）总计之和为 1",
    ]


def test_a_processing_fee_of_0_yuan_is_not_compared_with_administrative_fees():
    # hongze-2023: 行政事业性收费 7730.28 万元 in table 二, 信息处理费 0 元 in section 六
    report = zeros(year=2023)
    report.proactive["fees"]["amount_wan_yuan"] = 7730.28
    text = "2023 年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 0 元。"
    assert audit(reading(report, text, sections_found=ALL)) == []


def test_a_processing_fee_collected_without_any_request_is_a_conflict():
    text = "全年收取政府信息公开信息处理费 300 元。本年度未收取信息处理费 0 元。"
    (found,) = audit(reading(zeros(), text, sections_found=ALL))
    assert (
        found.message
        == "正文称“收取政府信息公开信息处理费300元”，但表三本年没有收到也没有办理任何政府信息公开申请"
    )


def test_carried_over_must_equal_last_years_carry_forward():
    last, this = zeros(year=2023), zeros(year=2024)
    assert audit(reading(this), previous=reading(last)) == []
    last.requests["carry_forward"].update(natural_person=2, total=2)
    found = audit(reading(this), previous=reading(last))
    assert [(f.code, f.where) for f in found] == [
        ("cross_year.carry_over", "requests.carried_over.natural_person"),
        ("cross_year.carry_over", "requests.carried_over.total"),
    ]
    assert (
        found[1].message
        == "表三“总计”列：二、上年结转为 0，但 2023 年报告的四、结转下年度继续办理为 2"
    )


def test_a_previous_report_of_another_year_is_not_compared():
    (found,) = audit(reading(zeros(year=2024)), previous=reading(zeros(year=2021)))
    assert (found.code, found.severity) == ("cross_year.carry_over", "info")


PROBLEMS_2023 = (
    "2023 年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。"
    "如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。"
    "针对存在问题，下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、"
    "健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。"
)


def test_it_measures_a_section_copied_from_last_year():
    last, this = zeros(year=2023), zeros(year=2024)
    last.text["problems"] = PROBLEMS_2023
    this.text["problems"] = PROBLEMS_2023.replace("2023", "2024").replace("\n", "")
    this.text["other"] = "无。"
    last.text["other"] = "无。"
    (found,) = audit(reading(this), previous=reading(last))
    assert (found.code, found.severity, found.where) == (
        "copy.previous_year",
        "warning",
        "text.problems",
    )
    assert found.message == "第五部分“五、存在的主要问题及改进情况”与上年报告相同的文字占 100%"


def test_copied_share_counts_the_characters_inside_shared_runs():
    assert copied_share("甲乙丙丁戊己庚辛" * 3, "子丑寅卯辰巳午未") == 0.0
    half = "一二三四五六七八九十" + "天地玄黄宇宙洪荒日月"
    assert copied_share(half, "一二三四五六七八九十，其他的话") == 0.5


def test_what_a_builder_drafted_this_year_is_left_out_of_the_copy_check():
    last, this = zeros(year=2023), zeros(year=2024)
    last.text["problems"] = PROBLEMS_2023
    this.text["problems"] = PROBLEMS_2023.replace("2023", "2024")
    drafted = {"problems": this.text["problems"]}
    assert cross_year_findings(reading(this), reading(last), drafted) == []
    half = "一二三四五六七八九十" + "天地玄黄宇宙洪荒日月"
    last_year = "一二三四五六七八九十，其他的话"
    assert copied_share(half, last_year, generated="天地玄黄宇宙洪荒日月") == 1.0
    assert copied_share(half, last_year, generated="一二三四五六七八九十") == 0.0


def test_findings_come_in_table_order():
    report = zeros()
    report.appeals["review"]["total"] = 1
    report.requests["carry_forward"].update(natural_person=1)
    report.proactive["rules"]["issued"] = -1
    found = audit(reading(report, "…", sections_found=ALL[:5]))
    assert [f.where.split(".")[0] for f in found] == [
        "proactive",
        "requests",
        "requests",
        "appeals",
        "text",
    ]


def test_every_row_key_sorts_inside_table_three():
    from gongkai.report.audit.labels import position

    for fmt in ("2021", "2019"):
        places = [
            position(Finding("x", "error", "", where=f"requests.{k}.total"))
            for k in request_row_keys(fmt)
        ]
        assert places == sorted(places)


def test_a_json_report_has_its_table_sections_without_headings():
    json_reading = Reading(
        source="r004.json", report=zeros(), text="…", sections_found=["overview", "other"]
    )
    (found,) = audit(json_reading)
    assert found.message == "缺少第五部分“五、存在的主要问题及改进情况”"


def test_no_request_received_stated_in_words_against_a_table_with_requests():
    text = "2024 年，未接到政府公开的申请。"
    (found,) = audit(reading(hongze_2024(), text, sections_found=ALL))
    assert found.message == (
        "正文称“未接到政府公开的申请”，但表三“一、本年新收政府信息公开申请数量”总计为 95"
    )


def test_a_report_with_rows_and_columns_absent_is_checked_where_it_can_be():
    report = zeros()
    del report.requests["other.other"]
    del report.requests["granted"]["other_org"]
    report.requests["new"].update(natural_person=1)
    found = audit(reading(report))
    assert [(f.code, f.where) for f in found] == [
        ("reconcile.row_total", "requests.new.total"),
        ("reconcile.balance", "requests.carry_forward.natural_person"),
    ]
