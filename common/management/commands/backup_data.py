"""`manage.py backup_data --output DIR`: the database and the media folder in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backups import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và thư mục tệp (bản PDF đã ban hành, minh chứng) vào một tệp .tar."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Thư mục lưu tệp sao lưu")

    def handle(self, *args, output: str, **options):
        try:
            archive = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {archive}"))
