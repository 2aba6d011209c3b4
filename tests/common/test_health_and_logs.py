"""The health endpoint and the request id on log lines."""

import json
import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_checks_database_cache_and_storage(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["database"] == body["checks"]["cache"] == body["checks"]["storage"] == "ok"
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_health_answers_503_when_the_cache_fails_and_logs_why(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "set", broken)
    with caplog.at_level(logging.ERROR, logger="common.health"):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"
    assert "redis down" not in response.content.decode()  # the detail goes to the log only
    assert "redis down" in caplog.text


def test_every_response_carries_a_request_id_and_log_lines_repeat_it(client, caplog, monkeypatch):
    from common import health

    def broken():
        logging.getLogger("common.health").warning("storage probe")
        raise OSError("disk full")

    monkeypatch.setitem(health.CHECKS, "storage", broken)
    with caplog.at_level(logging.WARNING, logger="common.health"):
        response = client.get(reverse("health"), headers={"X-Request-ID": "proxy-id-12345678"})
    assert response.headers["X-Request-ID"] == "proxy-id-12345678"
    records = [r for r in caplog.records if r.name == "common.health"]
    assert records
    assert {getattr(r, "request_id", None) for r in records} <= {"proxy-id-12345678"}


def test_a_forged_request_id_is_replaced(client):
    response = client.get(reverse("health"), headers={"X-Request-ID": "x\r\nFAKE: line"})
    request_id = response.headers["X-Request-ID"]
    assert "\n" not in request_id
    assert len(request_id) == 32
