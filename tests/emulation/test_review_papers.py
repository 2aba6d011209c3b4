"""The review's papers go through the plans' pipeline: the minutes print the attendance and the ballot
and are issued with a BB number; the tờ trình prints the ranked list, cannot be issued before the
posting ends with every objection answered, and the dossier's PDF holds it, the minutes and the scores."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.errors import ServiceError
from emulation.dossier import dossier_pdf
from emulation.services import papers, proposals
from plans import workflow
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.format_check import issue_findings
from plans.documents.pdf import render_plan_pdf
from plans.models import Plan
from tests.emulation.test_proposals import closed_meeting, score
from tests.plans.test_rendering import assert_a4_with_embedded_fonts, docx_text, open_pdf

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 12, 20)


def issue(plan, users):
    workflow.plan_submit(plan=plan, user=users["drafter"])
    plan = workflow.plan_approve(plan=plan, user=users["approver"])
    return workflow.plan_issue(plan=plan, user=users["clerk"], confirm_date=True, confirm_warnings=True)


@pytest.fixture
def dossier(world, table):
    score(world, table, world.own, "6")
    score(world, table, world.member, "9.5")
    meeting = closed_meeting(world, votes=(6, 4))
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
    # Signed by the secretary (after the last sentence, which takes "./.") and by the chair.
    assert context["body"][-2]["runs"][-1]["text"].endswith("thông qua tại cuộc họp./.")
    assert context["body"][-1] == {
        "type": "signatures",
        "signers": [{"lines": ["THƯ KÝ"], "position": "", "name": dossier[0].secretary_name}],
    }
    assert (issued.signer_title, issued.signer_name) == ("CHỦ TRÌ", dossier[0].chair_name)


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
