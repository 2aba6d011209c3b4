"""`manage.py loaddemo [--force]`: load the five seed plans, their issuers and the demo accounts."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from clusters.models import Cluster, Organization
from plans.management.demo.bodies import DEMO_PASSWORD, DEMO_USERS
from plans.management.demo.loader import load_demo
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: năm kế hoạch thật, các cơ quan, cụm thi đua và tài khoản thử "
        f"(mật khẩu “{DEMO_PASSWORD}”). Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Vẫn nạp khi DEBUG tắt (tài khoản thử có mật khẩu dễ đoán).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Dữ liệu mẫu chỉ dùng cho máy phát triển (DEBUG đang tắt). Các tài khoản thử có mật khẩu "
                f"“{DEMO_PASSWORD}”; nếu chắc chắn muốn nạp, chạy lại với --force."
            )
        plans = load_demo()

        usernames = [username for username, _, _ in DEMO_USERS]
        accounts = get_user_model().objects.filter(username__in=usernames).count()
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(f"Cơ quan, đơn vị: {Organization.objects.count()}")
        self.stdout.write(f"Cụm, khối thi đua: {Cluster.objects.count()}")
        self.stdout.write(f"Kế hoạch: {Plan.objects.count()}, trong đó {len(plans)} kế hoạch mẫu:")
        for key, plan in plans.items():
            self.stdout.write(f"  {key}  {plan.full_symbol}  {plan.subject}")
        self.stdout.write(
            f"Tài khoản thử ({accounts}/{len(usernames)}, mật khẩu “{DEMO_PASSWORD}” khi mới tạo): "
            + ", ".join(usernames)
        )
