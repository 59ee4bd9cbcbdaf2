"""table_two, overview_facts and table_four on hand-counted records (see each docstring)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gongkai.report.model import PROACTIVE_ITEMS
from gongkai.web.accounts.models import User
from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.models import Appeal
from gongkai.web.ledger import services
from gongkai.web.ledger.figures import overview_facts, table_two
from gongkai.web.ledger.models import Category, NormativeDocument, YearlyFigure

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 1, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(agency_a, agency_b, alice, bob):
    """Agency A with Alice (handler) and Bob (reviewer); agency B (tests/web/conftest.py)."""
    return agency_a, agency_b, alice, bob


def doc(agency, kind, number, issued, abolished=None, published=None):
    return NormativeDocument.objects.create(
        agency=agency,
        kind=kind,
        doc_number=number,
        title=f"关于{number}的通知",
        issued_on=issued,
        abolished_on=abolished,
        published_on=published,
    )


def test_table_two_2021_counts_documents_issued_abolished_and_in_force(world):
    a, b, _, _ = world
    doc(a, "normative", "卫发〔2022〕1号", date(2022, 3, 1))  # in force
    doc(
        a, "normative", "卫发〔2023〕5号", date(2023, 5, 10), date(2024, 6, 30)
    )  # abolished mid-year
    doc(a, "normative", "卫发〔2024〕2号", date(2024, 2, 1))  # issued, in force
    doc(a, "normative", "卫发〔2024〕9号", date(2024, 11, 20), date(2025, 3, 1))  # in force at end
    doc(a, "rule", "卫令〔2021〕1号", date(2021, 1, 5), date(2024, 12, 31))  # ceased on 31 Dec
    doc(b, "normative", "教发〔2024〕1号", date(2024, 4, 1))  # another agency
    YearlyFigure.objects.create(
        agency=a,
        year=2024,
        item="licensing",
        field="decisions",
        value=556,
        note="政务服务平台办件统计",
        updated_at=NOW,
    )
    YearlyFigure.objects.create(
        agency=a, year=2024, item="fees", field="amount_wan_yuan", value="0.50", updated_at=NOW
    )
    YearlyFigure.objects.create(
        agency=a, year=2023, item="penalties", field="decisions", value=7, updated_at=NOW
    )

    got = table_two(a, 2024, "2021")

    assert got == {
        "rules": {"issued": 0, "abolished": 1, "in_force": 0},
        "normative_documents": {"issued": 2, "abolished": 1, "in_force": 3},
        "licensing": {"decisions": 556},
        "penalties": {"decisions": None},  # entered for 2023 only
        "enforcement": {"decisions": None},
        "fees": {"amount_wan_yuan": 0.5},
    }
    assert list(got) == [i.key for i in PROACTIVE_ITEMS["2021"]]
    assert isinstance(got["licensing"]["decisions"], int)


def test_table_two_2019_counts_made_published_and_total_published(world):
    a, _, _, _ = world
    doc(a, "normative", "卫发〔2020〕3号", date(2020, 3, 1), published=date(2020, 3, 5))
    doc(a, "normative", "卫发〔2019〕8号", date(2019, 12, 20), published=date(2020, 1, 3))
    doc(a, "normative", "卫发〔2018〕1号", date(2018, 1, 1), abolished=date(2019, 6, 1))
    doc(a, "normative", "卫发〔2017〕2号", date(2017, 1, 1))  # published = issued, in force
    YearlyFigure.objects.create(
        agency=a, year=2020, item="licensing", field="change", value=-2, updated_at=NOW
    )
    YearlyFigure.objects.create(
        agency=a, year=2020, item="procurement", field="amount_yuan", value="25227", updated_at=NOW
    )

    got = table_two(a, 2020, "2019")

    assert got["normative_documents"] == {"made": 1, "published": 2, "total_published": 3}
    assert got["rules"] == {"made": 0, "published": 0, "total_published": 0}
    assert got["licensing"] == {"items_last_year": None, "change": -2, "decisions": None}
    assert got["procurement"] == {"projects": None, "amount_yuan": 25227.0}
    assert got["fees"] == {"items_last_year": None, "change": None}
    assert list(got) == [i.key for i in PROACTIVE_ITEMS["2019"]]


def publish(item, alice, bob, on):
    services.take_action(item, alice, "check", NOW, on)
    services.take_action(item, bob, "approve", NOW, on)
    services.take_action(item, bob, "publish", NOW, on)


def new_item(agency, user, title, channels, article=None, category=None):
    data = {"title": title, "article_item": article, "category": category}
    return services.create_item(agency, user, data, channels, NOW, date(2024, 1, 1))


def test_overview_facts_count_channels_categories_corrections_and_withdrawals(world):
    a, b, alice, bob = world
    top = Category.objects.create(agency=a, name="行政许可", article_item=5)
    sub = Category.objects.create(agency=a, name="行政处罚", parent=top, article_item=6)
    Category.objects.create(agency=a, name="机构职能", article_item=2)
    i1 = new_item(a, alice, "许可公示一", ["portal", "wechat", "weibo"], 5, top)
    publish(i1, alice, bob, date(2024, 3, 1))
    i2 = new_item(a, alice, "处罚决定二", ["portal"], 6, sub)
    publish(i2, alice, bob, date(2024, 5, 1))
    services.take_action(i2, bob, "withdraw", NOW, date(2024, 7, 1), note="信息有误")
    i3 = new_item(a, alice, "年末通知三", ["wechat"])
    publish(i3, alice, bob, date(2023, 12, 30))
    services.take_action(i3, bob, "correct", NOW, date(2024, 1, 10), note="修改错别字")
    new_item(a, alice, "草稿四", ["portal"])  # never published
    i5 = new_item(a, alice, "公告五", ["notice_board", "screen"])
    publish(i5, alice, bob, date(2024, 12, 31))
    services.take_action(i5, bob, "correct", NOW, date(2025, 1, 2), note="更正日期")
    b_handler = User.objects.create(username="b-handler", agency=b, is_handler=True)
    b_reviewer = User.objects.create(username="b-reviewer", agency=b, is_reviewer=True)
    publish(
        new_item(b, b_handler, "教育局信息", ["portal"]), b_handler, b_reviewer, date(2024, 6, 1)
    )

    facts = overview_facts(a, 2024)

    assert facts["published"] == 3  # i1, i2 (withdrawn later), i5
    assert facts["by_channel"] == {
        "portal": 2,
        "wechat": 1,
        "weibo": 1,
        "notice_board": 1,
        "screen": 1,
        "other": 0,
    }
    assert facts["by_article_item"][5] == 1
    assert facts["by_article_item"][6] == 1
    assert facts["by_article_item"][0] == 1
    assert sum(facts["by_article_item"].values()) == 3
    assert facts["by_category"] == [
        {"id": top.id, "name": "行政许可", "count": 1},
        {"id": sub.id, "name": "行政处罚", "count": 1},
    ]
    assert facts["catalog_categories"] == 3
    assert facts["catalog_items"] == 3  # i1, i3, i5 (i2 withdrawn in July)
    assert facts["corrections"] == 1  # i3's; i5's is dated 2025
    assert facts["withdrawals"] == 1
    assert overview_facts(a, 2025)["corrections"] == 1


def test_table_two_counts_in_the_database_without_loading_rows(
    world, django_assert_max_num_queries
):
    a, _, _, _ = world
    for n in range(30):
        doc(a, "normative", f"卫发〔2024〕{n}号", date(2024, 1, 1 + n % 28))
    with django_assert_max_num_queries(3):
        got = table_two(a, 2024, "2021")
    assert got["normative_documents"] == {"issued": 30, "abolished": 0, "in_force": 30}


def appeal(agency, kind, filed, decided=None, result="pending", **kw):
    return Appeal.objects.create(
        agency=agency,
        kind=kind,
        appellant="张某",
        filed_on=filed,
        decided_on=decided,
        result=result,
        **kw,
    )


def test_table_four_counts_the_years_cases_with_their_result_at_year_end(world):
    a, b, _, _ = world
    appeal(a, "review", date(2024, 2, 1), date(2024, 4, 1), "upheld")
    r2 = appeal(a, "review", date(2024, 3, 1), date(2024, 5, 1), "corrected")
    appeal(a, "review", date(2024, 10, 1), date(2025, 1, 15), "upheld")  # pending at year end
    appeal(a, "review", date(2024, 11, 1))  # pending
    appeal(a, "litigation_direct", date(2024, 6, 1), date(2024, 9, 1), "other")
    appeal(a, "litigation_after_review", date(2024, 5, 20), review=r2)
    appeal(a, "review", date(2023, 11, 1), date(2024, 2, 1), "upheld")  # a 2023 case
    appeal(b, "review", date(2024, 5, 1), date(2024, 6, 1), "upheld")  # another agency

    got = table_four(a, 2024)

    assert got == {
        "review": {"upheld": 1, "corrected": 1, "other": 0, "pending": 2, "total": 4},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1},
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 0,
            "other": 0,
            "pending": 1,
            "total": 1,
        },
    }
    assert table_four(a, 2023)["review"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert table_four(a, 2022)["review"]["total"] == 0
    for group in got.values():
        assert (
            group["total"]
            == group["upheld"] + group["corrected"] + group["other"] + group["pending"]
        )
