"""The auditor on the real reports: the problems a careful reader finds, and no others."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from gongkai.report.audit import audit
from gongkai.report.read import read_path as _read_path
from tests.conftest import FIXTURES, seed

HONGZE_2023 = FIXTURES / "reports" / "hongze-2023.pdf"
HONGZE_2024 = FIXTURES / "reports" / "hongze-2024.pdf"


@cache
def read_path(path: Path):
    """Each fixture read once (PDFs take a while); the auditor does not change a reading."""
    return _read_path(path)


def findings_of(path: Path, previous: Path | None = None):
    return audit(read_path(path), read_path(previous) if previous else None)


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_seed_000_has_two_narrative_sums_that_do_not_add_up():
    found = by_code(findings_of(seed("000")), "narrative.sum")
    assert len(found) == 2
    assert "1297" in found[0].message and "1350" in found[0].message  # 172 + 829 + 296
    assert "269" in found[1].message and "268" in found[1].message  # 120 + 147 + 2


def test_seed_000_has_missing_cells_and_no_false_arithmetic():
    found = findings_of(seed("000"))
    # Rows （一） to （五） and 四 print fewer figures than columns: the reader says so,
    # as missing cells or as cells it could infer from the reconciliation rules.
    unread = {f.where for f in [*by_code(found, "cell.missing"), *by_code(found, "cell.inferred")]}
    assert {"requests.granted", "requests.carry_forward"} <= {
        ".".join(w.split(".")[:2]) for w in unread
    }
    assert not by_code(found, "narrative.table_conflict")
    assert not by_code(found, "year.conflict")
    assert not by_code(found, "format.mismatch")
    assert not by_code(found, "section.missing")


def test_seed_001_has_an_empty_appeals_table():
    found = findings_of(seed("001"))
    missing = [f for f in by_code(found, "cell.missing") if f.where.startswith("appeals")]
    assert missing
    assert not by_code(found, "reconcile.appeals_total")
    assert not by_code(
        found, "narrative.table_conflict"
    )  # "行政复议\n\n议0件、诉讼0件" vs nothing read


def test_seed_002_title_year_conflicts_with_its_body():
    (conflict,) = by_code(findings_of(seed("002")), "year.conflict")
    assert "2022" in conflict.message and "2023" in conflict.message


def test_seed_003_is_a_2020_report_in_the_trial_format_as_it_should_be():
    reading = read_path(seed("003"))
    assert (reading.report.year, reading.report.format) == (2020, "2019")
    found = audit(reading)
    assert not by_code(found, "format.mismatch")
    assert not by_code(found, "year.conflict")


def test_hongze_2023s_appeals_totals_are_zero_although_cases_are_counted():
    found = by_code(findings_of(HONGZE_2023), "reconcile.appeals_total")
    assert [f.where for f in found] == [
        "appeals.review.total",
        "appeals.litigation_after_review.total",
    ]
    assert "10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，但“总计”为 0" in found[0].message
    assert "5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5，但“总计”为 0" in found[1].message


def test_hongze_2023s_text_agrees_with_its_tables():
    found = findings_of(HONGZE_2023)
    assert not by_code(found, "narrative.table_conflict")  # 21 件 stated, 21 in table 三
    assert not by_code(found, "reconcile.balance")
    assert not by_code(found, "reconcile.disposition_total")


def test_hongze_2024_says_17_requests_where_table_three_has_95():
    (conflict,) = by_code(findings_of(HONGZE_2024), "narrative.table_conflict")
    assert conflict.severity == "error"
    assert "17" in conflict.message and "95" in conflict.message
    assert conflict.where == "requests.new.total"


def test_hongze_2024_after_2023_carries_over_0_as_it_should():
    found = findings_of(HONGZE_2024, previous=HONGZE_2023)
    assert not by_code(found, "cross_year.carry_over")
    assert not [f for f in found if f.code.startswith("reconcile.")]


@pytest.mark.parametrize(
    "path", [*sorted((FIXTURES / "seeds").glob("*.txt")), HONGZE_2023, HONGZE_2024]
)
def test_no_fixture_gets_an_arithmetic_finding_it_does_not_deserve(path):
    codes = Counter(f.code for f in findings_of(path))
    if path != HONGZE_2023:
        assert not [c for c in codes if c.startswith("reconcile.")], codes
    assert "cell.invalid" not in codes


def test_hongze_2024_repeats_part_of_2023s_text_but_below_the_copy_threshold():
    from gongkai.report.audit.cross_year import COPY_THRESHOLD, copied_share

    this, last = read_path(HONGZE_2024).report.text, read_path(HONGZE_2023).report.text
    share = copied_share(this["problems"], last["problems"])
    assert (
        0.3 < share < COPY_THRESHOLD
    )  # 一是扎实推进依申请公开工作… and 继续加强业务指导培训… repeat
    assert copied_share(this["other"], last["other"]) == 1.0  # one sentence, the year changed
    assert not by_code(findings_of(HONGZE_2024, previous=HONGZE_2023), "copy.previous_year")
