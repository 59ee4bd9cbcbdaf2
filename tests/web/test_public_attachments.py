"""Files published with an item: added to a draft by its editors, reviewed with it, and
offered to the public only once the item is published."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _item(agency, state="drafted"):
    from gongkai.web.ledger.models import Item

    return Item.objects.create(
        agency=agency, title="2026年部门预算", state=state, created_at=timezone.now()
    )


def _upload(client, item, name="2026年部门预算表.pdf", content=PDF):
    return client.post(
        f"/ledger/{item.pk}/files/", {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_a_handler_attaches_a_file_to_a_draft_and_the_public_gets_it_once_published(
    alice_client, agency_a
):
    item = _item(agency_a)
    page = _upload(alice_client, item).content.decode()
    assert "已添加附件：2026年部门预算表.pdf" in page
    stored = item.attachments.get()
    assert (stored.file_type, stored.size, bytes(stored.content)) == ("pdf", len(PDF), PDF)
    public = f"/published/{agency_a.code}/{item.pk}/files/{stored.pk}/"
    assert Client().get(public).status_code == 404  # a draft's file is not out yet

    item.state, item.published_on = "published", timezone.localdate()
    item.save()
    html = Client().get(f"/published/{agency_a.code}/{item.pk}/").content.decode()
    assert f'href="{public}"' in html and "2026年部门预算表.pdf" in html
    response = Client().get(public)
    assert response.content == PDF and response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''2026" in response["Content-Disposition"]


def test_a_file_that_is_not_what_it_says_is_refused_in_chinese(alice_client, agency_a):
    item = _item(agency_a)
    page = _upload(alice_client, item, "通知.pdf", b"MZ\x90\x00 not a pdf").content.decode()
    assert "内容与扩展名不符" in page
    page = _upload(alice_client, item, "通知.exe", b"MZ").content.decode()
    assert "格式不支持" in page
    assert not item.attachments.exists()


def test_files_change_only_while_the_item_is_a_draft(alice_client, bob_client, agency_a):
    item = _item(agency_a, state="checked")
    assert _upload(bob_client, item).status_code == 403
    assert _upload(alice_client, item).status_code == 403
    assert not item.attachments.exists()
    html = bob_client.get(f"/ledger/{item.pk}/").content.decode()
    assert "上传附件" not in html


def test_a_head_sees_no_upload_form_he_could_not_use(alice_client, hank_client, agency_a):
    item = _item(agency_a)
    _upload(alice_client, item)
    html = hank_client.get(f"/ledger/{item.pk}/").content.decode()
    assert "2026年部门预算表.pdf" in html and "上传附件" not in html
    stored = item.attachments.get()
    assert hank_client.post(f"/ledger/{item.pk}/files/{stored.pk}/delete/").status_code == 403


def test_another_agency_never_reaches_the_file(alice_client, charlie_client, agency_a):
    item = _item(agency_a)
    _upload(alice_client, item)
    stored = item.attachments.get()
    assert charlie_client.get(f"/ledger/{item.pk}/files/{stored.pk}/").status_code == 404
    assert charlie_client.post(f"/ledger/{item.pk}/files/{stored.pk}/delete/").status_code == 404
    assert alice_client.get(f"/ledger/{item.pk}/files/{stored.pk}/").content == PDF


def test_the_editor_removes_a_file_from_the_draft(alice_client, agency_a):
    item = _item(agency_a)
    _upload(alice_client, item)
    stored = item.attachments.get()
    page = alice_client.post(f"/ledger/{item.pk}/files/{stored.pk}/delete/", follow=True)
    assert "已删除附件：2026年部门预算表.pdf" in page.content.decode()
    assert not item.attachments.exists()
