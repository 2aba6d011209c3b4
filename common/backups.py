"""One archive holds what must survive a lost server: the database and the uploaded files.

`manage.py backup_data` writes `kehoach-<time>.tar` with the database (SQLite's online backup, or
PostgreSQL's `pg_dump -Fc`), the media folder (issued PDFs, evidence) and a manifest;
`manage.py restore_data <archive>` puts both back into the configured, empty database and media
folder; `manage.py verify_documents` then proves the issued PDFs are the ones issued.
Media on object storage (MEDIA_S3_BUCKET) are not in the archive: the bucket's own versioning or
replication keeps them.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_MEMBER = "media"
MANIFEST_MEMBER = "manifest.json"


class BackupError(Exception):
    """A backup or restore refused, with the reason in Vietnamese."""


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")
    return connection.vendor


def _pg_command(program: str) -> tuple[list[str], dict]:
    """A PostgreSQL client command for the configured database, with its password in the environment."""
    db = connection.settings_dict
    command = [program, "--no-password", "--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [option, str(db[key])]
    environment = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return command, environment


def _media_on_disk() -> Path | None:
    return None if getattr(settings, "MEDIA_S3_BUCKET", "") else Path(settings.MEDIA_ROOT)


def backup(folder: Path) -> Path:
    """Write one archive of the database and the media folder into `folder`; return its path."""
    vendor = _vendor()
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"kehoach-{timezone.now():%Y%m%d-%H%M%S}.tar"
    with tempfile.TemporaryDirectory(prefix="kehoach-backup-") as work:
        dump = Path(work) / DATABASE_MEMBERS[vendor]
        if vendor == "sqlite":
            connection.ensure_connection()
            # The online backup API copies a consistent snapshot while the app keeps writing.
            with sqlite3.connect(dump) as target:
                connection.connection.backup(target)
            target.close()
        else:
            command, environment = _pg_command("pg_dump")
            subprocess.run([*command, "--format=custom", "--file", str(dump)], env=environment, check=True)  # noqa: S603
        media = _media_on_disk()
        manifest = {
            "created_at": timezone.now().isoformat(),
            "database": vendor,
            "media": "disk" if media else "object storage (not in this archive)",
        }
        (Path(work) / MANIFEST_MEMBER).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(Path(work) / MANIFEST_MEMBER, MANIFEST_MEMBER)
            tar.add(dump, dump.name)
            if media and media.is_dir():
                tar.add(media, MEDIA_MEMBER)
        partial.rename(archive)  # never a half-written archive under the final name
    return archive


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(archive: Path, *, force: bool = False) -> dict:
    """Put the archive's database and media back; refuses a database or media folder in use."""
    vendor = _vendor()
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu “{archive}”.")
    media = _media_on_disk()
    if not force and not _database_is_empty():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có dữ liệu; hãy khôi phục vào một cơ sở dữ liệu mới (hoặc --force)."
        )
    if not force and media and media.is_dir() and any(media.iterdir()):
        raise BackupError(
            f"Thư mục tệp “{media}” đã có tệp; hãy khôi phục vào một thư mục mới (hoặc --force)."
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-restore-") as work, tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")  # "data": no absolute paths, links or devices
        manifest = json.loads((Path(work) / MANIFEST_MEMBER).read_text())
        if manifest["database"] != vendor:
            raise BackupError(
                f"Bản sao lưu là của {manifest['database']}, còn cơ sở dữ liệu đích là {vendor}."
            )
        dump = Path(work) / DATABASE_MEMBERS[vendor]
        if vendor == "sqlite":
            connection.close()
            with sqlite3.connect(dump) as source, sqlite3.connect(connection.settings_dict["NAME"]) as target:
                source.backup(target)
            source.close()
            target.close()
        else:
            connection.close()
            command, environment = _pg_command("pg_restore")
            options = ["--no-owner", "--single-transaction", "--exit-on-error"]
            if force:
                options += ["--clean", "--if-exists"]
            subprocess.run([*command, *options, str(dump)], env=environment, check=True)  # noqa: S603
        saved_media = Path(work) / MEDIA_MEMBER
        if media and saved_media.is_dir():
            shutil.copytree(saved_media, media, dirs_exist_ok=True)
    # What the shared cache keeps was read from the database replaced (users' rights among it, kept
    # until a write says they changed: the restore writes past every signal).
    cache.clear()
    return manifest
