"""`/health/`: is this app server able to serve? The database, the cache, the file storage and,
when one is configured, the task queue, each checked for real on every call.

Open without sign-in (a load balancer, the container engine and monitoring call it) and so it
names no host, path or error: the detail goes to the log.
"""

import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("SELECT 1 did not answer 1")


def _cache() -> None:
    key, value = f"health-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not give back what was stored")
    finally:
        cache.delete(key)


def _storage() -> None:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as file:
            if file.read() != b"ok":
                raise RuntimeError("the storage did not give back what was written")
    finally:
        default_storage.delete(name)


def _queue() -> bool:
    """Reach the task queue's store when a real one is configured; False when there is none."""
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if backend.endswith("DatabaseBackend"):
        # The database backend keeps its tasks in a model of the app that holds the backend.
        app = apps.get_containing_app_config(backend)
        if app is None:
            raise RuntimeError(f"{backend} is not in INSTALLED_APPS")
        for model in app.get_models():
            model.objects.exists()
        return True
    if backend.endswith("RQBackend"):
        from django_rq import get_connection  # optional: only with the Redis queue

        get_connection().ping()
        return True
    return False


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
@require_safe
def health(request):
    results, healthy = {}, True
    for name, check in [*CHECKS.items(), ("queue", _queue)]:
        try:
            outcome = check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            results[name], healthy = "error", False
        else:
            results[name] = "not configured" if outcome is False else "ok"
    body = {"status": "ok" if healthy else "error", "checks": results}
    return JsonResponse(body, status=200 if healthy else 503)
