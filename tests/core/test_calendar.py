"""The working-day calendar against the State Council's real holiday schedules."""

from datetime import date, timedelta

import pytest
from chinese_calendar import constants

from gongkai.clock import WorkCalendar, YearSchedule, load_schedule, parse_schedule

CAL = WorkCalendar()


def test_it_counts_the_2024_national_day_working_weekends():
    assert CAL.is_working_day(date(2024, 9, 29))  # Sunday
    assert CAL.is_working_day(date(2024, 10, 12))  # Saturday
    assert not CAL.is_working_day(date(2024, 10, 1))
    assert not CAL.is_working_day(date(2024, 10, 7))  # Monday, holiday
    assert not CAL.is_working_day(date(2024, 10, 13))  # ordinary Sunday


def test_it_knows_the_2026_schedule_as_published():
    # 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）：上班的周末
    published = [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]
    assert CAL.working_weekends(2026) == published
    # 春节 2月15日至23日放假
    assert not any(CAL.is_working_day(date(2026, 2, d)) for d in range(15, 24))
    assert CAL.is_working_day(date(2026, 2, 24))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_tiaoxiu_day_is_handled(year):
    weekends = sorted(d for d in constants.workdays if d.year == year)
    assert weekends, "chinesecalendar should know the year"
    for d in weekends:
        assert d.weekday() >= 5
        assert CAL.is_working_day(d), d
    assert CAL.working_weekends(year) == weekends
    for d in (d for d in constants.holidays if d.year == year):
        assert not CAL.is_working_day(d), d


def test_add_working_days_skips_holidays_and_counts_working_weekends():
    # Friday 2024-09-27: 09-29 (Sunday, working) is the 1st, 09-30 the 2nd, 10-08 the 3rd.
    assert CAL.add_working_days(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert CAL.add_working_days(date(2024, 9, 27), 3) == date(2024, 10, 8)
    assert CAL.add_working_days(date(2024, 9, 27), 0) == date(2024, 9, 27)
    assert CAL.working_days_between(date(2024, 9, 27), date(2024, 10, 8)) == 3
    assert CAL.working_days_between(date(2024, 10, 8), date(2024, 9, 27)) == -3


def test_working_days_left_is_negative_once_the_due_date_has_passed():
    friday = date(2025, 2, 21)
    assert CAL.working_days_left(date(2025, 2, 20), friday) == 1
    assert CAL.working_days_left(friday, friday) == 0
    assert CAL.working_days_left(date(2025, 2, 22), friday) == -1  # Saturday
    assert CAL.working_days_left(date(2025, 2, 25), friday) == -2


def test_add_working_days_matches_a_day_by_day_count():
    start = date(2023, 12, 1)
    d, counted = start, 0
    for _ in range(800):
        d += timedelta(days=1)
        if CAL.is_working_day(d):
            counted += 1
            assert CAL.add_working_days(start, counted) == d


def test_a_year_without_a_schedule_is_provisional_and_weekends_only():
    assert CAL.is_provisional(date(2027, 1, 1))
    assert not CAL.is_provisional(date(2026, 12, 31))
    assert CAL.is_working_day(date(2027, 1, 1))  # a Friday: unknown holiday, weekends only
    assert not CAL.is_working_day(date(2027, 1, 2))


SAMPLE = """
# Hypothetical schedule used only by the tests: NOT an official notice.
year = 2027
source = "测试用样例"
holidays = ["2027-01-01", "2027-02-05..2027-02-11", 2027-05-03]
working_days = ["2027-02-13"]
"""


def test_a_loaded_schedule_overrides_and_is_exact(tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    schedule = load_schedule(path)
    assert schedule.year == 2027 and schedule.source == "测试用样例"
    assert len(schedule.holidays) == 1 + 7 + 1
    cal = WorkCalendar(overrides={2027: schedule})
    assert not cal.is_provisional(date(2027, 6, 1))
    assert not cal.is_working_day(date(2027, 1, 1))
    assert not cal.is_working_day(date(2027, 2, 8))
    assert cal.is_working_day(date(2027, 2, 13))  # Saturday
    assert not cal.is_working_day(date(2027, 5, 3))  # TOML date literal


def test_a_loaded_file_overrides_the_package():
    schedule = YearSchedule(2024, holidays=frozenset({date(2024, 3, 4)}), source="测试")
    cal = WorkCalendar(overrides={2024: schedule})
    assert not cal.is_working_day(date(2024, 3, 4))
    assert not cal.is_working_day(date(2024, 9, 29))  # the package's 调休 no longer applies


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year = 2027\nholidays = ['2027-13-01']", "无法识别的日期"),
        ("holidays = []", "year"),
        ("year = 2027\nholidays = ['2028-01-01']", "其他年份"),
        ("year = 2027\nworking_days = ['2027-01-04']", "本来就是工作日"),
        ("year = 2027\nholidays = ['2027-02-13']\nworking_days = ['2027-02-13']", "既列为放假日"),
        ("year = 2027\nholidays = ['2027-02-11..2027-02-05']", "结束日早于开始日"),
        ("year = 2027\nholiday = []", "无法识别的字段"),
        ("year = ", "TOML"),
    ],
)
def test_bad_schedule_files_get_a_chinese_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_schedule(text)


def test_dates_outside_the_calendar_are_refused_in_chinese():
    with pytest.raises(ValueError, match="超出工作日历的范围"):
        CAL.is_working_day(date(1999, 1, 1))
