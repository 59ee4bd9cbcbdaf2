from datetime import date

import pytest

from gongkai.text.chinese import chinese_date, chinese_numeral, parse_chinese_numeral


def test_dates_are_written_without_leading_zeros():
    assert chinese_date(date(2024, 3, 4)) == "2024年3月4日"
    assert chinese_date("2025-12-31") == "2025年12月31日"


@pytest.mark.parametrize(
    ("n", "numeral"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (23, "二十三"),
        (99, "九十九"),
    ],
)
def test_numerals_are_written_as_in_the_regulation(n, numeral):
    assert chinese_numeral(n) == numeral
    assert parse_chinese_numeral(numeral) == n


def test_every_numeral_of_1_to_99_reads_back():
    assert [parse_chinese_numeral(chinese_numeral(n)) for n in range(1, 100)] == list(range(1, 100))


def test_what_is_not_a_numeral_of_1_to_99_is_refused():
    assert parse_chinese_numeral("十十") is None
    assert parse_chinese_numeral("一百") is None
    with pytest.raises(ValueError):
        chinese_numeral(0)
    with pytest.raises(ValueError):
        chinese_numeral(100)
