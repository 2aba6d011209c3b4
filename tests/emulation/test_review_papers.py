"""The review's papers go through the plans' pipeline: the minutes print the attendance and the ballot
and are issued with a BB number; the tờ trình prints the ranked list, cannot be issued before the
posting ends with every objection answered, and the dossier's PDF holds it, the minutes and the scores."""

import datetime
import io
import re

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.errors import ServiceError
from emulation.dossier import dossier_pdf
from emulation.services import papers, proposals
from plans import workflow
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.format_check import check_plan_format, issue_findings
from plans.documents.html import render_plan_html
from plans.documents.pdf import render_plan_pdf
from plans.models import Plan
from tests.emulation.test_proposals import closed_meeting, score
from tests.plans.test_rendering import (
    LEFT_MARGIN,
    MM,
    assert_a4_with_embedded_fonts,
    docx_text,
    find_word,
    open_pdf,
)
from tests.world import plan_of

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 12, 20)
CHAIR, SECRETARY = "Nguyễn Văn Chủ", "Trần Thị Thư"


def issue(plan, users):
    workflow.plan_submit(plan=plan, user=users["drafter"])
    plan = workflow.plan_approve(plan=plan, user=users["approver"])
    return workflow.plan_issue(plan=plan, user=users["clerk"], confirm_date=True, confirm_warnings=True)


@pytest.fixture
def dossier(world, table):
    score(world, table, world.own, "6")
    score(world, table, world.member, "9.5")
    meeting = closed_meeting(world, votes=(6, 4), chair_name=CHAIR, secretary_name=SECRETARY)
    user = world.users["drafter"]
    minutes = papers.minutes_draft(meeting=meeting, user=user)
    proposal = proposals.proposal_create(
        meeting=meeting, user=user, authority_level="province_chair", authority="Chủ tịch UBND tỉnh Đồng Tháp"
    )
    proposals.posting_set(
        proposal=proposal, user=user, starts=DAY, ends=DAY + datetime.timedelta(days=7), place="Niêm yết"
    )
    return meeting, minutes, proposal


def test_the_minutes_print_the_attendance_and_the_ballot_and_take_a_bb_number(world, dossier):
    _, minutes, _ = dossier
    errors, _ = issue_findings(minutes)
    assert errors == []
    issued = issue(minutes, world.users)
    assert issued.full_symbol == "01/BB-CTĐ"
    context = issued.issued_document.context
    assert context["title"] == "BIÊN BẢN"
    tables = [element for element in context["body"] if element.get("type") == "table"]
    ballot = next(table for table in tables if table.get("caption") == "KẾT QUẢ BỎ PHIẾU")
    assert ballot["rows"] == [
        ["01", "Ủy ban nhân dân huyện Tháp Mười", "Cờ thi đua của Ủy ban nhân dân tỉnh", "6", "100%", "Đạt"],
        [
            "02",
            "Ủy ban nhân dân huyện Lai Vung",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "4",
            "66,67%",
            "Đạt",
        ],
    ]
    texts = " ".join(run["text"] for element in context["body"] for run in element.get("runs", []))
    assert "Số phiếu phát ra: 6; số phiếu thu về hợp lệ: 6." in texts
    assert "trên 50% số phiếu hợp lệ" in texts
    # The last sentence takes "./."; the chair signs, and the secretary beside the chair.
    assert context["body"][-1]["runs"][-1]["text"].endswith("thông qua tại cuộc họp./.")
    assert context["signature"] == {
        "lines": ["CHỦ TRÌ"],
        "position": "",
        "name": CHAIR,
        "co_signer": {"lines": ["THƯ KÝ"], "position": "", "name": SECRETARY},
    }


