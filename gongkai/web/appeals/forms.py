from __future__ import annotations

from typing import ClassVar

from django import forms

from gongkai.web.appeals.models import Appeal
from gongkai.web.bounds import bound_form


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


class AppealForm(forms.ModelForm):
    note_change = forms.CharField(label="变更说明", required=False, max_length=500)

    class Meta:
        model = Appeal
        fields = (
            "kind",
            "case_number",
            "appellant",
            "request",
            "review",
            "body",
            "filed_on",
            "decided_on",
            "result",
            "redo_days",
            "note",
        )
        widgets: ClassVar[dict] = {
            "filed_on": DateInput(),
            "decided_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages: ClassVar[dict] = {
            "appellant": {"required": "请填写申请人或原告"},
            "filed_on": {"required": "请填写申请/立案日期", "invalid": "日期格式应为 2024-03-05"},
            "decided_on": {"invalid": "日期格式应为 2024-03-05"},
        }

    def __init__(self, *args, agency, today, **kw):
        super().__init__(*args, **kw)
        bound_form(self)
        from gongkai.web.requests.models import Request

        self.today = today
        self.fields["request"].queryset = Request.objects.filter(agency=agency).order_by("-id")
        self.fields["request"].label_from_instance = lambda r: r.tracking_number
        self.fields["request"].error_messages["invalid_choice"] = "请选择本机关的申请"
        reviews = Appeal.objects.filter(agency=agency, kind="review")
        if self.instance.pk:
            reviews = reviews.exclude(pk=self.instance.pk)
        self.fields["review"].queryset = reviews
        self.fields["review"].error_messages["invalid_choice"] = "请选择本机关的行政复议案件"

    def clean(self):
        data = super().clean()
        filed, decided, result = data.get("filed_on"), data.get("decided_on"), data.get("result")
        if filed and filed > self.today:
            self.add_error("filed_on", "日期不能晚于今天")
        if decided and decided > self.today:
            self.add_error("decided_on", "日期不能晚于今天")
        if filed and decided and decided < filed:
            self.add_error("decided_on", "审结日期不能早于申请/立案日期")
        if result == "pending" and decided:
            self.add_error("result", "已填写审结日期，请选择审结结果")
        if result and result != "pending" and not decided:
            self.add_error("decided_on", "已审结的案件请填写审结日期")
        if data.get("redo_days") and (result != "corrected" or not data.get("request")):
            self.add_error("redo_days", "只有结果纠正、且关联了所涉申请的案件才填写重新答复期限")
        if data.get("redo_days") is not None and data["redo_days"] < 1:
            self.add_error("redo_days", "重新答复期限应至少为1个工作日")
        if data.get("review") and data.get("kind") != "litigation_after_review":
            self.add_error("review", "只有“复议后起诉”的案件才关联此前的行政复议")
        return data
