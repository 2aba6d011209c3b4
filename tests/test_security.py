"""Sign-in protection and security headers on every page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = get_user_model().objects.create_user("chuyenvien", password="mat-khau-dai-du-10")
    return user


def attempt(client, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": "chuyenvien", "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_username_from_that_address_with_a_vietnamese_message(client, user):
    for _ in range(4):
        response = attempt(client, "sai")
        assert response.status_code == 200
        assert "mật khẩu" in response.content.decode().lower()
    locked = attempt(client, "sai")
    assert locked.status_code == 429
    assert "tạm thời bị khóa đăng nhập" in locked.content.decode()
    # Even the right password is refused while the lock holds.
    assert attempt(client, "mat-khau-dai-du-10").status_code == 429


def test_the_lock_concerns_only_that_address(client, user):
    for _ in range(5):
        attempt(client, "sai")
    assert attempt(client, "mat-khau-dai-du-10", address="10.0.0.2").status_code == 302


def test_the_lock_lifts_after_a_finite_cool_off(settings):
    assert 0 < settings.AXES_COOLOFF_TIME.total_seconds() <= 3600


def test_a_successful_sign_in_resets_the_failure_count(client, user):
    for _ in range(4):
        attempt(client, "sai")
    assert attempt(client, "mat-khau-dai-du-10").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "sai").status_code == 200


def test_a_session_lasts_one_working_day(settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_short_passwords_are_refused_in_vietnamese(user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password("ngan123", user)
    assert any("10" in message for message in error.value.messages)


@pytest.mark.parametrize("name", ["login", "home"])
def test_pages_send_a_content_security_policy_without_inline_script_and_other_security_headers(client, name):
    response = client.get(reverse(name))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
