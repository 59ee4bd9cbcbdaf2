"""wording.flagged: the shared word list, agency lists, the file format and its validation."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.check import CheckOptions, WordEntry, WordList, check_text, shared_words

HEADER = "word,suggestion,severity,note,source,valid_from\n"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("按装", "安装"),
        ("不径而走", "不胫而走"),
        ("迫不急待", "迫不及待"),
        ("再接再励", "再接再厉"),
        ("穿流不息", "川流不息"),
        ("一股作气", "一鼓作气"),
        ("中华人民共和国政府信息公开条列", "政府信息公开条例"),
        ("既使", "即使"),
    ],
)
def test_the_shared_list_knows_common_miswritten_words(wrong, right):
    (finding,) = check_text(f"我们{wrong}了。")
    assert finding.code == "wording.flagged"
    assert finding.suggestion == right
    assert finding.text in wrong


def test_every_shared_entry_names_its_source():
    words = shared_words()
    assert len(words) > 100
    assert all(e.source and e.note for e in words.entries)


def test_the_covid_rename_carries_its_announcement():
    (entry,) = [e for e in shared_words().entries if e.word == "新冠肺炎"]
    assert entry.valid_from == date(2022, 12, 26)
    assert "2022年第7号" in entry.source


def test_the_longest_entry_wins():
    text = "新型冠状病毒肺炎疫情"
    (finding,) = check_text(text, CheckOptions(published_on=date(2023, 2, 1)))
    assert finding.text == "新型冠状病毒肺炎"
    assert finding.suggestion == "新型冠状病毒感染"


def test_an_agency_list_adds_and_overrides(tmp_path):
    path = tmp_path / "agency.csv"
    path.write_text(
        HEADER + "卫健局,卫生健康局,info,本机关简称统一用全称,本局公文规范,\n"
        "按装,安装,info,本局只作提示,本局公文规范,\n",
        encoding="utf-8",
    )
    words = shared_words().merged(WordList.load(path))
    findings = check_text("卫健局按装了新设备。", CheckOptions(words=words))
    assert [(f.text, f.severity) for f in findings] == [("卫健局", "info"), ("按装", "info")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("word,suggestion\n", "表头"),
        (HEADER + "按装,安装,fatal,,,\n", "级别"),
        (HEADER + "按装,安装,error,,,2022/12/26\n", "生效日期"),
        (HEADER + ",安装,error,,,\n", "缺少"),
        (HEADER + "安装,安装,error,,,\n", "相同"),
        (HEADER + "a,b,error,,,,extra\n", "列"),
    ],
)
def test_a_bad_word_list_gets_a_chinese_message_with_its_line(content, message):
    with pytest.raises(ValueError, match=message):
        WordList.parse(content, source="agency.csv")


def test_an_unreadable_word_list(tmp_path):
    with pytest.raises(ValueError, match="无法读取词表文件"):
        WordList.load(tmp_path / "missing.csv")


def test_comment_and_empty_lines_are_skipped():
    words = WordList.parse(HEADER + "# 本局词表\n\n按装,安装,error,,,\n")
    assert [e.word for e in words.entries] == ["按装"]


def test_an_empty_list_finds_nothing():
    assert check_text("按装", CheckOptions(words=WordList())) == []


def test_offsets_are_characters_after_mixed_ascii_and_chinese():
    text = "ABC 按装 def，二〇二三年再接再励！"
    findings = check_text(text)
    assert [(f.text, text[f.start : f.end]) for f in findings] == [
        ("按装", "按装"),
        ("再接再励", "再接再励"),
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("截止 12 月 31 日，共发布信息 380 余条。", "截止"),
        ("2021年截止12月7日，全年共办件975件。", "截止"),
        ("截止到目前，共受理 5 件。", "截止到"),
        ("报名于 5 月 10 日截止。", None),  # 截止 after the date is right
        ("截至 2023 年底，共公开 300 条。", None),
        ("申请截止日期为 6 月 30 日。", None),
    ],
)
def test_jiezhi_before_a_point_in_time_should_be_jiezhi_to(text, flagged):
    found = [(f.text, f.suggestion) for f in check_text(text) if f.code == "wording.flagged"]
    assert found == ([(flagged, "截至")] if flagged else [])


def test_a_word_is_found_where_a_longer_entry_starts_but_does_not_end():
    # pyahocorasick's iter_long dropped "台帐" here: the text ended inside "建立台帐管理制度".
    words = WordList.parse(
        HEADER + "台帐,台账,warning,,,\n建立台帐管理制度,建立台账管理制度,info,,,\n"
    )
    findings = check_text("要建立台帐", CheckOptions(words=words))
    assert [(f.text, f.start, f.end) for f in findings] == [("台帐", 3, 5)]
    findings = check_text("建立台帐管理制度，更新台帐", CheckOptions(words=words))
    assert [(f.text, f.start) for f in findings] == [("建立台帐管理制度", 0), ("台帐", 11)]


def test_an_empty_word_is_refused_where_the_entry_is_made():
    with pytest.raises(ValueError, match="不能为空"):
        WordEntry("", "安装", "error")
