from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.web.accounts.models import User
from gongkai.web.accounts.security import REFUSED_ATTR, NotLikeUserValidator


class LoginForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码错误。连续失败5次，账户将被锁定15分钟。",
        "inactive": "该账户已停用。",
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The backend refused the attempt unheard (locked, or too many from this
            # address): say so instead of "wrong password".
            refused = getattr(self.request, REFUSED_ATTR, None)
            if refused:
                raise forms.ValidationError(refused, code="locked") from None
            raise


class NewUserForm(forms.ModelForm):
    """An agency administrator adds a colleague; the password is checked by the validators."""

    password = forms.CharField(
        label="初始密码",
        max_length=128,
        widget=forms.PasswordInput,
        help_text="至少10位，包含大写字母、小写字母、数字、特殊字符中的三类。",
    )

    class Meta:
        model = User
        fields = [  # noqa: RUF012
            "username",
            "full_name",
            "email",
            "is_handler",
            "is_reviewer",
            "is_head",
            "is_agency_admin",
            "is_supervisor",
        ]

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        if agency is not None and agency.kind != "government":
            del self.fields["is_supervisor"]  # 政务公开办 sits in the government

    def clean(self):
        """The password is checked against the user being added (its user name, name and
        e-mail), which the model instance does not hold yet while the fields are cleaned."""
        from django.contrib.auth.password_validation import (
            get_default_password_validators,
            validate_password,
        )

        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(
                username=cleaned.get("username") or "",
                full_name=cleaned.get("full_name") or "",
                email=cleaned.get("email") or "",
            )
            try:
                validate_password(
                    password,
                    candidate,
                    [NotLikeUserValidator(), *get_default_password_validators()],
                )
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.agency = self.agency
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user
