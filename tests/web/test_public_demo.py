"""The front door and the staff pages on the demo county's real volume of data: every
link the public and each kind of staff user is shown opens, in the office's words."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.test_public_links import crawl

pytestmark = pytest.mark.django_db
DEMO_LIMIT = 150  # pages per staff user: breadth first, every kind of page comes early


def test_the_public_front_door_of_the_demo_county(demo_county):
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.ledger.models import Item

    wording: dict = {}
    pages = crawl(Client(), "/", wording)
    assert not {p: s for p, s in pages.items() if s >= 400}
    assert not wording, wording
    shown = Item.objects.filter(state="published").first()
    assert f"/published/{shown.agency.code}/{shown.pk}/" in pages or any(
        p.startswith(f"/published/{shown.agency.code}/") for p in pages
    )
    published = AnnualReport.objects.filter(state="published").select_related("agency")
    for report in published[:3]:
        assert f"/annual-reports/{report.agency.code}/" in pages


@pytest.mark.parametrize(
    "flag", ["is_handler", "is_reviewer", "is_head", "is_supervisor", "is_agency_admin"]
)
def test_no_link_a_demo_user_is_shown_leads_to_an_error(demo_county, flag):
    from gongkai.web.accounts.models import User

    user = User.objects.filter(**{flag: True}, is_active=True).order_by("id").first()
    client = Client()
    client.force_login(user)
    wording: dict = {}
    pages = crawl(client, "/desk/", wording, limit=DEMO_LIMIT)
    assert not {p: s for p, s in pages.items() if s >= 400}, user.username
    assert not wording, wording
