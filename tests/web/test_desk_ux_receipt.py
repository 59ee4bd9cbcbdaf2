"""Issue 12: a request registered at the desk gets a printable acknowledgement (受理回执)
with its number and query code; the code is shown once and stored nowhere in clear."""

from __future__ import annotations

from urllib.parse import unquote

from gongkai.web.requests import services
from gongkai.web.requests.models import Request

POSTED = {
    "channel": "in_person",
    "received_on": "2024-03-04",
    "applicant_type": "natural_person",
    "applicant_name": "王五",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "平罗县城关镇鼓楼路8号",
    "description": "平罗县2023年医疗机构执业许可证发放名单",
    "delivery_form": "paper",
    "delivery_method": "pick_up",
}


def test_registering_at_the_desk_opens_the_receipt_with_the_code_once(
    alice_client, agency_a, monkeypatch
):
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-04")
    response = alice_client.post("/desk/new/", POSTED)
    req = Request.objects.get()
    assert response["Location"] == f"/desk/{req.pk}/receipt/"
    cookie = response.cookies["gongkai_receipt"]
    assert cookie["path"] == f"/desk/{req.pk}/receipt/" and cookie["httponly"]
    page = alice_client.get(f"/desk/{req.pk}/receipt/")
    html = page.content.decode()
    code = page.context["code"]
    assert len(code) == 8 and services.check_query_code(req, code)
    assert f'id="query-code" class="code">{code}</dd>' in html
    assert "平罗县卫生健康局政府信息公开申请受理回执" in html and "平卫依申〔2024〕1号" in html
    assert "2024年4月1日" in html  # the due date
    assert page["Cache-Control"] == "no-store"
    # Shown once: the cookie is deleted; the next view has no code, and the code is
    # nowhere in the database or the session.
    again = alice_client.get(f"/desk/{req.pk}/receipt/").content.decode()
    assert code not in again and "已于登记时告知申请人" in again
    assert code not in str(list(Request.objects.values()))
    from django.contrib.sessions.models import Session

    assert all(code not in str(s.get_decoded()) for s in Session.objects.all())


def test_the_receipt_pdf_carries_the_code_only_when_it_matches(
    alice_client, make_request, agency_a
):
    req = make_request(agency_a)
    url = f"/desk/{req.pk}/receipt/"
    pdf = alice_client.post(url, {"code": req.query_code})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert unquote(pdf["Content-Disposition"].split("''")[1]) == "平卫依申〔2024〕1号-受理回执.pdf"
    from tests.web.test_desk_ux_letters import pdf_text

    assert req.query_code in pdf_text(pdf.content)
    wrong = alice_client.post(url, {"code": "AAAAAAAA"})
    assert "AAAAAAAA" not in pdf_text(wrong.content)
    assert "已于登记时告知申请人" in pdf_text(wrong.content)


def test_the_request_page_links_to_the_receipt(alice_client, make_request, agency_a):
    req = make_request(agency_a)
    assert (
        f'href="/desk/{req.pk}/receipt/"' in alice_client.get(f"/desk/{req.pk}/").content.decode()
    )


def test_another_agency_gets_no_receipt(charlie_client, make_request, agency_a):
    req = make_request(agency_a)
    assert charlie_client.get(f"/desk/{req.pk}/receipt/").status_code == 404
    assert (
        charlie_client.post(f"/desk/{req.pk}/receipt/", {"code": req.query_code}).status_code == 404
    )
