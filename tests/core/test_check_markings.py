"""secret.marking: classification markings and internal-use notices, not the legal categories."""

from __future__ import annotations

import pytest

from gongkai.check.markings import marking_findings
from tests.conftest import seed


def found(text: str) -> list[tuple[str, str]]:
    return [(f.severity, f.text or "") for f in marking_findings(text)]


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("机密★10年\n关于……的通知", "机密★10年"),
        ("秘密★1年", "秘密★1年"),
        ("绝密★长期", "绝密★长期"),
        ("★秘密★5年", "★秘密★5年"),
        ("工作秘密★", "工作秘密★"),
        ("密级：秘密", "密级：秘密"),
        ("秘密\n关于……的报告", "秘密"),
        ("**内部资料**\n正文", "内部资料"),
        ("内部资料 注意保存\n", "内部资料 注意保存"),
        ("（内部资料）关于……", "（内部资料）"),
        ("【内部使用】", "【内部使用】"),
        ("（信息公开形式：不予公开）", "信息公开形式：不予公开"),
        ("此件不公开", "此件不公开"),
    ],
)
def test_markings_are_errors(text, marking):
    assert found(text) == [("error", marking)]


@pytest.mark.parametrize("text", ["涉密文件不得外传。", "本材料仅供内部参考。", "严禁外传"])
def test_internal_notices_inside_a_sentence_are_warnings(text):
    assert [s for s, _ in found(text)] == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "1. 属于国家秘密\t0\t0\t0",
        "\t1.属于国家秘密\n",
        "涉及工作秘密、商业秘密和个人隐私的信息不予公开。",
        "把好保密审查关，严格执行保密制度。",
        "严格限制不宜公开的事项。",
        "（三）不予公开\t1. 属于国家秘密",
        "(信息公开形式：此件主动公开)",
        "泄露国家秘密、机密信息的，依法追究责任。",
        "**属于国家秘密**",
    ],
)
def test_legal_categories_and_ordinary_words_are_no_markings(text):
    assert found(text) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_seed_carries_a_marking(prefix):
    assert marking_findings(seed(prefix).read_text(encoding="utf-8")) == []


def test_a_marking_inside_a_long_paragraph_is_found_around_its_anchor():
    prose = "我局认真开展政务公开工作，" * 20
    text = prose + "附件标注机密★10年，" + prose + "材料不得外传。"
    assert found(text) == [("error", "机密★10年"), ("warning", "不得外传")]
    for f in marking_findings(text):
        assert text[f.start : f.end] == f.text


def test_a_long_line_is_no_standalone_marking():
    assert found("秘密" + "，" * 80) == []
