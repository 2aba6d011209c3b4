"""Review reports (sơ kết 6 tháng, tổng kết năm) of a plan or of a cluster's plans of a year.

`plan_report` and `cluster_report` count the activities of the period (mid-year: Quý I–II; year:
Quý I–IV) by quarter and by lead unit, and list what is overdue on the report's day. From a report,
`report_chart_svg` draws the bar chart on the server (plain SVG, readable without JavaScript),
`report_document_context` builds an official "BÁO CÁO" in the shape of
plans.documents.build_plan_context (so plans.documents lays it out as it lays out a plan), and
`report_workbook` writes the same tables to XLSX.

A percentage reads the Vietnamese way, one decimal after a comma: "66,7 %".
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.html import escape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from activities.choices import ActivityStatus
from activities.models import ROMAN_QUARTERS, Activity
from activities.tracking import is_overdue, period_label
from clusters.models import Cluster, Organization
from common.text import fold
from plans import policy
from plans.choices import PlanStatus
from plans.documents import context as plan_context
from plans.documents import elements, wording
from plans.documents.markup import paragraph, parse_markup
from plans.models import Plan, Recipient

OTHER_UNIT = "Đơn vị khác/không ghi"
NO_ACTIVITY = "–"
REPORT_TITLE = "BÁO CÁO"
CHART_TITLE = "Biểu đồ kết quả thực hiện theo quý"
STATUS_COLUMNS = [
    ("total", "Tổng số"),
    (ActivityStatus.DONE, "Hoàn thành"),
    (ActivityStatus.IN_PROGRESS, "Đang thực hiện"),
    (ActivityStatus.NOT_STARTED, "Chưa triển khai"),
    (ActivityStatus.POSTPONED, "Tạm hoãn"),
    (ActivityStatus.CANCELLED, "Hủy bỏ"),
    ("overdue", "Quá hạn"),
    ("percent", "Tỷ lệ hoàn thành"),
]
PERIOD_INVALID_MESSAGE = "Kỳ báo cáo không hợp lệ; đang hiện báo cáo sơ kết 6 tháng đầu năm."
YEAR_INVALID_MESSAGE = "Năm không hợp lệ; đang hiện báo cáo năm {year}."


@dataclass(frozen=True)
class Period:
    key: str
    quarters: tuple[int, ...]
    name: str  # "Sơ kết 6 tháng đầu năm"
    short: str  # "6 tháng đầu năm"

    def title(self, year: int) -> str:
        return f"{self.name} {year}"

    @property
    def quarter_names(self) -> str:
        return ", ".join(f"Quý {ROMAN_QUARTERS[quarter]}" for quarter in self.quarters)


PERIODS = {
    "h1": Period("h1", (1, 2), "Sơ kết 6 tháng đầu năm", "6 tháng đầu năm"),
    "year": Period("year", (1, 2, 3, 4), "Tổng kết năm", "năm"),
}
DEFAULT_PERIOD = "h1"


def period_of(key: str | None) -> Period | None:
    return PERIODS.get(key or DEFAULT_PERIOD)


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------
def percent_value(done: int, total: int) -> Decimal | None:
    """done / total in per cent, one decimal, rounded half up; None when there is nothing to count."""
    if not total:
        return None
    return (Decimal(done) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_percent(done: int, total: int) -> str:
    """ "66,7 %", "100,0 %"; "–" when there is no activity."""
    value = percent_value(done, total)
    if value is None:
        return NO_ACTIVITY
    return f"{value:.1f}".replace(".", ",") + " %"


@dataclass
class Tally:
    """Activities of one row of a table (a quarter, a unit, the total) by status."""

    label: str
    total: int = 0
    by_status: dict = field(default_factory=lambda: defaultdict(int))
    overdue: int = 0

    def add(self, activity: Activity, overdue: bool) -> None:
        self.total += 1
        self.by_status[activity.status] += 1
        self.overdue += overdue

    @property
    def done(self) -> int:
        return self.by_status[ActivityStatus.DONE]

    @property
    def percent(self) -> str:
        return format_percent(self.done, self.total)

    def value(self, key: str):
        if key == "total":
            return self.total
        if key == "overdue":
            return self.overdue
        if key == "percent":
            return self.percent
        return self.by_status[key]

    def cells(self) -> list:
        """The row as the tables show it: label, then each column of STATUS_COLUMNS."""
        return [self.label, *(self.value(key) for key, _ in STATUS_COLUMNS)]


@dataclass
class ReportLine:
    """One activity of the period, as the detail and overdue tables show it."""

    activity: Activity
    plan: Plan
    quarter: int
    period: str
    units: str
    overdue: bool

    @property
    def status(self) -> str:
        return self.activity.get_status_display()

    @property
    def result(self) -> str:
        parts = []
        if self.activity.completed_on:
            parts.append(f"Hoàn thành ngày {self.activity.completed_on:%d/%m/%Y}.")
        if self.activity.result_note.strip():
            parts.append(self.activity.result_note.strip())
        return " ".join(parts)


@dataclass
class Report:
    """Everything a review report shows, computed once."""

    period: Period
    year: int
    today: datetime.date
    plans: list[Plan]
    plan: Plan | None  # the plan reported on; None for a cluster's report
    cluster: Cluster | None
    quarters: list[Tally]
    total: Tally
    units: list[Tally]
    lines: list[ReportLine]

    @property
    def overdue(self) -> list[ReportLine]:
        return [line for line in self.lines if line.overdue]

    @property
    def title(self) -> str:
        return self.period.title(self.year)

    @property
    def issuer(self) -> Organization | Cluster | None:
        if self.plan is not None:
            return self.plan.issuer
        return self.cluster


def _units_text(activity: Activity) -> str:
    leads = [
        organization.short_name or organization.name for organization in activity.lead_organizations.all()
    ]
    if leads:
        return ", ".join(leads)
    return "; ".join(line.strip(" -+") for line in activity.implementers_text.splitlines() if line.strip())


def build_report(
    *,
    plans: list[Plan],
    period: Period,
    year: int,
    today: datetime.date,
    plan: Plan | None = None,
    cluster: Cluster | None = None,
) -> Report:
    """Count the activities of `plans` (loaded with `report_plans`) in the period's quarters."""
    quarters = {quarter: Tally(f"Quý {ROMAN_QUARTERS[quarter]}") for quarter in period.quarters}
    total = Tally("Tổng cộng")
    units: dict[int | None, Tally] = {}
    lines = []
    for each in plans:
        for activity in each.activities.all():
            quarter = activity.effective_quarter
            if quarter not in quarters:
                continue
            overdue = is_overdue(activity, today, year=each.year)
            quarters[quarter].add(activity, overdue)
            total.add(activity, overdue)
            leads = list(activity.lead_organizations.all())
            for unit in leads or [None]:
                if unit is None:
                    tally = units.setdefault(None, Tally(OTHER_UNIT))
                else:
                    tally = units.setdefault(unit.pk, Tally(unit.short_name or unit.name))
                tally.add(activity, overdue)
            lines.append(
                ReportLine(
                    activity=activity,
                    plan=each,
                    quarter=quarter,
                    period=period_label(activity, each.year),
                    units=_units_text(activity),
                    overdue=overdue,
                )
            )
    unit_rows = sorted((tally for key, tally in units.items() if key is not None), key=lambda t: t.label)
    if None in units:
        unit_rows.append(units[None])
    lines.sort(key=lambda line: (line.quarter, line.plan.pk, line.activity.order, line.activity.pk))
    return Report(
        period=period,
        year=year,
        today=today,
        plans=plans,
        plan=plan,
        cluster=cluster,
        quarters=[quarters[quarter] for quarter in period.quarters],
        total=total,
        units=unit_rows,
        lines=lines,
    )


