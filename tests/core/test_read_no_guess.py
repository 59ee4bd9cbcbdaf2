"""Where a report contradicts itself, the rules do not write a figure for it.

A row whose printed figures no reading can place under its own rule keeps its cells null,
whatever the other rows say; a value the rules give that another rule breaks is taken
back. Each case is a real report with one figure changed, read whitespace kept and with
every whitespace removed (a web archive). A wrong cell is worse than a null.
"""

from __future__ import annotations

import re

from gongkai.documents import extract_text
from gongkai.report.audit import audit
from gongkai.report.read import read_text
from gongkai.report.read_result import Reading
from tests.conftest import FIXTURES, seed

HEADER = "标题:{title}\n发布时间:2024-01-22\n文号:\n发布机构:{agency}\n原文链接:https://x.gov.cn/a.html\n"


def _archived(text: str, reading: Reading) -> str:
    report = reading.report
    title = report.text.get("title", "").replace(" ", "")
    head = HEADER.format(title=title, agency=report.agency or "")
    return head + "-" * 40 + "\n" + re.sub(r"\s+", "", text)


def _hongze_2023() -> str:
    return extract_text(FIXTURES / "html" / "hongze-2023.html")


def _seed_000() -> str:
    return seed("000").read_text(encoding="utf-8")


def _changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


def _printed_or_null(reading: Reading, published: Reading) -> None:
    """Every cell read equals the published reading's, except the rows the change broke."""
    for table in ("requests", "appeals"):
        for key, row in getattr(reading.report, table).items():
            for col, value in row.items():
                if value is not None:
                    assert value == getattr(published.report, table)[key][col], (key, col)


def test_an_archived_row_that_breaks_its_own_total_stays_null() -> None:
    # 2.没有现成信息需要另行制作 printed 3 0 0 0 0 2 3: its only cut into seven figures
    # breaks its total, so none is read; the column totals (which say 3 0 0 0 0 0 3) must
    # not fill it either.
    text = _hongze_2023()
    bad = _changed(text, "另行制作\t3\t0\t0\t0\t0\t0\t3", "另行制作\t3\t0\t0\t0\t0\t2\t3")
    kept = read_text(bad)
    assert list(kept.report.requests["unable.needs_creation"].values()) == [3, 0, 0, 0, 0, 2, 3]
    assert "reconcile.row_total" in {f.code for f in audit(kept)}

    archived = read_text(_archived(bad, kept))
    assert set(archived.report.requests["unable.needs_creation"].values()) == {None}
    missing = {f.where for f in archived.findings if f.code == "cell.missing"}
    assert "requests.unable.needs_creation.other_org" in missing
    _printed_or_null(archived, read_text(text))


def test_an_archived_stray_sign_in_a_row_keeps_the_row_null() -> None:
    # A PDF's page number "-3-" after the row: archived, the row reads "3000003-3", which
    # is not a run of figures; the rules must not fill what it prints.
    text = _hongze_2023()
    bad = _changed(text, "另行制作\t3\t0\t0\t0\t0\t0\t3", "另行制作\t3\t0\t0\t0\t0\t0\t3\n-3-")
    archived = read_text(_archived(bad, read_text(text)))
    assert set(archived.report.requests["unable.needs_creation"].values()) == {None}
    _printed_or_null(archived, read_text(text))


def test_a_short_row_whose_figures_cannot_be_placed_is_not_overwritten_by_the_columns() -> None:
    # Seed 000 prints six figures for seven columns; with 10 among them the only placement
    # its rule allows (总计 10) breaks the column of 法律服务机构, whose 总计 row says 0.
    # The columns must not make the printed 10 a 0.
    bad = _changed(
        _seed_000(),
        "1. 属于国家秘密\t0\t0\t0\t0\t0\t0",
        "1. 属于国家秘密\t0\t0\t0\t0\t10\t0",
    )
    reading = read_text(bad)
    row = reading.report.requests["withheld.state_secret"]
    assert row["legal_service_org"] is None
    assert row["total"] is None
    assert [row[c] for c in ("natural_person", "commercial_enterprise", "other_org")] == [0, 0, 0]
    inferred = [f for f in reading.findings if f.where == "requests.withheld.state_secret"]
    assert all("=10" not in f.message and "“法律服务机构”=0" not in f.message for f in inferred)


def test_values_the_rules_give_that_break_another_rule_are_taken_back() -> None:
    # 一、本年新收 printed 0 0 0 0 0 0 2 (its total breaks its row); 四、结转下年度 prints one 0:
    # the balance rule would give 四 a 总计 of 2 with six parts 0, which breaks 四's own
    # total. No such row is written: 四 stays null, and no false row_total error on it.
    text = _seed_000()
    bad = _changed(
        text,
        "本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t",
        "本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t2\t",
    )
    archived = read_text(_archived(bad, read_text(text)))
    carry = archived.report.requests["carry_forward"]
    assert carry["total"] != 2
    row_totals = [f for f in audit(archived) if f.code == "reconcile.row_total"]
    assert not any("结转" in f.message for f in row_totals)
    _printed_or_null(archived, read_text(text))
