"""Forms of the ledger screens. Every message a person sees is Chinese."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import ClassVar

from django import forms

from gongkai.report.model import DECIMAL_FIELDS, PROACTIVE_ITEMS, SIGNED_FIELDS, format_for_year
from gongkai.web.bounds import BODY_MAX, bound_form
from gongkai.web.ledger.choices import ARTICLE_ITEM_CHOICES, CHANNELS
from gongkai.web.ledger.figures import entered_fields
from gongkai.web.ledger.models import Category, Item, NormativeDocument

MAX_UPLOAD = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def category_choices(agency) -> list[tuple[int, str]]:
    """The agency's catalog as indented choices (parents first)."""
    cats = list(Category.objects.filter(agency=agency))
    children: dict[int | None, list[Category]] = {}
    for c in cats:
        children.setdefault(c.parent_id, []).append(c)
    out: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append((c.id, "　" * depth + c.name))
            if depth < 10:
                walk(c.id, depth + 1)

    walk(None, 0)
    return out


class ItemForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label="发布渠道",
        choices=list(CHANNELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个发布渠道"},
    )
    note = forms.CharField(
        label="更正说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Item
        fields = ("title", "doc_number", "article_item", "category", "body", "url")
        widgets: ClassVar[dict] = {"body": forms.Textarea(attrs={"rows": 8})}
        error_messages: ClassVar[dict] = {
            "title": {"required": "请填写标题"},
            "url": {"invalid": "链接格式不正确"},
        }

    url = forms.URLField(
        label="链接",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "链接格式不正确"},
    )

    def __init__(self, *args, agency, **kw):
        super().__init__(*args, **kw)
        bound_form(self, {"body": BODY_MAX})
        self.fields["category"].queryset = Category.objects.filter(agency=agency)
        self.fields["category"].choices = [("", "（不归入目录类别）"), *category_choices(agency)]
        self.fields["category"].error_messages["invalid_choice"] = "请选择本机关目录中的类别"
        self.fields["article_item"].choices = [("", "（无）"), *ARTICLE_ITEM_CHOICES]
        if self.instance.pk:
            self.fields["channels"].initial = self.instance.channel_keys()
        if self.instance.state == "published":
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = (
                "修改已发布的信息属于更正，请填写更正说明"
            )
        else:
            del self.fields["note"]


class ActionForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=DateInput())
    note = forms.CharField(label="说明", required=False, max_length=2000)


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 文件", error_messages={"required": "请选择文件"})

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("文件不能超过 5 MB")
        return f


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("name", "parent", "article_item", "position", "description")
        error_messages: ClassVar[dict] = {"name": {"required": "请填写类别名称"}}

    def __init__(self, *args, agency, **kw):
        super().__init__(*args, **kw)
        bound_form(self)
        own = Category.objects.filter(agency=agency)
        if self.instance.pk:
            own = own.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = own
        self.fields["parent"].choices = [("", "（顶级类别）")] + [
            c for c in category_choices(agency) if c[0] != self.instance.pk
        ]
        self.fields["article_item"].choices = [("", "（无）"), *ARTICLE_ITEM_CHOICES]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise forms.ValidationError("不能把类别移到它自己的下级类别中")
            node = node.parent
        return parent


class DocumentForm(forms.ModelForm):
    class Meta:
        model = NormativeDocument
        fields = (
            "kind",
            "doc_number",
            "title",
            "issued_on",
            "published_on",
            "abolished_on",
            "note",
        )
        widgets: ClassVar[dict] = {
            "issued_on": DateInput(),
            "published_on": DateInput(),
            "abolished_on": DateInput(),
        }
        error_messages: ClassVar[dict] = {
            "doc_number": {"required": "请填写文号"},
            "title": {"required": "请填写标题"},
            "issued_on": {"required": "请填写制发日期", "invalid": "日期格式应为 2024-03-05"},
            "published_on": {"invalid": "日期格式应为 2024-03-05"},
            "abolished_on": {"invalid": "日期格式应为 2024-03-05"},
        }

    def __init__(self, *args, agency, **kw):
        super().__init__(*args, **kw)
        bound_form(self)
        self.agency = agency

    def clean(self):
        data = super().clean()
        issued, published, abolished = (
            data.get("issued_on"),
            data.get("published_on"),
            data.get("abolished_on"),
        )
        if issued and abolished and abolished < issued:
            self.add_error("abolished_on", "废止日期不能早于制发日期")
        if issued and published and published < issued:
            self.add_error("published_on", "公开日期不能早于制发日期")
        number = data.get("doc_number")
        if number:
            same = NormativeDocument.objects.filter(agency=self.agency, doc_number=number)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("doc_number", "本机关已登记过这个文号")
        return data


def parse_figure(text: str, field: str) -> Decimal:
    """A cell of table 二 as typed: "556", "0.5", "-2", "25,227"; an amount may carry its
    unit ("2.52万元", "25227 元") and is converted to the unit of the cell (元 for
    采购总金额, 万元 for 收费金额). Chinese errors."""
    raw = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    factor = Decimal(1)
    if field in DECIMAL_FIELDS and raw.endswith("元"):
        in_wan = raw.endswith("万元")
        raw = raw.removesuffix("万元") if in_wan else raw.removesuffix("元")
        if field == "amount_yuan" and in_wan:
            factor = Decimal(10000)
        elif field == "amount_wan_yuan" and not in_wan:
            factor = Decimal("0.0001")
    try:
        value = Decimal(raw) * factor
    except InvalidOperation:
        raise forms.ValidationError(f"“{text}”不是数字") from None
    if not value.is_finite():
        raise forms.ValidationError(f"“{text}”不是数字")
    if value < 0 and field not in SIGNED_FIELDS:
        raise forms.ValidationError("不能为负数")
    if value != value.to_integral_value() and field not in DECIMAL_FIELDS:
        raise forms.ValidationError("应为整数")
    if abs(value) >= Decimal("1e13"):
        raise forms.ValidationError("数值过大")
    return value.quantize(Decimal("0.01"))


def figure_label(item_key: str, field: str, year: int) -> str:
    for item in PROACTIVE_ITEMS[format_for_year(year)]:
        if item.key == item_key:
            unit = "（单位：元）" if field == "amount_yuan" else ""
            return (
                f"{item.article} {item.label}：{item.field_labels[item.fields.index(field)]}{unit}"
            )
    return f"{item_key}.{field}"


class FiguresForm(forms.Form):
    """One value and one source note per entered cell of table 二 for a year."""

    def __init__(self, *args, year: int, **kw):
        super().__init__(*args, **kw)
        self.year = year
        self.cells = entered_fields(format_for_year(year))
        for item_key, field in self.cells:
            name = f"{item_key}.{field}"
            self.fields[name] = forms.CharField(
                label=figure_label(item_key, field, year), required=False, max_length=30
            )
            # The note's label is not shown (the column head says 数据来源): screen readers
            # hear which figure it is the source of.
            label = figure_label(item_key, field, year)
            self.fields[name + ".note"] = forms.CharField(
                label="数据来源",
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"aria-label": f"{label}的数据来源"}),
            )

    def clean(self):
        data = super().clean()
        for item_key, field in self.cells:
            name = f"{item_key}.{field}"
            text = data.get(name) or ""
            if text.strip():
                try:
                    data[name] = parse_figure(text, field)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
            else:
                data[name] = None
        return data

    def pairs(self):
        """(value field, note field) per cell, for the template."""
        return [(self[f"{i}.{f}"], self[f"{i}.{f}.note"]) for i, f in self.cells]
