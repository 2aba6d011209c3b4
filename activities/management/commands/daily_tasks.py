"""`manage.py daily_tasks [--now]`: the day's background work, once a day from cron or a timer."""

from django.core.management.base import BaseCommand

from activities.tasks import erase_deleted_evidence, purge_expired_personal_data, send_deadline_reminders

DAILY = (send_deadline_reminders, purge_expired_personal_data, erase_deleted_evidence)


class Command(BaseCommand):
    help = (
        "Đưa việc hằng ngày vào hàng đợi tác vụ nền: nhắc hạn đăng ký danh sách và hạn cho ý kiến, xoá dữ "
        "liệu cá nhân đã quá hạn lưu trữ, xoá hẳn tệp minh chứng đã xoá quá 30 ngày. Tiến trình xử lý "
        "tác vụ nền (worker) chạy chúng, thử lại khi lỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Chạy ngay trong lệnh này thay vì đưa vào hàng đợi."
        )

    def handle(self, *args, now: bool, **options):
        for task in DAILY:
            if now:
                self.stdout.write(f"{task.name}: {task.call()}")
            else:
                result = task.enqueue()
                self.stdout.write(f"{task.name}: đã đưa vào hàng đợi ({result.id}).")
