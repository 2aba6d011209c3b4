"""The office's own register and the gate of the issue: the number and date the issue gives, the
documents issued outside the product, and the format check that must pass first."""

import datetime

import pytest
from django.urls import reverse

from common.errors import ServiceError
from common.text import sentence_case
from plans import workflow
from plans.choices import SectionBlock
from plans.documents import build_plan_context, render_plan_pdf
from plans.documents.blocks import in_brackets
from plans.documents.format_check import check_plan_format
from plans.documents.render import render_context
from plans.models import AuditEntry, IssuedDocument, NumberingRegister, Plan, RegisterEntry, Section
from plans.numbering import allocate_number, register_enter_outside, register_set_next
from tests.plans.test_documents import activity, section
from tests.plans.test_editing_views import form_data
from tests.plans.test_rendering import docx_text, pdf_text

pytestmark = pytest.mark.django_db
PAPER = "Đã ban hành 40 văn bản trên giấy."


@pytest.fixture
def users(world):
    return world.users


def approved(plan, users):
    workflow.plan_submit(plan=plan, user=users["drafter"])
    return workflow.plan_approve(plan=plan, user=users["approver"])


def number_line(plan) -> str:
    return IssuedDocument.objects.get(plan=plan).context["header"]["number_line"]


def test_a_register_set_to_continue_at_41_gives_number_41_at_the_next_issue(world, users):
    register_set_next(
        issuer=world.own,
        year=2024,
        next_number=41,
        reason="Đã ban hành 40 văn bản trên giấy.",
        user=users["clerk"],
    )
    plan = workflow.plan_issue(
        plan=approved(world.own_plan, users), user=users["clerk"], issue_date=datetime.date(2024, 9, 10)
    )
    assert plan.number == 41
    assert number_line(plan) == "Số: 41/KH-UBND"
    entry = RegisterEntry.objects.get()
    assert (entry.kind, entry.number, entry.actor) == ("next_number_set", 41, users["clerk"])
    assert entry.reason == PAPER


def test_an_outside_document_entered_as_42_makes_the_one_after_41_number_43(world, users):
    register_set_next(issuer=world.own, year=2024, next_number=41, reason="Bắt đầu dùng phần mềm.", user=None)
    assert allocate_number(issuer=world.own, year=2024) == 41
    register_enter_outside(
        issuer=world.own,
        number=42,
        document_date=datetime.date(2024, 9, 12),
        subject="Quyết định khen thưởng (ký trên giấy)",
        user=users["clerk"],
    )
    assert allocate_number(issuer=world.own, year=2024) == 43


def test_the_register_is_never_set_to_a_number_already_used_nor_without_a_reason(world, users):
    register_enter_outside(
        issuer=world.own, number=7, document_date=datetime.date(2024, 2, 1), subject="Công văn", user=None
    )
    with pytest.raises(ServiceError) as refused:
        register_set_next(issuer=world.own, year=2024, next_number=7, reason="Thử", user=None)
    assert refused.value.errors == {"next_number": ["Số 07 đã được dùng trong sổ năm 2024; chọn số khác."]}
    with pytest.raises(ServiceError) as refused:
        register_set_next(issuer=world.own, year=2024, next_number=8, reason="  ", user=None)
    assert "reason" in refused.value.errors
    with pytest.raises(ServiceError) as refused:
        register_enter_outside(
            issuer=world.own, number=7, document_date=datetime.date(2024, 3, 1), subject="Lặp", user=None
        )
    assert "number" in refused.value.errors
    assert RegisterEntry.objects.count() == 1


def test_the_issue_form_shows_the_number_and_the_draft_date_it_will_print(world, users, client):
    plan = world.own_plan
    plan.date_day = 5  # the draft says 05/3/2024
    plan.save()
    approved(plan, users)
    register_set_next(issuer=world.own, year=2024, next_number=41, reason="Sổ giấy.", user=None)
    client.force_login(users["clerk"])
    page = client.get(reverse("plans:issue", args=[plan.pk])).content.decode()
    assert "Số: 41/KH-UBND" in page
    assert "Tháp Mười, ngày 05 tháng 3 năm 2024" in page
    assert 'value="05/03/2024"' in page


def test_an_issue_dated_before_the_last_document_of_the_register_is_refused(world, users):
    register_enter_outside(
        issuer=world.own, number=3, document_date=datetime.date(2024, 5, 20), subject="Công văn", user=None
    )
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(
            plan=approved(world.own_plan, users), user=users["clerk"], issue_date=datetime.date(2024, 5, 1)
        )
    assert "issue_date" in refused.value.errors
    assert "20/05/2024" in refused.value.message
    assert Plan.objects.get(pk=world.own_plan.pk).number is None


def test_an_issue_date_far_from_the_plan_year_needs_a_confirmation_that_is_logged(world, users):
    plan = approved(world.own_plan, users)  # a plan of 2024
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2026, 1, 5))
    assert "confirm_date" in refused.value.errors
    workflow.plan_issue(
        plan=plan, user=users["clerk"], issue_date=datetime.date(2026, 1, 5), confirm_date=True
    )
    note = AuditEntry.objects.get(plan=plan, action="issued").note
    assert "Xác nhận ngày ban hành 05/01/2026 cho kế hoạch năm 2024." in note


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(1, 1, 1)])
def test_an_issue_date_before_the_years_the_product_knows_is_refused_even_confirmed(world, users, day):
    plan = approved(world.own_plan, users)
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=day, confirm_date=True)
    assert refused.value.errors == {"issue_date": ["Năm phải từ 1945 đến 2100."]}
    assert not NumberingRegister.objects.exists()


