from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.web.accounts.security import LOCKED_MESSAGE, is_locked


class LoginForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码错误。连续失败5次，账户将被锁定15分钟。",
        "inactive": "该账户已停用。",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked(username):
            # Log the refused attempt too (authenticate would raise PermissionDenied).
            from django.contrib.auth.signals import user_login_failed

            user_login_failed.send(
                sender=__name__, credentials={"username": username}, request=self.request
            )
            raise forms.ValidationError(LOCKED_MESSAGE, code="locked")
        return super().clean()


class NewUserForm(forms.ModelForm):
    """An agency administrator adds a colleague; the password is checked by the validators."""

    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        help_text="至少10位，包含大写字母、小写字母、数字、特殊字符中的三类。",
    )

    class Meta:
        from gongkai.web.accounts.models import User

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

    def clean_password(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password, self.instance)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        user.agency = self.agency
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user
