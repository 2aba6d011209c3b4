"""The emulation year's report of a cluster, or of every cluster a province runs: who registered what,
the scores and ranking, who was proposed; as figures, as XLSX, and as an official "BÁO CÁO" laid out
by the plans' document pipeline (blank number, today's date, like the follow-up reports).

Scores show only once the score table is locked (the review meeting closed): before that a unit
never reads another unit's scores, in a report or elsewhere.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from clusters.models import Cluster, ClusterMembership, Organization
from common.spreadsheets import Column, Spreadsheet
from emulation import scoring
from emulation.dossier import decimal_text
from emulation.models import ProposedEntry, RegistrationLine
from plans.documents.context import CONTEXT_VERSION, issuer_header
from plans.documents.elements import as_element, close_document, section_heading
from plans.documents.markup import paragraph
from plans.documents.wording import BLANK_NUMBER, date_line, month_text, normalise, roman, two_digits

UNIT_COLUMNS = ["TT", "Đơn vị", "Đăng ký thi đua", "Tổng điểm", "Xếp hạng", "Được đề nghị"]
SCORES_PENDING = "Bảng điểm chưa khóa (chưa họp bình xét) nên chưa công bố điểm, xếp hạng."
NO_TABLE = "Chưa có bảng tiêu chí chấm điểm đã ban hành."


@dataclass
class UnitLine:
    unit: Organization
    registered: list[str] = field(default_factory=list)
    rank: int | None = None
    score: object = None
    proposed: list[str] = field(default_factory=list)

    def values(self, number: int) -> list[str]:
        return [
            two_digits(number),
            self.unit.name,
            "; ".join(self.registered),
            decimal_text(self.score),
            str(self.rank) if self.rank is not None else "",
            "; ".join(self.proposed),
        ]


@dataclass
class ClusterPart:
    cluster: Cluster
    lines: list[UnitLine]
    scores_note: str = ""

    @property
    def registered_units(self) -> int:
        return sum(1 for line in self.lines if line.registered)

    @property
    def proposed_count(self) -> int:
        return sum(len(line.proposed) for line in self.lines)


@dataclass
class EmulationReport:
    issuer: Organization | Cluster
    year: int
    parts: list[ClusterPart]
    today: object


def _label(line: RegistrationLine) -> str:
    return f"{line.award.name}: {line.person_name}" if line.person_name else line.award.name


def cluster_part(cluster: Cluster, year: int) -> ClusterPart:
    """One cluster's members of the year with their registrations, scores and proposals (5 queries)."""
    units = [
        membership.organization
        for membership in ClusterMembership.objects.filter(cluster=cluster, year=year)
        .select_related("organization")
        .order_by("organization__name")
    ]
    lines = {unit.pk: UnitLine(unit=unit) for unit in units}
    registrations = RegistrationLine.objects.filter(
        registration__call__cluster=cluster, registration__call__year=year
    ).select_related("award", "registration")
    for item in registrations.order_by("award__rank", "person_name", "pk"):
        if (line := lines.get(item.registration.unit_id)) is not None:
            line.registered.append(_label(item))
    table = scoring.table_in_force(cluster=cluster, year=year)
    note = NO_TABLE if table is None else ("" if table.is_locked else SCORES_PENDING)
    if table is not None and table.is_locked:
        for row in scoring.ranking(table):
            if (line := lines.get(row.unit.pk)) is not None:
                line.rank, line.score = row.rank, row.final_totals.total
    proposed = ProposedEntry.objects.filter(
        proposal__meeting__cluster=cluster, proposal__meeting__year=year, withdrawn=False
    ).select_related("candidate")
    by_unit = defaultdict(list)
    for entry in proposed.order_by("order"):
        by_unit[entry.candidate.organization_id].append(
            f"{entry.award_name}: {entry.candidate.person_name}"
            if entry.candidate.person_name
            else entry.award_name
        )
    for pk, awards in by_unit.items():
        if pk in lines:
            lines[pk].proposed = awards
    ordered = sorted(lines.values(), key=lambda line: (line.rank is None, line.rank or 0, line.unit.name))
    return ClusterPart(cluster=cluster, lines=ordered, scores_note=note)