def test_format_errors_refuse_the_issue_with_the_list_and_links_and_nothing_is_numbered(world, users, client):
    plan = world.own_plan
    Plan.objects.filter(pk=plan.pk).update(signer_name="")
    Section.objects.create(plan=plan, order=9, heading="", body="")
    approved(plan, users)
    client.force_login(users["clerk"])
    url = reverse("plans:issue", args=[plan.pk])
    response = client.post(url, {"issue_date": "05/03/2024", "confirm_warnings": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa có họ và tên người ký." in page
    assert "Có một mục trống" in page
    assert f'href="{reverse("plans:edit", args=[plan.pk])}#id_signer_name"' in page
    assert f'href="{reverse("plans:edit", args=[plan.pk])}#s-sections"' in page
    plan.refresh_from_db()
    assert (plan.status, plan.number) == ("approved", None)
    assert not NumberingRegister.objects.filter(last_number__gt=0).exists()


def test_format_warnings_need_a_confirmation_recorded_in_the_change_log(world, users, client):
    plan = world.own_plan
    Plan.objects.filter(pk=plan.pk).update(archive_note="")  # no "Lưu: VT": a warning
    approved(plan, users)
    client.force_login(users["clerk"])
    url = reverse("plans:issue", args=[plan.pk])
    page = client.post(url, {"issue_date": "05/03/2024"}).content.decode()
    assert "đánh dấu xác nhận để vẫn ban hành" in page
    assert "Nơi nhận chưa có dòng lưu văn bản" in page
    assert Plan.objects.get(pk=plan.pk).status == "approved"
    response = client.post(url, {"issue_date": "05/03/2024", "confirm_warnings": "on"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(plan=plan, action="issued")
    assert entry.note.startswith("Số 01/KH-UBND, ngày 05/03/2024.")
    assert "Xác nhận ban hành dù còn điểm cần xem lại: Nơi nhận chưa có dòng lưu văn bản" in entry.note


def test_the_clerk_sets_the_register_and_enters_an_outside_document_on_its_page(world, users, client):
    client.force_login(users["clerk"])
    url = reverse("plans:register", args=[world.own.pk]) + "?year=2024"
    page = client.post(url, {"action": "next", "next-next_number": "41", "next-reason": ""}).content.decode()
    assert "Ghi lý do đặt lại số" in page
    response = client.post(url, {"action": "next", "next-next_number": "41", "next-reason": "Sổ giấy."})
    assert response.status_code == 302
    data = {
        "action": "outside",
        "outside-number": "41",
        "outside-document_date": "01/09/2024",
        "outside-subject": "Công văn trên hệ thống quản lý văn bản",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert '<dd id="register-next">42</dd>' in page
    assert "Công văn trên hệ thống quản lý văn bản" in page


def test_a_subject_typed_in_capitals_is_saved_and_the_check_recommends_sentence_case(world):
    plan = world.own_plan
    plan.subject = "TẬP HUẤN NGHIỆP VỤ THI ĐUA, KHEN THƯỞNG"
    plan.full_clean()
    plan.save()
    assert "subject_upper_case" in {finding.code for finding in check_plan_format(plan)}


def test_one_click_turns_a_subject_in_capitals_to_sentence_case_without_javascript(world, users, client):
    plan = world.own_plan
    client.force_login(users["drafter"])
    url = reverse("plans:edit", args=[plan.pk])
    data = form_data(client.get(url))
    data["subject"] = "TỔ CHỨC HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN CỦA UBND NĂM 2025"
    data["subject_sentence_case"] = "1"
    page = client.post(url, data).content.decode()
    assert "Tổ chức hội nghị điển hình tiên tiến của UBND năm 2025</textarea>" in page
    assert Plan.objects.get(pk=plan.pk).subject == "Tập huấn nghiệp vụ thi đua, khen thưởng"  # not saved yet


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("sáng ngày 15/3/2026 (1/2 ngày)", "(sáng ngày 15/3/2026 (1/2 ngày))"),
        ("(sáng ngày 15/3/2026)", "(sáng ngày 15/3/2026)"),
        ("(Quý I) và (Quý II)", "((Quý I) và (Quý II))"),
        ("Tháng 10", "(Tháng 10)"),
    ],
)
def test_a_time_text_keeps_its_brackets(typed, printed):
    assert in_brackets(typed) == printed


@pytest.mark.parametrize(
    ("typed", "recased"),
    [
        (
            "KẾ HOẠCH THI ĐUA QUÝ II NĂM 2024 CỦA UBND, HĐND",
            "Kế hoạch thi đua quý II năm 2024 của UBND, HĐND",
        ),
        (
            "PHÁT ĐỘNG PHONG TRÀO “CHUNG SỨC XÂY DỰNG NÔNG THÔN MỚI”",
            "Phát động phong trào “Chung sức xây dựng nông thôn mới”",
        ),
        ("Tập huấn nghiệp vụ", "Tập huấn nghiệp vụ"),
    ],
)
def test_sentence_case_keeps_abbreviations_roman_numerals_and_a_quoted_names_capital(typed, recased):
    assert sentence_case(typed) == recased


@pytest.mark.parametrize(
    ("time_column", "expected"),
    [(False, "(sáng ngày 15/3/2026 (1/2 ngày))"), (True, "Sáng ngày 15/3/2026 (1/2 ngày)")],
)
def test_a_time_text_ending_in_a_bracket_prints_whole_in_pdf_and_word(plan, time_column, expected):
    """Under the units in brackets, or in the "Thời gian" column: the text's own bracket stays."""
    plan.activity_time_column = time_column
    plan.save()
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    activity(plan, 1, timing_text="sáng ngày 15/3/2026 (1/2 ngày)")
    context = build_plan_context(plan)
    assert expected in " ".join(docx_text(render_context(context, "docx")).split())
    assert expected in " ".join(pdf_text(render_plan_pdf(context)).split())
