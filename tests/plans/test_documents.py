"""The document context: every text of the printed plan, worded, numbered and JSON-ready."""

import datetime
import json
import unicodedata
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from clusters.choices import MembershipRole, OrganizationLevel
from clusters.models import ClusterMembership, Organization
from plans.choices import ActivityNumbering, ClauseNumbering, LegalBasisForm, SectionBlock, SignerAuthority
from plans.documents.context import build_plan_context, context_hash
from plans.documents.markup import plain_text
from plans.documents.wording import NBSP, normalise, vietnamese_letter
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section

pytestmark = pytest.mark.django_db

BLANK = NBSP * 6


def texts(context: dict) -> list[str]:
    """The body as printed lines: "I. MỤC ĐÍCH", "- Thời gian …", "[table]"."""
    lines = []
    for item in context["body"]:
        if item["type"] == "heading":
            title = " ".join(part for part in (item["number"], item["text"]) if part)
            lines.append(title + plain_text(item["runs"]))
        elif item["type"] == "paragraph":
            marker = f"{item['marker']} " if item["marker"] else ""
            lines.append(marker + plain_text(item["runs"]))
        else:
            lines.append(f"[{item['type']}]")
    return lines


def section(plan, order, heading="", body="", block="", parent=None):
    return Section.objects.create(
        plan=plan, order=order, heading=heading, body=body, block=block, parent=parent
    )


def activity(plan, order, quarter=1, **fields):
    fields.setdefault("content", f"Hoạt động {order}")
    if "period_kind" not in fields:
        fields.update(period_kind=PeriodKind.QUARTER, quarter=quarter)
    return Activity.objects.create(plan=plan, order=order, **fields)


@pytest.fixture
def office(district):
    return Organization.objects.create(
        name="Phòng Nội vụ huyện Tháp Mười",
        parent=district,
        level=OrganizationLevel.OFFICE,
        abbreviation="PNV",
        place_name="Tháp Mười",
    )


