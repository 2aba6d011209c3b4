"""A drafter starts a training plan from its template, fills in classes and activities, prints it,
makes a mistake and fixes nothing lost, and copies the plan to the next year."""

import io
import re

import pdfplumber
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2025"


def sign_in_to_new_plan(page):
    sign_in(page, "soanthao", start="/plans/new/")  # sent to the login page first
    expect(page).to_have_url(re.compile(r"/plans/new/$"))


def add_row(page, part: str) -> None:
    page.locator(f"#part-{part}").get_by_role("button", name="Thêm dòng").click()


def text_of_pdf(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())


def test_a_drafter_writes_prints_corrects_and_copies_a_training_plan(page, demo, screenshot):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in_to_new_plan(page)

    # Start from the template of a training plan; the drafter's own office is already chosen, among
    # the only issuers they draft for since the 2025 reform: the commune's office, the commune and
    # the cluster of communes it heads (not the abolished district's bodies).
    expect(page.get_by_role("heading", name="Soạn kế hoạch mới")).to_be_visible()
    issuer = page.get_by_label("Cơ quan ban hành", exact=True)
    expect(issuer).to_have_value(re.compile(r"^o\d+$"))
    expect(issuer.locator("option:checked")).to_contain_text("› Phòng Văn hóa - Xã hội xã Tháp Mười")
    expect(issuer.locator("option")).to_have_count(4)  # with the empty choice
    page.get_by_label("Loại kế hoạch").select_option(label="Tập huấn, bồi dưỡng nghiệp vụ")
    page.get_by_label("Năm kế hoạch").fill("2025")
    screenshot("drafting-create")
    page.get_by_role("button", name="Tạo kế hoạch từ mẫu").click()

    expect(page.locator(".message.success")).to_contain_text("Đã tạo kế hoạch từ mẫu.")
    expect(page.locator("h1")).to_contain_text(SUBJECT)
    expect(page.locator("#id_subject")).to_have_value(SUBJECT)

    # Two classes, each with its participants.
    page.fill("#id_sessions-0-name", "Lớp thứ nhất")
    page.fill("#id_sessions-0-duration", "01 ngày")
    add_row(page, "sessions")
    page.fill("#id_sessions-1-name", "Lớp thứ hai")
    page.fill("#id_sessions-1-duration", "01 ngày")
    page.select_option("#id_groups-0-session_number", label="Lớp số 1: Lớp thứ nhất")
    page.select_option("#id_groups-0-kind", "fixed")
    page.fill("#id_groups-0-description", "Cán bộ phụ trách thi đua, khen thưởng các ấp")
    page.fill("#id_groups-0-count", "70")
    add_row(page, "groups")
    page.select_option("#id_groups-1-session_number", label="Lớp số 2: Lớp thứ hai")
    page.select_option("#id_groups-1-kind", "fixed")
    page.fill("#id_groups-1-description", "Viên chức phụ trách thi đua, khen thưởng của các trường")
    page.fill("#id_groups-1-count", "60")
    totals = page.locator("[data-participant-totals]")
    expect(totals).to_contain_text("Lớp thứ nhất: 70 người")
    expect(totals).to_contain_text("Lớp thứ hai: 60 người")

    # Three activities in two quarters.
    for index, (content, quarter) in enumerate(
        [("Mở Lớp thứ nhất", "Quý II"), ("Mở Lớp thứ hai", "Quý II"), ("Báo cáo kết quả tập huấn", "Quý III")]
    ):
        if index:
            add_row(page, "activities")
        page.fill(f"#id_activities-{index}-content", content)
        page.select_option(f"#id_activities-{index}-period_kind", "quarter")
        page.select_option(f"#id_activities-{index}-quarter", label=quarter)
        page.fill(f"#id_activities-{index}-implementers_text", "Phòng Văn hóa - Xã hội")
    expect(page.locator("#id_activities-1-month")).to_be_hidden()  # only the quarter is asked for

    # A budget line, totalled as it is typed.
    page.fill("#id_budget_lines-0-item", "Tài liệu tập huấn")
    page.fill("#id_budget_lines-0-quantity", "130")
    page.fill("#id_budget_lines-0-unit_price", "20.000")
    expect(page.locator("[data-budget-total]")).to_contain_text("2.600.000 đồng")
    # A long list of bodies is filtered as one types, without diacritics.
    page.get_by_label("Lọc danh sách: Đơn vị thanh toán").fill("phong van hoa xa hoi thap muoi")
    payer = page.get_by_label("Đơn vị thanh toán", exact=True)
    expect(payer.locator("option:not([hidden])")).to_have_count(2)  # the empty choice and the office
    screenshot("drafting-edit")
    page.get_by_role("button", name="Lưu kế hoạch").last.click()

    # The plan page: its subject, and the participants of each class counted.
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    expect(page.locator("h1")).to_contain_text(SUBJECT)
    expect(page.get_by_text("Lớp thứ nhất: 70 người")).to_be_visible()
    expect(page.get_by_text("Lớp thứ hai: 60 người")).to_be_visible()
    plan_url = page.url
    plan_id = re.search(r"/plans/(\d+)/", plan_url).group(1)

    # The edit page counts them too (on the server, before any script runs).
    page.goto(f"/plans/{plan_id}/edit/")
    expect(page.locator("[data-participant-totals]")).to_contain_text("Lớp thứ nhất: 70 người")
    expect(page.locator("#id_activities-2-content")).to_have_value("Báo cáo kết quả tập huấn")

    # The preview is one click away; the PDF holds the subject and the classes.
    with page.context.expect_page() as preview_page:
        page.get_by_role("link", name="Xem trước bản in").first.click()
    preview = preview_page.value
    preview.wait_for_load_state()
    expect(preview.locator("body")).to_contain_text("Lớp thứ nhất")
    expect(preview.locator("body")).to_contain_text(
        "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2025"
    )
    preview.close()
    pdf = page.request.get(f"/plans/{plan_id}/document.pdf")
    assert pdf.ok
    text = text_of_pdf(pdf.body())
    assert SUBJECT in text
    assert "Lớp thứ nhất" in text
    assert "Lớp thứ hai" in text
    assert "Số lượng: 70 người." in text

    # A day that February does not have: the message sits by the day, and nothing typed is lost.
    page.fill("#id_date_day", "31")
    page.fill("#id_date_month", "2")
    page.fill("#id_signer_name", "Nguyễn Văn Bình")
    page.fill("#id_activities-0-content", "Mở Lớp thứ nhất tại Hội trường UBND xã")
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator("#id_date_day_error")).to_have_text("Tháng 2/2025 không có ngày 31.")
    expect(page.locator("#error-summary")).to_contain_text("Chưa lưu được.")
    expect(page.locator("#id_date_day")).to_have_value("31")
    expect(page.locator("#id_signer_name")).to_have_value("Nguyễn Văn Bình")
    expect(page.locator("#id_activities-0-content")).to_have_value("Mở Lớp thứ nhất tại Hội trường UBND xã")
    screenshot("drafting-edit-error")

    # Copy to the next year.
    page.goto(f"/plans/{plan_id}/edit/")
    page.get_by_role("button", name="Sao chép sang năm sau").click()
    expect(page.locator(".message.success")).to_contain_text("Đã sao chép kế hoạch sang năm 2026.")
    expect(page.locator("#id_year")).to_have_value("2026")
    expect(page.locator("#id_subject")).to_have_value(
        "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2026"
    )
    expect(page.locator("#id_sessions-1-name")).to_have_value("Lớp thứ hai")
    assert re.search(r"/plans/(\d+)/edit/$", page.url).group(1) != plan_id


def test_rows_are_moved_and_deleted_in_place(page, demo):
    page.on("dialog", lambda dialog: dialog.accept())
    plan = demo["001"]  # an annual plan with ten activities, of a cluster in another province
    sign_in(page, "admin", start=f"/plans/{plan.pk}/edit/")  # sent to the login page first
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/edit/$"))
    page.goto(f"/plans/{plan.pk}/edit/")
    first = page.locator("#row-activities-0")
    second_content = page.input_value("#id_activities-1-content")
    first.get_by_role("button", name="Xuống").click()
    expect(page.locator("#id_activities-0-ordinal")).to_have_value("2")
    expect(page.locator("#id_activities-1-ordinal")).to_have_value("1")
    page.locator("#row-activities-2").get_by_role("button", name="Xoá").click()
    expect(page.locator("#row-activities-2")).to_contain_text("Dòng này sẽ bị xoá khi lưu kế hoạch.")
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    activities = list(plan.activities.order_by("order").values_list("content", flat=True))
    assert activities[0] == second_content
    assert len(activities) == 9
