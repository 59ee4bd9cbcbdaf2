"""Login security as 等保 expects: strong passwords, lockout, a log of every attempt."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.utils import timezone

from gongkai.web.accounts.models import LoginAttempt, User

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
LOCKED_MESSAGE = "连续登录失败次数过多，账户已锁定15分钟，请稍后再试。"


def is_locked(username: str, now=None) -> bool:
    """5 failures in a row within the last 15 minutes (a success resets the count)."""
    now = now or timezone.now()
    recent = LoginAttempt.objects.filter(username=username, at__gte=now - LOCKOUT).order_by("-at")
    failures = 0
    for attempt in recent[: MAX_FAILURES + 1]:
        if attempt.success:
            break
        failures += 1
    return failures >= MAX_FAILURES


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


class LockoutBackend(ModelBackend):
    """The model backend, refusing a locked username before checking its password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and is_locked(username):
            raise PermissionDenied(LOCKED_MESSAGE)  # user_login_failed is still sent
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_logged_in)
def _log_login(sender, request, user, **kwargs):
    LoginAttempt.objects.create(
        username=user.get_username(),
        user=user,
        at=timezone.now(),
        ip=client_ip(request),
        success=True,
        note="登录成功",
    )


@receiver(user_login_failed)
def _log_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    locked = is_locked(username)
    LoginAttempt.objects.create(
        username=username,
        user=User.objects.filter(username=username).first(),
        at=timezone.now(),
        ip=client_ip(request),
        success=False,
        note="账户已锁定" if locked else "用户名或密码错误",
    )


class CharacterClassValidator:
    """At least three of: lower case, upper case, digits, other characters."""

    def validate(self, password, user=None):
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                "密码须至少包含大写字母、小写字母、数字、特殊字符中的三类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return "密码须至少包含大写字母、小写字母、数字、特殊字符中的三类。"
