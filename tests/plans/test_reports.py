"""Review reports: the counts of seed 001 after some of its activities are done, the chart, the official
"BÁO CÁO" (the same layout checks as a plan's PDF), the DOCX and XLSX, and who may see them."""

import datetime
import io
import re

import docx
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from activities.choices import PeriodKind
from activities.models import Activity
from activities.tracking import services as tracking
from clusters.choices import MembershipRole
from clusters.models import Cluster, ClusterMembership
from plans.documents.context import signature
from plans.documents.docx import render_plan_docx
from plans.documents.filenames import report_filename
from plans.documents.pdf import render_plan_pdf
from plans.documents.wording import BLANK_NUMBER
from plans.models import Plan
from plans.reports.chart import CHART_TITLE, report_chart_svg
from plans.reports.document import report_document_context
from plans.reports.tallies import OTHER_UNIT, PERIODS, format_percent, plan_report
from tests.plans.test_rendering import (
    assert_a4_with_embedded_fonts,
    assert_header_layout,
    assert_pages_numbered_from_two_at_the_top_centre,
    assert_signature_beside_recipients,
    find_word,
    open_pdf,
    pdf_text,
)
from tests.world import plan_of

pytestmark = pytest.mark.django_db

REPORT_DAY = datetime.date(2022, 7, 15)
# Seed 001, mid-year: Quý I has activities 1–3, Quý II activities 4–5.
MARKS = [
    ("done", datetime.date(2022, 2, 20), "Đã tổ chức hội nghị tổng kết"),
    ("done", datetime.date(2022, 3, 10), ""),
    ("in_progress", None, ""),
    ("done", datetime.date(2022, 6, 2), "Ban hành Quy chế số 12/QC-CTĐ"),
    ("postponed", None, "Chờ số liệu của các huyện"),
]
# The postponed activity 5 is counted apart, never as overdue.
QUARTER_ROWS = [
    ["Quý I", 3, 2, 1, 0, 0, 0, 1, "66,7 %"],
    ["Quý II", 2, 1, 0, 0, 1, 0, 0, "50,0 %"],
]
TOTAL_ROW = ["Tổng cộng", 5, 3, 1, 0, 1, 0, 1, "60,0 %"]


@pytest.fixture
def seed(demo):
    """Seed 001 issued as 01/KH-CTĐ of 05/4/2022, its first five activities marked through the service."""
    plan = demo["001"]
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=1, date_day=5)
    plan.refresh_from_db()
    admin = get_user_model().objects.get(username="admin")
    for activity, (status, day, note) in zip(plan.activities.order_by("order"), MARKS, strict=False):
        tracking.activity_track(
            activity=activity, user=admin, status=status, completed_on=day, result_note=note, today=REPORT_DAY
        )
    return plan, admin


@pytest.fixture
def report(seed):
    return plan_report(seed[0], PERIODS["h1"], REPORT_DAY)


# ---------------------------------------------------------------------------
# The numbers
# ---------------------------------------------------------------------------
def test_the_mid_year_report_of_seed_001_counts_each_quarter_exactly(report):
    assert [tally.cells() for tally in report.quarters] == QUARTER_ROWS
    assert report.total.cells() == TOTAL_ROW
    # Seed 001 names its units in words only: everything is under "other".
    assert [tally.cells() for tally in report.units] == [[OTHER_UNIT, *TOTAL_ROW[1:]]]
    assert [line.activity.order for line in report.overdue] == [3]


def test_the_year_end_report_covers_the_four_quarters(seed):
    report = plan_report(seed[0], PERIODS["year"], datetime.date(2023, 1, 10))
    assert [tally.cells() for tally in report.quarters] == [
        ["Quý I", 3, 2, 1, 0, 0, 0, 1, "66,7 %"],
        ["Quý II", 2, 1, 0, 0, 1, 0, 0, "50,0 %"],
        ["Quý III", 2, 0, 0, 2, 0, 0, 2, "0,0 %"],  # the July conference (a month) counts in Quý III
        ["Quý IV", 3, 0, 0, 3, 0, 0, 3, "0,0 %"],
    ]
    assert report.total.cells() == ["Tổng cộng", 10, 3, 1, 5, 1, 0, 6, "30,0 %"]


