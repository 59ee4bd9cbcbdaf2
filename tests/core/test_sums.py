"""narrative.sum: totals in prose whose parts do not add up (seed 000 has two)."""

from __future__ import annotations

import pytest

from gongkai.text.sums import narrative_sum_findings
from tests.conftest import seed


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def test_it_finds_both_wrong_sums_of_seed_000():
    text = seed_text("000")
    findings = narrative_sum_findings(text)
    assert [f.message for f in findings] == [
        "其中各项之和为 1297 条，与总数 1350 条不符",
        "其中各项之和为 269 件，与总数 268 件不符",
    ]
    first, second = findings
    assert first.code == "narrative.sum" and first.severity == "error"
    assert first.text == text[first.start : first.end]
    assert first.text.startswith("1350 条，其中，政府信息公开 172 条")
    assert first.text.endswith("政务微博等 296 条")
    assert second.text == "268 件，其中主动公开 120 件，不公开 147，依申请公开 2 件"


def test_it_leaves_the_sums_of_seed_000_that_add_up():
    text = seed_text("000")
    spans = [f.text or "" for f in narrative_sum_findings(text)]
    assert not any("380" in s or "1178" in s for s in spans)


def test_it_finds_the_wrong_sum_of_seed_003():
    # 30 + 44 + 128 + 6 = 208, the report says 277.
    (finding,) = narrative_sum_findings(seed_text("003"))
    assert finding.message == "其中各项之和为 208 条，与总数 277 条不符"


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_it_finds_nothing_in_seeds_without_breakdowns(prefix):
    assert narrative_sum_findings(seed_text(prefix)) == []


@pytest.mark.parametrize(
    "text",
    [
        "共 380 余条，其中 A 300 条，B 85 条。",  # 380 余 may be 385
        "共 100 件，其中 A 60 件，同比增长 20 件，B 40 件。",  # a comparison is no part
        "共 100 件，其中 A 60 件（其中 A1 10 件），B 40 件。",  # brackets: a sub-breakdown
        "共 100 件，其中 A 60 件，B 30 件等。",  # "等": the list is not complete
        "共 100 件，其中 A 60 件。",  # one part says "at least"
        "全年共办件975件，其中0-3 岁 10 件，65 岁以上 965 件。",  # ranges and other units
        "共 100 件，其中 A 占 60%，B 40 件，C 60 件。",  # percentages
        "共 50 件，其中 A 20 件，B 30 件；办结 50 件。",  # the sentence part ends at "；"
        # one list across "；": 13+4+2+7；27；42；65 = 160 (regression: cut at the first "；")
        "共收到申请 160 件，其中自然人 13 件、商业企业 4 件、科研机构 2 件、其他 7 件；"
        "网上申请 27 件；信函申请 42 件；当面申请 65 件。",
        # an aside in brackets may name only some parts
        "发布政策解读 15 篇（其中图解 6 篇、视频解读 3 篇）。",
        # "、" joins the parts; what follows the next "，" is another item
        "共收到申请 23 件，其中当面申请 2 件、网络申请 19 件、信函申请 2 件，上年结转 1 件。",
        "共 10 件，其中 A 4 件，B 6 件，此外另有 3 件正在办理。",
        "主动公开政府信息 2,345 条，其中：（一）政策文件 120 条；（二）工作动态 2,225 条。",
        "共收到申请 10 件（其中网上申请 8 件），办结 10 件，其中予以公开 7 件、不予公开 3 件。",
    ],
)
def test_it_does_not_flag_consistent_or_open_ended_breakdowns(text):
    assert narrative_sum_findings(text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("共 380 余条，其中 A 300 条，B 95 条。", "其中各项之和为 395 条，超过总数 380 余条"),
        ("发布解读 15 篇（其中图解 9 篇、视频 8 篇）。", "其中各项之和为 17 篇，超过总数 15 篇"),
        ("共 100 件，其中 A 160 件。", "其中各项之和为 160 件，超过总数 100 件"),
        ("共受理 10 件；其中：A 5 件；B 4 件。", "其中各项之和为 9 件，与总数 10 件不符"),
        # parts already past the total before "；": more parts cannot make it right
        ("共 10 件，其中 A 8 件、B 5 件；C 1 件。", "其中各项之和为 13 件，与总数 10 件不符"),
        ("共 100 条,其中 A 50 条,B 40 条。", "其中各项之和为 90 条，与总数 100 条不符"),
        (
            "接待 1,200 人次，其中来访 700 人次、来电 600 人次。",
            "其中各项之和为 1300 人次，与总数 1200 人次不符",
        ),
    ],
)
def test_it_flags_breakdowns_that_do_not_add_up(text, message):
    (finding,) = narrative_sum_findings(text)
    assert finding.message == message
    assert finding.text == text[finding.start : finding.end]


def test_it_stops_at_the_sentence_end():
    text = "共 100 件，其中 A 60 件，B 40 件。另有 20 件。"
    assert narrative_sum_findings(text) == []