def report_plans(queryset: QuerySet[Plan]) -> QuerySet[Plan]:
    """Plans with what a report prints: issuer, recipients, activities and their lead units."""
    return queryset.select_related("organization", "cluster").prefetch_related(
        Prefetch("recipients", queryset=Recipient.objects.order_by("order", "pk")),
        Prefetch(
            "activities",
            queryset=Activity.objects.order_by("order", "pk").prefetch_related("lead_organizations"),
        ),
    )


def plan_report(plan: Plan, period: Period, today: datetime.date | None = None) -> Report:
    today = today or timezone.localdate()
    if "activities" not in getattr(plan, "_prefetched_objects_cache", {}):
        plan = report_plans(Plan.objects.filter(pk=plan.pk)).get()
    return build_report(plans=[plan], period=period, year=plan.year, today=today, plan=plan)


def cluster_report_plans(user, cluster: Cluster, year: int) -> list[Plan]:
    """The cluster's issued plans of `year` that `user` may see, oldest first."""
    plans = policy.visible_plans(
        user, Plan.objects.filter(cluster=cluster, year=year, status=PlanStatus.ISSUED)
    )
    return list(report_plans(plans).order_by("date_year", "date_month", "date_day", "pk"))


def cluster_report(
    user, cluster: Cluster, year: int, period: Period, today: datetime.date | None = None
) -> Report:
    today = today or timezone.localdate()
    plans = cluster_report_plans(user, cluster, year)
    return build_report(plans=plans, period=period, year=year, today=today, cluster=cluster)