def test_a_cancelled_activity_is_outside_the_completion_rate_and_never_overdue(seed):
    plan, admin = seed
    sixth = plan.activities.order_by("order")[5]
    tracking.activity_track(
        activity=sixth, user=admin, status="cancelled", completed_on=None, result_note="Không tổ chức",
        today=REPORT_DAY,
    )  # fmt: skip
    report = plan_report(plan, PERIODS["year"], datetime.date(2023, 1, 10))
    # 3 done of the 9 activities that were not cancelled: 33,3 %, not 3 of 10.
    assert report.total.cells() == ["Tổng cộng", 10, 3, 1, 4, 1, 1, 5, "33,3 %"]
    assert sixth.pk not in [line.activity.pk for line in report.overdue]


def test_overdue_is_counted_on_the_reports_day(seed):
    report = plan_report(seed[0], PERIODS["h1"], datetime.date(2022, 5, 1))
    assert [tally.overdue for tally in report.quarters] == [1, 0]  # Quý II has not ended yet


@pytest.mark.parametrize(
    ("done", "total", "text"),
    [
        (2, 3, "66,7 %"),
        (1, 6, "16,7 %"),
        (1, 16, "6,3 %"),
        (1, 8, "12,5 %"),
        (3, 3, "100,0 %"),
        (0, 4, "0,0 %"),
    ],
)
def test_percentages_read_the_vietnamese_way_rounded_half_up(done, total, text):
    assert format_percent(done, total) == text


def test_nothing_to_count_is_a_dash_not_a_division_by_zero():
    assert format_percent(0, 0) == "–"


def test_activities_count_under_each_of_their_lead_units_and_the_rest_under_other(world):
    plan = plan_of(world.own, status="issued", number=3, date_day=5)
    both = Activity.objects.create(
        plan=plan, order=1, content="Chung", period_kind=PeriodKind.QUARTER, quarter=1, status="done",
        completed_on=datetime.date(2024, 3, 1),
    )  # fmt: skip
    both.lead_organizations.set([world.own, world.member])
    one = Activity.objects.create(
        plan=plan, order=2, content="Riêng", period_kind=PeriodKind.QUARTER, quarter=2
    )
    one.lead_organizations.set([world.member])
    Activity.objects.create(plan=plan, order=3, content="Không ghi", period_kind=PeriodKind.MONTH, month=5)
    report = plan_report(plan, PERIODS["h1"], datetime.date(2024, 7, 1))
    assert [tally.cells() for tally in report.units] == [
        ["UBND huyện Lai Vung", 2, 1, 0, 1, 0, 0, 1, "50,0 %"],
        ["UBND huyện Tháp Mười", 1, 1, 0, 0, 0, 0, 0, "100,0 %"],
        [OTHER_UNIT, 1, 0, 0, 1, 0, 0, 1, "0,0 %"],
    ]


# ---------------------------------------------------------------------------
# The chart
# ---------------------------------------------------------------------------
def test_the_chart_is_plain_accessible_svg_with_its_numbers_written_on_it(report):
    svg = report_chart_svg(report)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "Quý I: 2/3 nội dung hoàn thành (66,7 %); Quý II: 1/2 nội dung hoàn thành (50,0 %)" in svg
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"Quý I", "Quý II", "66,7 %", "50,0 %", "3", "2", "1"} <= set(labels)
    for forbidden in ("<script", "<style", "style=", "href", "url(", "@import", "<foreignObject"):
        assert forbidden not in svg


