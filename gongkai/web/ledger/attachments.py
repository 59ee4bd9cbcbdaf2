"""Files published with an item: added and removed by whoever may edit the draft, shown
to staff who see the item, and to the public once the item is published.

Only a draft's files change, so the reviewer who approves the item signs off on the files
that go out with it (先审后发); a published item's files are as they were approved.
"""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.web.ledger import rules
from gongkai.web.ledger.access import get_item_or_404
from gongkai.web.ledger.models import Item, ItemAttachment
from gongkai.web.requests.validators import attachment_type

MAX_FILES = 20  # per item
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
INLINE = {"pdf", "jpg", "png"}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件（PDF、JPG、PNG 或 DOCX，不超过10MB）",
        error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的。"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.checked_type = attachment_type(upload)
        return upload


def may_change(user, item: Item) -> bool:
    return item.state == "drafted" and rules.may_edit_item(user, item)


@login_required
@require_POST
def add(request, pk: int):
    item = get_item_or_404(request, pk)
    if not may_change(request.user, item):
        raise PermissionDenied("只有草稿可以添加附件")
    form = AttachmentForm(request.POST, request.FILES)
    if item.attachments.count() >= MAX_FILES:
        messages.error(request, f"每条信息最多{MAX_FILES}个附件。")
    elif not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
    else:
        upload = form.cleaned_data["file"]
        ItemAttachment.objects.create(
            item=item,
            name=upload.name[:200],
            file_type=upload.checked_type,
            size=upload.size,
            content=upload.read(),
            uploaded_by=request.user,
            uploaded_at=timezone.now(),
        )
        messages.success(request, f"已添加附件：{upload.name}")
    return redirect("ledger:item", pk=item.pk)


@login_required
@require_POST
def remove(request, pk: int, file_pk: int):
    item = get_item_or_404(request, pk)
    if not may_change(request.user, item):
        raise PermissionDenied("只有草稿可以删除附件")
    attachment = get_object_or_404(ItemAttachment, item=item, pk=file_pk)
    attachment.delete()
    messages.success(request, f"已删除附件：{attachment.name}")
    return redirect("ledger:item", pk=item.pk)


@login_required
def staff_download(request, pk: int, file_pk: int):
    return file_response(
        get_object_or_404(ItemAttachment, item=get_item_or_404(request, pk), pk=file_pk)
    )


def file_response(attachment: ItemAttachment) -> HttpResponse:
    response = HttpResponse(
        bytes(attachment.content), content_type=CONTENT_TYPES.get(attachment.file_type)
    )
    disposition = "inline" if attachment.file_type in INLINE else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="attachment-{attachment.pk}.{attachment.file_type}"; '
        f"filename*=UTF-8''{quote(attachment.name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_download(item: Item, file_pk: int) -> HttpResponse:
    if item.state != "published":
        raise Http404
    return file_response(get_object_or_404(ItemAttachment, item=item, pk=file_pk))