# ---------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------
def test_a_draft_leaves_the_number_and_the_day_blank(plan):
    header = build_plan_context(plan)["header"]
    assert header["number_line"] == f"Số:{BLANK}/KH-UBND"
    assert header["date_line"] == f"Tháp Mười, ngày{BLANK}tháng 3 năm 2024"
    assert header["parent_line"] == "UBND TỈNH ĐỒNG THÁP"
    assert header["issuer_name"] == "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI"
    assert header["national_name"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header["motto"] == "Độc lập - Tự do - Hạnh phúc"


def test_a_draft_without_a_month_leaves_the_month_blank_too(plan):
    plan.date_month = None
    plan.save()
    assert build_plan_context(plan)["header"]["date_line"] == f"Tháp Mười, ngày{BLANK}tháng{BLANK}năm 2024"


@pytest.mark.parametrize(
    ("day", "month", "date_line"),
    [
        (5, 1, "Hà Nội, ngày 05 tháng 01 năm 2024"),
        (29, 2, "Hà Nội, ngày 29 tháng 02 năm 2024"),
        (9, 3, "Hà Nội, ngày 09 tháng 3 năm 2024"),
        (31, 12, "Hà Nội, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_an_issued_plan_prints_its_number_and_date_zero_padded_as_nd30_says(plan, day, month, date_line):
    plan.number, plan.date_day, plan.date_month, plan.place_name = 5, day, month, "Hà Nội"
    plan.save()
    header = build_plan_context(plan)["header"]
    assert header["number_line"] == "Số: 05/KH-UBND"
    assert header["date_line"] == date_line


def test_a_number_from_ten_on_prints_as_is_and_a_custom_symbol_is_kept(plan):
    plan.number, plan.date_day, plan.symbol = 123, 2, "KH-HĐTĐKT"
    plan.save()
    assert build_plan_context(plan)["header"]["number_line"] == "Số: 123/KH-HĐTĐKT"


def test_a_missing_place_name_prints_dotted_leaders(plan, district):
    district.place_name = ""
    district.save()
    assert build_plan_context(plan)["header"]["date_line"].startswith("……, ngày")


def test_a_cluster_plan_takes_the_place_of_the_head_unit_of_its_year(cluster, district):
    ClusterMembership.objects.create(
        cluster=cluster, organization=district, year=2024, role=MembershipRole.HEAD
    )
    plan = Plan.objects.create(
        cluster=cluster, kind="study_trip", year=2024, subject="Giao lưu", date_month=7, date_year=2024
    )
    header = build_plan_context(plan)["header"]
    assert header["number_line"] == f"Số:{BLANK}/KH-CTĐ"
    assert header["date_line"] == f"Tháp Mười, ngày{BLANK}tháng 7 năm 2024"
    assert header["issuer_name"] == "CỤM THI ĐUA 2"


# ---------------------------------------------------------------------------
# Legal bases, preamble
# ---------------------------------------------------------------------------
def test_legal_bases_end_with_semicolons_and_the_last_with_a_full_stop(plan):
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng ngày 15/6/2022;")
    LegalBasis.objects.create(plan=plan, order=2, text="Nghị định số 98/2023/NĐ-CP ngày 31/12/2023.")
    LegalBasis.objects.create(
        plan=plan, order=3, form=LegalBasisForm.IMPLEMENTING, text="Kế hoạch số 12/KH-UBND của UBND tỉnh"
    )
    assert build_plan_context(plan)["legal_bases"] == [
        {"form": "can_cu", "text": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"},
        {"form": "can_cu", "text": "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023."},
        {"form": "thuc_hien", "text": "Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh."},
    ]


def test_a_basis_that_points_to_a_plan_is_worded_from_that_plan(plan, province):
    higher = Plan.objects.create(
        organization=province,
        kind="annual",
        year=2024,
        subject="Công tác thi đua, khen thưởng năm 2024",
        number=3,
        date_day=9,
        date_month=1,
        date_year=2024,
    )
    LegalBasis.objects.create(plan=plan, order=1, referenced_plan=higher)
    assert build_plan_context(plan)["legal_bases"] == [
        {
            "form": "can_cu",
            "text": "Căn cứ Kế hoạch số 03/KH-UBND ngày 09/01/2024 của UBND tỉnh Đồng Tháp về công tác thi "
            "đua, khen thưởng năm 2024.",
        }
    ]


def test_the_preamble_keeps_its_paragraphs(plan):
    plan.preamble = "UBND huyện ban hành Kế hoạch như sau:"
    plan.save()
    assert [plain_text(block["runs"]) for block in build_plan_context(plan)["preamble"]] == [
        "UBND huyện ban hành Kế hoạch như sau:"
    ]


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------
def test_sections_are_numbered_by_depth_and_empty_headings_take_no_numeral(plan):
    first = section(plan, 1, "Mục đích, yêu cầu")
    section(plan, 1, "Mục đích", "Nâng cao chất lượng.", parent=first)
    section(plan, 2, body="Đoạn không tiêu đề.", parent=first)
    requirements = section(plan, 3, "Yêu cầu", parent=first)
    for order in range(1, 7):
        section(plan, order, f"Điểm {order}", parent=requirements)
    section(plan, 2, "Tổ chức thực hiện")
    assert texts(build_plan_context(plan)) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Nâng cao chất lượng.",
        "Đoạn không tiêu đề.",
        "2. Yêu cầu",
        "a) Điểm 1",
        "b) Điểm 2",
        "c) Điểm 3",
        "d) Điểm 4",
        "đ) Điểm 5",
        "e) Điểm 6",
        "II. TỔ CHỨC THỰC HIỆN./.",
    ]


def test_level_one_headings_are_bold_upper_case_and_level_three_italic(plan):
    top = section(plan, 1, "Nội dung")
    middle = section(plan, 1, "Hoạt động", parent=top)
    section(plan, 1, "Chi tiết", parent=middle)
    headings = [item for item in build_plan_context(plan)["body"] if item["type"] == "heading"]
    assert [(item["text"], item["bold"], item["italic"]) for item in headings] == [
        ("NỘI DUNG", True, False),
        ("Hoạt động", True, False),
        ("Chi tiết./.", False, True),
    ]


def test_decimal_clause_numbering_continues_the_parent_number(plan):
    plan.clause_numbering = ClauseNumbering.DECIMAL
    plan.save()
    top = section(plan, 1, "Nội dung")
    for order in range(1, 6):
        section(plan, order, f"Khoản {order}", parent=top)
    fifth = Section.objects.get(plan=plan, heading="Khoản 5")
    section(plan, 1, "Văn phòng", parent=fifth)
    section(plan, 2, "Phòng Kế hoạch tài chính", parent=fifth)
    assert texts(build_plan_context(plan))[-3:] == [
        "5. Khoản 5",
        "5.1. Văn phòng",
        "5.2. Phòng Kế hoạch tài chính./.",
    ]


def test_a_heading_ending_with_a_colon_runs_into_its_first_paragraph(plan):
    top = section(plan, 1, "Nội dung")
    section(plan, 1, "Kinh phí:", "Theo chế độ hiện hành.\n- Chi tiết", parent=top)
    body = build_plan_context(plan)["body"]
    assert texts({"body": body})[1:] == ["1. Kinh phí: Theo chế độ hiện hành.", "- Chi tiết./."]


def test_bullets_and_emphasis_of_the_body_are_kept(plan):
    section(plan, 1, "Nội dung", "- Ý một;\n+ ý con **đậm**\nĐoạn *nghiêng*")
    body = build_plan_context(plan)["body"]
    assert [(item["kind"], item["marker"]) for item in body[1:]] == [
        ("bullet", "-"),
        ("sub_bullet", "+"),
        ("paragraph", ""),
    ]
    assert body[2]["runs"][-1] == {"text": "đậm", "bold": True, "italic": False}


def test_vietnamese_letters_skip_f_j_w_z_and_put_d_stroke_after_d():
    assert [vietnamese_letter(index) for index in range(1, 24)] == list("abcdđeghiklmnopqrstuvxy")
    assert vietnamese_letter(24) == "aa"


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------
def test_activities_are_grouped_by_quarter_and_numbered_again_each_quarter(plan, office, district):
    # Without the time column, the timing text prints in brackets under the units (as in seed 001).
    plan.activity_time_column = False
    plan.save()
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    activity(plan, 1, quarter=1, implementers_text="Các đơn vị trong Cụm\nTrưởng Cụm")
    activity(plan, 2, quarter=1, timing_text="đầu tháng 3/2024", place="Hội trường UBND huyện")
    activity(plan, 3, period_kind=PeriodKind.MONTH, month=7, implementers_text="- UBND xã;")
    lead = activity(plan, 4, period_kind=PeriodKind.DATE, start_date=datetime.date(2024, 5, 10))
    lead.lead_organizations.add(office)
    lead.coordinating_organizations.add(district)
    table = build_plan_context(plan)["body"][1]
    assert table["type"] == "activities"
    assert table["columns"] == ["TT", "Nội dung công việc", "Đơn vị thực hiện"]
    summary = [
        (
            group["label"],
            [
                (
                    row["number"],
                    plain_text(row["content"][0]["runs"]),
                    [plain_text(u["runs"]) for u in row["units"]],
                )
                for row in group["rows"]
            ],
        )
        for group in table["groups"]
    ]
    assert summary == [
        (
            "Quý I/2024",
            [
                ("1", "Hoạt động 1", ["Các đơn vị trong Cụm", "Trưởng Cụm"]),
                ("2", "Hoạt động 2", ["(đầu tháng 3/2024)", "Địa điểm: Hội trường UBND huyện"]),
            ],
        ),
        (
            "Quý II/2024",
            [
                (
                    "1",
                    "Hoạt động 4",
                    ["Phòng Nội vụ huyện Tháp Mười", "Phối hợp: Ủy ban nhân dân huyện Tháp Mười"],
                )
            ],
        ),
        # The plan ends with the table: its last line carries the end mark, never a line alone.
        ("Quý III/2024", [("1", "Hoạt động 3", ["UBND xã./."])]),
    ]
    assert table["groups"][2]["rows"][0]["units"][0]["marker"] == "-"


def test_months_and_dates_print_in_a_time_column_and_a_quarter_adds_nothing_under_its_label(plan):
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    activity(plan, 1, quarter=1)
    activity(plan, 2, quarter=1, timing_text="đầu tháng 3/2024")
    activity(plan, 3, period_kind=PeriodKind.MONTH, month=7)
    activity(plan, 4, period_kind=PeriodKind.DATE, start_date=datetime.date(2024, 5, 10), timing_text="sáng")
    table = build_plan_context(plan)["body"][1]
    assert table["columns"] == ["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện"]
    assert [[row["time"] for row in group["rows"]] for group in table["groups"]] == [
        ["", "Đầu tháng 3/2024"],
        ["Ngày 10/05/2024 (sáng)"],
        ["Tháng 7/2024"],
    ]
    assert all(
        "(" not in plain_text(unit["runs"])
        for group in table["groups"]
        for row in group["rows"]
        for unit in row["units"]
    )


def test_activities_can_be_numbered_continuously_across_quarters(plan):
    plan.activity_numbering = ActivityNumbering.CONTINUOUS
    plan.save()
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    for order, quarter in enumerate([1, 1, 2, 4], start=1):
        activity(plan, order, quarter=quarter)
    groups = build_plan_context(plan)["body"][1]["groups"]
    assert [[row["number"] for row in group["rows"]] for group in groups] == [["1", "2"], ["3"], ["4"]]


# ---------------------------------------------------------------------------
# Participants and classes
# ---------------------------------------------------------------------------
@pytest.fixture
def districts(province):
    return [
        Organization.objects.create(
            name=f"Huyện {index}", parent=province, level="district", abbreviation="UBND"
        )
        for index in range(4)
    ]


def test_participants_print_their_total_then_each_group_worded_by_kind(plan, districts):
    section(plan, 1, "Thành phần", block=SectionBlock.PARTICIPANTS)
    ParticipantGroup.objects.create(
        plan=plan, order=1, kind=GroupKind.NAMED, honorific="Ông", full_name="Phan Hữu Phước",
        position="Giám đốc Sở Nội vụ tỉnh",
    )  # fmt: skip
    ParticipantGroup.objects.create(
        plan=plan, order=2, kind=GroupKind.FIXED, count=1,
        description="Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ",
    )  # fmt: skip
    per_unit = ParticipantGroup.objects.create(
        plan=plan, order=3, kind=GroupKind.PER_UNIT, count=4, description="Mỗi huyện đăng ký"
    )
    per_unit.units.set(districts)
    assert texts(build_plan_context(plan)) == [
        "I. THÀNH PHẦN",
        "- Số lượng, thành phần: 18 người.",
        "- Mời Ông Phan Hữu Phước, Giám đốc Sở Nội vụ tỉnh.",
        "- Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ: 01 người.",
        "- Mỗi huyện đăng ký 04 người./.",
    ]
    kinds = [item["kind"] for item in build_plan_context(plan)["body"][1:]]
    assert kinds == ["bullet", "sub_bullet", "sub_bullet", "sub_bullet"]


def test_a_quota_with_a_breakdown_lists_its_parts_and_an_unknown_total_is_not_printed(plan):
    section(plan, 1, "Thành phần", block=SectionBlock.PARTICIPANTS)
    group = ParticipantGroup.objects.create(
        plan=plan, order=1, kind=GroupKind.PER_UNIT_TYPE, count=15,
        description="Phòng GD&ĐT huyện: Mỗi phòng cử",
    )  # fmt: skip
    for order, (count, description) in enumerate(
        [(1, "lãnh đạo phòng"), (1, "cán bộ"), (13, "giáo viên")], 1
    ):
        ParticipantBreakdown.objects.create(group=group, order=order, count=count, description=description)
    assert texts(build_plan_context(plan))[1:] == [
        "- Phòng GD&ĐT huyện: Mỗi phòng cử 15 người gồm: 01 lãnh đạo phòng; 01 cán bộ; 13 giáo viên./."
    ]


def test_a_total_typed_in_the_text_just_before_the_block_is_not_printed_twice(plan):
    section(plan, 1, "Thành phần", "- Số lượng, thành phần: 01 người.", block=SectionBlock.PARTICIPANTS)
    ParticipantGroup.objects.create(
        plan=plan, order=1, kind=GroupKind.NAMED, honorific="Bà", full_name="Lê Thị A"
    )
    plan_texts = texts(build_plan_context(plan))
    assert plan_texts[1] == "- Số lượng, thành phần: 01 người."
    assert plan_texts[2:] == ["- Số lượng, thành phần: 1 người.", "- Mời Bà Lê Thị A./."]


def test_each_class_prints_its_participants_count_and_time(plan):
    section(plan, 1, "Thành phần, thời gian", block=SectionBlock.SESSIONS)
    first = Session.objects.create(
        plan=plan,
        order=1,
        name="Lớp thứ nhất",
        duration="01 ngày",
        timing_text="dự kiến trong quý II năm 2024",
    )
    second = Session.objects.create(
        plan=plan, order=2, name="Lớp thứ hai", start_date=datetime.date(2024, 5, 6),
        end_date=datetime.date(2024, 5, 7), place="Hội trường huyện",
    )  # fmt: skip
    ParticipantGroup.objects.create(
        plan=plan, session=first, order=1, kind=GroupKind.FIXED, count=70,
        description="- Đại diện lãnh đạo các phòng, ban.\n- Công chức Văn phòng - Thống kê các xã.",
    )  # fmt: skip
    ParticipantGroup.objects.create(
        plan=plan,
        session=second,
        order=2,
        kind=GroupKind.FIXED,
        count=30,
        description="Hiệu trưởng các trường",
    )
    ParticipantGroup.objects.create(
        plan=plan, session=second, order=3, kind=GroupKind.FIXED, count=30, description="Kế toán các trường"
    )
    assert texts(build_plan_context(plan)) == [
        "I. THÀNH PHẦN, THỜI GIAN",
        "1. Lớp thứ nhất",
        "a) Thành phần:",
        "- Đại diện lãnh đạo các phòng, ban.",
        "- Công chức Văn phòng - Thống kê các xã.",
        "b) Số lượng: 70 người.",
        "c) Thời gian: 01 ngày, dự kiến trong quý II năm 2024.",
        "2. Lớp thứ hai",
        "a) Thành phần:",
        "- Hiệu trưởng các trường: 30 người.",
        "- Kế toán các trường: 30 người.",
        "b) Số lượng: 60 người.",
        "c) Thời gian: từ ngày 06/05/2024 đến ngày 07/05/2024.",
        "d) Địa điểm: Hội trường huyện./.",
    ]


def test_a_class_with_one_group_runs_its_participants_into_the_label(plan):
    section(plan, 1, "Thành phần", block=SectionBlock.SESSIONS)
    session = Session.objects.create(plan=plan, order=1, name="Lớp thứ hai", duration="01 ngày")
    ParticipantGroup.objects.create(
        plan=plan,
        session=session,
        order=1,
        kind=GroupKind.FIXED,
        count=60,
        description="Đại diện các trường.",
    )
    body = build_plan_context(plan)["body"]
    assert texts({"body": body})[2:4] == ["a) Thành phần: Đại diện các trường.", "b) Số lượng: 60 người."]
    assert body[2]["runs"][0] == {"text": "a) Thành phần:", "bold": False, "italic": True}


# ---------------------------------------------------------------------------
# Budget and duties
# ---------------------------------------------------------------------------
def test_the_budget_prints_its_source_payer_cost_table_total_in_words_and_contributions(
    plan, office, districts
):
    plan.budget_source = "- Chi từ nguồn quỹ đóng góp của các huyện"
    plan.budget_payer = office
    plan.budget_payer_duty = "(đơn vị Cụm trưởng) thanh toán các chi phí"
    plan.save()
    section(plan, 1, "Kinh phí", block=SectionBlock.BUDGET)
    BudgetLine.objects.create(
        plan=plan, order=1, item="Thuê xe", quantity=Decimal(2), unit="ngày", unit_price=500_000
    )
    BudgetLine.objects.create(
        plan=plan, order=2, item="Nước uống", quantity=Decimal("2.5"), unit="thùng", unit_price=100_000
    )
    BudgetContribution.objects.create(plan=plan, organization=districts[0], amount=1_000_000, note="đã nộp")
    BudgetContribution.objects.create(plan=plan, organization=districts[1], amount=250_000)
    context = build_plan_context(plan)
    assert texts(context) == [
        "I. KINH PHÍ",
        "- Chi từ nguồn quỹ đóng góp của các huyện.",
        "- Phòng Nội vụ huyện Tháp Mười (đơn vị Cụm trưởng) thanh toán các chi phí.",
        "[budget]",
        "Tổng kinh phí dự kiến: 1.250.000 đồng (Bằng chữ: Một triệu hai trăm năm mươi nghìn đồng).",
        "Đóng góp của các đơn vị:",
        "- Huyện 0: 1.000.000 đồng (đã nộp);",
        "- Huyện 1: 250.000 đồng.",
        "Tổng số tiền đóng góp: 1.250.000 đồng (Bằng chữ: Một triệu hai trăm năm mươi nghìn đồng)./.",
    ]
    table = context["body"][3]
    assert table["columns"] == ["Nội dung", "Số lượng", "Đơn vị tính", "Đơn giá (đồng)", "Thành tiền (đồng)"]
    assert table["rows"][1] == {
        "item": "Nước uống",
        "quantity": "2,5",
        "unit": "thùng",
        "unit_price": "100.000",
        "amount": "250.000",
    }
    assert (table["total_label"], table["total"]) == ("Tổng cộng", "1.250.000")


def test_duties_are_numbered_below_their_section_with_titles_or_leading_their_text(plan):
    section(plan, 1, "Tổ chức thực hiện", block=SectionBlock.DUTIES)
    Duty.objects.create(plan=plan, order=1, title="Phòng Nội vụ", body="- Chủ trì.\n- Tổng hợp.")
    Duty.objects.create(plan=plan, order=2, body="Các xã chủ động xây dựng kế hoạch.\nBáo cáo định kỳ.")
    Duty.objects.create(plan=plan, order=3, title="Văn phòng:", body="Chuẩn bị hội trường.")
    context = build_plan_context(plan)
    assert texts(context) == [
        "I. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Nội vụ",
        "- Chủ trì.",
        "- Tổng hợp.",
        "2. Các xã chủ động xây dựng kế hoạch.",
        "Báo cáo định kỳ.",
        "3. Văn phòng: Chuẩn bị hội trường./.",
    ]
    assert context["body"][1]["bold"] is True


def test_duties_under_a_numbered_clause_use_decimal_numbers_when_asked(plan):
    plan.clause_numbering = ClauseNumbering.DECIMAL
    plan.save()
    top = section(plan, 1, "Nội dung")
    for order in range(1, 5):
        section(plan, order, f"Khoản {order}", parent=top)
    section(plan, 5, "Tổ chức thực hiện", block=SectionBlock.DUTIES, parent=top)
    Duty.objects.create(plan=plan, order=1, title="Văn phòng, Sở GD&ĐT", body="Chủ trì.")
    Duty.objects.create(plan=plan, order=2, title="Phòng Kế hoạch tài chính", body="Chuẩn bị kinh phí.")
    assert texts(build_plan_context(plan))[-4:] == [
        "5.1. Văn phòng, Sở GD&ĐT",
        "Chủ trì.",
        "5.2. Phòng Kế hoạch tài chính",
        "Chuẩn bị kinh phí./.",
    ]


# ---------------------------------------------------------------------------
# Ending, signature, recipients
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("closing", "printed"),
    [
        ("Đề nghị các đơn vị thực hiện", "Đề nghị các đơn vị thực hiện./."),
        ("Đề nghị các đơn vị thực hiện.", "Đề nghị các đơn vị thực hiện./."),
        ("Đề nghị các đơn vị thực hiện./.", "Đề nghị các đơn vị thực hiện./."),
        ("Đề nghị các đơn vị thực hiện;", "Đề nghị các đơn vị thực hiện./."),
    ],
)
def test_the_closing_ends_with_the_end_mark_once(plan, closing, printed):
    plan.closing = closing
    plan.save()
    section(plan, 1, "Nội dung", "Đoạn cuối thân bài.")
    context = build_plan_context(plan)
    assert plain_text(context["closing"][-1]["runs"]) == printed
    assert texts(context)[-1] == "Đoạn cuối thân bài."


def test_the_signature_block_is_upper_case_with_its_prefixes(plan):
    plan.signer_on_behalf_of = "Ủy ban nhân dân"
    plan.signer_authority = SignerAuthority.KT
    plan.signer_authority_of = "chủ tịch"
    plan.signer_title = "Phó Chủ tịch"
    plan.signer_position = ""
    plan.signer_name = "Huỳnh Ngọc Nguyên"
    plan.save()
    assert build_plan_context(plan)["signature"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "position": "",
        "name": "Huỳnh Ngọc Nguyên",
    }


def test_recipients_end_with_semicolons_and_the_archive_line_last(plan):
    Recipient.objects.create(plan=plan, order=1, text="Ban TĐKT tỉnh;")
    Recipient.objects.create(plan=plan, order=2, text="UBND các xã, thị trấn")
    plan.archive_note = "VT, NV."
    plan.save()
    assert build_plan_context(plan)["recipients"] == {
        "heading": "Nơi nhận:",
        "lines": ["- Ban TĐKT tỉnh;", "- UBND các xã, thị trấn;", "- Lưu: VT, NV."],
    }


def test_without_an_archive_line_the_last_recipient_ends_with_a_full_stop(plan):
    Recipient.objects.create(plan=plan, order=1, text="Ban TĐKT tỉnh")
    assert build_plan_context(plan)["recipients"]["lines"] == ["- Ban TĐKT tỉnh."]


# ---------------------------------------------------------------------------
# The value itself
# ---------------------------------------------------------------------------
def test_the_context_is_plain_json_and_its_hash_ignores_key_order(plan):
    section(plan, 1, "Nội dung", "Đoạn **đậm**.")
    context = build_plan_context(plan)
    assert json.loads(json.dumps(context)) == context
    reordered = json.loads(
        json.dumps(context, sort_keys=False), object_pairs_hook=lambda pairs: dict(reversed(pairs))
    )
    assert context_hash(reordered) == context_hash(context)
    assert len(context_hash(context)) == 64


def test_the_hash_changes_with_any_printed_text_and_only_then(plan):
    before = context_hash(build_plan_context(plan))
    plan.save()  # updated_at changes, nothing printed does
    assert context_hash(build_plan_context(plan)) == before
    plan.subject = "Tập huấn nghiệp vụ năm 2024 (sửa)"
    plan.save()
    assert context_hash(build_plan_context(plan)) != before


def test_text_is_normalised_to_nfc_and_control_characters_are_dropped(plan):
    decomposed = unicodedata.normalize("NFD", "Tập huấn nghiệp vụ")
    plan.subject = decomposed + "\x07\x1b"  # (PostgreSQL refuses NUL itself)
    plan.save()
    section(plan, 1, unicodedata.normalize("NFD", "Mục đích"), "Dòng\tcó tab")
    context = build_plan_context(plan)
    assert context["subject"] == "Tập huấn nghiệp vụ"
    assert unicodedata.is_normalized("NFC", json.dumps(context, ensure_ascii=False))
    assert texts(context)[0] == "I. MỤC ĐÍCH"


def test_normalising_drops_nul_and_other_control_characters_but_keeps_line_breaks():
    assert normalise({"a": ["x\x00y\x1b\tz\n", 3, None]}) == {"a": ["xy z\n", 3, None]}


def populate(plan, activities: int) -> None:
    """A plan with a row of every kind, and `activities` activities."""
    organization = plan.organization
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    section(plan, 2, "Thành phần", block=SectionBlock.PARTICIPANTS)
    section(plan, 3, "Lớp", block=SectionBlock.SESSIONS)
    section(plan, 4, "Kinh phí", block=SectionBlock.BUDGET)
    section(plan, 5, "Tổ chức thực hiện", block=SectionBlock.DUTIES)
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng ngày 15/6/2022")
    Recipient.objects.create(plan=plan, order=1, text="Ban TĐKT tỉnh")
    BudgetLine.objects.create(plan=plan, order=1, item="Thuê xe", unit_price=100_000)
    BudgetContribution.objects.create(plan=plan, organization=organization, amount=100_000)
    Duty.objects.create(plan=plan, order=1, title="Phòng Nội vụ", body="Chủ trì.").organizations.add(
        organization
    )
    session = Session.objects.create(plan=plan, order=1, name="Lớp thứ nhất")
    for order in range(1, activities + 1):
        item = activity(plan, order, quarter=order % 4 + 1)
        item.lead_organizations.add(organization)
        item.coordinating_organizations.add(organization)
        group = ParticipantGroup.objects.create(
            plan=plan, order=order, kind=GroupKind.PER_UNIT_TYPE, count=2, description="Mỗi đơn vị cử",
            session=session if order % 2 else None,
        )  # fmt: skip
        group.units.add(organization)
        ParticipantBreakdown.objects.create(group=group, order=1, count=2, description="cán bộ")


def test_the_context_costs_the_same_number_of_queries_for_one_or_a_hundred_activities(
    plan, district, django_assert_num_queries
):
    populate(plan, 1)
    with CaptureQueriesContext(connection) as small:
        build_plan_context(plan.pk)
    big = Plan.objects.create(
        organization=district, kind="annual", year=2024, subject="Kế hoạch lớn", date_month=3, date_year=2024
    )
    populate(big, 100)
    with django_assert_num_queries(len(small.captured_queries)):
        context = build_plan_context(big.pk)
    assert sum(len(group["rows"]) for group in context["body"][1]["groups"]) == 100
