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
