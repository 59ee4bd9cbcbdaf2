from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django import forms

from gongkai.appraisal.engagement import CHANNELS
from gongkai.web.bounds import bound_form
from gongkai.web.engagement.models import Activity, Interpretation, Message, message_key
from gongkai.web.ledger.forms import UploadForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


DATE_ERRORS = {"required": "请填写日期", "invalid": "日期格式应为 2024-03-05"}


class _NotAfterToday:
    date_fields: tuple[str, ...] = ()
    add_error: Callable[..., None]  # the form's own (this is a mixin of forms.Form)

    def check_dates(self, data, today):
        for name in self.date_fields:
            if data.get(name) and data[name] > today:
                self.add_error(name, "日期不能晚于今天")


class MessageForm(_NotAfterToday, forms.ModelForm):
    date_fields = ("received_on", "answered_on")

    class Meta:
        model = Message
        fields = (
            "channel",
            "ticket_number",
            "received_on",
            "topic",
            "answered_on",
            "limit_days",
            "satisfaction",
            "note",
        )
        widgets: ClassVar[dict] = {"received_on": DateInput(), "answered_on": DateInput()}
        error_messages: ClassVar[dict] = {
            "received_on": DATE_ERRORS,
            "answered_on": DATE_ERRORS,
            "topic": {"required": "请填写主题"},
            "channel": {"required": "请选择渠道"},
        }

    def __init__(self, *args, today, **kw):
        super().__init__(*args, **kw)
        self.today = today
        self.fields["limit_days"].required = False
        self.fields["limit_days"].help_text = "不填则按渠道的办理时限：" + "，".join(
            f"{c.label}{c.limit_days}个工作日" for c in CHANNELS.values()
        )
        bound_form(self)

    def clean(self):
        data = super().clean()
        self.check_dates(data, self.today)
        received, answered = data.get("received_on"), data.get("answered_on")
        if received and answered and answered < received:
            self.add_error("answered_on", "答复日期不能早于收到日期")
        if not data.get("limit_days") and data.get("channel"):
            data["limit_days"] = CHANNELS[data["channel"]].limit_days
        self._check_once(data)
        return data

    def _check_once(self, data: dict) -> None:
        """One message per channel and number (an imported one without a number: per
        channel, date and topic)."""
        channel, received, topic = data.get("channel"), data.get("received_on"), data.get("topic")
        if not (self.instance.agency_id and channel and received and topic):
            return
        number = data.get("ticket_number") or ""
        if not (number or self.instance.import_key):
            return  # entered by hand without a number: it has no key (see Message.save)
        key = message_key(channel, number, received, topic)
        others = Message.objects.filter(agency_id=self.instance.agency_id, import_key=key)
        if others.exclude(pk=self.instance.pk).exists():
            if number:
                self.add_error("ticket_number", "本机关已登记同一渠道、同一编号的事项")
            else:
                self.add_error("topic", "本机关已登记同一渠道、同一收到日期和主题的事项")


class InterpretationForm(_NotAfterToday, forms.ModelForm):
    date_fields = ("published_on",)

    class Meta:
        model = Interpretation
        fields = ("title", "policy", "form", "channel", "published_on", "url", "note")
        widgets: ClassVar[dict] = {"published_on": DateInput()}
        error_messages: ClassVar[dict] = {
            "published_on": DATE_ERRORS,
            "title": {"required": "请填写解读材料标题"},
            "url": {"invalid": "链接应以 http:// 或 https:// 开头"},
        }

    url = forms.URLField(
        label="链接",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "链接应以 http:// 或 https:// 开头"},
    )

    def __init__(self, *args, agency, today, **kw):
        super().__init__(*args, **kw)
        from gongkai.web.ledger.models import Item

        self.today = today
        field = self.fields["policy"]
        field.queryset = Item.objects.filter(agency=agency, state="published").order_by(
            "-published_on"
        )
        field.label_from_instance = lambda i: f"{i.title}（{i.published_on:%Y-%m-%d}发布）"
        field.error_messages["invalid_choice"] = "请选择本机关已发布的政策文件"
        field.help_text = "解读材料应在政策文件发布后3个工作日内发布"
        bound_form(self)

    def clean(self):
        data = super().clean()
        self.check_dates(data, self.today)
        policy = data.get("policy")
        day = data.get("published_on")
        if policy and day and policy.published_on and day < policy.published_on:
            self.add_error("published_on", "解读材料的发布日期不能早于所解读的政策文件")
        return data


class ActivityForm(_NotAfterToday, forms.ModelForm):
    date_fields = ("held_on",)

    class Meta:
        model = Activity
        fields = ("kind", "title", "held_on", "participants", "note")
        widgets: ClassVar[dict] = {
            "held_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages: ClassVar[dict] = {
            "held_on": DATE_ERRORS,
            "title": {"required": "请填写活动名称"},
        }

    def __init__(self, *args, today, **kw):
        super().__init__(*args, **kw)
        self.today = today
        bound_form(self)

    def clean(self):
        data = super().clean()
        self.check_dates(data, self.today)
        return data


class ImportForm(UploadForm):
    """The messages' import: the ledger's upload (CSV or XLSX, at most 5 MB) and a channel."""

    file = forms.FileField(
        label="CSV 或 XLSX 文件", error_messages={"required": "请选择要导入的文件"}
    )
    channel = forms.ChoiceField(
        label="文件未注明渠道时，整个文件的渠道",
        required=False,
        choices=[("", "（按文件中的“渠道”列）"), *((c.key, c.label) for c in CHANNELS.values())],
    )
