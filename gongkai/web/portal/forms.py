from __future__ import annotations

from django import forms

from gongkai.web.accounts.models import Agency
from gongkai.web.bounds import CORRECTION_MAX, LENGTH_MESSAGE
from gongkai.web.requests.forms import ApplicantForm, MultipleFileField


class ApplyForm(ApplicantForm):
    agency = forms.ModelChoiceField(
        label="受理机关",
        queryset=Agency.objects.order_by("id"),
        empty_label="——请选择受理机关——",
        error_messages={"required": "请选择受理机关。", "invalid_choice": "请选择受理机关。"},
    )
    confirm = forms.BooleanField(
        label="本人承诺所填信息真实有效",
        error_messages={"required": "请确认所填信息真实有效。"},
    )

    field_order = ["agency"]  # noqa: RUF012


class TrackForm(forms.Form):
    tracking_number = forms.CharField(
        label="申请编号", max_length=100, error_messages={"required": "请填写申请编号。"}
    )
    query_code = forms.CharField(
        label="查询码", max_length=20, error_messages={"required": "请填写查询码。"}
    )


class CorrectionForm(forms.Form):
    description = forms.CharField(
        label="补正后的申请内容",
        max_length=CORRECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"不超过 {CORRECTION_MAX} 字",
        error_messages={"required": "请填写补正后的申请内容。", "max_length": LENGTH_MESSAGE},
    )
    attachments = MultipleFileField(label="补正材料（PDF/JPG/PNG/DOCX，每个不超过10MB，可选）")
