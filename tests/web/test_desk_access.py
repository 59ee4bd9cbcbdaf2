"""Access rules of every desk view, proved with the named users."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.web.requests.models import PersonalDataAccess


@pytest.fixture
def req_a(make_request, agency_a, alice):
    return make_request(agency_a, received_on=date(2024, 3, 4))


def desk_urls(req):
    return [
        f"/desk/{req.pk}/",
        f"/desk/{req.pk}/?personal=1",
        f"/desk/{req.pk}/letters/1/",
        f"/desk/{req.pk}/attachments/1/",
    ]


def test_charlie_of_agency_b_gets_404_on_every_view_of_a_request_of_a(req_a, charlie_client):
    for url in desk_urls(req_a):
        assert charlie_client.get(url).status_code == 404, url
    response = charlie_client.post(f"/desk/{req_a.pk}/act/start/", {"start-on": "2024-03-05"})
    assert response.status_code == 404
    req_a.refresh_from_db()
    assert req_a.state == "registered"


def test_charlie_sees_nothing_of_a_in_the_queue_and_exports(req_a, charlie_client):
    assert req_a.tracking_number not in charlie_client.get("/desk/").content.decode()
    assert req_a.tracking_number not in charlie_client.get("/desk/export.csv").content.decode()
    assert "平卫依申" not in charlie_client.get("/desk/export.csv?q=平卫").content.decode()


def test_alice_sees_her_agencys_request_with_personal_data_masked(req_a, alice_client):
    page = alice_client.get(f"/desk/{req_a.pk}/").content.decode()
    assert "平卫依申〔2024〕1号" in page
    assert "11010519491231002X" not in page
    assert "110105********002X" in page
    assert "139****5678" in page
    assert PersonalDataAccess.objects.count() == 0


def test_opening_full_personal_data_is_logged(req_a, alice, alice_client):
    page = alice_client.get(f"/desk/{req_a.pk}/?personal=1").content.decode()
    assert "11010519491231002X" in page
    assert "13912345678" in page
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.request) == (alice, req_a)


def test_dora_supervises_both_agencies_read_only_and_masked(
    req_a, make_request, agency_b, dora_client
):
    req_b = make_request(agency_b, received_on=date(2024, 3, 5))
    queue = dora_client.get("/desk/").content.decode()
    assert req_a.tracking_number in queue and req_b.tracking_number in queue
    page = dora_client.get(f"/desk/{req_a.pk}/?personal=1").content.decode()
    assert "11010519491231002X" not in page
    assert "data-action=" not in page  # no action forms for a supervisor
    assert PersonalDataAccess.objects.count() == 0
    response = dora_client.post(f"/desk/{req_a.pk}/act/start/", {"start-on": "2024-03-05"})
    assert response.status_code == 403
    csv_text = dora_client.get("/desk/export.csv").content.decode()
    assert "11010519491231002X" not in csv_text and "13912345678" not in csv_text


def test_exports_mask_id_numbers_and_phones_for_everyone(req_a, alice_client):
    text = alice_client.get("/desk/export.csv").content.decode("utf-8-sig")
    assert "110105********002X" in text and "139****5678" in text
    assert "11010519491231002X" not in text
    xlsx = alice_client.get("/desk/export.xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_anonymous_users_are_sent_to_login(req_a, client):
    for url in ["/desk/", f"/desk/{req_a.pk}/", "/desk/export.csv", "/desk/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_bob_the_reviewer_cannot_register_or_take_handler_actions(req_a, bob_client):
    assert bob_client.get("/desk/new/").status_code == 403
    assert (
        bob_client.post(f"/desk/{req_a.pk}/act/start/", {"start-on": "2024-03-05"}).status_code
        == 403
    )


def test_only_agency_admins_reach_templates_and_holidays(alice_client, ada_client):
    assert alice_client.get("/desk/templates/").status_code == 403
    assert alice_client.get("/desk/holidays/").status_code == 403
    assert ada_client.get("/desk/holidays/").status_code == 200


def test_django_admin_is_closed_to_agency_staff(ada_client, alice_client):
    assert ada_client.get("/admin/").status_code == 403
    assert alice_client.get("/admin/").status_code == 403


def test_an_unknown_request_number_is_a_chinese_404(alice_client):
    response = alice_client.get("/desk/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.fixture
def req_a_with_documents(make_request, agency_a, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.web.requests import services
    from gongkai.web.requests.services import save_attachments

    req = make_request(agency_a, received_on=date(2024, 3, 4))
    upload = SimpleUploadedFile("id.pdf", b"%PDF-1.4 test")
    upload.checked_type = "pdf"
    save_attachments(req, [upload], None)
    services.perform(
        req,
        "request_correction",
        alice,
        services.Step(on=date(2024, 3, 6), note="请写明年份"),
        today=date(2024, 3, 6),
    )
    return req


def test_charlie_gets_404_for_real_letters_and_attachments_of_a(
    req_a_with_documents, charlie_client, alice_client
):
    req = req_a_with_documents
    letter = req.letters.get()
    attachment = req.attachments.get()
    urls = [
        f"/desk/{req.pk}/letters/{letter.pk}/",
        f"/desk/{req.pk}/attachments/{attachment.pk}/",
    ]
    for url in urls:
        assert alice_client.get(url).status_code == 200, url
        assert charlie_client.get(url).status_code == 404, url
    for action in ("receive_correction", "end_no_correction", "withdraw"):
        response = charlie_client.post(
            f"/desk/{req.pk}/act/{action}/", {f"{action}-on": "2024-03-07"}
        )
        assert response.status_code == 404, action
    req.refresh_from_db()
    assert req.state == "correction_requested"


def test_opening_an_attachment_is_logged_and_dora_may_not(
    req_a_with_documents, alice, alice_client, dora_client
):
    attachment = req_a_with_documents.attachments.get()
    url = f"/desk/{req_a_with_documents.pk}/attachments/{attachment.pk}/"
    assert dora_client.get(url).status_code == 403
    assert alice_client.get(url).status_code == 200
    assert PersonalDataAccess.objects.get().what == "attachment"


def test_an_unexpected_error_is_a_chinese_500_page(alice, monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gongkai.web.requests.views.filtered", broken)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get("/desk/")
    assert response.status_code == 500
    assert "系统出现错误" in response.content.decode()
    assert "boom" not in response.content.decode()


def test_documents_received_with_a_step_are_stored_with_its_event(req_a, alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.web.requests.models import Attachment

    scan = SimpleUploadedFile("撤回申请书.pdf", b"%PDF-1.4 withdrawal")
    response = alice_client.post(
        f"/desk/{req_a.pk}/act/withdraw/",
        {
            "withdraw-on": "2024-03-05",
            "withdraw-note": "申请人书面撤回",
            "withdraw-attachments": [scan],
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.event.action, attachment.file_type) == ("withdraw", "pdf")
    page = alice_client.get(f"/desk/{req_a.pk}/").content.decode()
    assert "文件：撤回申请书.pdf" in page


def test_dora_filters_by_agency_and_nobody_escapes_their_agencies_by_the_filter(
    req_a, make_request, agency_b, dora_client, charlie_client
):
    req_b = make_request(agency_b, received_on=date(2024, 3, 5))
    page = dora_client.get(f"/desk/?agency={agency_b.pk}").content.decode()
    assert req_b.tracking_number in page and req_a.tracking_number not in page
    page = charlie_client.get(f"/desk/?agency={req_a.agency_id}").content.decode()
    assert req_a.tracking_number not in page
    text = charlie_client.get(f"/desk/export.csv?agency={req_a.agency_id}").content.decode()
    assert req_a.tracking_number not in text
