"""A consultation with units that never answer does not hold the plan: the approver sees who is
awaited (and who has no account to answer with), closes the consultation early with a reason, and
approves the plan."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from clusters.models import Cluster
from plans import policy, workflow
from plans.choices import AuditAction, PlanStatus
from plans.models import AuditEntry, Plan
from tests.browser.helpers import sign_in, sign_out
from tests.world import plan_of

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Cần ban hành kịp hội nghị giao ban Cụm; ba xã, phường chưa có tài khoản trên hệ thống."


def sign_in_at(page, username: str, path: str) -> None:
    sign_in(page, username, start=f"/login/?next={path}")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def test_a_unit_that_never_answers_does_not_hold_the_plan(page, demo, screenshot):
    # The demo's cluster of communes this year: Tháp Mười heads it, Mỹ Quý (thanhvien) and three
    # communes with no account are asked.
    cluster = Cluster.objects.get(short_name="Cụm thi đua số 1")
    year = timezone.localdate().year
    drafter = get_user_model().objects.get(username="soanthao")
    plan = plan_of(cluster, year=year, subject="Giao lưu thi đua các xã, phường")
    plan = workflow.plan_submit(plan=plan, user=drafter)
    silent = [str(unit) for unit in policy.consulted_units(plan) if unit.name != "Ủy ban nhân dân xã Mỹ Quý"]
    assert len(silent) == 3
    path = f"/plans/{plan.pk}/"
    deadline = timezone.localdate() + datetime.timedelta(days=10)

    # 1. The cluster head's leader asks the member units' opinion.
    sign_in_at(page, "pheduyet", path)
    page.get_by_role("link", name="Lấy ý kiến đơn vị thành viên").click()
    page.get_by_label("Hạn cho ý kiến").fill(f"{deadline:%d/%m/%Y}")
    page.get_by_role("button", name="Gửi đề nghị cho ý kiến").click()
    expect(page.locator(".message.success")).to_contain_text("Đã gửi đề nghị cho ý kiến")
    sign_out(page)

    # 2. Mỹ Quý answers; the other three never will (two of them have no account).
    sign_in_at(page, "thanhvien", path)
    page.get_by_role("link", name="Cho ý kiến").click()
    page.get_by_label("Nhất trí").check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".message.success")).to_contain_text("Đã ghi ý kiến của đơn vị.")
    sign_out(page)

    # 3. The approver is told why approval waits, and for whom.
    sign_in_at(page, "pheduyet", path)
    notice = page.locator("#approval-wait")
    expect(notice).to_contain_text(f"đến hết ngày {deadline:%d/%m/%Y}; còn 3 đơn vị chưa cho ý kiến")
    answers = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Ý kiến các đơn vị")))
    # Lai Vung has an account (thanhvien_laivung) and has not answered; the other two have none.
    expect(answers.get_by_text("Chưa cho ý kiến (đơn vị chưa có tài khoản)")).to_have_count(2)
    expect(page.get_by_role("link", name="Phê duyệt", exact=True)).to_have_count(0)
    screenshot("consultation-1-waiting")

    # 4. It closes the consultation early: first without a reason, then with one.
    notice.get_by_role("link", name="Kết thúc lấy ý kiến sớm").click()
    expect(page.get_by_role("heading", name="Kết thúc lấy ý kiến trước hạn")).to_be_visible()
    page.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    expect(page.locator("#id_reason_error")).to_have_text("Ghi rõ lý do kết thúc lấy ý kiến trước hạn.")
    page.get_by_label("Lý do kết thúc lấy ý kiến trước hạn").fill(REASON)
    page.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    expect(page.locator(".message.success")).to_contain_text("Đã kết thúc lấy ý kiến")
    expect(page.locator("#approval-wait")).to_have_count(0)
    screenshot("consultation-2-closed")

    # 5. And approves the plan.
    page.get_by_role("link", name="Phê duyệt", exact=True).click()
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("Đã phê duyệt kế hoạch.")
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED
    closed = AuditEntry.objects.get(plan=plan, action=AuditAction.CONSULTATION_CLOSED)
    assert REASON in closed.note
    missing = f"Đơn vị chưa cho ý kiến: {', '.join(silent)}."
    assert closed.note.endswith(missing)
    assert AuditEntry.objects.get(plan=plan, action=AuditAction.APPROVED).note == missing