def footer_cells(html: str) -> list[list[tuple[str, list[str]]]]:
    """The rows of the document's foot: each cell's class and its lines of text."""
    footer = re.search(r'<table class="nd30-footer">(.*?)</table>', html, re.DOTALL).group(1)
    return [
        [
            (css, [text for line in re.findall(r"<p[^>]*>(.*?)</p>", cell) if (text := line.strip())])
            for css, cell in re.findall(r'<td(?: class="([^"]*)")?>(.*?)</td>', row, re.DOTALL)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", footer, re.DOTALL)
    ]


def test_the_minutes_html_signs_the_secretary_left_of_the_chair_on_one_row_and_nơi_nhận_below(dossier):
    _, minutes, _ = dossier
    html = render_plan_html(build_plan_context(minutes))
    assert footer_cells(html) == [
        [("signature", ["THƯ KÝ", SECRETARY]), ("signature", ["CHỦ TRÌ", CHAIR])],
        [("recipients", ["Nơi nhận:", "- Các đơn vị thành viên;", "- Lưu: VT."]), ("", [])],
    ]
    assert html.count(f'<p class="signer-name">{SECRETARY}</p>') == 1
    assert 'class="signatures"' not in html  # no other signature block in the text


def test_the_minutes_pdf_prints_thư_ký_and_the_chair_on_one_line_after_the_last_sentence(dossier):
    _, minutes, _ = dossier
    with open_pdf(render_plan_pdf(build_plan_context(minutes))) as pdf:
        page = pdf.pages[-1].extract_words()
    # The last sentence is never left alone on a page: it goes with the signatures.
    closing = [word for word in page if word["text"].endswith("họp./.")]
    assert closing
    ending = [word for word in page if word["top"] > closing[0]["bottom"]]
    secretary_title, chair_title = find_word(ending, "THƯ"), find_word(ending, "CHỦ")
    assert secretary_title["top"] == pytest.approx(chair_title["top"], abs=2)
    assert secretary_title["x1"] < LEFT_MARGIN + 63 * MM < chair_title["x0"]
    secretary, chair = find_word(ending, "Thư"), find_word(ending, "Chủ")
    assert secretary["top"] == pytest.approx(chair["top"], abs=2)
    assert secretary["top"] > secretary_title["bottom"] + 20 * MM  # room to sign
    assert secretary["x1"] < chair["x0"]
    recipients = find_word(ending, "Nơi")
    assert recipients["top"] > secretary["bottom"]
    assert recipients["x0"] == pytest.approx(LEFT_MARGIN, abs=2)


def test_the_minutes_docx_signs_the_secretary_and_the_chair_in_one_row_and_nơi_nhận_below(dossier):
    _, minutes, _ = dossier
    content = render_plan_docx(build_plan_context(minutes))
    footer = docx.Document(io.BytesIO(content)).tables[-1]
    assert [[cell.text for cell in row.cells] for row in footer.rows] == [
        [f"THƯ KÝ\n\n{SECRETARY}", f"CHỦ TRÌ\n\n{CHAIR}"],
        ["Nơi nhận:\n- Các đơn vị thành viên;\n- Lưu: VT.", ""],
    ]
    assert docx_text(content).count(SECRETARY) == 2  # the attendance's "Thư ký: …" and the signature


def test_a_minutes_without_a_meeting_leaves_room_for_its_secretary_and_a_plan_has_no_co_signer(world):
    minutes = plan_of(world.own, document_type="minutes", subject="Biên bản họp bình xét thi đua năm 2024")
    assert build_plan_context(minutes)["signature"]["co_signer"] == {
        "lines": ["THƯ KÝ"],
        "position": "",
        "name": "",
    }
    assert "co_signer" not in build_plan_context(world.own_plan)["signature"]
    # The format check asks for the name before the minutes are issued.
    assert "co_signer_name_missing" in {finding.code for finding in check_plan_format(minutes)}
    assert "co_signer_name_missing" not in {finding.code for finding in check_plan_format(world.own_plan)}


def test_the_minutes_of_a_meeting_with_its_secretary_pass_the_format_check_on_their_signatures(dossier):
    _, minutes, _ = dossier
    assert "co_signer_name_missing" not in {finding.code for finding in check_plan_format(minutes)}


def test_the_proposal_is_issued_only_when_the_dossier_may_be_sent_and_its_pdf_holds_the_ranking(
    world, dossier
):
    _, minutes, proposal = dossier
    issue(minutes, world.users)
    entry = proposal.entries.first()
    objection = proposals.objection_record(
        proposal=proposal,
        user=world.users["drafter"],
        received_on=DAY + datetime.timedelta(days=1),
        content="?",
        entry=entry,
    )
    document = papers.proposal_document_draft(proposal=proposal, user=world.users["drafter"])
    workflow.plan_submit(plan=document, user=world.users["drafter"])
    document = workflow.plan_approve(plan=document, user=world.users["approver"])
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(
            plan=document, user=world.users["clerk"], confirm_date=True, confirm_warnings=True
        )
    assert refused.value.messages == ["Còn 1 ý kiến phản ánh chưa xử lý."]
    proposals.objection_decide(
        objection=objection, user=world.users["approver"], outcome="dismissed", answer="Đúng quy định."
    )
    document = workflow.plan_issue(
        plan=document, user=world.users["clerk"], confirm_date=True, confirm_warnings=True
    )
    assert document.full_symbol == "02/TTr-CTĐ"  # the cluster's one series: the minutes took 01
    context = document.issued_document.context
    assert context["title"] == "TỜ TRÌNH"
    listed = next(element for element in context["body"] if element.get("type") == "table")
    assert [row[1:5] for row in listed["rows"]] == [
        ["Ủy ban nhân dân huyện Lai Vung", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "1", "9,5"],
        ["Ủy ban nhân dân huyện Tháp Mười", "Cờ thi đua của Ủy ban nhân dân tỉnh", "2", "6"],
    ]
    proposal.refresh_from_db()
    pdf = open_pdf(dossier_pdf(proposal))
    assert_a4_with_embedded_fonts(pdf)
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in (
        "TỜ TRÌNH",
        "Số: 02/TTr-CTĐ",
        "BIÊN BẢN",
        "Số: 01/BB-CTĐ",
        "BẢNG TỔNG HỢP ĐIỂM, XẾP HẠNG",
    ):
        assert expected in text
    assert text.index("TỜ TRÌNH") < text.index("BIÊN BẢN") < text.index("BẢNG TỔNG HỢP ĐIỂM")


def test_the_tờ_trình_addresses_its_authority_on_a_centred_line_under_the_subject_not_in_its_text(
    world, dossier
):
    _, _, proposal = dossier
    document = papers.proposal_document_draft(proposal=proposal, user=world.users["drafter"])
    context = build_plan_context(document)
    assert context["addressee"] == "Chủ tịch UBND tỉnh Đồng Tháp."
    assert all("Kính gửi" not in item.get("text", "") for item in context["preamble"])

    with open_pdf(render_plan_pdf(context)) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
    addressed = next(line for line in lines if line["text"].startswith("Kính gửi:"))
    assert addressed["text"] == "Kính gửi: Chủ tịch UBND tỉnh Đồng Tháp."
    subject = next(line for line in lines if line["text"].startswith("Đề nghị khen thưởng"))
    opening = next(line for line in lines if "Căn cứ kết quả" in line["text"])
    assert subject["top"] < addressed["top"] < opening["top"]

    def middle(line):
        return (line["x0"] + line["x1"]) / 2

    assert abs(middle(addressed) - middle(subject)) < 1  # centred on the text column, as the subject
    assert addressed["x0"] > 150  # not the indented first line of a paragraph

    word = docx_text(render_plan_docx(context))
    assert word.index("Đề nghị khen thưởng") < word.index("Kính gửi: Chủ tịch UBND tỉnh Đồng Tháp.")
    assert word.index("Kính gửi:") < word.index("Căn cứ kết quả")


def test_a_plan_has_no_kính_gửi_line(world):
    plan = Plan(organization=world.own, year=2024, subject="Thi đua năm 2024", addressee="Sở Nội vụ")
    with pytest.raises(ValidationError) as refused:
        plan.clean()
    assert refused.value.message_dict["addressee"] == [
        "Kế hoạch không có dòng “Kính gửi” (Nghị định 30/2020/NĐ-CP); ghi nơi nhận ở mục “Nơi nhận”."
    ]


def test_the_editor_offers_kính_gửi_on_a_tờ_trình_and_not_on_a_plan(world, dossier, client):
    _, _, proposal = dossier
    document = papers.proposal_document_draft(proposal=proposal, user=world.users["drafter"])
    client.force_login(world.users["drafter"])
    page = client.get(reverse("plans:edit", args=[document.pk])).content.decode()
    assert 'name="addressee" value="Chủ tịch UBND tỉnh Đồng Tháp."' in page
    plan = client.get(reverse("plans:edit", args=[world.cluster_plan.pk])).content.decode()
    assert 'name="subject"' in plan
    assert 'name="addressee"' not in plan
