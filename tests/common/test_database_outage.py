"""A database that is down gives a Vietnamese page asking to retry, and a log line; never a bare 500."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
        OperationalError("database is locked"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_outage_gives_a_vietnamese_page_and_a_log_line(client, user, caplog, error):
    client.force_login(user)
    with (
        mock.patch("plans.views.dashboard.plan_list_queryset", side_effect=error),
        caplog.at_level(logging.ERROR, logger="kehoach.database"),
    ):
        response = client.get(reverse("home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Tạm thời không truy cập được dữ liệu" in response.content.decode()
    assert f"database unavailable on GET /: {error}" in [record.getMessage() for record in caplog.records]


def test_other_errors_are_left_to_the_ordinary_error_page(client, user):
    client.raise_request_exception = False
    client.force_login(user)
    with mock.patch("plans.views.dashboard.plan_list_queryset", side_effect=RuntimeError("bug")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
