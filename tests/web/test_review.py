"""gongkai.web.review: findings inline on a text, decisions stored, open errors block publishing.

The checked object here is agency A itself (any model will do): its "text" comes from a
getter, as an app with a computed text would register it. Bob reviews in A and may
decide; Alice only handles; Charlie belongs to B.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client, RequestFactory

from gongkai.web.accounts.models import Agency
from gongkai.web.review import registry, services
from gongkai.web.review.models import CheckDecision

TZ = ZoneInfo("Asia/Shanghai")
PHONE = "13951012345"
TEXT = f"联系人：张某，手机 {PHONE}。\n（一）甲\n（三）丙<script>alert(1)</script>\n"
TEXTS: dict[int, str] = {}


@pytest.fixture
def registered(agency_a):
    TEXTS[agency_a.pk] = TEXT
    registry.register(
        Agency,
        fields=("notice",),
        may_decide=lambda user, obj: bool(user.is_reviewer and user.agency_id == obj.pk),
        text=lambda obj, field: TEXTS[obj.pk],
    )
    yield agency_a
    registry.unregister(Agency)
    TEXTS.clear()


def phone_finding(agency):
    (finding,) = [f for f in services.open_errors(agency, "notice", TEXT)]
    return finding


def post_decision(client, agency, finding, decision="accepted", **extra):
    data = {
        "app_label": "accounts",
        "model": "agency",
        "pk": agency.pk,
        "field": "notice",
        "code": finding.code,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "decision": decision,
        "note": "本人同意公开的工作手机",
        "next": "/ledger/",
    }
    data.update(extra)
    return client.post("/review/decide/", data)


def test_an_unaccepted_error_is_open_and_blocks_publishing(registered):
    finding = phone_finding(registered)
    assert (finding.code, finding.text) == ("personal.phone", PHONE)


def test_accepting_closes_the_error_and_fixed_does_not(registered, bob):
    finding = phone_finding(registered)
    at = datetime(2024, 3, 4, 10, 0, tzinfo=TZ)
    services.decide(registered, "notice", finding, "fixed", bob, at)
    assert services.open_errors(registered, "notice", TEXT) == [finding]
    services.decide(registered, "notice", finding, "accepted", bob, at, note="工作手机")
    assert services.open_errors(registered, "notice", TEXT) == []


def test_a_decision_does_not_carry_over_to_a_changed_text(registered, bob):
    finding = phone_finding(registered)
    services.decide(registered, "notice", finding, "accepted", bob, datetime.now(TZ))
    moved = "新增一句。" + TEXT
    assert [f.text for f in services.open_errors(registered, "notice", moved)] == [PHONE]


def test_the_reviewer_stores_a_decision_through_the_view(registered, bob, bob_client):
    response = post_decision(bob_client, registered, phone_finding(registered))
    assert response.status_code == 302
    assert response["Location"] == "/ledger/"
    (row,) = CheckDecision.objects.all()
    assert (row.user, row.decision, row.text, row.note) == (
        bob,
        "accepted",
        PHONE,
        "本人同意公开的工作手机",
    )
    assert (row.app_label, row.model, row.object_pk, row.field) == (
        "accounts",
        "agency",
        str(registered.pk),
        "notice",
    )
    assert services.open_errors(registered, "notice", TEXT) == []


@pytest.mark.parametrize("who", ["alice_client", "charlie_client"])
def test_others_may_not_decide(registered, who, request):
    client = request.getfixturevalue(who)
    assert post_decision(client, registered, phone_finding(registered)).status_code == 403
    assert not CheckDecision.objects.exists()


def test_anonymous_users_are_sent_to_log_in(registered):
    response = post_decision(Client(), registered, phone_finding(registered))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CheckDecision.objects.exists()


def test_only_post_with_a_csrf_token(registered, bob):
    assert Client().get("/review/decide/").status_code in (302, 405)
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert client.get("/review/decide/").status_code == 405
    assert post_decision(client, registered, phone_finding(registered)).status_code == 403
    assert not CheckDecision.objects.exists()


def test_unregistered_models_and_fields_are_not_found(registered, bob_client):
    finding = phone_finding(registered)
    assert post_decision(bob_client, registered, finding, field="name").status_code == 404
    assert post_decision(bob_client, registered, finding, model="user").status_code == 404
    assert post_decision(bob_client, registered, finding, pk="999999").status_code == 404
    assert not CheckDecision.objects.exists()


def test_a_finding_that_is_not_in_the_text_is_refused(registered, bob_client):
    finding = phone_finding(registered)
    response = post_decision(bob_client, registered, finding, start=finding.start + 1)
    assert response.status_code == 302
    assert not CheckDecision.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["该问题已不在当前文本中（文本可能已修改），请刷新页面"]


def test_a_missing_decision_is_refused(registered, bob_client):
    response = post_decision(bob_client, registered, phone_finding(registered), decision="")
    assert response.status_code == 302
    assert not CheckDecision.objects.exists()


def test_it_never_redirects_off_site(registered, bob_client):
    response = post_decision(
        bob_client, registered, phone_finding(registered), next="https://evil.example/"
    )
    assert response["Location"] == "/"


def test_the_include_highlights_the_findings_with_a_form_each(registered, bob, alice):
    factory = RequestFactory()
    request = factory.get("/ledger/items/1/")
    request.user = bob
    html = services.render_review(request, registered, "notice", TEXT)
    assert '<mark class="review-error"' in html
    assert f'<a href="#finding-1">{PHONE}</a></mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert html.count('name="decision" value="accepted"') == 2  # phone and numbering
    assert "其中 <strong>1</strong> 项错误尚未处理" in html
    assert 'name="next" value="/ledger/items/1/"' in html
    request.user = alice
    assert 'name="decision"' not in services.render_review(request, registered, "notice", TEXT)


def test_the_page_shows_the_decision_taken(registered, bob):
    finding = phone_finding(registered)
    services.decide(
        registered, "notice", finding, "accepted", bob, datetime(2024, 3, 4, 10, 0, tzinfo=TZ)
    )
    request = RequestFactory().get("/")
    request.user = bob
    html = services.render_review(request, registered, "notice", TEXT)
    assert "确认无误，予以保留（" in html and "2024-03-04 10:00" in html
    assert "没有未处理的错误" in html


def test_overlapping_findings_are_cut_into_pieces():
    from gongkai.findings import Finding

    a = Finding("x.a", "warning", "甲", start=0, end=4, text="abcd")
    b = Finding("x.b", "error", "乙", start=2, end=6, text="cdef")
    reviewed = [
        services.ReviewedFinding(1, a, None, 1, 1),
        services.ReviewedFinding(2, b, None, 1, 3),
    ]
    pieces = services.segments("abcdefg", reviewed)
    assert [(p["text"], p["severity"], p["first"]) for p in pieces] == [
        ("ab", "warning", 1),
        ("cd", "error", 1),
        ("ef", "error", 2),
        ("g", "", None),
    ]
