from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from gongkai.web.bounds import REQUEST_LIMITS, bound_form
from gongkai.web.requests import validators
from gongkai.web.requests.models import CHANNELS, DISPOSITIONS, Request


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > 5:
            raise forms.ValidationError("附件最多上传5个。")
        return [validators_checked(f) for f in files]


class MemoWidget:
    """A widget whose HTML is rendered once per name, value, attributes (and choices), then
    reused: the desk's act forms and the queue's filters show the same fields on every page.

    Django renders each widget, and each option of a select, through a template: the act
    forms of a request's page cost 5–10 ms of CPU, the 20 dispositions alone about 6 ms.
    The key holds everything the widget's HTML depends on, so the HTML is the same; the
    memo is bounded (a typed value is part of the key)."""

    _rendered: ClassVar[dict[tuple, str]] = {}
    MEMO_SIZE: ClassVar[int] = 1024

    def render(self, name, value, attrs=None, renderer=None):
        widget: Any = self
        key = (
            type(self),
            name,
            repr(value),
            repr(sorted((attrs or {}).items())),
            repr(sorted(widget.attrs.items())),
            repr(list(getattr(widget, "choices", ()))),
            getattr(widget, "format", None),
            widget.is_required,
            widget.is_localized,
            id(renderer),
        )
        html = MemoWidget._rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)  # type: ignore[misc]
            if len(MemoWidget._rendered) >= self.MEMO_SIZE:
                MemoWidget._rendered.clear()
            MemoWidget._rendered[key] = html
        return html


class MemoSelect(MemoWidget, forms.Select):
    pass


class MemoTextInput(MemoWidget, forms.TextInput):
    pass


class MemoNumberInput(MemoWidget, forms.NumberInput):
    pass


class MemoDateInput(MemoWidget, forms.DateInput):
    pass


class MemoTextarea(MemoWidget, forms.Textarea):
    pass


class MemoFileInput(MemoWidget, MultipleFileInput):
    pass


class MemoLabels:
    """A form whose labels are rendered once per text, attributes and tag, then reused.

    Django renders each `label_tag` through a template (about 0.1 ms each: a request's
    page shows some 25). The label template reads only `label`, `attrs`, `use_tag` and
    `tag`, which make the key."""

    _labels: ClassVar[dict[tuple, str]] = {}

    def render(self, template_name=None, context=None, renderer=None):
        form: Any = self
        if template_name is None or template_name != form.template_name_label or not context:
            return super().render(template_name, context, renderer)  # type: ignore[misc]
        label = context["label"]
        key = (
            template_name,
            type(label),
            str(label),
            repr(sorted((context["attrs"] or {}).items())),
            context["use_tag"],
            context["tag"],
            id(renderer or form.renderer),
        )
        html = MemoLabels._labels.get(key)
        if html is None:
            html = super().render(template_name, context, renderer)  # type: ignore[misc]
            if len(MemoLabels._labels) >= MemoWidget.MEMO_SIZE:
                MemoLabels._labels.clear()
            MemoLabels._labels[key] = html
        return html


def validators_checked(upload):
    upload.checked_type = validators.attachment_type(upload)
    return upload


APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "organisation",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "delivery_form",
    "delivery_method",
]


