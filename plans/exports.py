"""The plan list as an XLSX workbook, with the same rows and order as the filtered page."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

COLUMNS = [
    ("Số, ký hiệu", 16),
    ("Ngày văn bản", 14),
    ("Trích yếu", 60),
    ("Loại kế hoạch", 28),
    ("Năm", 8),
    ("Cơ quan ban hành", 36),
    ("Trạng thái", 16),
    ("Cập nhật lúc", 18),
]


def plan_list_workbook(plans) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kế hoạch"
    sheet.append([title for title, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    for plan in plans:
        sheet.append(
            [
                plan.full_symbol,
                plan.short_date,
                plan.subject,
                plan.get_kind_display(),
                plan.year,
                str(plan.issuer),
                plan.get_status_display(),
                timezone.localtime(plan.updated_at).replace(tzinfo=None),
            ]
        )
        sheet.cell(row=sheet.max_row, column=8).number_format = "dd/mm/yyyy hh:mm"
        sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
