"""The plan list as an XLSX workbook, with the same rows and order as the filtered page."""

from common.spreadsheets import DATETIME_FORMAT, Column, Spreadsheet

COLUMNS = [
    Column("Số, ký hiệu", 16),
    Column("Ngày văn bản", 14),
    Column("Trích yếu", 60, wrap=True),
    Column("Loại kế hoạch", 28),
    Column("Năm", 8),
    Column("Cơ quan ban hành", 36),
    Column("Trạng thái", 16),
    Column("Cập nhật lúc", 18, number_format=DATETIME_FORMAT),
]


def plan_list_workbook(plans) -> bytes:
    spreadsheet = Spreadsheet()
    sheet = spreadsheet.sheet("Kế hoạch")
    sheet.table(
        COLUMNS,
        (
            [
                plan.full_symbol,
                plan.short_date,
                plan.subject,
                plan.get_kind_display(),
                plan.year,
                str(plan.issuer),
                plan.get_status_display(),
                plan.updated_at,
            ]
            for plan in plans
        ),
    )
    sheet.add_filter()
    return spreadsheet.to_bytes()