class ApplicantForm(forms.ModelForm):
    """The applicant's details, checked the same way on the portal and at the desk."""

    attachments = MultipleFileField(
        label="附件（身份证明、申请书等，PDF/JPG/PNG/DOCX，每个不超过10MB）"
    )

    class Meta:
        model = Request
        fields = APPLICANT_FIELDS
        widgets = {  # noqa: RUF012
            "description": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "applicant_type": forms.RadioSelect,
        }
        error_messages = {  # noqa: RUF012
            "applicant_name": {"required": "请填写申请人姓名或名称。"},
            "description": {"required": "请描述所需政府信息的名称、文号或其他特征。"},
            "applicant_type": {"required": "请选择申请人类型。"},
            "email": {"invalid": "电子邮箱格式不正确。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].error_messages["required"] = "请填写联系电话。"
        self.fields["address"].required = True
        self.fields["address"].error_messages["required"] = "请填写通讯地址。"
        from gongkai.web.requests.models import APPLICANT_TYPES, ID_TYPES

        self.fields["applicant_type"].choices = APPLICANT_TYPES
        self.fields["id_type"].choices = [("", "——请选择——"), *ID_TYPES]
        for name in ("organisation", "credit_code", "contact_person"):
            self.fields[name].help_text = "法人或其他组织填写"
        self.fields["id_type"].help_text = "自然人必填"
        self.fields["id_number"].help_text = "自然人必填"
        for field in self.fields.values():
            field.error_messages.setdefault("required", "此项为必填项。")
            field.error_messages["invalid_choice"] = "请从列表中选择。"
            if field.required:
                field.label = f"{field.label}（必填）"
        bound_form(self, REQUEST_LIMITS)  # said on the form, checked again in services

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == "natural_person":
            if not data.get("id_type"):
                self.add_error("id_type", "请选择身份证件类型。")
            if not data.get("id_number"):
                self.add_error("id_number", "请填写身份证件号码。")
            elif data.get("id_type") == "resident_id":
                problem = validators.id_number_problem(data["id_number"])
                if problem:
                    self.add_error("id_number", problem)
                else:
                    data["id_number"] = data["id_number"].strip().upper()
        elif kind:
            if not data.get("organisation"):
                self.add_error("organisation", "请填写法人或其他组织的名称。")
            if not data.get("credit_code"):
                self.add_error("credit_code", "请填写统一社会信用代码。")
            else:
                problem = validators.credit_code_problem(data["credit_code"])
                if problem:
                    self.add_error("credit_code", problem)
                else:
                    data["credit_code"] = data["credit_code"].strip().upper()
            if data.get("id_number") and data.get("id_type") == "resident_id":
                problem = validators.id_number_problem(data["id_number"])
                if problem:
                    self.add_error("id_number", problem)
        return data


class DeskRegisterForm(ApplicantForm):
    channel = forms.ChoiceField(label="申请渠道", choices=[c for c in CHANNELS if c[0] != "online"])
    received_on = forms.DateField(
        label="收到申请之日",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="当面提交：提交之日；邮寄：签收之日；平常信函：确认收到之日；传真、电子邮件：确认收到之日（第三十一条）。",
        error_messages={"required": "请填写收到申请之日。", "invalid": "日期格式不正确。"},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if self.today and day > self.today:
            raise forms.ValidationError("收到申请之日不能晚于今天。")
        return day


class StepForm(MemoLabels, forms.Form):
    attachments = MultipleFileField(
        label="材料（PDF/JPG/PNG/DOCX，每个不超过10MB，可选）", widget=MemoFileInput()
    )
    on = forms.DateField(
        label="日期",
        widget=MemoDateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写日期。", "invalid": "日期格式不正确。"},
    )
    note = forms.CharField(label="说明", required=False, widget=MemoTextarea(attrs={"rows": 2}))
    disposition = forms.ChoiceField(
        label="办理结果",
        required=False,
        choices=[("", "——请选择——"), *DISPOSITIONS],
        widget=MemoSelect,
    )
    until = forms.DateField(
        label="补正期限（不填则为15个工作日）",
        required=False,
        widget=MemoDateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "日期格式不正确。"},
    )
    third_party = forms.CharField(
        label="第三方名称", required=False, max_length=200, widget=MemoTextInput
    )
    fee_method = forms.ChoiceField(
        label="收费方式",
        required=False,
        widget=MemoSelect,
        choices=[
            ("per_pages", "按量计收（按页数）"),
            ("per_request", "按件计收（本月第几件）"),
            ("", "直接填写金额"),
        ],
    )
    fee_quantity = forms.IntegerField(
        label="页数或件数（按件计收可不填，自动统计）",
        required=False,
        min_value=1,
        max_value=1_000_000,
        widget=MemoNumberInput,
        error_messages={"invalid": "应为整数。", "min_value": "应大于0。"},
    )
    late_reason = forms.CharField(
        label="逾期告知补正的理由（负责人填写，记为程序瑕疵）",
        required=False,
        max_length=500,
        widget=MemoTextarea(attrs={"rows": 2}),
    )
    earlier_request = forms.CharField(
        label="重复申请：此前已答复的申请编号",
        required=False,
        max_length=100,
        widget=MemoTextInput,
    )
    responsible_agency = forms.CharField(
        label="不掌握：负责公开该信息的行政机关",
        required=False,
        max_length=200,
        widget=MemoTextInput,
    )
    responsible_agency_contact = forms.CharField(
        label="该机关的联系方式", required=False, max_length=200, widget=MemoTextInput
    )
    responsible_unknown = forms.BooleanField(label="无法确定负责公开的机关", required=False)
    fee_yuan = forms.IntegerField(
        label="金额（元，仅直接填写时）",
        required=False,
        min_value=1,
        max_value=1_000_000,
        widget=MemoNumberInput,
        error_messages={"invalid": "金额应为整数（元）。", "min_value": "金额应大于0。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_form(self)


class FilterForm(MemoLabels, forms.Form):
    q = forms.CharField(label="搜索", required=False)
    scope = forms.ChoiceField(
        label="范围", required=False, choices=[("agency", "本机关"), ("mine", "我经办的")]
    )
    state = forms.ChoiceField(label="状态", required=False, widget=MemoSelect)
    channel = forms.ChoiceField(label="渠道", required=False, choices=[("", "全部"), *CHANNELS])
    applicant_type = forms.ChoiceField(label="申请人类型", required=False)
    disposition = forms.ChoiceField(
        label="办理结果", required=False, choices=[("", "全部"), *DISPOSITIONS], widget=MemoSelect
    )
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)

    agency = forms.IntegerField(label="机关", required=False, widget=forms.Select)

    def __init__(self, *args, agencies=None, **kwargs):
        from gongkai.web.requests.models import APPLICANT_TYPES
        from gongkai.web.requests.workflow import STATES

        super().__init__(*args, **kwargs)
        if agencies and len(agencies) > 1:  # a supervisor: choose among the agencies below
            self.fields["agency"].widget.choices = [
                ("", "全部"),
                *((a.pk, a.name) for a in agencies),
            ]
            self.fields["scope"].choices = [("agency", "全部可见机关")]
        else:
            del self.fields["agency"]
        self.fields["state"].choices = [("", "全部"), ("open", "未办结"), *STATES.items()]
        self.fields["applicant_type"].choices = [("", "全部"), *APPLICANT_TYPES]
        bound_form(self)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型")
    file = forms.FileField(label="DOCX 模板", error_messages={"required": "请选择模板文件。"})


class ScheduleUploadForm(forms.Form):
    file = forms.FileField(
        label="节假日安排文件（TOML）", error_messages={"required": "请选择节假日安排文件。"}
    )
