"""Issue 12's leftover: an agency's pages lead to the application form with that agency
already chosen (`/apply/?agency=<code>`)."""

from __future__ import annotations

import re

from django.test import Client


def chosen(html: str) -> list[str]:
    """The values of the selected options of the form's agency list."""
    select = html.split('name="agency"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select)


def test_apply_with_an_agency_code_preselects_that_agency(agency_a, agency_b):
    html = Client().get(f"/apply/?agency={agency_b.code}").content.decode()
    assert chosen(html) == [str(agency_b.pk)]
    assert chosen(Client().get("/apply/").content.decode()) == [""]  # 请选择


def test_an_unknown_agency_code_preselects_nothing(agency_a):
    for query in ("?agency=nowhere", "?agency=", f"?agency={'x' * 5000}"):
        response = Client().get(f"/apply/{query}")
        assert response.status_code == 200
        assert chosen(response.content.decode()) == [""]


def test_the_agency_pages_apply_links_preselect_the_agency(agency_a):
    for page in (f"/agencies/{agency_a.code}/", f"/guide/{agency_a.code}/"):
        html = Client().get(page).content.decode()
        links = set(re.findall(r'href="(/apply/[^"]*)"', html))
        assert f"/apply/?agency={agency_a.code}" in links, page
        for link in links - {"/apply/"}:  # the site-wide navigation keeps the plain form
            assert chosen(Client().get(link).content.decode()) == [str(agency_a.pk)]


def test_a_submission_from_the_preselected_form_goes_to_the_chosen_agency(agency_a, agency_b):
    from gongkai.web.requests.models import Request
    from tests.web.conftest import APPLICANT

    data = {**APPLICANT, "agency": agency_b.pk, "confirm": "on"}
    response = Client().post(f"/apply/?agency={agency_a.code}", data)
    assert response.status_code == 302
    assert Request.objects.get().agency == agency_b  # what was posted, not the link's code
