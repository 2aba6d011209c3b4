"""Production settings fail fast without a real secret and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never would.
IGNORED_ENVIRONMENT = ("SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in IGNORED_ENVIRONMENT}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("secret", ["", "django-insecure-" + "x" * 60, "short-key", "a" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = manage("check", SECRET_KEY=secret, ALLOWED_HOSTS="kehoach.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="kehoach.example.gov.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_app_speaks_vietnamese_in_vietnams_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_sqlite_waits_for_concurrent_writers_instead_of_failing():
    from config.settings import base

    if base.DATABASES["default"]["ENGINE"] != "common.sqlite":
        pytest.skip("this run uses PostgreSQL")
    options = base.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