def cluster_report(cluster: Cluster, year: int) -> EmulationReport:
    return EmulationReport(
        issuer=cluster, year=year, parts=[cluster_part(cluster, year)], today=timezone.localdate()
    )


def province_report(province: Organization, year: int) -> EmulationReport:
    """Every cluster the province runs, that has members in the year."""
    clusters = (
        Cluster.objects.filter(organization=province, memberships__year=year).distinct().order_by("name")
    )
    return EmulationReport(
        issuer=province,
        year=year,
        parts=[cluster_part(cluster, year) for cluster in clusters],
        today=timezone.localdate(),
    )


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------
def report_workbook(report: EmulationReport) -> bytes:
    book = Spreadsheet()
    sheet = book.sheet("Báo cáo thi đua")
    sheet.heading(f"KẾT QUẢ THI ĐUA NĂM {report.year} – {report.issuer.name}", size=13)
    columns = [
        Column("TT", 6),
        Column("Đơn vị", 40, wrap=True),
        Column("Đăng ký thi đua", 50, wrap=True),
        Column("Tổng điểm", 12),
        Column("Xếp hạng", 10),
        Column("Được đề nghị", 45, wrap=True),
    ]
    for part in report.parts:
        sheet.blank()
        sheet.heading(part.cluster.name)
        if part.scores_note:
            sheet.append([part.scores_note])
        sheet.table(
            columns, [line.values(number) for number, line in enumerate(part.lines, start=1)], freeze=False
        )
    return book.to_bytes()


# ---------------------------------------------------------------------------
# The BÁO CÁO
# ---------------------------------------------------------------------------
def _summary(part: ClusterPart, year: int) -> str:
    return (
        f"Năm {year}, {part.cluster.name} có {len(part.lines)} đơn vị thành viên; {part.registered_units} "
        f"đơn vị đăng ký thi đua; {part.proposed_count} danh hiệu, hình thức khen thưởng được đề nghị."
    )


def report_document_context(report: EmulationReport) -> dict:
    """The report as an official "BÁO CÁO" in the shape of plans.documents.build_plan_context."""
    body: list[dict] = []
    for index, part in enumerate(report.parts, start=1):
        body.append(section_heading(1, f"{roman(index)}.", part.cluster.name))
        body.append(as_element(paragraph(_summary(part, report.year))))
        if part.scores_note:
            body.append(as_element(paragraph(part.scores_note)))
        body.append(
            {
                "type": "table",
                "kind": "table",
                "columns": UNIT_COLUMNS,
                "rows": [line.values(number) for number, line in enumerate(part.lines, start=1)],
                "widths_mm": [10, 38, 45, 17, 15, 40],
                "align": ["center", "left", "left", "center", "center", "left"],
                "total": None,
                "caption": None,
            }
        )
    if not report.parts:
        body.append(as_element(paragraph(f"Năm {report.year} chưa có cụm thi đua nào có đơn vị thành viên.")))
    closing = [paragraph(f"Trên đây là báo cáo kết quả thi đua năm {report.year} của {report.issuer.name}")]
    close_document(body, closing)
    issuer, today = report.issuer, report.today
    symbol = f"BC-{issuer.abbreviation}" if issuer.abbreviation else "BC"
    place = getattr(issuer, "place_name", "") or ""
    context = {
        "version": CONTEXT_VERSION,
        "meta": {
            "number": None,
            "symbol": symbol,
            "year": report.year,
            "date_year": today.year,
            "status": "report",
        },
        "header": issuer_header(
            issuer,
            f"Số:{BLANK_NUMBER}/{symbol}",
            date_line(place, two_digits(today.day), month_text(today.month), today.year),
        ),
        "title": "BÁO CÁO",
        "subject": f"Kết quả đăng ký, chấm điểm, bình xét và đề nghị khen thưởng năm {report.year}",
        "legal_bases": [],
        "preamble": [
            paragraph(f"{issuer.name} báo cáo kết quả phong trào thi đua năm {report.year} như sau:")
        ],
        "body": body,
        "closing": closing,
        "signature": {"lines": [], "position": "", "name": ""},
        "recipients": {"heading": "Nơi nhận:", "lines": ["- Lưu: VT."]},
    }
    return normalise(context)
