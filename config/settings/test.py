"""Test runs: fast hashing, no manifest for static files, database from DATABASE_URL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Files written outside a test's own temporary folder (module-wide fixtures) never reach the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kehoach-test-media-"))
# Tests count queries: the cache stays in the process unless a test run asks for another.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "common.sqlite":  # noqa: F405
    # A file, not SQLite's shared in-memory database: tests that write from several threads
    # must meet the same locking (WAL, IMMEDIATE transactions) as production does.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"kehoach-test-{os.getpid()}.sqlite3")
    }

# Background tasks run right after commit in the test process; tests of the queue itself use the
# database backend and run its worker in-process.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
