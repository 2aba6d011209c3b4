"""Sign-in locks behind the reverse proxy: keyed on the client's address and the username, a try
during a lock does not prolong it, and an administrator lifts a lock from a page."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from common.client_address import client_address
from plans import policy

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.9"
PASSWORD = "mat-khau-dai-du-10"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("chuyenvien", password=PASSWORD)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def attempt(client, password, *, client_ip, username="chuyenvien"):
    """A sign-in through the proxy, which appends the client's address to X-Forwarded-For."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def lock(client, client_ip="203.0.113.5"):
    for _ in range(5):
        attempt(client, "sai", client_ip=client_ip)
    assert attempt(client, PASSWORD, client_ip=client_ip).status_code == 429


def test_behind_the_proxy_a_lock_concerns_one_client_not_everyone(client, user, behind_proxy):
    lock(client, "203.0.113.5")
    assert attempt(client, PASSWORD, client_ip="198.51.100.7").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_an_address_the_client_forged_on_the_left_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.1.1.1"
    for header in ("", "not-an-address", " , "):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)) == PROXY


def test_without_a_proxy_the_header_is_not_trusted(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == "192.0.2.1"


def test_locks_key_on_the_client_address_and_username_together():
    from config.settings import base

    assert base.AXES_CLIENT_IP_CALLABLE == "common.client_address.client_address"
    assert base.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def age(minutes):
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=minutes)
    )


def test_a_try_during_the_lock_does_not_restart_the_cool_off(client, user, behind_proxy):
    lock(client)
    age(10)
    assert attempt(client, "sai", client_ip="203.0.113.5").status_code == 429
    age(6)  # 16 minutes after the lock began, 6 after the last try
    assert attempt(client, PASSWORD, client_ip="203.0.113.5").status_code == 302


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    client.force_login(admin)
    return client


def test_an_administrator_sees_the_lock_and_lifts_it(client, user, behind_proxy):
    lock(client)
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    client.force_login(admin)
    page = client.get(reverse("locked_accounts")).content.decode()
    assert "chuyenvien" in page
    assert "203.0.113.5" in page

    response = client.post(
        reverse("unlock_account"), {"attempt": AccessAttempt.objects.get().pk}, follow=True
    )

    assert "Đã mở khóa đăng nhập cho tài khoản “chuyenvien” từ địa chỉ 203.0.113.5." in (
        response.content.decode()
    )
    client.logout()
    assert attempt(client, PASSWORD, client_ip="203.0.113.5").status_code == 302


@pytest.mark.parametrize("value", ["", "abc", "999999", "1; DROP TABLE", "-1"])
def test_a_tampered_unlock_says_the_lock_is_gone(admin_client, value):
    response = admin_client.post(reverse("unlock_account"), {"attempt": value}, follow=True)
    assert response.status_code == 200
    assert "Khóa này không còn" in response.content.decode()


def test_staff_who_are_not_administrators_are_refused_with_the_reason(client, user):
    client.force_login(user)
    response = client.get(reverse("locked_accounts"))
    assert response.status_code == 403
    assert policy.ACCOUNTS_MESSAGE in response.content.decode()
