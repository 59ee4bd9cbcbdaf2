"""Bounded work for every input: free-text limits in the forms and the services, and a
repeat hint whose cost does not grow with what was typed."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web import bounds
from gongkai.web.requests import services
from gongkai.web.requests.forms import FilterForm, StepForm
from gongkai.web.requests.models import Request

from .test_portal import FORM


@pytest.fixture
def form(agency_a):
    return {**FORM, "agency": str(agency_a.pk)}


def test_the_apply_form_says_the_limit_of_the_description(client, agency_a):
    page = client.get("/apply/").content.decode()
    assert "不超过 3000 字" in page and 'maxlength="3000"' in page


def test_a_description_over_the_limit_is_refused_and_kept(client, form):
    typed = "请公开" + "甲" * 3000  # 3003 characters
    response = client.post("/apply/", {**form, "description": typed})
    page = response.content.decode()
    assert "不得超过 3000 字（现为 3003 字）" in page
    assert typed in page  # nothing the applicant typed is lost
    assert "李四" in page
    assert not Request.objects.exists()


def test_an_eleven_megabyte_description_is_refused_by_the_form_too(client, form):
    response = client.post("/apply/", {**form, "description": "x" * (11 * 1024 * 1024)})
    assert "不得超过 3000 字" in response.content.decode()
    assert not Request.objects.exists()


def test_the_service_refuses_what_did_not_come_through_a_form(agency_a):
    data = {**FORM, "description": "x" * 3001}
    data.pop("confirm")
    with pytest.raises(services.TransitionError, match="所需政府信息的描述”不得超过 3000 字"):
        services.register(
            agency_a,
            data,
            channel="in_person",
            submitted_at=None,
            received_on=date(2024, 3, 4),
            today=date(2024, 3, 4),
        )
    assert not Request.objects.exists()


def test_the_repeat_hint_compares_a_bounded_part_of_each_description(make_request, agency_a):
    """Descriptions stored before the limit (or grown by corrections) may be huge: the hint
    reads the first REPEAT_CHARS characters from the database and compares those."""
    text = "2024年平罗县城区学校学区划分方案及其依据，" * 100  # 2,200 characters
    earlier = make_request(agency_a, received_on=date(2024, 3, 4), description=text[:2900])
    later = make_request(agency_a, received_on=date(2024, 3, 11), description=text[:2900])
    huge = text * 2400  # 5 million characters
    Request.objects.filter(pk__in=[earlier.pk, later.pk]).update(description=huge)
    later.refresh_from_db()
    hits = services.possible_repeats(later)
    assert [(other.pk, score) for other, score in hits] == [(earlier.pk, 100)]
    assert len(hits[0][0].head) == bounds.REPEAT_CHARS


def test_the_repeat_hint_still_tells_different_requests_apart(make_request, agency_a):
    earlier = make_request(agency_a, received_on=date(2024, 3, 4), description="学区划分方案")
    later = make_request(agency_a, received_on=date(2024, 3, 11), description="食品抽检结果")
    assert earlier.pk != later.pk
    assert services.possible_repeats(later) == []


def test_a_correction_over_the_limit_is_shown_again_with_the_reason(
    client, make_request, agency_a, alice
):
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请补充身份证明"),
        today=date(2024, 3, 6),
    )
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    typed = "补" * 3001
    response = client.post(f"/track/{req.pk}/correct/", {"description": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "不得超过 3000 字（现为 3001 字）" in page and typed in page
    req.refresh_from_db()
    assert req.state == "correction_requested"


def test_staff_notes_and_the_search_box_are_bounded_too():
    step = StepForm(data={"on": "2024-03-05", "note": "注" * (bounds.TEXT_MAX + 1)})
    assert not step.is_valid()
    assert "不得超过 2000 字（现为 2001 字）" in step.errors["note"][0]
    assert "不超过 2000 字" in step.fields["note"].help_text
    search = FilterForm(data={"q": "查" * 201})
    assert not search.is_valid() and "不得超过 200 字" in search.errors["q"][0]


def test_a_field_keeps_its_own_narrower_limit():
    step = StepForm()
    assert step.fields["third_party"].max_length == 200
    assert step.fields["third_party"].widget.attrs["maxlength"] == "200"


def test_ledger_and_appeals_forms_are_bounded(agency_a):
    from gongkai.web.appeals.forms import AppealForm
    from gongkai.web.ledger.forms import ItemForm

    item = ItemForm(agency=agency_a)
    assert item.fields["body"].max_length == bounds.BODY_MAX
    assert item.fields["title"].max_length == 300  # the column's own width
    appeal = AppealForm(agency=agency_a, today=date(2024, 6, 1))
    assert appeal.fields["note"].max_length == bounds.TEXT_MAX
    assert all(
        f.max_length
        for f in [*item.fields.values(), *appeal.fields.values()]
        if type(f).__name__ == "CharField"
    )