# ---------------------------------------------------------------------------
# The chart
# ---------------------------------------------------------------------------
CHART_WIDTH, CHART_HEIGHT = 600, 290
CHART_FONT = "Times New Roman, Liberation Serif, serif"
PLANNED_FILL, DONE_FILL, INK, GRID = "#c9ced4", "#1e6b35", "#1b1f24", "#d5dae0"
OUTLINE = f'stroke="{INK}" stroke-width="0.75"'


def _ticks(maximum: int) -> list[int]:
    """Whole-number gridlines from 0 to at least `maximum`, at most six of them."""
    step = max(1, -(-maximum // 5))
    top = max(step, -(-maximum // step) * step)
    return list(range(0, top + 1, step))


def report_chart_svg(report: Report, *, element_id: str = "report-chart") -> str:
    """A bar chart of planned and done activities per quarter, with every number written on it.

    Plain SVG: presentation attributes only (no style element or attribute), a system font, role
    "img" with a title and a description that says the same as the bars.
    """
    width, height = CHART_WIDTH, CHART_HEIGHT
    left, right, top, bottom = 48, 16, 56, 64
    plot_width, plot_height = width - left - right, height - top - bottom
    ticks = _ticks(max([tally.total for tally in report.quarters] + [1]))
    scale = plot_height / ticks[-1]
    base = top + plot_height
    title = f"{CHART_TITLE} – {report.title}"
    summary = "; ".join(
        f"{tally.label}: {tally.done}/{tally.total} nội dung hoàn thành ({tally.percent})"
        for tally in report.quarters
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{element_id}-title {element_id}-desc" '
        f'font-family="{CHART_FONT}" font-size="15" fill="{INK}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(summary)}.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # Legend
    parts += [
        f'<rect x="{left}" y="14" width="14" height="14" fill="{PLANNED_FILL}" {OUTLINE}/>',
        f'<text x="{left + 20}" y="26">Số nội dung theo kế hoạch</text>',
        f'<rect x="{left + 250}" y="14" width="14" height="14" fill="{DONE_FILL}" {OUTLINE}/>',
        f'<text x="{left + 270}" y="26">Số nội dung đã hoàn thành</text>',
    ]
    # Gridlines and the axis
    for tick in ticks:
        y = base - tick * scale
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end">{tick}</text>')
    parts.append(
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{INK}" stroke-width="1"/>'
    )
    # Bars
    group = plot_width / max(len(report.quarters), 1)
    bar = min(44.0, group / 3)
    for index, tally in enumerate(report.quarters):
        centre = left + group * (index + 0.5)
        for offset, value, fill, name in (
            (-bar - 2, tally.total, PLANNED_FILL, "kế hoạch"),
            (2, tally.done, DONE_FILL, "hoàn thành"),
        ):
            bar_height = value * scale
            x, y = centre + offset, base - bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bar_height:.1f}" fill="{fill}" '
                f"{OUTLINE}><title>{escape(tally.label)}, {name}: {value}</title></rect>"
            )
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle">{value}</text>')
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 22}" text-anchor="middle" font-weight="bold">'
            f"{escape(tally.label)}</text>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 42}" text-anchor="middle">{escape(tally.percent)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------
# Tables as plain data (the page, the document and the workbook use the same rows)
# ---------------------------------------------------------------------------
def _cell(value) -> str:
    return str(value)


def quarter_rows(report: Report) -> tuple[list[str], list[list], list]:
    columns = ["Quý", *(label for _, label in STATUS_COLUMNS)]
    return columns, [tally.cells() for tally in report.quarters], report.total.cells()


def unit_rows(report: Report) -> tuple[list[str], list[list]]:
    columns = ["Đơn vị chủ trì", *(label for _, label in STATUS_COLUMNS)]
    return columns, [tally.cells() for tally in report.units]


def line_rows(report: Report, lines: list[ReportLine], *, with_result: bool) -> tuple[list[str], list[list]]:
    cluster = report.plan is None
    columns = ["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện", "Tình trạng"]
    if cluster:
        columns.insert(1, "Kế hoạch")
    if with_result:
        columns.append("Kết quả")
    rows = []
    for number, line in enumerate(lines, start=1):
        row = [str(number), " ".join(line.activity.content.split()), line.period, line.units, line.status]
        if line.overdue:
            row[4] += " (quá hạn)"
        if cluster:
            row.insert(1, line.plan.full_symbol)
        if with_result:
            row.append(line.result)
        rows.append(row)
    return columns, rows


# ---------------------------------------------------------------------------
# The official document
# ---------------------------------------------------------------------------
def report_symbol(issuer) -> str:
    return f"BC-{issuer.abbreviation}" if issuer is not None else "BC"


def _date_line(place: str, today: datetime.date) -> str:
    place = place.strip() or wording.MISSING_PLACE
    return (
        f"{place}, ngày {wording.two_digits(today.day)} tháng {wording.month_text(today.month)} "
        f"năm {today.year}"
    )


def plan_reference(plan: Plan, *, with_issuer: bool = False) -> str:
    """ "Kế hoạch số 01/KH-CTĐ ngày 05/4/2022 [của …] về …"."""
    parts = [f"Kế hoạch số {plan.full_symbol}" if plan.number else "Kế hoạch"]
    if plan.document_date:
        parts.append(
            f"ngày {plan.document_date.day:02d}/{plan.document_date.month}/{plan.document_date.year}"
        )
    if with_issuer and plan.issuer is not None:
        parts.append(f"của {plan.issuer.name}")
    parts.append(f"về {wording.lower_first(' '.join(plan.subject.split()))}")
    return " ".join(parts)


def _signing_plan(report: Report) -> Plan | None:
    """Whose signer signs the report: the plan's, or the cluster's latest plan of the year."""
    if report.plan is not None:
        return report.plan
    return report.plans[-1] if report.plans else None


def _table(columns, rows, *, total=None, caption=None, widths=None, align=None) -> dict:
    return {
        "type": "table",  # plans.elements.close_document reads "type"; the renderer reads either
        "kind": "table",
        "columns": [str(column) for column in columns],
        "rows": [[_cell(value) for value in row] for row in rows],
        "widths_mm": widths,
        "align": align,
        "total": [_cell(value) for value in total] if total is not None else None,
        "caption": caption,
    }


# Column widths (mm) of the count tables: a label column and eight narrow ones (165 mm in all).
COUNT_WIDTHS = [31.0, 14.0, 17.0, 17.0, 17.0, 15.0, 14.0, 15.0, 25.0]
COUNT_ALIGN = ["left", *["center"] * 8]
# Widths (mm) of the activity tables, 165 mm in all: (cluster report?, with the result column?).
LINE_LAYOUTS = {
    (False, True): (
        [10.0, 55.0, 22.0, 30.0, 22.0, 26.0],
        ["center", "left", "center", "left", "left", "left"],
    ),
    (False, False): ([10.0, 70.0, 25.0, 35.0, 25.0], ["center", "left", "center", "left", "left"]),
    (True, True): (
        [9.0, 20.0, 45.0, 20.0, 27.0, 20.0, 24.0],
        ["center", "center", "left", "center", "left", "left", "left"],
    ),
    (True, False): (
        [10.0, 22.0, 55.0, 22.0, 30.0, 26.0],
        ["center", "center", "left", "center", "left", "left"],
    ),
}


def _paragraphs(text: str) -> list[dict]:
    return [elements.as_element(item) for item in parse_markup(text)]


def summary_sentence(report: Report) -> str:
    total = report.total
    if report.plan is None and not report.plans:
        return f"Năm {report.year}, {report.issuer.name} chưa có kế hoạch nào đã ban hành để báo cáo."
    scope = "Kế hoạch" if report.plan is not None else f"{len(report.plans)} kế hoạch của Cụm"
    if not total.total:
        return (
            f"Trong {report.period.short} {report.year} ({report.period.quarter_names}), {scope} "
            "không có nội dung công việc nào."
        )
    status = total.by_status
    return (
        f"Trong {report.period.short} {report.year} ({report.period.quarter_names}), {scope} có "
        f"{total.total} nội dung công việc; đã hoàn thành {total.done} nội dung, đạt {total.percent}; "
        f"đang thực hiện {status[ActivityStatus.IN_PROGRESS]}; "
        f"chưa triển khai {status[ActivityStatus.NOT_STARTED]}; "
        f"tạm hoãn {status[ActivityStatus.POSTPONED]}; hủy bỏ {status[ActivityStatus.CANCELLED]}. "
        f"Số nội dung quá hạn chưa hoàn thành: {total.overdue}."
    )


def report_document_context(report: Report) -> dict:
    """The report as an official "BÁO CÁO", in the shape of plans.documents.build_plan_context."""
    issuer = report.issuer
    signing = _signing_plan(report)
    place = signing.effective_place_name if signing is not None else (getattr(issuer, "place_name", "") or "")
    heading = elements.section_heading
    number = 0

    def next_number() -> str:
        nonlocal number
        number += 1
        return f"{wording.roman(number)}."

    if report.plan is not None:
        subject = f"{report.title} thực hiện {plan_reference(report.plan)}"
        preamble = (
            f"Thực hiện {plan_reference(report.plan, with_issuer=True)}, {issuer.name} báo cáo kết quả "
            f"{wording.lower_first(report.title)} như sau:"
        )
        closing = (
            f"Trên đây là báo cáo {wording.lower_first(report.title)} thực hiện "
            f"Kế hoạch số {report.plan.full_symbol} của {issuer.name}"
        )
    else:
        subject = f"{report.title} thực hiện các kế hoạch thi đua, khen thưởng của {issuer.name}"
        references = "; ".join(plan_reference(each) for each in report.plans)
        lead = f"Thực hiện {references}, {issuer.name}" if report.plans else issuer.name
        preamble = f"{lead} báo cáo kết quả {wording.lower_first(report.title)} như sau:"
        closing = f"Trên đây là báo cáo {wording.lower_first(report.title)} của {issuer.name}"

    body: list[dict] = [heading(1, next_number(), "Kết quả thực hiện")]
    body.append(heading(2, "1.", "Tình hình chung"))
    body += _paragraphs(summary_sentence(report))
    columns, rows, total = quarter_rows(report)
    quarter_table = _table(columns, rows, total=total, widths=COUNT_WIDTHS, align=COUNT_ALIGN)
    if report.total.total:
        body.append(
            {
                "type": "figure",
                "kind": "figure",
                "svg": report_chart_svg(report, element_id="bc-chart"),
                "caption": f"{CHART_TITLE} ({report.period.quarter_names} năm {report.year})",
                "table": {**quarter_table, "caption": CHART_TITLE},
            }
        )
    body.append(heading(2, "2.", "Kết quả theo quý"))
    body.append(quarter_table)
    body.append(heading(2, "3.", "Kết quả theo đơn vị chủ trì"))
    columns, rows = unit_rows(report)
    body.append(
        _table(columns, rows, widths=COUNT_WIDTHS, align=COUNT_ALIGN)
        if rows
        else elements.as_element(paragraph("Không có nội dung công việc nào trong kỳ."))
    )
    body.append(heading(2, "4.", "Kết quả thực hiện từng nội dung"))
    if report.lines:
        columns, rows = line_rows(report, report.lines, with_result=True)
        body.append(_table(columns, rows, **_line_layout(report, with_result=True)))
    else:
        body.append(elements.as_element(paragraph("Không có nội dung công việc nào trong kỳ.")))

    body.append(heading(1, next_number(), "Những nội dung chưa hoàn thành, quá hạn"))
    overdue = report.overdue
    if overdue:
        body += _paragraphs(
            f"Đến ngày {report.today:%d/%m/%Y}, còn {len(overdue)} nội dung đã hết thời gian thực hiện "
            "theo kế hoạch nhưng chưa hoàn thành:"
        )
        columns, rows = line_rows(report, overdue, with_result=False)
        body.append(_table(columns, rows, **_line_layout(report, with_result=False)))
    else:
        body += _paragraphs(
            f"Đến ngày {report.today:%d/%m/%Y}, không có nội dung nào quá hạn chưa hoàn thành."
        )

    body.append(heading(1, next_number(), _next_heading(report)))
    body += _paragraphs(_next_text(report))

    closing_blocks = parse_markup(closing)
    elements.close_document(body, closing_blocks)
    context = {
        "version": plan_context.CONTEXT_VERSION,
        "meta": {
            "plan_id": report.plan.pk if report.plan is not None else None,
            "cluster_id": report.cluster.pk if report.cluster is not None else None,
            "number": None,
            "symbol": report_symbol(issuer),
            "year": report.year,
            "date_year": report.today.year,
            "status": "report",
            "period": report.period.key,
        },
        "header": {
            "parent_line": (issuer.header_parent_line or "").strip().upper() if issuer else "",
            "issuer_name": issuer.printed_name.strip() if issuer else "",
            "national_name": plan_context.NATIONAL_NAME,
            "motto": plan_context.MOTTO,
            "number_line": f"Số:{wording.BLANK_NUMBER}/{report_symbol(issuer)}",
            "date_line": _date_line(place, report.today),
        },
        "title": REPORT_TITLE,
        "subject": " ".join(subject.split()),
        "legal_bases": [],
        "preamble": parse_markup(preamble),
        "body": body,
        "closing": closing_blocks,
        "signature": plan_context.signature(signing)
        if signing is not None
        else {"lines": [], "position": "", "name": ""},
        "recipients": plan_context.recipients(signing)
        if signing is not None
        else {"heading": "Nơi nhận:", "lines": []},
    }
    return wording.normalise(context)


def _line_layout(report: Report, *, with_result: bool) -> dict:
    widths, align = LINE_LAYOUTS[(report.plan is None, with_result)]
    return {"widths": list(widths), "align": list(align)}


def _next_heading(report: Report) -> str:
    if report.period.key == "h1":
        return "Nhiệm vụ 6 tháng cuối năm"
    return f"Phương hướng năm {report.year + 1}"


def _next_text(report: Report) -> str:
    overdue = len(report.overdue)
    catch_up = f" khẩn trương hoàn thành {overdue} nội dung quá hạn nêu tại mục II;" if overdue else ""
    if report.period.key == "h1":
        remaining = sum(
            1
            for each in report.plans
            for activity in each.activities.all()
            if activity.effective_quarter in (3, 4)
        )
        return (
            f"Tiếp tục triển khai {remaining} nội dung công việc của Quý III, Quý IV theo kế hoạch;"
            f"{catch_up} các đơn vị thực hiện chế độ báo cáo đúng thời gian quy định."
        )
    return (
        f"Phát huy kết quả đạt được năm {report.year};{catch_up} xây dựng kế hoạch công tác thi đua, "
        f"khen thưởng năm {report.year + 1} phù hợp với tình hình thực tế."
    )


def report_filename(report: Report, ext: str) -> str:
    """ "BC-CTD-2022-so-ket-6-thang-KH-01.pdf"."""
    issuer = report.issuer
    parts = [
        re.sub(r"[^a-z0-9]+", "-", fold(report_symbol(issuer))).strip("-").upper(),
        str(report.year),
        "so-ket-6-thang" if report.period.key == "h1" else "tong-ket-nam",
    ]
    if report.plan is not None and report.plan.number:
        parts.append(f"KH-{report.plan.number:02d}")
    return f"{'-'.join(parts)}.{ext}"


# ---------------------------------------------------------------------------
# The workbook
# ---------------------------------------------------------------------------
def _sheet(
    workbook: Workbook, title: str, heading: str, columns: list[str], rows: list[list], widths: list[int]
):
    sheet = workbook.create_sheet(title)
    sheet.append([heading])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append(columns)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=2, column=index).font = Font(bold=True)
        sheet.cell(row=2, column=index).alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a text typed as "=…" stays text, never a formula
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    return sheet


def report_workbook(report: Report) -> bytes:
    """The report's tables, one sheet each, with the same rows as the page."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = report.title if report.plan is None else f"{report.title} – {report.plan.full_symbol}"
    count_widths = [28, 10, 12, 15, 15, 10, 10, 10, 16]
    columns, rows, total = quarter_rows(report)
    sheet = _sheet(workbook, "Theo quý", heading, columns, [*rows, total], count_widths)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    columns, rows = unit_rows(report)
    _sheet(workbook, "Theo đơn vị", heading, columns, rows, count_widths)
    line_widths = [6, 60, 22, 30, 22, 40] if report.plan is not None else [6, 16, 60, 22, 30, 22, 40]
    columns, rows = line_rows(report, report.lines, with_result=True)
    _sheet(workbook, "Từng nội dung", heading, columns, rows, line_widths)
    columns, rows = line_rows(report, report.overdue, with_result=False)
    _sheet(workbook, "Quá hạn", heading, columns, rows, line_widths[:-1])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "PERIODS",
    "Period",
    "Report",
    "Tally",
    "cluster_report",
    "format_percent",
    "line_rows",
    "plan_report",
    "quarter_rows",
    "report_chart_svg",
    "report_document_context",
    "report_filename",
    "report_plans",
    "report_workbook",
    "summary_sentence",
    "unit_rows",
]
