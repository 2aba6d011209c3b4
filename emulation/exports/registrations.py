"""The compiled list of a call's registrations as XLSX: one row per registered title, sent ones only."""

from common.spreadsheets import Column, Spreadsheet
from emulation.models import RegistrationCall
from emulation.selectors.registrations import UnitRow

COLUMNS = (
    Column("TT", 6),
    Column("Đơn vị", 36, wrap=True),
    Column("Số bản đăng ký", 18),
    Column("Danh hiệu thi đua, hình thức khen thưởng", 40, wrap=True),
    Column("Tập thể/Cá nhân", 14),
    Column("Họ và tên", 26),
    Column("Chức vụ, đơn vị công tác", 30, wrap=True),
)
NOT_SENT = "Chưa gửi bản đăng ký"


def registration_workbook(call: RegistrationCall, rows: list[UnitRow]) -> bytes:
    book = Spreadsheet()
    sheet = book.sheet("Đăng ký thi đua")
    sheet.heading(f"TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {call.year} – {str(call.issuer).upper()}", size=13)
    sheet.append([f"Hạn đăng ký: {call.deadline:%d/%m/%Y}"])
    sheet.blank()
    number = 0
    table = []
    for row in rows:
        if not row.sent:
            number += 1
            table.append([number, row.unit.name, "", NOT_SENT, "", "", ""])
            continue
        for line in row.registration.lines.all():
            number += 1
            table.append(
                [
                    number,
                    row.unit.name,
                    row.registration.document.full_symbol,
                    line.award.name,
                    line.award.get_recipient_display(),
                    line.person_name,
                    line.position,
                ]
            )
    sheet.table(COLUMNS, table)
    sheet.add_filter()
    return book.to_bytes()
