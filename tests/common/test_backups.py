"""A backup restores into a new database and media folder, and the issued PDFs prove it.

Runs on whichever database the suite runs on (SQLite or PostgreSQL): the backup from the test
database in this process; the restore and the verification in fresh `manage.py` processes pointed
at a new database and a new media folder, as an administrator would run them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from plans.issuing import attach_pdf, freeze_context
from plans.models import Plan
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)
BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def new_database(tmp_path):
    """The URL of a database that does not exist yet (PostgreSQL: created empty, dropped after)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"[:60]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = db.get("USER") or "postgres"
    yield f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def issue(plan: Plan, number: int):
    plan.number, plan.date_day, plan.status = number, 10, "issued"
    plan.save()
    return attach_pdf(freeze_context(plan=plan, user=None))


def test_backup_restore_into_a_new_database_and_folder_then_every_hash_verifies(
    district, tmp_path, new_database
):
    documents = [issue(PlanFactory(organization=district), number) for number in (3, 4)]
    call_command("backup_data", output=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("kehoach-*.tar")
    media = tmp_path / "restored-media"

    restored = manage("restore_data", str(archive), database_url=new_database, media=media)
    assert restored.returncode == 0, restored.stderr
    verified = manage("verify_documents", "--no-restore", database_url=new_database, media=media)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Đã kiểm tra 2 văn bản — ok: 2" in verified.stdout
    assert {(media / d.pdf.name).is_file() for d in documents} == {True}

    # One byte of one restored PDF changed: the verification names it and fails.
    path = media / documents[0].pdf.name
    data = bytearray(path.read_bytes())
    data[100] ^= 0x20
    path.write_bytes(bytes(data))
    tampered = manage(
        "verify_documents", "--no-restore", "--quiet-alerts", database_url=new_database, media=media
    )
    assert tampered.returncode == 1
    assert f"[mismatch] văn bản {documents[0].pk}" in tampered.stdout
    assert f"văn bản {documents[1].pk}" not in tampered.stdout
    assert "ok: 1" in tampered.stdout

    # Restoring over a database in use is refused, nothing overwritten.
    again = manage("restore_data", str(archive), database_url=new_database, media=tmp_path / "empty")
    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr
