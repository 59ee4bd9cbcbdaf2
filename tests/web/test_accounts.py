"""Staff login as 等保 expects: strong passwords, lockout, session length, a login log."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.web.accounts.models import LoginAttempt

from .conftest import PASSWORD


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_good_login_is_logged_and_lands_on_the_desk(alice, client):
    response = login(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/desk/"
    attempt = LoginAttempt.objects.get()
    assert (attempt.username, attempt.success, attempt.user) == ("alice", True, alice)


def test_five_failures_lock_the_account_for_15_minutes(alice, client):
    for _ in range(5):
        response = login(client, "alice", "wrong-password")
        assert "用户名或密码错误" in response.content.decode()
    response = login(client, "alice", PASSWORD)  # the right password, but locked
    assert "账户已锁定15分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(success=False).count() == 6
    assert not LoginAttempt.objects.filter(success=True).exists()


def test_a_success_resets_the_failure_count(alice, client):
    for _ in range(4):
        login(client, "alice", "wrong-password")
    assert login(client, "alice", PASSWORD).status_code == 302
    other = Client()
    for _ in range(4):
        login(other, "alice", "wrong-password")
    assert login(other, "alice", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password", ["short1A!", "alllowercaseletters", "1234567890123", "Password1"]
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_passes():
    validate_password("Pingluo-Desk-2024")


def test_sessions_end_after_30_idle_minutes(alice, monkeypatch):
    # One clock for the session store (django.utils.timezone) and the middleware that
    # pushes the expiry back (time.time), moved by hand.
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.web.ops import middleware

    start = timezone.now()
    clock = [start]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0].timestamp())
    client = Client()
    client.force_login(alice)

    def desk_after(minutes):
        clock[0] += timedelta(minutes=minutes)
        return client.get("/desk/").status_code

    assert desk_after(20) == 200
    assert desk_after(25) == 200  # 45 minutes after login, 25 idle: the visit kept it alive
    assert desk_after(29) == 200
    assert desk_after(31) == 302  # 31 idle minutes: logged out
    assert client.get("/desk/").status_code == 302


def test_logout_is_a_post(alice_client):
    response = alice_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert alice_client.get("/desk/").status_code == 302


def test_ada_adds_a_colleague_with_a_strong_password_only(ada_client, agency_a):
    from gongkai.web.accounts.models import User

    weak = ada_client.post(
        "/accounts/users/",
        {"username": "erin", "full_name": "艾琳", "password": "password1", "is_handler": "on"},
    )
    assert "密码" in weak.content.decode() and not User.objects.filter(username="erin").exists()
    ok = ada_client.post(
        "/accounts/users/",
        {
            "username": "erin",
            "full_name": "艾琳",
            "password": "Pingluo-Erin-2024",
            "is_handler": "on",
        },
    )
    assert ok.status_code == 302
    erin = User.objects.get(username="erin")
    assert (erin.agency, erin.is_handler, erin.is_supervisor) == (agency_a, True, False)


def test_ada_cannot_touch_users_of_agency_b_and_alice_cannot_manage_users(
    ada_client, alice_client, charlie
):
    assert ada_client.post(f"/accounts/users/{charlie.pk}/toggle/").status_code == 404
    charlie.refresh_from_db()
    assert charlie.is_active
    assert alice_client.get("/accounts/users/").status_code == 403
    assert "charlie" not in ada_client.get("/accounts/users/").content.decode()


def test_alice_changes_her_password_only_to_a_strong_one(alice, alice_client):
    weak = alice_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "abcdefghij", "new_password2": "abcdefghij"},
    )
    assert weak.status_code == 200 and "三类" in weak.content.decode()
    ok = alice_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Ningxia-Desk-77",
            "new_password2": "Ningxia-Desk-77",
        },
    )
    assert ok.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("Ningxia-Desk-77")
