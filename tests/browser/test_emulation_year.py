"""The demo's cluster of communes runs its whole emulation year in a browser, every step clicked by
the person whose job it is: Tháp Mười and Mỹ Quý register their titles and issue their registrations;
the cluster's compact is issued with its number; the head issues the criteria table's guidance and
opens scoring; Tháp Mười, Mỹ Quý and Lai Vung score themselves and the province's reviewer scores
them; the review meeting records attendance and ballots and closes (locking the scores); its minutes
and the tờ trình are issued with their numbers; the tờ trình's PDF holds the ranking."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from emulation.models import CriteriaTable
from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

CLUSTER = "Cụm thi đua các xã, phường số 1"
CLUSTER_SHORT = "Cụm thi đua số 1"  # as lists of calls name it
HEAD = ("soanthao", "pheduyet", "vanthu")  # the head commune's drafter, chairman and clerk
MY_QUY = ("soanthao_myquy", "pheduyet_myquy", "vanthu_myquy")
# Unit, who scores it, its self-scores and the reviewer's scores of the demo's three criteria.
SCORES = {
    "UBND xã Tháp Mười": ("pheduyet", ("58", "29", "9"), ("57", "29", "9")),
    "UBND xã Mỹ Quý": ("thanhvien", ("55", "28", "10"), ("55", "26", "10")),
    "UBND xã Lai Vung": ("thanhvien_laivung", ("50", "25", "8"), ("50", "25", "8")),
}
REVIEWER = "giamsat"  # the province's overseer, appointed by the head to review the three communes
VOTES = {"UBND xã Tháp Mười": "3", "UBND xã Mỹ Quý": "2"}  # of 3 valid ballots: both pass


def as_user(page, username: str, start: str) -> None:
    if page.get_by_role("button", name="Đăng xuất").count():
        sign_out(page)
    sign_in(page, username, start=f"/login/?next={start}")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def issue_document(
    page, url: str, people: tuple[str, str, str], *, signer: str | None = None, confirm_warnings: bool = False
) -> str:
    """The paper at `url` (a plan page) through the plans' workflow as its people click it: the drafter
    signs (when `signer` is given) and submits, the chairman approves, the clerk numbers and issues;
    the number it printed."""
    drafter, approver, clerk = people
    as_user(page, drafter, url)
    if signer is not None:
        page.get_by_role("link", name="Sửa kế hoạch").click()
        page.locator("#id_signer_name").fill(signer)
        page.get_by_role("button", name="Lưu kế hoạch").last.click()
        expect(page.locator(".message.success")).to_contain_text("Đã lưu")
        page.goto(url)
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.locator(".message.success")).to_contain_text("Đã trình")
    as_user(page, approver, url)
    page.get_by_role("link", name="Phê duyệt", exact=True).click()
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("Đã phê duyệt")
    as_user(page, clerk, url)
    page.get_by_role("link", name="Cấp số, ban hành").click()
    expect(page.locator("#format-errors")).to_have_count(0)
    if confirm_warnings:
        page.get_by_label("Đã xem các điểm cần xem lại về thể thức và vẫn ban hành (ghi vào nhật ký)").check()
    else:
        expect(page.locator("#format-warnings")).to_have_count(0)
    number = page.locator("#issue-number").inner_text()
    page.get_by_role("button", name="Cấp số và ban hành").click()
    expect(page.locator(".message.success")).to_contain_text("Đã ban hành")
    return number.removeprefix("Số: ")


def step_register(page, run) -> None:
    # 1. Đăng ký thi đua: Tháp Mười's registration (started by the demo) is issued; Mỹ Quý starts,
    # fills and issues its own.
    as_user(page, "soanthao", "/emulation/registrations/")
    page.get_by_role("link", name=CLUSTER_SHORT).click()
    run.call_url = page.url
    page.get_by_role("link", name="UBND xã Tháp Mười").click()
    page.get_by_role("link", name="Văn bản đăng ký: ký, trình, ban hành").click()
    issue_document(page, page.url, HEAD, signer="Nguyễn Văn Tâm")

    as_user(page, MY_QUY[0], run.call_url)
    page.get_by_label("Đơn vị", exact=True).select_option(label="UBND xã Mỹ Quý")
    page.get_by_role("button", name="Lập bản đăng ký thi đua").click()
    award = page.get_by_label("Danh hiệu thi đua, hình thức khen thưởng")
    award.select_option(label="Cờ thi đua của Ủy ban nhân dân tỉnh (Tập thể)")
    page.get_by_role("button", name="Thêm").click()
    expect(page.get_by_role("cell", name="Cờ thi đua của Ủy ban nhân dân tỉnh")).to_be_visible()
    page.get_by_role("link", name="Văn bản đăng ký: ký, trình, ban hành").click()
    issue_document(page, page.url, MY_QUY, signer="Phạm Thị Hoa")

    # The cluster's head sees both registrations sent.
    as_user(page, "pheduyet", run.call_url)
    expect(page.get_by_text("Đã gửi: 2/5 đơn vị.")).to_be_visible()
    run.screenshot("year-1-registrations")


def step_compact(page, run) -> None:
    # 2. Giao ước thi đua: every member's signer is named (the demo did); the compact is issued.
    as_user(page, "soanthao", run.call_url)
    page.get_by_role("link", name=f"Giao ước thi đua năm {run.year}").click()
    expect(page.get_by_text("chưa ghi họ và tên người ký")).to_have_count(0)
    page.get_by_role("link", name="Văn bản giao ước: soạn, trình, ban hành").click()
    run.compact_number = issue_document(page, page.url, HEAD, signer="Nguyễn Văn Tâm")
    assert re.fullmatch(r"\d{2}/GƯTĐ-CTĐ", run.compact_number), run.compact_number


def step_criteria(page, run) -> None:
    # 3. The criteria table: its guidance (HƯỚNG DẪN) is issued, then scoring opens on it; the
    # province's reviewer is appointed to the three communes.
    as_user(page, "soanthao", "/emulation/criteria/")
    page.get_by_role("link", name=re.compile(f"Bảng tiêu chí chấm điểm thi đua năm {run.year}")).click()
    run.table_url = page.url
    page.get_by_role("button", name="Tạo văn bản ban hành (hướng dẫn)").click()
    expect(page.locator(".message.success")).to_contain_text("Đã tạo dự thảo văn bản ban hành bảng tiêu chí")
    table = CriteriaTable.objects.get(cluster__name=CLUSTER, year=run.year)
    issue_document(page, f"/plans/{table.document_id}/", HEAD, signer="Nguyễn Văn Tâm")
    as_user(page, "pheduyet", run.table_url)
    page.get_by_role("button", name="Mở chấm điểm theo bảng tiêu chí").click()
    expect(page.locator(".message.success")).to_contain_text("Đã ban hành bảng tiêu chí")
    for unit in SCORES:
        page.get_by_label("Đơn vị được chấm").select_option(label=unit)
        page.get_by_label("Hoặc tên đăng nhập của người thẩm định").fill(REVIEWER)
        page.get_by_role("button", name="Phân công").click()
        expect(page.locator(".message.success")).to_be_visible()


def step_score(page, run) -> None:
    # 4. Each commune scores itself and sends its sheet; the reviewer scores each one.
    for unit, (scorer, own, _) in SCORES.items():
        as_user(page, scorer, run.table_url)
        page.get_by_role("link", name=unit).click()
        for index, points in enumerate(own):
            article = page.locator("article.criterion").nth(index)
            article.get_by_label("Điểm", exact=True).fill(points)
            article.get_by_role("button", name="Lưu điểm tự chấm").click()
            expect(page.locator(".message.success")).to_have_text("Đã lưu.")
        page.get_by_role("button", name="Gửi bản tự chấm").click()
        expect(page.get_by_text("Đã gửi bản tự chấm của đơn vị.")).to_be_visible()
    as_user(page, REVIEWER, run.table_url)
    for unit, (_, own, reviewed) in SCORES.items():
        page.goto(run.table_url)
        page.get_by_role("link", name=unit).click()
        for index, points in enumerate(reviewed):
            article = page.locator("article.criterion").nth(index)
            article.get_by_label("Điểm", exact=True).fill(points)
            if points != own[index]:
                article.get_by_label("Giải trình, lý do").fill("Chưa đủ tài liệu kiểm chứng")
            article.get_by_role("button", name="Lưu điểm thẩm định").click()
            expect(page.locator(".message.success")).to_have_text("Đã lưu.")
    run.screenshot("year-2-reviewed")


def step_meet(page, run) -> None:
    # 5. Bình xét: the meeting records who attended, the ballots and the votes, and closes.
    held = run.held
    as_user(page, "soanthao", "/emulation/meetings/")
    page.get_by_role("link", name=CLUSTER).click()
    page.get_by_label("Năm bình xét").fill(str(run.year))
    page.get_by_label("Ngày họp").fill(held.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã Tháp Mười")
    page.get_by_label("Chủ trì", exact=True).fill("Nguyễn Văn Tâm")
    page.get_by_label("Thư ký", exact=True).fill("Nguyễn Thị Mai")
    page.get_by_role("button", name="Mở cuộc họp").click()
    expect(page.get_by_role("heading", name=re.compile("Ghi diễn biến họp bình xét"))).to_be_visible()
    page.locator('[name="ballots_issued"]').fill("3")
    page.locator('[name="ballots_valid"]').fill("3")
    for index, name in enumerate(("Nguyễn Văn Tâm", "Phạm Thị Hoa", "Lê Văn Cường")):
        page.locator(f'[name="attendees-{index}-full_name"]').fill(name)
    for index, (unit, votes) in enumerate(VOTES.items()):
        page.locator(f'[name="candidates-{index}-organization"]').select_option(label=unit)
        page.locator(f'[name="candidates-{index}-award"]').select_option(
            label="Cờ thi đua của Ủy ban nhân dân tỉnh"
        )
        page.locator(f'[name="candidates-{index}-votes"]').fill(votes)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Kết thúc cuộc họp").click()
    expect(page.get_by_text("Đã kết thúc cuộc họp: 2/2 đối tượng đạt tỷ lệ phiếu")).to_be_visible()
    run.meeting_url = page.url
    run.screenshot("year-3-meeting")


def step_minutes(page, run) -> None:
    # 6. The minutes (biên bản) are drafted and issued with their number.
    page.get_by_role("button", name="Lập biên bản họp").click()
    expect(page.get_by_text("Đã lập dự thảo biên bản")).to_be_visible()
    page.goto(run.meeting_url)
    page.get_by_role("link", name=re.compile("Biên bản họp")).click()
    run.minutes_number = issue_document(page, page.url, HEAD, confirm_warnings=True)
    assert re.fullmatch(r"\d{2}/BB-CTĐ", run.minutes_number), run.minutes_number


def step_propose(page, run) -> None:
    # 7. The dossier: posted publicly, its tờ trình drafted and issued with its number.
    held = run.held
    as_user(page, "soanthao", run.meeting_url)
    page.get_by_role("link", name="Lập hồ sơ đề nghị khen thưởng").click()
    page.get_by_label("Cấp quyết định khen thưởng").select_option(label="Chủ tịch Ủy ban nhân dân cấp tỉnh")
    page.get_by_label("Kính gửi").fill("Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp")
    page.get_by_role("button", name="Lập hồ sơ").click()
    run.proposal_url = page.url
    page.get_by_label("Công khai từ ngày").fill((held + datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("đến ngày").fill((held + datetime.timedelta(days=8)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu thời gian công khai").click()
    expect(page.get_by_text("Đã lưu thời gian công khai")).to_be_visible()
    page.get_by_role("button", name="Lập tờ trình").click()
    expect(page.get_by_text("Đã lập dự thảo tờ trình")).to_be_visible()
    page.goto(run.proposal_url)
    page.get_by_role("link", name=re.compile("Tờ trình")).click()
    run.proposal_number = issue_document(page, page.url, HEAD)
    assert re.fullmatch(r"\d{2}/TTr-CTĐ", run.proposal_number), run.proposal_number


def step_dossier(page, run) -> None:
    # 8. The dossier's PDF: the tờ trình with its number and the ranking by the reviewed scores.
    as_user(page, "pheduyet", run.proposal_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải hồ sơ PDF").click()
    text = " ".join(extract_text(io.BytesIO(download.value.path().read_bytes())).split())
    assert f"Số: {run.proposal_number}" in text
    assert f"Số: {run.minutes_number}" in text
    assert text.index("TỜ TRÌNH") < text.index("BIÊN BẢN")
    proposal = text[: text.index("BIÊN BẢN")]
    # The tờ trình lists the two who passed the vote in the order of the reviewed ranking (its table's
    # cells read column by column): Tháp Mười 1st with 95 points and 3 votes, Mỹ Quý 2nd with 91 and 2.
    assert "01 Ủy ban nhân dân xã Tháp Mười 02 Ủy ban nhân dân xã Mỹ Quý" in proposal
    assert "Xếp hạng 1 Tổng điểm 95 Số phiếu 3 Tỷ lệ phiếu 100% 2 91 2 66,67%" in proposal
    # The score table appended: every commune scored, by rank, self and reviewed totals.
    assert (
        "Xếp hạng 1 2 3 Đơn vị Ủy ban nhân dân xã Tháp Mười Ủy ban nhân dân xã Mỹ Quý Ủy ban nhân dân xã Lai "
        "Vung Điểm tự chấm 96 93 83 Điểm thẩm định 95 91 83"
    ) in text


STEPS = (
    step_register,
    step_compact,
    step_criteria,
    step_score,
    step_meet,
    step_minutes,
    step_propose,
    step_dossier,
)


def test_the_cluster_of_communes_runs_its_year_from_registration_to_proposal(page, demo, screenshot):
    page.on("dialog", lambda dialog: dialog.accept())
    today = timezone.localdate()
    run = SimpleNamespace(year=today.year, held=today - datetime.timedelta(days=10), screenshot=screenshot)
    for step in STEPS:
        step(page, run)
