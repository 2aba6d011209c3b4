"""What the benchmarks share: a throw-away database and wall-clock timing."""

import gc
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timings_ms(function, runs: int) -> list[float]:
    """Wall time of each run; the garbage collector runs between runs, never inside one."""
    result = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            function()
            result.append((time.perf_counter() - start) * 1000)
        finally:
            gc.enable()
    return result


def setup_django(
    folder: str, *, database_url: str | None = None, instrument: bool = True, reuse: bool = False
) -> None:
    """Django on a fresh, migrated database, never the project's: SQLite in `folder`, or the
    throw-away PostgreSQL database `database_url` (dropped and created again here). With `reuse`
    a bench database kept by an earlier run (`--keep`) is opened as it is: SQLite's file
    `folder/bench.sqlite3`, or the PostgreSQL database if it exists.

    `instrument=False` leaves out the test runner's per-template instrumentation, which doubles
    the time of template-heavy pages; the test client is then let in through ALLOWED_HOSTS.
    """
    # WhiteNoise warns that collectstatic's folder is missing; the benchmarks serve no static file.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if database_url and not (reuse and postgres_database_exists(database_url)):
        recreate_postgres_database(database_url)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if instrument:
        from django.test.utils import setup_test_environment

        setup_test_environment()  # lets the test client in (ALLOWED_HOSTS) and keeps mail local
    else:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in `url` (a bench's own, never the project's)."""
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    assert "bench" in name, "a bench only ever drops a database whose name says bench"
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def postgres_database_exists(url: str) -> bool:
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def bench_folder(keep: str | None):
    """The folder of the SQLite bench database: `keep` if given (kept, so that a later run can
    reuse it), else a temporary one."""
    import contextlib
    import tempfile

    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        return contextlib.nullcontext(keep)
    return tempfile.TemporaryDirectory(prefix="bench-")


def drop_postgres_database(url: str) -> None:
    from urllib.parse import urlsplit

    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
