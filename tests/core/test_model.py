from gongkai.report.model import (
    APPLICANT_COLUMNS,
    REQUEST_ROWS,
    Report,
    disposition_keys,
    format_for_year,
    request_row_keys,
)


def test_the_2021_format_has_three_other_rows_and_the_2019_format_one():
    assert [k for k in request_row_keys("2021") if k.startswith("other")] == [
        "other.no_correction",
        "other.fee_unpaid",
        "other.other",
    ]
    assert [k for k in request_row_keys("2019") if k.startswith("other")] == ["other"]


def test_dispositions_sit_between_the_carry_over_and_the_total():
    keys = request_row_keys("2021")
    disp = disposition_keys("2021")
    assert keys[2 : 2 + len(disp)] == disp
    assert len(disp) == 2 + 8 + 3 + 5 + 3
    assert len(REQUEST_ROWS["2019"]) == len(REQUEST_ROWS["2021"]) - 2


def test_a_report_round_trips_through_json():
    report = Report.empty("2021", agency="平罗县卫生健康局", year=2021)
    report.requests["new"]["natural_person"] = 3
    data = report.to_json()
    assert data["schema"] == "gongkai/annual-report@1"
    assert list(data["requests"]["new"]) == [*APPLICANT_COLUMNS, "total"]
    assert Report.from_json(data).to_json() == data


def test_reports_on_2019_and_2020_use_the_trial_format():
    assert format_for_year(2020) == "2019"
    assert format_for_year(2021) == "2021"
