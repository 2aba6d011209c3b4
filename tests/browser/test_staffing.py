"""A provincial administrator imports two communes and four staff from Excel: a bad row is reported
and nothing is saved; after the fix the import goes through, the administrator gives the commune's
drafter a password, and the drafter signs in and drafts a plan."""

import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook
from playwright.sync_api import expect

from clusters.choices import OrganizationLevel, StaffRole
from clusters.models import Organization, Staff
from staffing.sheets import BODIES, STAFF
from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PASSWORD = "Quản-trị-tỉnh-2026"
DRAFTER_PASSWORD = "Soạn-thảo-xã-2026"
PROVINCE = "Ủy ban nhân dân tỉnh Đồng Tháp"
BODY_ROWS = [
    (
        "Ủy ban nhân dân xã Mỹ An",
        "UBND xã Mỹ An",
        "Cấp xã",
        PROVINCE,
        "UBND",
        "Mỹ An",
        "UBND TỈNH ĐỒNG THÁP",
        "Có",
    ),
    (
        "Phòng Văn hóa – Xã hội xã Mỹ An",
        "",
        "Phòng, ban chuyên môn",
        "Ủy ban nhân dân xã Mỹ An",
        "VHXH",
        "Mỹ An",
    ),
    (
        "Ủy ban nhân dân xã Mỹ Hòa",
        "UBND xã Mỹ Hòa",
        "Cấp xã",
        PROVINCE,
        "UBND",
        "Mỹ Hòa",
        "UBND TỈNH ĐỒNG THÁP",
        "Có",
    ),
]


def staff_rows(drafter_role: str) -> list[tuple]:
    return [
        (
            "myan.soanthao",
            "Nguyễn Thị Lan",
            "lan@example.vn",
            "Phòng Văn hóa – Xã hội xã Mỹ An",
            drafter_role,
        ),
        ("myan.chutich", "Trần Văn Bình", "", "Ủy ban nhân dân xã Mỹ An", "Lãnh đạo phê duyệt"),
        ("myan.vanthu", "Lê Thị Cúc", "", "Ủy ban nhân dân xã Mỹ An", "Văn thư"),
        ("myhoa.canbo", "Phạm Văn Dũng", "", "Ủy ban nhân dân xã Mỹ Hòa", "Cán bộ đơn vị thành viên"),
    ]


def xlsx(staff: list[tuple]) -> dict:
    book = Workbook()
    book.remove(book.active)
    for spec, rows in ((BODIES, BODY_ROWS), (STAFF, staff)):
        sheet = book.create_sheet(spec.title)
        sheet.append([column.label for column in spec.columns])
        for row in rows:
            sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return {
        "name": "co-quan-can-bo.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": buffer.getvalue(),
    }


@pytest.fixture
def province_admin(transactional_db):
    province = Organization.objects.create(
        name=PROVINCE,
        short_name="UBND tỉnh Đồng Tháp",
        level=OrganizationLevel.PROVINCE,
        abbreviation="UBND",
        place_name="Đồng Tháp",
        is_collective=True,
    )
    user = get_user_model().objects.create_user(
        "quantritinh", password=ADMIN_PASSWORD, first_name="Võ Văn Tỉnh"
    )
    Staff.objects.create(user=user, organization=province, role=StaffRole.STAFF_ADMIN)
    return user


def test_the_province_imports_its_communes_and_staff_and_a_commune_drafts(page, province_admin, screenshot):
    sign_in(page, "quantritinh", ADMIN_PASSWORD, start="/staff/import/")
    expect(page.get_by_role("heading", name="Nhập, xuất cơ quan, cụm thi đua và cán bộ")).to_be_visible()

    # A role the product does not know: the row and column are named, nothing is saved.
    page.get_by_label("Tệp cơ quan, cụm và cán bộ (.xlsx)").set_input_files(xlsx(staff_rows("Chuyên viên")))
    page.get_by_role("button", name="Nhập").click()
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Chưa nhập gì: tệp có 1 lỗi.")
    expect(problems).to_contain_text("Cán bộ – Dòng 2, cột “Vai trò”: “Chuyên viên” không có trong danh sách")
    screenshot("staffing-import-refused")
    assert not Organization.objects.filter(name="Ủy ban nhân dân xã Mỹ An").exists()
    assert not get_user_model().objects.filter(username__startswith="my").exists()

    # Fixed: the whole file goes in.
    page.get_by_label("Tệp cơ quan, cụm và cán bộ (.xlsx)").set_input_files(
        xlsx(staff_rows("Chuyên viên soạn thảo"))
    )
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator(".message.success")).to_contain_text(
        "Đã nhập: 3 cơ quan, đơn vị; 0 cụm, khối; 0 thành viên cụm; 4 tài khoản mới; 4 vai trò mới."
    )

    # The new drafter has no password yet: the administrator gives one on the account's page.
    page.get_by_role("link", name="myan.soanthao").click()
    expect(page.locator("h1")).to_contain_text("Nguyễn Thị Lan (myan.soanthao)")
    page.get_by_label("Mật khẩu mới").fill(DRAFTER_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(DRAFTER_PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.locator(".message.success")).to_contain_text("Đã đặt mật khẩu mới cho myan.soanthao.")
    sign_out(page)

    # The commune's drafter signs in and starts a plan of the office.
    sign_in(page, "myan.soanthao", DRAFTER_PASSWORD, start="/plans/new/")
    expect(page).to_have_url(re.compile(r"/plans/new/$"))
    issuer = page.get_by_label("Cơ quan ban hành", exact=True)
    expect(issuer.locator("option:checked")).to_contain_text("Phòng Văn hóa – Xã hội xã Mỹ An")
    page.get_by_label("Loại kế hoạch").select_option(label="Tập huấn, bồi dưỡng nghiệp vụ")
    page.get_by_label("Năm kế hoạch").fill("2026")
    page.get_by_role("button", name="Tạo kế hoạch từ mẫu").click()
    expect(page.locator(".message.success")).to_contain_text("Đã tạo kế hoạch từ mẫu.")
    screenshot("staffing-commune-drafts")
