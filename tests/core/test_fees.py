"""Processing fees (国办函〔2020〕109号), checked by hand against the bands."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.clock.fees import fee_per_pages, fee_per_request, quote_per_pages


@pytest.mark.parametrize(
    ("n", "yuan"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_the_nth_request_in_a_month_costs(n, yuan):
    assert fee_per_request(n) == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (150, 1700), (200, 2700), (250, 4700)],
)
def test_pages_are_charged_band_by_band(pages, yuan):
    assert fee_per_pages(pages) == yuan


def test_the_page_fee_is_explained():
    steps = quote_per_pages(150).steps
    assert "第31至100页：70页 × 10元 = 700元" in steps
    assert "第101至200页：50页 × 20元 = 1000元" in steps
    assert steps[-1] == "合计1700元"


@given(st.integers(min_value=1, max_value=5000))
def test_one_more_page_never_costs_less(pages):
    assert fee_per_pages(pages + 1) >= fee_per_pages(pages)


@pytest.mark.parametrize("bad", [0, -3, True])
def test_it_refuses_nonsense_counts(bad):
    with pytest.raises(ValueError, match="正整数"):
        fee_per_pages(bad)
    with pytest.raises(ValueError, match="正整数"):
        fee_per_request(bad)
