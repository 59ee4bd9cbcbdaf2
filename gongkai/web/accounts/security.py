"""Login security as 等保 expects: strong passwords, lockout, a log of every attempt."""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.utils import timezone

from gongkai.web.accounts.models import LoginAttempt, User
from gongkai.web.throttle import buckets

MAX_FAILURES = 5  # wrong passwords in a row for one user name from one address ...
LOCKOUT = timedelta(minutes=15)  # ... lock that pair for 15 minutes from the fifth
LOCKED_MESSAGE = "连续登录失败次数过多，账户已锁定15分钟，请稍后再试。"
ADDRESS_FAILURES = 30  # failures from one address, any user names, per hour
ADDRESS_WINDOW = 3600
THROTTLED_MESSAGE = (
    "该网络地址登录失败次数过多，请一小时后再试；如需立即登录，请联系本机关系统管理员。"
)
REFUSED_ATTR = "_gongkai_login_refused"  # set on the request when a login is refused unheard

# Why our own buckets and not django-axes: axes has one failure limit for every lockout
# parameter, so a lock per (user name, address) and a looser throttle per address cannot
# both be had; by default a failure during the lock restarts the cool-off (exactly what let
# an attacker keep a user locked); its check-then-count on AccessAttempt races; and it
# brings a second login log beside LoginAttempt (等保's 登录日志). The portal needs
# atomic buckets anyway (throttle.buckets); the lockout is two of them.


def client_ip(request) -> str | None:
    """The client's address: the peer, or, when the peer is one of our reverse proxies
    (GONGKAI_TRUSTED_PROXIES), the rightmost X-Forwarded-For hop that is not one of them.

    Taking the leftmost hop, or any hop from an untrusted peer, would let a client name
    its own address and walk around every rate limit and lockout."""
    if request is None:
        return None
    from gongkai.web.ops.proxies import is_trusted_proxy

    peer = _address(request.META.get("REMOTE_ADDR"))
    if peer is None or not is_trusted_proxy(peer):
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # a malformed hop: trust nothing further left of it
        if not is_trusted_proxy(address):
            return address
    return peer


def _address(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def _user_key(username: str, address: str | None) -> str:
    return f"login:{username[:150]}|{address or 'unknown'}"


def _address_key(address: str | None) -> str:
    return f"login-address:{address or 'unknown'}"


def is_locked(username: str, address: str | None) -> bool:
    """The user name is locked for this address (not for anyone else)."""
    return bool(buckets.blocked_until(_user_key(username, address)))


def locked_usernames(usernames) -> set[str]:
    """Which of these user names are locked from some address right now."""
    wanted = set(usernames)
    return {key[len("login:") :].split("|")[0] for key in buckets.blocked_keys("login:")} & wanted


def unlock(username: str) -> int:
    """An administrator lifts every lock on the user name (from every address)."""
    return buckets.clear_prefix(f"login:{username}|")


def reserve_attempt(request, username: str) -> str | None:
    """Count a login attempt before the password is checked; the Chinese refusal, if any.

    Counted first so that simultaneous guesses cannot all slip under the limit; a good
    password gives the attempt back (`attempt_succeeded`)."""
    address = client_ip(request)
    per_address = buckets.hit(_address_key(address), limit=ADDRESS_FAILURES, window=ADDRESS_WINDOW)
    if not per_address.allowed:
        return THROTTLED_MESSAGE
    window = int(LOCKOUT.total_seconds())
    per_user = buckets.hit(
        _user_key(username, address), limit=MAX_FAILURES, window=window, block=window
    )
    if not per_user.allowed:
        buckets.refund(_address_key(address), limit=ADDRESS_FAILURES)
        return LOCKED_MESSAGE
    return None


def attempt_succeeded(request, username: str) -> None:
    address = client_ip(request)
    buckets.clear(_user_key(username, address))  # a success resets the count
    buckets.refund(_address_key(address), limit=ADDRESS_FAILURES)


class LockoutBackend(ModelBackend):
    """The model backend behind the lockout: every way in (the desk's login, the admin's)
    passes here. A refused attempt raises PermissionDenied (user_login_failed is still sent)
    and leaves the reason on the request for the login form to show."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username:
            return None
        refused = reserve_attempt(request, username)
        if refused:
            if request is not None:
                setattr(request, REFUSED_ATTR, refused)
            raise PermissionDenied(refused)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            attempt_succeeded(request, username)
        return user


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
    refused = getattr(request, REFUSED_ATTR, None) if request is not None else None
    LoginAttempt.objects.create(
        username=username,
        user=User.objects.filter(username=username).first(),
        at=timezone.now(),
        ip=client_ip(request),
        success=False,
        note={LOCKED_MESSAGE: "账户已锁定", THROTTLED_MESSAGE: "地址受限"}.get(
            refused or "", "用户名或密码错误"
        ),
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


class NotLikeUserValidator:
    """The password may not be mostly, or closely resemble, the user name, the name or the
    e-mail address (an administrator adding "zhangwei2024" with "Zhangwei-2024!")."""

    LABELS = (("username", "用户名"), ("full_name", "姓名"), ("email", "电子邮箱"))

    def validate(self, password, user=None):
        if user is None:
            return
        plain = _letters(password)
        for attribute, label in self.LABELS:
            value = getattr(user, attribute, "") or ""
            if attribute == "email":
                value = value.split("@")[0]
            other = _letters(value)
            if len(other) < 3:
                continue
            mostly = other in plain and 2 * len(other) >= len(plain)
            if mostly or plain in other or _similar(plain, other):
                raise ValidationError(
                    f"密码与{label}过于相似，请另设密码。", code="password_too_similar"
                )

    def get_help_text(self):
        return "密码不得包含或近似于用户名、姓名、电子邮箱。"


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())[:128]


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(a=a, b=b)
    return matcher.quick_ratio() >= 0.7 and matcher.ratio() >= 0.7
