"""A cluster plan goes the whole way: drafted, submitted, returned with a reason, corrected and
submitted again, approved by the cluster head's leader, numbered and issued by the records clerk,
printed with its number and date, and locked against editing."""

import io
import re

import pytest
from django.utils import timezone
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from plans.choices import AuditAction, PlanStatus
from plans.models import IssuedDocument, Notification, Plan
from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

RETURN_REASON = "Bổ sung nội dung tuyên truyền về phong trào thi đua của các đơn vị trong cụm."
CLUSTER = "Cụm thi đua các xã, phường số 1"  # the demo's cluster of communes, headed by xã Tháp Mười


def sign_in_as(page, username: str, start: str = "/") -> None:
    """Sign in on the login page and wait until the app has taken us to `start`."""
    sign_in(page, username, start=f"/login/?next={start}")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def plan_id_of(url: str) -> int:
    return int(re.search(r"/plans/(\d+)/", url).group(1))


def status_of(page):
    """The status badge among the plan's facts."""
    return page.locator("dl.facts .badge")


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_a_cluster_plan_is_returned_corrected_approved_and_issued(page, demo, screenshot):
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. The drafter of the cluster head starts a cluster plan from its template and submits it.
    sign_in_as(page, "soanthao", "/plans/new/")
    expect(page.get_by_role("heading", name="Soạn kế hoạch mới")).to_be_visible()
    # The drafter may draft for few issuers (no filter box then): their office, their commune
    # and the cluster of communes their commune heads this year.
    year = timezone.localdate().year
    revised_subject = (
        f"Tuyên truyền công tác thi đua, khen thưởng năm {year} của {CLUSTER} (đã sửa theo ý kiến)"
    )
    issuer = page.get_by_label("Cơ quan ban hành", exact=True)
    cluster_option = issuer.locator("option", has_text="Cụm thi đua số 1")
    issuer.select_option(cluster_option.get_attribute("value"))
    page.get_by_label("Loại kế hoạch").select_option(label="Tuyên truyền")
    page.get_by_label("Năm kế hoạch").fill(str(year))
    screenshot("workflow-1-create")
    page.get_by_role("button", name="Tạo kế hoạch từ mẫu").click()

    expect(page.locator(".message.success")).to_contain_text("Đã tạo kế hoạch từ mẫu.")
    expect(page).to_have_url(re.compile(r"/plans/\d+/edit/$"))
    plan_id = plan_id_of(page.url)
    plan = Plan.objects.get(pk=plan_id)
    assert plan.cluster is not None
    assert plan.cluster.name == CLUSTER
    assert plan.organization_id is None
    assert plan.year == year
    subject = plan.subject
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/$"))
    expect(status_of(page)).to_have_text("Dự thảo")
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.locator(".message.success")).to_contain_text("Đã trình kế hoạch.")
    expect(status_of(page)).to_have_text("Chờ phê duyệt")
    expect(page.get_by_role("link", name="Sửa kế hoạch")).to_have_count(0)
    screenshot("workflow-1-submitted")
    sign_out(page)

    # 2. The approver is told, finds the plan on the dashboard and returns it, with a reason.
    sign_in_as(page, "pheduyet")
    unread = Notification.objects.filter(recipient__username="pheduyet", read_at__isnull=True).count()
    assert unread >= 1
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    counter = navigation.get_by_role("link", name=re.compile(r"^Thông báo")).locator(".badge.unread")
    # The number is seen; a screen reader reads it with its meaning.
    expect(counter).to_have_text(f"{unread} thông báo chưa đọc")
    expect(counter.locator(".visually-hidden")).to_have_text(" thông báo chưa đọc")
    tasks = page.locator("section", has=page.get_by_role("heading", name="Việc chờ bạn xử lý"))
    expect(tasks.get_by_role("heading", name="Chờ bạn phê duyệt")).to_be_visible()
    screenshot("workflow-2-approver-dashboard")
    tasks.get_by_role("link", name=subject).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/$"))
    page.get_by_role("link", name="Trả lại để sửa").click()
    expect(page.get_by_role("heading", name="Trả lại kế hoạch để sửa")).to_be_visible()
    page.get_by_role("button", name="Trả lại").click()  # no reason given
    reason = page.get_by_label("Lý do trả lại")
    expect(page.locator("#id_reason_error")).to_have_text(
        "Ghi rõ lý do trả lại để người soạn thảo biết cần sửa gì."
    )
    expect(reason).to_be_visible()
    screenshot("workflow-2-return-without-reason")
    assert Plan.objects.get(pk=plan_id).status == PlanStatus.SUBMITTED
    reason.fill(RETURN_REASON)
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".message.success")).to_contain_text("Đã trả lại kế hoạch")
    expect(status_of(page)).to_have_text("Dự thảo")
    sign_out(page)

    # 3. The drafter reads the reason, corrects the subject and submits again.
    sign_in_as(page, "soanthao", f"/plans/{plan_id}/")
    notice = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name="Kế hoạch bị trả lại để sửa")
    )
    expect(notice).to_contain_text(RETURN_REASON)
    screenshot("workflow-3-returned")
    page.get_by_role("link", name="Sửa kế hoạch").click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/edit/$"))
    page.get_by_role("textbox", name="Trích yếu").fill(revised_subject)
    page.get_by_role("button", name="Lưu kế hoạch").last.click()
    expect(page.locator(".message.success")).to_contain_text("Đã lưu kế hoạch.")
    expect(page.locator("h1")).to_have_text(revised_subject)
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.locator(".message.success")).to_contain_text("Đã trình kế hoạch.")
    expect(status_of(page)).to_have_text("Chờ phê duyệt")
    sign_out(page)

    # 4. The leader of the cluster head approves it.
    sign_in_as(page, "pheduyet", f"/plans/{plan_id}/")
    page.get_by_role("link", name="Phê duyệt", exact=True).click()
    expect(page.get_by_role("heading", name="Phê duyệt kế hoạch")).to_be_visible()
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("Đã phê duyệt kế hoạch.")
    expect(status_of(page)).to_have_text("Đã phê duyệt")
    sign_out(page)

    # 5. The records clerk gives it its number and issues it today.
    today = timezone.localdate()
    sign_in_as(page, "vanthu", f"/plans/{plan_id}/")
    page.get_by_role("link", name="Cấp số, ban hành").click()
    issue_date = page.get_by_label("Ngày ban hành")
    expect(issue_date).to_have_value(f"{today:%d/%m/%Y}")
    screenshot("workflow-5-issue")
    # A 2024 plan issued today, signed as the cluster signs ("CỤM TRƯỞNG", no "TM."): the clerk
    # confirms both, and the change log keeps it.
    page.get_by_label(re.compile("^Xác nhận: ngày ký")).check()
    page.get_by_label(re.compile("^Đã xem các điểm cần xem lại")).check()
    with page.expect_response(lambda r: r.url.endswith("/issue/") and r.request.method == "POST") as posted:
        page.get_by_role("button", name="Cấp số và ban hành").click()
    assert posted.value.status == 302, f"issuing answered HTTP {posted.value.status}, not a redirect"
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/$"))

    # 6. The plan page shows its number and status; the PDF carries the number and the date.
    plan = Plan.objects.get(pk=plan_id)
    assert plan.status == PlanStatus.ISSUED
    assert plan.subject == revised_subject
    assert plan.number
    assert plan.document_date == today
    number = f"{plan.number:02d}/{plan.effective_symbol}"  # "01/KH-CTĐ"
    assert number == plan.full_symbol
    assert plan.effective_symbol == "KH-CTĐ"
    expect(page.locator(".message.success")).to_contain_text(
        f"Đã ban hành kế hoạch số {number} ngày {today:%d/%m/%Y}."
    )
    expect(status_of(page)).to_have_text("Đã ban hành")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(number)
    screenshot("workflow-6-issued")

    # The drafters, the approver and the member units of the cluster are told.
    told = set(
        Notification.objects.filter(plan_id=plan_id, action=AuditAction.ISSUED).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"soanthao", "pheduyet", "thanhvien"} <= told

    issued = IssuedDocument.objects.get(plan_id=plan_id)
    number_line = one_line(issued.context["header"]["number_line"])
    date_line = one_line(issued.context["header"]["date_line"])
    assert number_line == f"Số: {number}"
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    full_date = f"ngày {today.day:02d} tháng {month} năm {today.year}"
    assert date_line.endswith(full_date), date_line

    pdf_link = page.get_by_role("link", name="Tải PDF")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = one_line(extract_text(io.BytesIO(response.body())))
    assert number_line in text
    assert date_line in text
    assert full_date in text
    sign_out(page)

    # 7. Issued, the plan can no longer be edited.
    sign_in_as(page, "soanthao", f"/plans/{plan_id}/")
    expect(status_of(page)).to_have_text("Đã ban hành")
    expect(page.get_by_role("link", name="Sửa kế hoạch")).to_have_count(0)
    expect(page.get_by_role("button", name="Trình phê duyệt")).to_have_count(0)
    refusal = page.goto(f"/plans/{plan_id}/edit/")
    assert refusal.status == 403
    expect(page.get_by_role("heading", name="Không được phép")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("đã ban hành nên không sửa được")
    screenshot("workflow-7-edit-refused")
