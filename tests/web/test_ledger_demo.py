"""The demo data of the ledger and the appeals register: complete, idempotent, never in the future."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.appeals import demo as appeals_demo
from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.models import Appeal
from gongkai.web.ledger import demo as ledger_demo
from gongkai.web.ledger.figures import overview_facts, table_two
from gongkai.web.ledger.models import Item, ItemEvent, NormativeDocument

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 10)


def counts():
    return (
        Item.objects.count(),
        ItemEvent.objects.count(),
        NormativeDocument.objects.count(),
        Appeal.objects.count(),
    )


def test_each_department_gets_two_years_of_ledger_and_appeals_and_loading_twice_adds_nothing(
    agency_a, agency_b, alice, bob, charlie
):
    from gongkai.web.accounts.models import User

    User.objects.create(username="b-reviewer", agency=agency_b, is_reviewer=True)
    ledger_demo.load(TODAY)
    appeals_demo.load(TODAY)
    first = counts()
    ledger_demo.load(TODAY)
    appeals_demo.load(TODAY)
    assert counts() == first

    for agency in (agency_a, agency_b):
        last_year = overview_facts(agency, 2024)
        assert last_year["published"] == 22
        assert sum(1 for n in last_year["by_channel"].values() if n) >= 4
        assert last_year["corrections"] >= 2 and last_year["withdrawals"] == 1
        assert overview_facts(agency, 2025)["published"] > 0
        two = table_two(agency, 2024, "2021")
        assert two["normative_documents"] == {"issued": 2, "abolished": 1, "in_force": 3}
        assert two["licensing"]["decisions"] is not None
        four = table_four(agency, 2024)
        assert four["review"]["total"] >= 3
        assert four["review"]["upheld"] >= 1 and four["review"]["corrected"] >= 1
        assert four["review"]["pending"] >= 1
    assert not Item.objects.filter(published_on__gt=TODAY).exists()
    assert not Appeal.objects.filter(filed_on__gt=TODAY).exists()
    assert Item.objects.filter(state="checked").count() == 4  # two per department wait for review
    assert {a.result for a in Appeal.objects.all()} == {"upheld", "corrected", "other", "pending"}


@pytest.mark.parametrize("today", [date(2025, 1, 1), date(2025, 12, 31)])
def test_the_demo_loads_on_the_first_and_last_day_of_a_year(agency_a, alice, bob, today):
    ledger_demo.load(today)
    appeals_demo.load(today)
    assert Item.objects.filter(agency=agency_a, published_on__year=today.year - 1).count() == 22
    assert not Item.objects.filter(published_on__gt=today).exists()
    assert not Appeal.objects.filter(filed_on__gt=today).exists()
    assert not Appeal.objects.filter(decided_on__gt=today).exists()
