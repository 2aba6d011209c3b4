"""`manage.py reorganise --kind merge --date 01/07/2025 --from A --from B --to C`: the admin action."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusters.choices import ReorganisationKind
from clusters.models import Organization
from clusters.reorganisation import reorganise
from common.errors import ServiceError
from common.forms import DATE_INPUT_FORMATS


def _day(text: str) -> datetime.date:
    try:
        return forms.DateField(input_formats=DATE_INPUT_FORMATS).clean(text)
    except ValidationError as error:
        raise CommandError(
            f"Ngày không hợp lệ: “{text}”; nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025."
        ) from error


def _body(reference: str) -> Organization:
    """A body by its id or its exact full name."""
    lookup = {"pk": int(reference)} if reference.isdigit() else {"name": reference}
    found = list(Organization.objects.filter(**lookup)[:2])
    if len(found) != 1:
        reason = "Không tìm thấy" if not found else "Có nhiều hơn một"
        raise CommandError(f"{reason} cơ quan “{reference}” (ghi mã số hoặc đúng tên đầy đủ).")
    return found[0]


class Command(BaseCommand):
    help = (
        "Sắp xếp lại cơ quan, đơn vị (sáp nhập, chia tách, đổi tên): cơ quan cũ hết hiệu lực từ ngày "
        "trước ngày sắp xếp, cơ quan kế thừa nhận vai trò cán bộ, tư cách thành viên cụm của các năm sau."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=ReorganisationKind.values, help="Hình thức")
        parser.add_argument("--date", required=True, help="Ngày cơ quan kế thừa hoạt động, ví dụ 01/07/2025")
        parser.add_argument("--from", dest="predecessors", action="append", required=True, help="Cơ quan cũ")
        parser.add_argument("--to", dest="successors", action="append", required=True, help="Cơ quan kế thừa")
        parser.add_argument(
            "--existing",
            action="store_true",
            help="Cơ quan kế thừa đã hoạt động từ trước (không ghi ngày bắt đầu hiệu lực cho nó)",
        )

    def handle(self, *args, kind, date, predecessors, successors, existing=False, **options):
        try:
            result = reorganise(
                kind=kind,
                predecessors=[_body(reference) for reference in predecessors],
                successors=[_body(reference) for reference in successors],
                date=_day(date),
                new_successors=not existing,
            )
        except ServiceError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))
