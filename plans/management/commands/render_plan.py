"""`manage.py render_plan <id> --format pdf|docx|html --output FILE`: print a plan to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.documents.context import build_plan_context
from plans.documents.filenames import document_filename
from plans.documents.render import DOCUMENT_FORMATS, render_context
from plans.models import Plan


class Command(BaseCommand):
    help = "Xuất một kế hoạch ra tệp PDF, DOCX hoặc HTML đúng thể thức Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="Mã (id) của kế hoạch")
        parser.add_argument("--format", choices=sorted(DOCUMENT_FORMATS), default="pdf", help="Định dạng tệp")
        parser.add_argument(
            "--output", help="Đường dẫn tệp kết quả; để trống thì đặt tên theo ký hiệu và trích yếu"
        )

    def handle(self, *args, plan_id: int, output: str | None, **options):
        fmt = options["format"]
        if not Plan.objects.filter(pk=plan_id).exists():
            raise CommandError(f"Không tìm thấy kế hoạch có mã {plan_id}.")
        context = build_plan_context(plan_id)
        path = Path(output or document_filename(context, fmt))
        if not path.parent.is_dir():
            raise CommandError(f"Thư mục “{path.parent}” không tồn tại.")
        path.write_bytes(render_context(context, fmt))
        self.stdout.write(self.style.SUCCESS(f"Đã xuất kế hoạch {plan_id} ra tệp {path}."))
