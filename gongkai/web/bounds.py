"""How much free text each field takes, enforced in the forms and again in the services.

Every free-text field has a limit: the request's description a few thousand characters
(said on the form), notes and reasons a couple of thousand, one-line fields a few hundred.
Model fields keep their columns (a TextField stays a TextField: no migration); the limits
live here, `bound_form` puts them on a form (the browser's maxlength, the field's
validator, a Chinese message that says the limit and the length typed) and
`length_problem` lets a service refuse what did not come through a form.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.validators import MaxLengthValidator

DESCRIPTION_MAX = 3000  # 所需政府信息的描述
CORRECTION_MAX = 3000  # the applicant's corrected description
TEXT_MAX = 2000  # notes, reasons, a purpose
BODY_MAX = 50_000  # the full text of a published document (ledger item 正文)
LINE_MAX = 200  # a one-line field without a column width of its own
REPEAT_CHARS = 1000  # the repeat hint compares at most this much of each description

# Free-text fields of a request and their limits (the model's CharFields have their own).
REQUEST_LIMITS: Mapping[str, int] = {
    "description": DESCRIPTION_MAX,
    "purpose": 1000,
    "applicant_name": 100,
    "organisation": 200,
    "contact_person": 100,
    "address": 200,
    "email": 254,
}

LENGTH_MESSAGE = "不得超过 %(limit_value)d 字（现为 %(show_value)d 字），请精简后再提交。"


def length_problem(values: Mapping[str, object], limits: Mapping[str, int]) -> str | None:
    """The first value over its limit, said in Chinese; None when all fit."""
    for name, limit in limits.items():
        value = values.get(name)
        if isinstance(value, str) and len(value) > limit:
            return (
                f"“{name_label(name)}”不得超过 {limit} 字（现为 {len(value)} 字），请精简后再提交。"
            )
    return None


def name_label(name: str) -> str:
    return {
        "description": "所需政府信息的描述",
        "purpose": "用途",
        "applicant_name": "申请人姓名或名称",
        "organisation": "法人或其他组织名称",
        "contact_person": "联系人",
        "address": "通讯地址",
        "email": "电子邮箱",
        "note": "说明",
    }.get(name, name)


def bound_form(form: forms.BaseForm, limits: Mapping[str, int] | None = None) -> None:
    """Give every text field of `form` a length limit: `limits[name]`, else the field's own
    max_length, else TEXT_MAX for a text area and LINE_MAX for a line. A text area says
    its limit in its help text."""
    limits = limits or {}
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        textarea = isinstance(field.widget, forms.Textarea)
        own = field.max_length
        limit = limits.get(name) or own or (TEXT_MAX if textarea else LINE_MAX)
        if own is not None and own <= limit:
            limit = own
        if own != limit:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)
        field.error_messages["max_length"] = LENGTH_MESSAGE
        if textarea:
            note = f"不超过 {limit} 字"
            field.help_text = f"{field.help_text}（{note}）" if field.help_text else note
