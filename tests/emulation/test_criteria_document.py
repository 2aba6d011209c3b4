"""The criteria table on paper: its own HƯỚNG DẪN issued through the plan's workflow (format check,
ND 30 layout, frozen), an appendix of a plan, and the score table of the minutes."""

import pytest

from common.errors import ServiceError
from emulation import criteria as criteria_services
from emulation import criteria_document, scoring
from emulation.choices import TableStatus
from emulation.models.criteria import CriteriaTable
from plans import workflow
from plans.choices import SectionBlock
from plans.documents.context import build_plan_context
from plans.documents.format_check import check_plan_format
from plans.documents.pdf import render_plan_pdf
from plans.models import Plan, Section
from tests.plans.test_rendering import assert_a4_with_embedded_fonts, assert_header_layout, open_pdf
from tests.world import plan_of

CRITERIA_ROWS = [
    ["1", "Công tác chung", "30", ""],
    [
        "1.1",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "20",
        "Chỉ tiêu 100 %; điểm tỷ lệ với kết quả, đạt chỉ tiêu được 20 điểm",
    ],
    ["1.2", "Chất lượng phong trào thi đua", "10", "Chấm đến 10 điểm"],
    ["2", "Mô hình, điển hình tiên tiến được nhân rộng", "6", "Mỗi lần 1,5 điểm, tối đa 6 điểm"],
    ["3", "Sáng kiến", "+8", "Cộng tối đa 8 điểm"],
    ["4", "Gửi báo cáo trễ hạn", "−4", "Trừ mỗi lần 1 điểm, tối đa 4 điểm"],
]


@pytest.fixture
def draft(world, table):
    """A new version of the issued table, a draft, with the document that will issue it."""
    new = criteria_services.table_new_version(actor=world.users["approver"], table=table)
    document = criteria_document.table_document_create(actor=world.users["drafter"], table=new)
    Plan.objects.filter(pk=document.pk).update(
        signer_on_behalf_of="CỤM THI ĐUA",
        signer_title="CỤM TRƯỞNG",
        signer_name="Nguyễn Văn A",
        place_name="Tháp Mười",
    )
    return CriteriaTable.objects.get(pk=new.pk)


def test_the_tables_document_prints_every_criterion_passes_the_format_check_and_is_issued_frozen(
    world, draft
):
    document = draft.document
    assert document.document_type == "guidance"
    assert check_plan_format(document) == []
    workflow.plan_submit(plan=document, user=world.users["drafter"])
    # From now on the criteria are frozen with the document, and scoring waits for its issue.
    with pytest.raises(ServiceError, match="rút văn bản"):
        criteria_services.criterion_delete(actor=world.users["approver"], criterion=draft.criteria.first())
    with pytest.raises(ServiceError, match="chưa được cấp số"):
        criteria_services.table_issue(actor=world.users["approver"], table=draft)
    workflow.plan_approve(plan=document, user=world.users["approver"])
    issued = workflow.plan_issue(plan=document, user=world.users["clerk"], confirm_date=True)
    context = issued.issued_document.context
    assert context["title"] == "HƯỚNG DẪN"
    assert issued.full_symbol.startswith("01/HD-")
    (printed,) = [item for item in context["body"] if item.get("type") == "table"]
    assert printed["rows"] == CRITERIA_ROWS
    assert printed["total"] == ["", "Tổng điểm tối đa", "36", ""]
    assert {
        "type": "note",
        "text": "Ghi chú: tổng điểm thưởng không quá 5 điểm; tổng điểm trừ không quá 10 điểm.",
    } in context["body"]
    criteria_services.table_issue(actor=world.users["approver"], table=draft)
    assert CriteriaTable.objects.get(pk=draft.pk).status == TableStatus.ISSUED
    assert CriteriaTable.objects.get(pk=draft.previous_id).status == TableStatus.SUPERSEDED


def test_the_tables_pdf_keeps_the_nd30_layout(world, draft):
    world.cluster.header_parent_line = "UBND TỈNH ĐỒNG THÁP"
    world.cluster.save()
    pdf = render_plan_pdf(build_plan_context(Plan.objects.get(pk=draft.document_id)))
    with open_pdf(pdf) as document:
        assert_a4_with_embedded_fonts(document)
        text = "\n".join(page.extract_text() for page in document.pages)
    assert_header_layout(pdf, issuer_word="CỤM")
    assert "HƯỚNG DẪN" in text
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in text
    assert "Mỗi lần 1,5 điểm" in text
    assert "TM. CỤM THI ĐUA" in text


def test_the_table_prints_as_an_appendix_section_of_the_plan_whose_activities_it_measures(world, table):
    plan = world.cluster_plan
    Section.objects.create(
        plan=plan, order=1, heading="Bảng tiêu chí chấm điểm thi đua", block=SectionBlock.CRITERIA
    )
    body = build_plan_context(plan)["body"]
    (printed,) = [item for item in body if item.get("type") == "table"]
    assert printed["rows"] == CRITERIA_ROWS
    Section.objects.create(plan=world.own_plan, order=1, heading="Tiêu chí", block=SectionBlock.CRITERIA)
    assert {"type": "note", "text": criteria_document.NO_TABLE_NOTE} in build_plan_context(world.own_plan)[
        "body"
    ]


def test_the_minutes_print_the_ranking_of_the_clusters_table(world, table):
    scoring.score_set(
        actor=world.users["approver"],
        table=table,
        unit_id=world.own.pk,
        criterion=table.named["qualitative"],
        side="self",
        points="9,5",
    )
    scoring.score_set(
        actor=world.users["member_staff"],
        table=table,
        unit_id=world.member.pk,
        criterion=table.named["bonus"],
        side="self",
        points="8",
    )
    minutes = plan_of(
        world.cluster, document_type="minutes", subject="Biên bản họp bình xét thi đua năm 2024"
    )
    Section.objects.create(plan=minutes, order=1, heading="Kết quả chấm điểm", block=SectionBlock.SCORES)
    (printed,) = [item for item in build_plan_context(minutes)["body"] if item.get("type") == "table"]
    assert printed["rows"] == [
        ["1", "Ủy ban nhân dân huyện Tháp Mười", "9,5", "0", "0", "9,5"],
        ["2", "Ủy ban nhân dân huyện Lai Vung", "5", "5", "0", "5"],
    ]


def test_only_the_owners_drafters_are_offered_to_draw_up_the_tables_guidance(client, world, table):
    new = criteria_services.table_new_version(actor=world.users["approver"], table=table)
    client.force_login(world.users["approver"])  # manages the table, drafts no paper
    assert "Tạo văn bản ban hành (hướng dẫn)" not in client.get(new.get_absolute_url()).content.decode()
    client.force_login(world.users["drafter"])
    assert "Tạo văn bản ban hành (hướng dẫn)" in client.get(new.get_absolute_url()).content.decode()
