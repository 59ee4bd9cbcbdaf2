"""Django's few English defaults in forms, replaced once for every form of every app.

Django ends a label with an ASCII colon (a translatable string the zh-hans catalog leaves
as ":") and offers "---------" as the empty choice of a select (not translatable at all).
An office reads "申请人类型：" and "请选择". `install()` runs once at start-up (the portal
app's `ready()`); a form that names its own `label_suffix` or `empty_label` keeps it.
"""

from __future__ import annotations

import functools

from django import forms
from django.db.models import fields as model_fields

LABEL_SUFFIX = "："
EMPTY_CHOICE = "请选择"
DJANGO_EMPTY = "---------"
SUFFIX_POSITION = 6  # BaseForm(data, files, auto_id, prefix, initial, error_class, label_suffix


def install() -> None:
    _install_label_suffix()
    _install_empty_choice()


def _install_label_suffix() -> None:
    init = forms.BaseForm.__init__
    if getattr(init, "gongkai_wording", False):
        return

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        # label_suffix is BaseForm's 7th positional parameter (after self): ModelForm
        # passes it by position, other forms by keyword. None means "the default".
        if len(args) > SUFFIX_POSITION:
            if args[SUFFIX_POSITION] is None:
                args = (*args[:SUFFIX_POSITION], LABEL_SUFFIX, *args[SUFFIX_POSITION + 1 :])
        elif kwargs.get("label_suffix") is None:
            kwargs["label_suffix"] = LABEL_SUFFIX
        init(self, *args, **kwargs)

    __init__.gongkai_wording = True  # type: ignore[attr-defined]
    forms.BaseForm.__init__ = __init__


def _install_empty_choice() -> None:
    # Model fields' select choices: Field.get_choices(blank_choice=BLANK_CHOICE_DASH) holds
    # this very list as its default, so it is changed in place.
    dash = model_fields.BLANK_CHOICE_DASH
    dash[:] = [("", EMPTY_CHOICE) if label == DJANGO_EMPTY else (v, label) for v, label in dash]
    # ModelChoiceField(empty_label="---------") is a keyword-only default.
    defaults = forms.ModelChoiceField.__init__.__kwdefaults__
    if defaults and defaults.get("empty_label") == DJANGO_EMPTY:
        defaults["empty_label"] = EMPTY_CHOICE
