"""A drafter prints a school year's activities in two waves: the waves typed, each activity put in
its wave through the select the page fills as the waves are typed, and the printed order checked."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_drafting import add_row, sign_in_to_new_plan, text_of_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_drafter_puts_a_school_years_activities_in_two_waves(page, demo):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in_to_new_plan(page)
    page.get_by_label("Loại kế hoạch").select_option(label="Phong trào thi đua chuyên đề")
    page.get_by_label("Năm kế hoạch").fill("2025")
    page.get_by_role("button", name="Tạo kế hoạch từ mẫu").click()
    expect(page.locator(".message.success")).to_be_visible()

    page.get_by_label("Cách trình bày hoạt động").select_option(label="Theo đợt (mỗi đợt một thời gian)")
    page.get_by_label("Kỳ kế hoạch bắt đầu từ tháng").fill("9")
    page.locator("details:has(#part-waves) > summary").click()
    page.fill("#id_waves-0-name", "Đợt 1")
    page.fill("#id_waves-0-start_date", "05/09/2025")
    page.fill("#id_waves-0-end_date", "31/12/2025")
    add_row(page, "waves")
    page.fill("#id_waves-1-name", "Đợt 2")
    page.fill("#id_waves-1-start_date", "02/01/2026")
    page.fill("#id_waves-1-end_date", "25/05/2026")

    activities = page.locator("#part-activities [data-row]")
    first = activities.count()
    for offset, (content, month, wave) in enumerate(
        [("Sơ kết học kỳ một", "1", "Đợt số 2: Đợt 2"), ("Phát động thi đua năm học", "9", "Đợt số 1: Đợt 1")]
    ):
        add_row(page, "activities")
        index = first + offset
        page.fill(f"#id_activities-{index}-content", content)
        page.select_option(f"#id_activities-{index}-period_kind", "month")
        page.select_option(f"#id_activities-{index}-month", month)
        page.select_option(f"#id_activities-{index}-wave_number", label=wave)
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")

    plan_id = re.search(r"/plans/(\d+)/", page.url).group(1)
    expect(page.get_by_text("Đợt 2 (từ ngày 02/01/2026 đến ngày 25/05/2026)")).to_be_visible()
    pdf = page.request.get(f"/plans/{plan_id}/document.pdf")
    assert pdf.ok
    text = text_of_pdf(pdf.body())
    autumn, spring = text.index("Phát động thi đua năm học"), text.index("Sơ kết học kỳ một")
    assert text.index("Đợt 1") < autumn < text.index("Đợt 2") < spring
    assert "Tháng 01/2026" in text