def test_the_report_page_shows_the_chart_inline_and_the_tables(client, seed):
    plan, admin = seed
    client.force_login(admin)
    response = client.get(reverse("reports:plan", args=[plan.pk]), {"period": "h1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert page_rows(page, "report-quarters") == [
        [str(cell) for cell in row] for row in [*QUARTER_ROWS, TOTAL_ROW]
    ]
    assert "Báo cáo sơ kết 6 tháng đầu năm 2022" in page


def page_rows(page: str, table_id: str) -> list[list[str]]:
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    body = table.split("</thead>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    ]


# ---------------------------------------------------------------------------
# The official document
# ---------------------------------------------------------------------------
def test_the_report_is_an_official_báo_cáo_signed_as_the_plan(seed, report):
    plan = seed[0]
    context = report_document_context(report)
    assert context["title"] == "BÁO CÁO"
    assert context["header"]["number_line"] == f"Số:{BLANK_NUMBER}/BC-CTĐ"
    assert context["header"]["date_line"] == "Hà Quảng, ngày 15 tháng 7 năm 2022"
    assert context["header"]["issuer_name"] == "CỤM GIAO ƯỚC THI ĐUA CÁC HUYỆN MIỀN TÂY"
    assert context["subject"] == (
        "Sơ kết 6 tháng đầu năm 2022 thực hiện Kế hoạch số 01/KH-CTĐ ngày 05/4/2022 về triển khai thực hiện "
        "công tác Thi đua, khen thưởng năm 2022"
    )
    assert context["signature"] == signature(plan)
    assert context["legal_bases"] == []
    [figure] = [item for item in context["body"] if item.get("kind") == "figure"]
    assert figure["svg"].startswith("<svg")
    assert figure["table"]["rows"] == [[str(cell) for cell in row] for row in QUARTER_ROWS]
    tables = [item for item in context["body"] if item.get("kind") == "table"]
    assert tables[0]["rows"] == [[str(cell) for cell in row] for row in QUARTER_ROWS]
    assert tables[0]["total"] == [str(cell) for cell in TOTAL_ROW]
    assert sum(tables[0]["widths_mm"]) == pytest.approx(165)
    assert context["closing"][-1]["runs"][-1]["text"].endswith("./.")


@pytest.fixture
def report_pdf(report):
    return render_plan_pdf(report_document_context(report))


def test_the_report_pdf_carries_the_counts_and_percentages(report_pdf):
    text = pdf_text(report_pdf)
    for expected in (
        "BÁO CÁO",
        "Sơ kết 6 tháng đầu năm 2022",
        "66,7 %",
        "50,0 %",
        "60,0 %",
        "Phạm Xuân Tùng",
    ):
        assert expected in text


def test_the_report_pdf_is_a4_with_every_font_embedded(report_pdf):
    assert report_pdf.startswith(b"%PDF")
    with open_pdf(report_pdf) as pdf:
        assert len(pdf.pages) >= 2
        assert_a4_with_embedded_fonts(pdf)


def test_the_report_pdf_numbers_pages_from_page_two_at_the_top_centre(report_pdf):
    assert_pages_numbered_from_two_at_the_top_centre(report_pdf)


def test_the_report_pdf_header_has_the_issuer_beside_the_national_name_and_the_number_beside_the_date(
    report_pdf,
):
    page = assert_header_layout(report_pdf, issuer_word="CỤM")
    assert find_word(page, "BÁO")["top"] > find_word(page, "ngày")["bottom"]


def test_the_report_pdf_ends_with_the_signature_beside_nơi_nhận(report_pdf):
    assert_signature_beside_recipients(report_pdf, name_word="Phạm")


def test_the_report_docx_has_the_chart_as_a_picture_and_the_quarter_table_once(report):
    document = docx.Document(io.BytesIO(render_plan_docx(report_document_context(report))))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    quarter_rows = [[str(cell) for cell in row] for row in QUARTER_ROWS]
    with_quarters = [table for table in tables if quarter_rows[0] in table and quarter_rows[1] in table]
    assert len(with_quarters) == 1
    (chart,) = document.inline_shapes
    assert round(chart.width.mm) == 165  # the text's width, as in the PDF
    picture = document.part.related_parts[chart._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert picture.startswith(b"\x89PNG")
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert any(text.startswith(CHART_TITLE) for text in paragraphs)  # its caption


# ---------------------------------------------------------------------------
# Downloads and the workbook
# ---------------------------------------------------------------------------
def test_the_xlsx_holds_the_rows_of_the_page(client, seed):
    plan, admin = seed
    client.force_login(admin)
    page = client.get(reverse("reports:plan", args=[plan.pk]), {"period": "year"}).content.decode()
    response = client.get(reverse("reports:plan_xlsx", args=[plan.pk]), {"period": "year"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet, table in (
        ("Theo quý", "report-quarters"),
        ("Theo đơn vị", "report-units"),
        ("Từng nội dung", "report-lines"),
        ("Quá hạn", "report-overdue"),
    ):
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in workbook[sheet].iter_rows(min_row=3, values_only=True)
        ]
        assert rows == page_rows(page, table), sheet
    assert workbook["Quá hạn"].max_row == 2 + 6  # the postponed one is not overdue


def test_a_result_typed_as_a_formula_stays_text_in_the_workbook(client, seed):
    plan, admin = seed
    Activity.objects.filter(plan=plan, order=1).update(result_note='=HYPERLINK("http://x")')
    client.force_login(admin)
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:plan_xlsx", args=[plan.pk])).content))
    cell = workbook["Từng nội dung"]["F3"]
    assert cell.data_type == "s"
    assert "=HYPERLINK" in cell.value


@pytest.mark.parametrize(
    ("name", "content_type", "magic"),
    [
        ("reports:plan_pdf", "application/pdf", b"%PDF"),
        (
            "reports:plan_docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
    ],
)
def test_the_documents_download_with_a_file_name_saying_what_they_are(
    client, seed, name, content_type, magic
):
    plan, admin = seed
    client.force_login(admin)
    response = client.get(reverse(name, args=[plan.pk]), {"period": "year"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "BC-CTD-2022-tong-ket-nam-KH-01" in response["Content-Disposition"]


def test_a_report_file_is_named_by_its_symbol_year_period_and_plan(seed, report):
    assert report_filename(report, "pdf") == "BC-CTD-2022-so-ket-6-thang-KH-01.pdf"
    year = plan_report(seed[0], PERIODS["year"], REPORT_DAY)
    assert report_filename(year, "xlsx") == "BC-CTD-2022-tong-ket-nam-KH-01.xlsx"


# ---------------------------------------------------------------------------
# Who sees what, and bad input
# ---------------------------------------------------------------------------
def test_a_plan_not_yet_issued_has_no_report(client, world):
    client.force_login(world.users["drafter"])
    response = client.get(reverse("reports:plan", args=[world.own_plan.pk]))
    assert response.status_code == 403
    assert "Chỉ lập báo cáo sơ kết, tổng kết cho kế hoạch đã ban hành." in response.content.decode()


@pytest.mark.parametrize("period", ["zzz", "", "<b>", "h1\x00"])
def test_an_unknown_period_falls_back_to_the_mid_year_report_with_a_message(client, seed, period):
    plan, admin = seed
    client.force_login(admin)
    for name in ("reports:plan", "reports:plan_xlsx"):
        response = client.get(reverse(name, args=[plan.pk]), {"period": period})
        assert response.status_code == 200
    page = client.get(reverse("reports:plan", args=[plan.pk]), {"period": period}).content.decode()
    if period:
        assert "Kỳ báo cáo không hợp lệ" in page
    assert "Báo cáo sơ kết 6 tháng đầu năm 2022" in page


def test_the_report_page_runs_the_same_number_of_queries_whatever_the_rows(client, world):
    plan = plan_of(world.own, status="issued", number=4, date_day=5)
    client.force_login(world.users["drafter"])
    url = reverse("reports:plan", args=[plan.pk])

    def add(first: int, count: int) -> None:
        for order in range(first, first + count):
            activity = Activity.objects.create(
                plan=plan,
                order=order,
                content=f"Việc {order}",
                period_kind=PeriodKind.QUARTER,
                quarter=order % 2 + 1,
            )
            activity.lead_organizations.set([world.own, world.member])

    add(1, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(3, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


@pytest.fixture
def cluster_plans(world):
    """The cluster's plan of 2024 issued with two activities, and a draft of the same year."""
    Plan.objects.filter(pk=world.cluster_plan.pk).update(status="issued", number=2, date_day=5)
    Activity.objects.create(
        plan=world.cluster_plan, order=1, content="Giao lưu", period_kind=PeriodKind.QUARTER, quarter=1,
        status="done", completed_on=datetime.date(2024, 3, 30),
    )  # fmt: skip
    Activity.objects.create(
        plan=world.cluster_plan, order=2, content="Hội thảo", period_kind=PeriodKind.MONTH, month=5
    )
    draft = plan_of(world.cluster, subject="Dự thảo của Cụm")
    Activity.objects.create(
        plan=draft, order=1, content="Chưa ban hành", period_kind=PeriodKind.QUARTER, quarter=1
    )
    return world


@pytest.mark.parametrize("role", ["member_staff", "drafter", "overseer", "admin"])
def test_the_cluster_report_counts_its_issued_plans_of_the_year(client, cluster_plans, role):
    world = cluster_plans
    client.force_login(world.users[role])
    response = client.get(reverse("reports:cluster", args=[world.cluster.pk]), {"year": 2024, "period": "h1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page_rows(page, "report-quarters") == [
        ["Quý I", "1", "1", "0", "0", "0", "0", "0", "100,0 %"],
        ["Quý II", "1", "0", "0", "1", "0", "0", "1", "0,0 %"],
        ["Tổng cộng", "2", "1", "0", "1", "0", "0", "1", "50,0 %"],
    ]
    assert "Chưa ban hành" not in page


def test_the_cluster_report_defaults_to_the_latest_year_with_issued_plans(client, cluster_plans):
    client.force_login(cluster_plans.users["member_staff"])
    page = client.get(reverse("reports:cluster", args=[cluster_plans.cluster.pk])).content.decode()
    assert "Báo cáo sơ kết 6 tháng đầu năm 2024" in page


def test_the_cluster_report_pdf_is_signed_by_the_clusters_plan(client, cluster_plans):
    client.force_login(cluster_plans.users["approver"])
    response = client.get(reverse("reports:cluster_pdf", args=[cluster_plans.cluster.pk]), {"year": 2024})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-2024-so-ket-6-thang.pdf"')  # no plan number
    text = pdf_text(response.content)
    assert "BÁO CÁO" in text
    assert "Nguyễn Văn A" in text
    assert "100,0 %" in text


def test_a_cluster_the_user_has_nothing_to_do_with_is_not_found(client, world):
    stranger = Cluster.objects.create(
        name="Cụm thi đua miền núi", organization=world.other.parent, abbreviation="CTĐ"
    )
    ClusterMembership.objects.create(
        cluster=stranger, organization=world.other, year=2024, role=MembershipRole.HEAD
    )
    client.force_login(world.users["drafter"])
    assert client.get(reverse("reports:cluster", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("reports:cluster", args=[999999])).status_code == 404
    client.force_login(world.users["outsider"])
    assert client.get(reverse("reports:cluster", args=[stranger.pk])).status_code == 200


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"year": "1800"}, {"year": "2024", "period": "x"}, {"year": "-1"}]
)
def test_garbage_cluster_parameters_get_a_message_never_a_server_error(client, cluster_plans, params):
    client.force_login(cluster_plans.users["drafter"])
    for name in ("reports:cluster", "reports:cluster_xlsx"):
        response = client.get(reverse(name, args=[cluster_plans.cluster.pk]), params)
        assert response.status_code == 200
    page = client.get(reverse("reports:cluster", args=[cluster_plans.cluster.pk]), params).content.decode()
    assert "không hợp lệ" in page


@pytest.mark.parametrize(
    "name", ["reports:cluster", "reports:cluster_pdf", "reports:cluster_docx", "reports:cluster_xlsx"]
)
def test_a_year_without_issued_plans_still_gives_a_report_that_says_so(client, world, name):
    client.force_login(world.users["approver"])
    response = client.get(reverse(name, args=[world.cluster.pk]), {"year": 2030, "period": "year"})
    assert response.status_code == 200
    if name == "reports:cluster":
        assert (
            "Năm 2030, Cụm thi đua 2 chưa có kế hoạch nào đã ban hành để báo cáo."
            in response.content.decode()
        )
