"""The list as XLSX: the full list a unit or the organiser downloads, and the blank template to fill.

Phone and citizen ID columns are text ("@"), so Excel keeps their leading zeros, and the ID issue
date is a date shown dd/mm/yyyy; the import reads both files back unchanged.
"""

from django.core.exceptions import PermissionDenied

from activities.choices import PersonalDataUse
from activities.registrations.columns import ListColumn, import_columns
from activities.registrations.people import PERSON_FIELDS, registrations_of
from activities.registrations.personal_data import log_personal_data
from activities.registrations.quotas import group_label, quota_groups, unit_quotas
from clusters.models import Organization
from common.downloads import filename_slug
from common.spreadsheets import DATE_FORMAT, TEXT_FORMAT, Column, Spreadsheet
from plans import policy
from plans.models import Plan

FORMATS = {"phone": TEXT_FORMAT, "citizen_id": TEXT_FORMAT, "id_issue_date": DATE_FORMAT}
WRAPPED = {"position", "note"}
TEMPLATE_ROWS = 300
TEMPLATE_HELP = (
    "Cách điền danh sách đăng ký",
    "- Giữ nguyên dòng tiêu đề; mỗi người một dòng, bắt đầu từ dòng 2 của trang “Danh sách”.",
    "- Họ và tên: bắt buộc. Số CCCD: đúng 12 chữ số. Số điện thoại: số Việt Nam, ví dụ 0912345678.",
    "- Ngày cấp: ngày/tháng/năm, ví dụ 15/03/2021, không sau hôm nay.",
    "- Cột số điện thoại và số CCCD đã định dạng Văn bản để giữ chữ số 0 ở đầu; khi dán số từ nơi "
    "khác, hãy dán “chỉ giá trị”.",
    "- Tệp có lỗi thì không ai được nhập; trang web báo từng lỗi theo dòng và cột để sửa.",
)


def _sheet_columns(columns: list[ListColumn]) -> list[Column]:
    return [
        Column(column.label, column.width, FORMATS.get(column.field), column.field in WRAPPED)
        for column in columns
    ]


def _unit_slug(organization: Organization) -> str:
    """ "ubnd-huyen-lai-vung" -> "huyen-lai-vung": the last three words name the unit well enough."""
    return filename_slug(str(organization), words=3, last=True)


def export_filename(plan: Plan, organization: Organization | None = None) -> str:
    unit = f"-{_unit_slug(organization)}" if organization else ""
    return f"danh-sach-dang-ky-{filename_slug(plan.full_symbol)}-{plan.year}{unit}.xlsx"


def registration_workbook(*, plan: Plan, user) -> tuple[bytes, str]:
    """The list in full as XLSX, with its file name: every unit for the organiser, else the user's
    own units. Logged as an export (one entry per unit, or one for every unit)."""
    if (reason := policy.full_list_denial(user, plan)) is not None:
        raise PermissionDenied(reason)
    ids = policy.personal_data_units(user, plan)
    units = None if ids is None else [unit for unit in policy.registering_units(user, plan) if unit.pk in ids]
    rows = list(registrations_of(plan, ids))
    columns = import_columns(len(quota_groups(plan)) > 1)
    book = Spreadsheet()
    sheet = book.sheet("Danh sách đăng ký")
    sheet.header([Column("STT", 6), Column("Đơn vị", 28), *_sheet_columns(columns)])
    for number, row in enumerate(rows, start=1):
        values = {name: getattr(row, name) for name in PERSON_FIELDS}
        values["group"] = group_label(row.group) if row.group_id else ""
        sheet.append([number, str(row.organization)] + [values[column.field] for column in columns])
    sheet.add_filter()
    for unit in units if units is not None else [None]:
        log_personal_data(
            user=user,
            plan=plan,
            use=PersonalDataUse.EXPORT,
            rows=sum(1 for row in rows if unit is None or row.organization_id == unit.pk),
            organization=unit,
        )
    return book.to_bytes(), export_filename(plan, units[0] if units and len(units) == 1 else None)


def import_template(plan: Plan, organization: Organization) -> tuple[bytes, str]:
    """A blank list to fill in: the header row, text-formatted phone and ID columns, and help."""
    quotas = unit_quotas(quota_groups(plan), organization)
    columns = import_columns(len(quotas) > 1)
    book = Spreadsheet()
    sheet = book.sheet("Danh sách")
    sheet.header(_sheet_columns(columns))
    for _ in range(TEMPLATE_ROWS):  # empty cells that already carry their column's format
        sheet.append([None] * len(columns))
    lines = list(TEMPLATE_HELP[1:])
    if len(quotas) > 1:
        lines.append("- Cột “Lớp, nhóm” ghi đúng một trong các tên sau:")
        lines += [f"    {quota.label} (định mức {quota.count:02d} người)" for quota in quotas]
    book.sheet("Hướng dẫn").table([Column(TEMPLATE_HELP[0], 110)], [[line] for line in lines], freeze=False)
    return book.to_bytes(), f"mau-danh-sach-dang-ky-{_unit_slug(organization)}.xlsx"
