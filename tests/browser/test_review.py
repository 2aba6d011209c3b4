"""The demo's cluster of communes runs its review in a browser: the head commune's drafter opens the
meeting, records who attended, the candidates and the secret-ballot counts, closes it, drafts the
minutes; the minutes are issued with a number; the dossier is drawn, posted, its tờ trình drafted
and issued with a number; its PDF holds the tờ trình with the ranked list, then the minutes."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from emulation.models import Proposal, ReviewMeeting
from plans import workflow
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CLUSTER = "Cụm thi đua các xã, phường số 1"
VOTES = {"UBND xã Tháp Mười": "3", "UBND xã Mỹ Quý": "2"}  # of 3 valid ballots: both pass


def issue(plan, users: dict):
    """The plans' workflow, as its own browser tests drive it: submit, approve, number and issue."""
    workflow.plan_submit(plan=plan, user=users["soanthao"])
    plan = workflow.plan_approve(plan=plan, user=users["pheduyet"])
    return workflow.plan_issue(plan=plan, user=users["vanthu"], confirm_date=True, confirm_warnings=True)


def test_the_cluster_of_communes_votes_and_sends_its_proposal(page, demo):
    from django.contrib.auth import get_user_model

    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["soanthao", "pheduyet", "vanthu"])
    }
    held = timezone.localdate() - datetime.timedelta(days=10)
    sign_in(page, "soanthao", start="/login/?next=/emulation/meetings/")
    page.get_by_role("link", name=CLUSTER).click()
    page.get_by_label("Năm bình xét").fill(str(held.year))
    page.get_by_label("Ngày họp").fill(held.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã Tháp Mười")
    page.get_by_label("Chủ trì", exact=True).fill("Trần Thị Bình")
    page.get_by_label("Thư ký", exact=True).fill("Nguyễn Thị Mai")
    page.get_by_role("button", name="Mở cuộc họp").click()

    # The record page: counts, three attendees, three candidates with their votes.
    expect(page.get_by_role("heading", name=re.compile("Ghi diễn biến họp bình xét"))).to_be_visible()
    page.locator('[name="ballots_issued"]').fill("7")
    page.locator('[name="ballots_valid"]').fill("7")
    for index, name in enumerate(("Trần Thị Bình", "Phạm Thị Hoa", "Lê Văn Cường")):
        page.locator(f'[name="attendees-{index}-full_name"]').fill(name)
    page.get_by_role("button", name="Lưu").click()
    # Three attendees cannot have cast seven ballots: the page says so and the meeting stays open.
    expect(page.get_by_text("Số phiếu phát ra (7) lớn hơn số đại biểu có mặt (3)")).to_be_visible()
    page.get_by_role("link", name="Ghi diễn biến, số phiếu").click()
    page.locator('[name="ballots_issued"]').fill("3")
    page.locator('[name="ballots_valid"]').fill("3")
    for index, (unit, votes) in enumerate(VOTES.items()):
        page.locator(f'[name="candidates-{index}-organization"]').select_option(label=unit)
        award = page.locator(f'[name="candidates-{index}-award"]')
        award.select_option(label="Cờ thi đua của Ủy ban nhân dân tỉnh")
        page.locator(f'[name="candidates-{index}-votes"]').fill(votes)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Kết thúc cuộc họp").click()
    expect(page.get_by_text("Đã kết thúc cuộc họp: 2/2 đối tượng đạt tỷ lệ phiếu")).to_be_visible()

    page.get_by_role("button", name="Lập biên bản họp").click()
    expect(page.get_by_text("Đã lập dự thảo biên bản")).to_be_visible()
    meeting = ReviewMeeting.objects.get()
    minutes = issue(meeting.minutes, users)
    assert re.fullmatch(r"\d{2}/BB-CTĐ", minutes.full_symbol)

    page.goto(f"/emulation/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Lập hồ sơ đề nghị khen thưởng").click()
    page.get_by_label("Cấp quyết định khen thưởng").select_option(label="Chủ tịch Ủy ban nhân dân cấp tỉnh")
    page.get_by_label("Kính gửi").fill("Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.get_by_text("Chưa công khai danh sách đề nghị")).to_be_visible()
    page.get_by_label("Công khai từ ngày").fill((held + datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("đến ngày").fill((held + datetime.timedelta(days=8)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu thời gian công khai").click()
    expect(page.get_by_text("Đã lưu thời gian công khai")).to_be_visible()
    page.get_by_role("button", name="Lập tờ trình").click()
    expect(page.get_by_text("Đã lập dự thảo tờ trình")).to_be_visible()

    proposal = Proposal.objects.get()
    document = issue(proposal.document, users)
    assert re.fullmatch(r"\d{2}/TTr-CTĐ", document.full_symbol)
    page.goto(f"/emulation/proposals/{proposal.pk}/")
    response = page.request.get(f"/emulation/proposals/{proposal.pk}/dossier.pdf")
    assert response.ok
    text = " ".join(extract_text(io.BytesIO(response.body())).split())
    assert f"Số: {document.full_symbol}" in text
    assert f"Số: {minutes.full_symbol}" in text
    # The ranked list: the commune with more votes first (the demo has no score table yet).
    assert text.index("01 Ủy ban nhân dân xã Tháp Mười") < text.index("02 Ủy ban nhân dân xã Mỹ Quý")
    assert text.index("TỜ TRÌNH") < text.index("BIÊN BẢN")
