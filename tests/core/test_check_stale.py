"""stale.year: years and dated events that do not belong to the document's year."""

from __future__ import annotations

from gongkai.check.stale import stale_findings


def found(text: str, year: int = 2022) -> list[str]:
    return [f.text or "" for f in stale_findings(text, year)]


def test_a_this_year_sentence_naming_an_old_year():
    assert found("今年，我局完成2019年度目标任务。") == ["2019年"]


def test_this_year_and_last_year_are_fine():
    assert found("今年，我局主动公开信息 300 条，比2021年增加 20 条；2022年共受理 5 件。") == []


def test_next_year_is_fine_when_planning():
    assert found("今年已完成目录编制，2023年将继续推进。") == []


def test_years_in_titles_and_document_numbers_are_references():
    text = "今年，按照《2019年政务公开工作要点》和某政办发〔2019〕3号文件要求开展工作。"
    assert found(text) == []


def test_an_opening_year_that_is_not_the_documents():
    (finding,) = stale_findings("2023年，我委在县委、县政府的正确领导下开展工作。", 2022)
    assert finding.text == "2023年"
    assert finding.suggestion == "2022年"


def test_an_opening_plan_for_next_year_is_fine():
    assert found("2023年，我局将进一步加强政务公开工作。") == []


def test_the_epidemic_of_early_2020_in_a_later_report():
    text = "今年年初，我国遭遇了新冠肺炎疫情。"
    assert found(text, 2022) == ["今年年初，我国遭遇了新冠肺炎疫情"]
    assert found(text, 2020) == []


def test_dated_events():
    assert len(found("今年是“十四五”开局之年。", 2023)) == 1
    assert found("今年是“十四五”开局之年。", 2021) == []
    assert len(found("今年恰逢建党100周年。", 2022)) == 1


def test_without_a_year_there_is_nothing_to_compare():
    assert stale_findings("今年年初，我国遭遇了新冠肺炎疫情。", None) == []


def test_a_span_since_an_earlier_year_is_fine():
    assert found("2018年以来，我局累计公开信息 3000 余条。") == []


def test_a_dated_act_cited_this_year_is_a_reference():
    text = "今年是新修订的《条例》自2019年5月15日起施行后的第四年。"
    assert found(text) == []
    assert found("今年，我局完成2019年5月15日的整改任务。") == ["2019年"]


def test_an_opening_year_with_a_space_as_pdfs_extract_it():
    assert found("2023 年，我委在县委、县政府的正确领导下开展工作。") == ["2023 年"]
