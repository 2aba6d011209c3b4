"""A plan drafted from blank to issue without deleting a single row: the drafter starts blank, types
over the hints, signs; the approver approves; the clerk sees the number and date it will print and
issues it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.choices import PlanStatus
from plans.models import IssuedDocument, Plan
from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Tổ chức Hội nghị điển hình tiên tiến huyện Tháp Mười"


def sign_in_as(page, username: str, start: str) -> None:
    sign_in(page, username, start=f"/login/?next={start}")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_a_plan_goes_from_blank_to_issued_without_deleting_a_row(page, demo, screenshot):
    page.on("dialog", lambda dialog: dialog.accept())
    today = timezone.localdate()

    # 1. The drafter starts a blank plan of the district for this year.
    sign_in_as(page, "soanthao", "/plans/new/")
    issuer = page.get_by_label("Cơ quan ban hành", exact=True)
    # The district itself, not its office (Phòng Nội vụ) nor the cluster it heads.
    district = issuer.locator("option").filter(has_text="Tháp Mười").filter(has_not_text="Phòng").first
    issuer.select_option(district.get_attribute("value"))
    page.get_by_label("Loại kế hoạch").select_option(label="Hội nghị, đại hội thi đua")
    page.get_by_label("Năm kế hoạch").fill(str(today.year))
    page.locator("#id_start-subject").fill(SUBJECT)
    page.get_by_role("button", name="Tạo kế hoạch trống").click()
    expect(page.locator(".message.success")).to_contain_text("Đã tạo kế hoạch trống.")
    plan = Plan.objects.get(subject=SUBJECT)
    rows = {
        name: getattr(plan, name).count() for name in ("sections", "legal_bases", "activities", "recipients")
    }

    # 2. Hints sit in the empty boxes; the drafter types over them and signs.
    purpose = page.locator("#id_sections-0-body")
    expect(purpose).to_have_attribute("placeholder", re.compile("Mục đích và yêu cầu"))
    purpose.fill("- Biểu dương các tập thể, cá nhân điển hình tiên tiến.")
    page.locator("#id_sections-1-body").fill("- Hội nghị tổ chức trong 01 buổi tại Hội trường huyện.")
    page.locator("#id_sections-2-body").fill("Văn phòng chuẩn bị hội trường và tài liệu.")
    page.locator("#id_signer_on_behalf_of").fill("ỦY BAN NHÂN DÂN")
    page.locator("#id_signer_title").fill("CHỦ TỊCH")
    page.locator("#id_signer_name").fill("Nguyễn Văn A")
    screenshot("blank-1-drafted")
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.locator(".message.success")).to_contain_text("Đã trình kế hoạch.")
    # No row was deleted: every part holds as many rows as the blank start gave it.
    assert {name: getattr(plan, name).count() for name in rows} == rows
    sign_out(page)

    # 3. The approver approves.
    sign_in_as(page, "pheduyet", f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Phê duyệt", exact=True).click()
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("Đã phê duyệt kế hoạch.")
    sign_out(page)

    # 4. The clerk sees the number and the date it will print, and issues it: no confirmation
    # needed, the plan passes the format check.
    sign_in_as(page, "vanthu", f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Cấp số, ban hành").click()
    expect(page.locator("#issue-number")).to_have_text(re.compile(r"^Số: \d\d/KH-UBND$"))
    expect(page.locator("#issue-date")).to_contain_text(f"ngày {today:%d}")
    expect(page.locator("#format-errors")).to_have_count(0)
    expect(page.locator("#format-warnings")).to_have_count(0)
    number = page.locator("#issue-number").inner_text()
    screenshot("blank-2-issue")
    page.get_by_role("button", name="Cấp số và ban hành").click()
    expect(page.locator(".message.success")).to_contain_text("Đã ban hành kế hoạch số")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert IssuedDocument.objects.get(plan=plan).context["header"]["number_line"] == number
