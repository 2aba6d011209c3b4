"""Registration end to end, on today's study trip of the demo's cluster of communes (10 people, 2 per
commune or ward): the organiser reopens registration after its deadline, Mỹ Quý registers 2 people
and is refused the 3rd with a clear message, the organiser sees 2/2 for Mỹ Quý and downloads the
XLSX, whose rows are the people registered, and the plan page shows registered against expected
per unit."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from activities.models import PersonalDataAccess, Registration
from plans.models import Plan
from tests.browser.helpers import current_plans, sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [
    ("Nguyễn Văn An", "Phó Chủ tịch UBND xã", "0912 345 671", "087123456781"),
    ("Trần Thị Bình", "Chuyên viên Phòng Văn hóa - Xã hội", "0912345672", "087123456782"),
    ("Hoàng Văn Em", "Chuyên viên", "0912345675", "087123456785"),
]


def sign_in_as(page, username: str, start: str) -> None:
    sign_in(page, username, start=f"/login/?next={start}")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def unit_row(page, unit: str):
    """The row of `unit` in the plan page's registration table."""
    section = page.locator("section", has=page.get_by_role("heading", name="Đăng ký danh sách tham gia"))
    return section.locator("tbody tr", has=page.get_by_role("rowheader", name=unit, exact=True))


def test_a_member_unit_registers_its_quota_and_the_organiser_follows_and_exports(
    page, demo, screenshot, axe_violations
):
    plan = current_plans()["cluster_trip"]
    # Its registration closed yesterday, so that the organiser has to reopen it.
    Plan.objects.filter(pk=plan.pk).update(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    plan_url = f"/plans/{plan.pk}/"

    # 1. The organiser sees 10 expected, 2 per commune or ward, and reopens registration.
    sign_in_as(page, "pheduyet", plan_url)
    expect(page.get_by_text("Số người dự kiến: 10 người")).to_be_visible()
    for unit in (
        "UBND phường Cao Lãnh",
        "UBND xã Châu Thành",
        "UBND xã Lai Vung",
        "UBND xã Mỹ Quý",
        "UBND xã Tháp Mười",
    ):
        expect(unit_row(page, unit).locator("td").nth(0)).to_have_text("2")
        expect(unit_row(page, unit).locator("td").nth(1)).to_have_text("0/2")
    screenshot("registration-1-plan-page")
    page.get_by_role("link", name="Xem danh sách đăng ký").click()
    expect(page.get_by_text("đã hết hạn", exact=True)).to_be_visible()
    until = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Mở lại việc đăng ký đến hết ngày").fill(f"{until:%d/%m/%Y}")
    page.get_by_role("button", name="Mở lại đăng ký").click()
    expect(page.locator(".message.success")).to_have_text(
        f"Đã mở lại việc đăng ký đến hết ngày {until:%d/%m/%Y}."
    )
    sign_out(page)

    # 2. Mỹ Quý registers two people, then a third, which is refused.
    sign_in_as(page, "thanhvien", plan_url)
    page.get_by_role("link", name="Đăng ký danh sách của đơn vị").first.click()
    expect(page.get_by_role("heading", name="Đăng ký danh sách: UBND xã Mỹ Quý")).to_be_visible()
    assert axe_violations() == []
    for name, position, phone, citizen_id in PEOPLE:
        page.get_by_label("Họ và tên").fill(name)
        page.get_by_label("Chức vụ").fill(position)
        page.get_by_label("Số điện thoại").fill(phone)
        page.get_by_label("Số CCCD").fill(citizen_id)
        page.get_by_label("Ngày cấp").fill("15/03/2021")
        page.get_by_label("Nơi cấp").fill("Cục Cảnh sát QLHC về TTXH")
        page.get_by_role("button", name="Đăng ký", exact=True).click()
        if name != PEOPLE[-1][0]:
            expect(page.locator(".message.success")).to_have_text(f"Đã đăng ký {name}.")
    refusal = page.locator(".form-errors")
    expect(refusal).to_contain_text("UBND xã Mỹ Quý đã đăng ký đủ 02/02 người theo định mức.")
    expect(page.get_by_label("Họ và tên")).to_have_value("Hoàng Văn Em")  # nothing typed is lost
    expect(page.locator(".reg-count")).to_have_text("2/2")
    screenshot("registration-2-fifth-refused")
    assert Registration.objects.filter(plan=plan).count() == 2
    sign_out(page)

    # 3. The organiser sees 2/2 for Mỹ Quý, the four units that have not sent, and exports.
    sign_in_as(page, "pheduyet", plan_url)
    expect(unit_row(page, "UBND xã Mỹ Quý").locator("td").nth(1)).to_have_text("2/2")
    expect(unit_row(page, "UBND phường Cao Lãnh").locator("td").nth(1)).to_have_text("0/2")
    expect(page.get_by_text("trong đó các đơn vị đã đăng ký 2/10 người theo định mức")).to_be_visible()
    page.get_by_role("link", name="Xem danh sách đăng ký").click()
    progress = page.locator(
        "table.reg-progress tbody tr", has=page.get_by_role("rowheader", name="UBND xã Mỹ Quý")
    )
    expect(progress).to_contain_text("2/2")
    expect(progress).to_contain_text("Đủ định mức")
    expect(page.locator(".reg-not-sent")).to_contain_text(
        "UBND phường Cao Lãnh, UBND xã Châu Thành, UBND xã Lai Vung, UBND xã Tháp Mười"
    )
    expect(page.get_by_text("087123456781")).to_be_visible()  # the organiser sees the data in full
    screenshot("registration-3-organiser")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải danh sách (Excel)").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Số điện thoại", "Số CCCD")
    assert [row[:6] for row in rows[1:]] == [
        (number, "UBND xã Mỹ Quý", name, position, phone.replace(" ", ""), citizen_id)
        for number, (name, position, phone, citizen_id) in enumerate(PEOPLE[:2], start=1)
    ]
    uses = set(PersonalDataAccess.objects.filter(user__username="pheduyet").values_list("use", flat=True))
    assert uses == {"view", "export"}
