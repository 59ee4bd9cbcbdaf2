"""Login lockout by user name AND address, a per-address throttle, unlocking, the client
address behind trusted proxies, and passwords like the user name."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from gongkai.web.accounts import security
from gongkai.web.accounts.models import LoginAttempt, User

from .conftest import PASSWORD
from .test_portal import FORM


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_an_attacker_elsewhere_cannot_lock_the_user_out(alice):
    attacker, alice_desk = client_at("198.51.100.7"), client_at("10.1.2.3")
    for _ in range(12):
        login(attacker, "alice", "wrong-password")
    assert "账户已锁定" in login(attacker, "alice", PASSWORD).content.decode()
    assert login(alice_desk, "alice", PASSWORD).status_code == 302


def test_attempts_while_locked_do_not_extend_the_lock(alice):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.web.throttle.models import Bucket

    desk = client_at("10.1.2.3")
    for _ in range(5):
        login(desk, "alice", "wrong-password")
    bucket = Bucket.objects.get(key="login:alice|10.1.2.3")
    lock_end = bucket.blocked_until
    assert lock_end == bucket.started + 900 or lock_end > timezone.now().timestamp() + 890
    for _ in range(10):  # the attacker keeps trying during the lock
        assert "账户已锁定15分钟" in login(desk, "alice", "wrong-password").content.decode()
    assert Bucket.objects.get(key="login:alice|10.1.2.3").blocked_until == lock_end
    # After the 15 minutes the right password works at once.
    Bucket.objects.filter(pk=bucket.pk).update(
        blocked_until=int((timezone.now() - timedelta(seconds=1)).timestamp()),
        started=int((timezone.now() - timedelta(minutes=16)).timestamp()),
    )
    assert login(desk, "alice", PASSWORD).status_code == 302


def test_one_address_trying_many_user_names_is_throttled(alice):
    sprayer = client_at("198.51.100.8")
    for n in range(security.ADDRESS_FAILURES):
        login(sprayer, f"user{n}", "wrong-password")
    response = login(sprayer, "alice", PASSWORD)
    assert "该网络地址登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in sprayer.session
    assert LoginAttempt.objects.filter(note="地址受限").count() == 1
    assert login(client_at("10.1.2.3"), "alice", PASSWORD).status_code == 302


def test_good_logins_do_not_use_up_the_address_throttle(alice):
    desk = client_at("10.1.2.4")
    for _ in range(security.ADDRESS_FAILURES + 5):
        assert login(desk, "alice", PASSWORD).status_code == 302
        desk.post("/accounts/logout/")


def test_the_administrator_sees_the_lock_and_lifts_it(alice, ada_client):
    desk = Client()  # the same address as ada's client: 127.0.0.1
    for _ in range(5):
        login(desk, "alice", "wrong-password")
    page = ada_client.get("/accounts/users/").content.decode()
    assert "登录已锁定" in page and "解除锁定" in page
    response = ada_client.post(f"/accounts/users/{alice.pk}/unlock/", follow=True)
    assert "已解除用户 alice 的登录锁定" in response.content.decode()
    assert "登录已锁定" not in ada_client.get("/accounts/users/").content.decode()
    assert login(desk, "alice", PASSWORD).status_code == 302


def test_only_the_own_agencys_administrator_may_unlock(alice, charlie_client, alice_client):
    assert charlie_client.post(f"/accounts/users/{alice.pk}/unlock/").status_code in (403, 404)
    assert alice_client.post(f"/accounts/users/{alice.pk}/unlock/").status_code == 403


def test_the_admin_site_login_is_locked_too(db):
    User.objects.create_superuser("root", password=PASSWORD)
    desk = client_at("10.9.9.9")
    for _ in range(5):
        desk.post("/admin/login/", {"username": "root", "password": "wrong-password"})
    desk.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert "_auth_user_id" not in desk.session


# ---------------------------------------------------------------- the client's address
def request_from(peer: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.GONGKAI_TRUSTED_PROXIES = []
    assert security.client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_forwarded_for_from_an_untrusted_peer_is_ignored(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.1"]
    assert security.client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # The client forged "1.2.3.4"; the proxies appended the real address and their own.
    request = request_from("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2")
    assert security.client_ip(request) == "203.0.113.9"


def test_a_proxy_without_forwarded_for_is_the_client(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert security.client_ip(request_from("127.0.0.1")) == "127.0.0.1"


def test_a_malformed_hop_stops_the_walk(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert security.client_ip(request_from("127.0.0.1", "1.2.3.4, not-an-ip")) == "127.0.0.1"


def test_ipv6_addresses_are_normalised(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["::1"]
    assert security.client_ip(request_from("::1", "2001:DB8:0:0::1")) == "2001:db8::1"


def test_two_applicants_behind_one_proxy_have_two_buckets(settings, agency_a):
    """Behind the proxy every applicant used to share one bucket of 5 applications."""
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    refused = "同一网络地址每小时最多提交5件申请"
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(HTTP_X_FORWARDED_FOR="203.0.113.2")
    form = {**FORM, "agency": str(agency_a.pk)}
    for _ in range(5):
        assert first.post("/apply/", form).status_code == 302
    assert second.post("/apply/", form).status_code == 302
    assert refused not in second.get("/apply/").content.decode()
    assert refused in first.get("/apply/").content.decode()


# ---------------------------------------------------------------- passwords
@pytest.mark.parametrize("password", ["Zhangwei-2024", "zhangwei2024A!", "ZHANGWEI_2024"])
def test_a_password_like_the_user_name_is_refused(ada_client, password):
    response = ada_client.post(
        "/accounts/users/",
        {
            "username": "zhangwei2024",
            "full_name": "张伟",
            "password": password,
            "is_handler": "on",
        },
    )
    assert "密码与用户名过于相似" in response.content.decode()
    assert not User.objects.filter(username="zhangwei2024").exists()
    assert 'value="zhangwei2024"' in response.content.decode()  # what was typed is kept


def test_the_system_administrator_lifts_a_lock_in_the_admin(alice, db):
    from gongkai.web.throttle.models import Bucket

    User.objects.create_superuser("root", password=PASSWORD)
    desk = client_at("10.1.2.3")
    for _ in range(5):
        login(desk, "alice", "wrong-password")
    root = Client(REMOTE_ADDR="10.0.0.9")
    assert login(root, "root", PASSWORD).status_code == 302
    bucket = Bucket.objects.get(key="login:alice|10.1.2.3")
    assert "login:alice|10.1.2.3" in root.get("/admin/throttle/bucket/").content.decode()
    root.post(f"/admin/throttle/bucket/{bucket.pk}/delete/", {"post": "yes"})
    assert login(desk, "alice", PASSWORD).status_code == 302
