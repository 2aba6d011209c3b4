"""`manage.py verify_documents [--no-restore]`: every issued PDF against its recorded SHA-256.

Run after a restore and on a schedule. Exits with status 1 if any file differs or is lost beyond
repair, so cron or a systemd timer mails or flags the failure.
"""

from django.core.management.base import BaseCommand, CommandError

from plans.documents.integrity import Status, verify
from plans.models import IssuedDocument


class Command(BaseCommand):
    help = "Kiểm tra mọi bản PDF đã ban hành với mã SHA-256 đã ghi khi ban hành và báo các tệp sai khác."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-restore",
            action="store_true",
            help="Không đặt lại tệp bị mất (dù bản tạo lại từ nội dung đã ban hành khớp mã SHA-256)",
        )
        parser.add_argument(
            "--quiet-alerts",
            action="store_true",
            help="Không gửi thông báo cho văn thư và quản trị (chỉ in kết quả)",
        )

    def handle(self, *args, no_restore: bool, quiet_alerts: bool, **options):
        counts = dict.fromkeys(Status, 0)
        documents = IssuedDocument.objects.select_related("plan").order_by("pk")
        for document in documents.iterator(chunk_size=200):
            verdict = verify(document, restore=not no_restore, alert=not quiet_alerts)
            counts[verdict.status] += 1
            if verdict.status != Status.OK:
                plan = document.plan.full_symbol or document.plan_id
                line = f"[{verdict.status}] văn bản {document.pk}, kế hoạch {plan}: {verdict.message}"
                writer = self.style.SUCCESS if verdict.servable else self.style.ERROR
                self.stdout.write(writer(line))
        summary = ", ".join(f"{status}: {count}" for status, count in counts.items())
        self.stdout.write(f"Đã kiểm tra {sum(counts.values())} văn bản — {summary}.")
        bad = counts[Status.MISMATCH] + counts[Status.MISSING]
        if bad:
            raise CommandError(f"{bad} bản PDF đã ban hành không khớp mã SHA-256.")
