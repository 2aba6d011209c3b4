"""`manage.py restore_data ARCHIVE [--force]`: a backup_data archive into an empty database and media."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backups import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và thư mục tệp từ một tệp sao lưu của backup_data."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar do backup_data tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ghi đè cả khi cơ sở dữ liệu hoặc thư mục tệp đích đã có dữ liệu",
        )

    def handle(self, *args, archive: str, force: bool, **options):
        try:
            manifest = restore(Path(archive), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}.")
            + " Hãy chạy `manage.py verify_documents` để kiểm tra các bản PDF đã ban hành."
        )
