"""Properties of the check on generated texts: it never fails, and every finding points at
its own text. Fragments are drawn from what the checks look for, so that they fire often."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.check import CheckOptions, check_text
from gongkai.text.sums import narrative_sum_findings

FRAGMENTS = [
    "共",
    "其中",
    "余",
    "条",
    "件",
    "，",
    "、",
    "。",
    "；",
    "：",
    "（",
    "）",
    "\n",
    "\t",
    " ",
    "今年",
    "本年",
    "年初",
    "疫情",
    "2019",
    "2020",
    "2021",
    "年",
    "月",
    "日",
    "以来",
    "一是",
    "二是",
    "三是",
    "（一）",
    "（三）",
    "一、",
    "三、",
    "1.",
    "3.",
    "(2)",
    "秘密",
    "★",
    "机密",
    "内部资料",
    "不得外传",
    "密级：",
    "1",
    "3",
    "8",
    "0",
    "13951012345",
    "0597-7532449",
    "11010519491231002X",
    "4111111111111111",
    "@",
    "a@b.cn",
    "宁A12345",
    "号",
    "单元",
    "室",
    "502",
    "新冠肺炎",
    "按装",
    "台帐",
    "%",
    "-",
    "至",
]

texts = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_finding_points_at_its_own_text(text):
    for f in check_text(text, CheckOptions(year=2022, previous=text[::-1])):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.message


@settings(max_examples=300, deadline=None)
@given(texts)
def test_sums_never_fail_and_stay_in_the_text(text):
    for f in narrative_sum_findings(text):
        assert text[f.start : f.end] == f.text
        assert f.code == "narrative.sum" and f.severity == "error"
