"""`manage.py purge_personal_data [--days N] [--user USERNAME] [--dry-run]`: erase the personal data of
registrations once their event is long enough over (see activities.registrations.personal_data.event_end)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from activities.registrations.personal_data import RETENTION_DAYS, purge_personal_data
from activities.tasks import responsible_admin


class Command(BaseCommand):
    help = (
        "Xoá số điện thoại, số CCCD, ngày cấp, nơi cấp của người đăng ký khi sự kiện của kế hoạch đã "
        f"kết thúc quá số ngày lưu trữ (mặc định {RETENTION_DAYS} ngày). Mỗi kế hoạch được ghi một dòng "
        "vào nhật ký truy cập dữ liệu cá nhân."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=RETENTION_DAYS,
            help=f"Số ngày giữ dữ liệu sau khi sự kiện kết thúc (mặc định {RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--user",
            help="Người chịu trách nhiệm, ghi vào nhật ký (mặc định: quản trị viên đầu tiên).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xoá gì.")

    def handle(self, *args, days: int, user: str | None, dry_run: bool, **options):
        if days < 0:
            raise CommandError("--days phải là số ngày không âm.")
        actor = None if dry_run else self._actor(user)
        result = purge_personal_data(days=days, user=actor, dry_run=dry_run)
        for item in result.purged:
            self.stdout.write(
                f"  {item.plan.full_symbol}  {item.plan.subject}: kết thúc {item.ended:%d/%m/%Y}, "
                f"{item.rows} người"
            )
        for plan in result.undated:
            self.stdout.write(
                f"  Bỏ qua {plan.full_symbol}  {plan.subject}: không xác định được ngày kết thúc "
                "(không có ngày hoạt động, lớp hay hạn đăng ký)."
            )
        if dry_run:
            self.stdout.write(
                f"Chạy thử: sẽ xoá dữ liệu cá nhân của {result.rows} người đăng ký "
                f"({len(result.purged)} kế hoạch). Chưa xoá gì."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã xoá dữ liệu cá nhân của {result.rows} người đăng ký ({len(result.purged)} kế hoạch)."
                )
            )

    def _actor(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản đang hoạt động tên “{username}”.")
            return actor
        actor = responsible_admin()
        if actor is None:
            raise CommandError("Chưa có quản trị viên nào: hãy chỉ rõ người chịu trách nhiệm bằng --user.")
        return actor
