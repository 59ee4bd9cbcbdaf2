"""The appeals register: entered by the agency's staff, linked to a request, counted into
table 四; other agencies see nothing, supervisors read only, bad input gets Chinese messages."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.models import Appeal, AppealEvent

pytestmark = pytest.mark.django_db


def case(**extra):
    return {
        "kind": "review",
        "appellant": "张三",
        "case_number": "平政复〔2024〕3号",
        "filed_on": "2024-04-02",
        "result": "pending",
        **extra,
    }


def test_alice_registers_a_review_about_a_request_and_records_its_result(
    alice_client, agency_a, make_request
):
    req = make_request(agency_a, received_on=date(2024, 1, 8))
    response = alice_client.post("/appeals/new/", case(request=req.pk))
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.request == req and appeal.agency == agency_a
    assert table_four(agency_a, 2024)["review"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }

    response = alice_client.post(
        f"/appeals/{appeal.pk}/edit/",
        case(
            request=req.pk,
            result="corrected",
            decided_on="2024-06-20",
            note_change="复议机关责令重新答复",
        ),
    )
    assert response.status_code == 302
    assert table_four(agency_a, 2024)["review"]["corrected"] == 1
    assert list(AppealEvent.objects.values_list("from_result", "to_result", "note")) == [
        ("", "pending", "登记"),
        ("pending", "corrected", "复议机关责令重新答复"),
    ]
    page = alice_client.get("/appeals/?year=2024").content.decode()
    assert "平政复〔2024〕3号" in page and req.tracking_number in page


def test_a_lawsuit_after_review_links_to_the_review(alice_client, agency_a):
    review = Appeal.objects.create(
        agency=agency_a,
        kind="review",
        appellant="李四",
        filed_on=date(2024, 2, 1),
        decided_on=date(2024, 3, 30),
        result="upheld",
    )
    page = alice_client.post(
        "/appeals/new/", case(kind="litigation_direct", review=review.pk)
    ).content.decode()
    assert "只有“复议后起诉”的案件才关联此前的行政复议" in page
    assert (
        alice_client.post(
            "/appeals/new/",
            case(kind="litigation_after_review", review=review.pk, filed_on="2024-04-10"),
        ).status_code
        == 302
    )
    assert Appeal.objects.get(kind="litigation_after_review").review == review


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"filed_on": "2024-13-01"}, "日期格式应为 2024-03-05"),
        ({"filed_on": ""}, "请填写申请/立案日期"),
        ({"appellant": ""}, "请填写申请人或原告"),
        ({"decided_on": "2024-03-01"}, "审结日期不能早于申请/立案日期"),
        ({"decided_on": "2024-05-01"}, "已填写审结日期，请选择审结结果"),
        ({"result": "upheld"}, "已审结的案件请填写审结日期"),
        ({"filed_on": "2999-01-01"}, "日期不能晚于今天"),
        ({"kind": "appeal-to-heaven"}, "appeal-to-heaven"),
    ],
)
def test_bad_input_is_refused_in_chinese(alice_client, data, message):
    response = alice_client.post("/appeals/new/", case(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Appeal.objects.count() == 0


def test_charlie_cannot_see_or_link_agency_a_cases_and_dora_only_reads(
    alice_client, charlie_client, dora_client, agency_a, make_request
):
    appeal = Appeal.objects.create(
        agency=agency_a, kind="review", appellant="张三", filed_on=date(2024, 2, 1)
    )
    req = make_request(agency_a)
    assert charlie_client.get(f"/appeals/{appeal.pk}/edit/").status_code == 404
    assert charlie_client.post(f"/appeals/{appeal.pk}/edit/", case()).status_code == 404
    assert "张三" not in charlie_client.get("/appeals/").content.decode()
    page = charlie_client.post("/appeals/new/", case(request=req.pk)).content.decode()
    assert "请选择本机关的申请" in page
    assert dora_client.get(f"/appeals/{appeal.pk}/edit/").status_code == 200
    assert (
        dora_client.post(
            f"/appeals/{appeal.pk}/edit/", case(result="upheld", decided_on="2024-03-01")
        ).status_code
        == 403
    )
    assert dora_client.get("/appeals/new/").status_code == 403
    assert "张三" in dora_client.get("/appeals/?agency=pingluo-wj").content.decode()
    assert Appeal.objects.get().result == "pending"


@pytest.mark.parametrize(
    "query", ["?year=abc&kind=x&result=y&page=zz", "?only_year=1&year=1800", "?agency=pingluo-wj"]
)
def test_odd_filters_never_give_a_500(alice_client, query):
    assert alice_client.get("/appeals/" + query).status_code == 200
