"""The check before publishing on the five seed reports: what it finds, and what it must not."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.check import CheckOptions, check_text
from tests.conftest import seed

YEARS = {"000": 2021, "001": 2024, "002": 2022, "003": 2020, "004": 2021}


def run(prefix: str, **options) -> list:
    text = seed(prefix).read_text(encoding="utf-8")
    return check_text(text, CheckOptions(year=YEARS[prefix], **options))


def codes(findings) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in findings]


def test_every_finding_points_at_its_text():
    for prefix in YEARS:
        text = seed(prefix).read_text(encoding="utf-8")
        for f in check_text(text, CheckOptions(year=YEARS[prefix])):
            assert text[f.start : f.end] == f.text, f


def test_seed_000_has_two_wrong_sums_a_gap_in_numbering_and_a_wrong_office_name():
    assert codes(run("000")) == [
        ("wording.flagged", "政府信息公开与政务公开办公室"),
        (
            "narrative.sum",
            "1350 条，其中，政府信息公开 172 条，微信公众号动态信息 829 条，政务微博等 296 条",
        ),
        ("wording.flagged", "截止"),  # "截止 12 月 31 日": 截至
        ("wording.flagged", "截止"),
        ("narrative.sum", "268 件，其中主动公开 120 件，不公开 147，依申请公开 2 件"),
        ("wording.flagged", "截止"),  # "截止12月7日"
        ("numbering.broken", "（六）"),
    ]
    numbering = run("000")[-1]
    assert numbering.message == "编号不连续：“（四）”之后是“（六）”，缺少“（五）”"
    assert numbering.suggestion == "（五）"


def test_seed_002_copied_the_epidemic_sentence_and_opens_with_the_wrong_year():
    findings = run("002")
    assert [(f.code, f.text) for f in findings] == [
        ("stale.year", "2023年"),
        (
            "stale.year",
            "今年年初，我国遭遇了新中国成立以来传播速度最快、感染范围最广、防控难度最大的新冠肺炎疫情",
        ),
    ]
    assert findings[0].suggestion == "2022年"
    assert "2020" in findings[1].message


def test_seed_002_published_after_the_rename_uses_the_old_disease_name():
    findings = run("002", published_on=date(2023, 1, 20))
    flagged = [f for f in findings if f.code == "wording.flagged"]
    assert [f.text for f in flagged] == ["新冠肺炎"] * 3
    assert {f.suggestion for f in flagged} == {"新冠病毒感染"}


def test_the_rename_does_not_apply_before_it_was_made():
    text = "及时发布新冠肺炎疫情防控信息。"
    assert check_text(text, CheckOptions(published_on=date(2022, 12, 25))) == []
    assert check_text(text, CheckOptions(year=2022)) == []  # a 2022 text may predate it
    assert [f.code for f in check_text(text, CheckOptions(year=2023))] == ["wording.flagged"]


def test_seed_003_lists_its_office_numbers_in_its_contact_block_which_the_agency_may_allow():
    findings = run("003")
    assert [(f.code, f.severity, f.text) for f in findings if f.code == "personal.phone"] == [
        ("personal.phone", "info", "0597-7532449"),
        ("personal.phone", "info", "0597-7530680"),
    ]
    allowed = run("003", allowed_phones=("0597-7532449", "05977530680"))
    assert [f.code for f in allowed] == ["narrative.sum"]


def test_seed_001_writes_tai_zhang_with_the_wrong_character():
    assert codes(run("001")) == [("wording.flagged", "台帐")]


def test_seed_004_is_clean():
    assert run("004") == []


@pytest.mark.parametrize("prefix", list(YEARS))
def test_no_seed_leaks_personal_data_or_markings(prefix):
    found = {f.code for f in run(prefix, allowed_phones=("0597-7532449", "0597-7530680"))}
    assert not {c for c in found if c.startswith(("personal.", "secret."))}


def test_findings_come_in_the_order_of_the_text():
    text = "秘密★1年\n联系人手机 13951012345。既使如此，2019年共收到 10 件，其中 A 5 件，B 6 件。"
    findings = check_text(text, CheckOptions(year=2021))
    assert [f.code for f in findings] == [
        "secret.marking",
        "personal.phone",
        "wording.flagged",
        "narrative.sum",
    ]
    starts = [f.start for f in findings]
    assert starts == sorted(starts)


def test_options_are_checked_where_they_are_made():
    with pytest.raises(ValueError, match="年份"):
        CheckOptions(year=20)
    with pytest.raises(ValueError, match="电话号码"):
        CheckOptions(allowed_phones=("12",))
    with pytest.raises(ValueError, match="电子邮箱"):
        CheckOptions(allowed_emails=("not an address",))
    with pytest.raises(ValueError, match="相似度"):
        CheckOptions(repeat_ratio=1.5)


def test_it_finds_paragraphs_repeated_from_the_previous_report():
    previous = seed("000").read_text(encoding="utf-8")
    # Last year's problems paragraph, copied with one word changed.
    copied = (
        "2022年，我局政府信息公开工作平稳有序推进，但还存在一些薄弱环节：一是信息公开及时性有待"
        "进一步强化；二是信息公开内容有待进一步深化；三是信息公开质量有待进一步提高。"
    )
    text = (
        "一、总体情况\n"
        + copied
        + "\n今年新增的段落，内容与去年完全不同，讲的是新的工作安排和新的问题。\n"
    )
    findings = check_text(text, CheckOptions(year=2022, previous=previous))
    (repeat,) = [f for f in findings if f.code == "copy.previous"]
    assert repeat.text == copied
    assert "相似度 9" in repeat.message


def test_the_national_tables_are_not_reported_as_repeated():
    previous = seed("000").read_text(encoding="utf-8")
    same_tables = seed("004").read_text(encoding="utf-8")
    findings = check_text(same_tables, CheckOptions(year=2021, previous=previous))
    assert [f for f in findings if f.code == "copy.previous"] == []


def test_check_texts_gives_what_check_text_gives_text_by_text():
    from gongkai.check import check_texts

    texts = [seed(p).read_text(encoding="utf-8") for p in YEARS]
    options = CheckOptions(year=2021, previous=texts[0])
    assert check_texts(texts, options) == [check_text(t, options) for t in texts]
    assert check_texts([]) == []
