"""Issue 9: an appeal is shown on its request's page, and a 结果纠正 decision that orders a
new reply reopens the request with the period the decision sets."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.requests import services
from gongkai.web.requests.models import Request

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(make_request, agency_a, alice, bob):
    req = make_request(agency_a, received_on=date(2024, 1, 8))
    for action, user, extra in (
        ("start", alice, {}),
        ("draft_reply", alice, {"disposition": "withheld.internal_affairs", "note": "内部事务"}),
        ("review_reply", bob, {}),
        ("send_reply", bob, {}),
    ):
        services.perform(
            req, action, user, services.Step(on=date(2024, 1, 15), **extra), today=date(2024, 1, 15)
        )
    req.refresh_from_db()
    assert req.state == "replied"
    return req


def case(req, **extra):
    return {
        "kind": "review",
        "appellant": "张三",
        "case_number": "平政复〔2024〕3号",
        "filed_on": "2024-02-01",
        "result": "pending",
        "request": req.pk,
        **extra,
    }


def test_the_appeal_is_shown_on_its_requests_page(alice_client, replied):
    alice_client.post("/appeals/new/", case(replied))
    page = alice_client.get(f"/desk/{replied.pk}/").content.decode()
    assert "行政复议、行政诉讼" in page and "平政复〔2024〕3号" in page and "尚未审结" in page


def test_a_corrected_decision_reopens_the_request_with_the_period_it_sets(
    alice_client, replied, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-05")
    alice_client.post("/appeals/new/", case(replied))
    appeal = replied.appeals.get()
    response = alice_client.post(
        f"/appeals/{appeal.pk}/edit/",
        case(replied, result="corrected", decided_on="2024-03-01", redo_days="15"),
    )
    assert response.status_code == 302
    req = Request.objects.get(pk=replied.pk)
    # 15 working days after Friday 2024-03-01: 03-04..08, 11..15, 18..22 → 03-22.
    assert (req.state, req.closed_on, req.disposition, req.due_on) == (
        "in_progress",
        None,
        "",
        date(2024, 3, 22),
    )
    assert req.events.last().action == "reopen"
    page = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert "结果纠正，重新办理" in page and "责令15个工作日内重新答复" in page


def test_a_period_without_a_corrected_result_is_refused(alice_client, replied, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-05")
    response = alice_client.post(
        "/appeals/new/", case(replied, result="upheld", decided_on="2024-03-01", redo_days="15")
    )
    assert "只有结果纠正" in response.content.decode()
    assert Request.objects.get(pk=replied.pk).state == "replied"


def test_an_imported_corrected_decision_reopens_the_request_too(replied, alice, agency_a):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gongkai.web.appeals.importing import import_appeals

    text = (
        "类型,案号,申请人/原告,申请/立案日期,审结日期,结果,复议机关/受理法院,申请编号,"
        "重新答复期限（工作日）\n"
        "行政复议,平政复〔2024〕3号,张三,2024-02-01,2024-03-01,纠正,平罗县人民政府,"
        "平卫依申[2024]1号,15\n"
        "行政复议,平政复〔2024〕4号,张三,2024-02-01,2024-03-01,维持,平罗县人民政府,"
        "平卫依申〔2024〕1号,15\n"
    )
    outcome = import_appeals(
        agency_a,
        alice,
        "appeals.csv",
        text.encode(),
        date(2024, 3, 5),
        datetime(2024, 3, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    assert outcome.created == 1 and "只有结果纠正" in outcome.bad[0]["reason"]
    req = Request.objects.get(pk=replied.pk)
    assert (req.state, req.due_on) == ("in_progress", date(2024, 3, 22))
