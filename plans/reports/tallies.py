"""The numbers of a review report: activities of the period counted by quarter, by lead unit and
in all, and each activity with its status, on the report's day.

A percentage reads the Vietnamese way, one decimal after a comma: "66,7 %".
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from activities.choices import ActivityStatus
from activities.models import ROMAN_QUARTERS, Activity
from activities.tracking.periods import is_overdue, period_label
from clusters.models import Cluster, Organization
from plans import policy
from plans.choices import PlanStatus
from plans.models import Plan, Recipient

OTHER_UNIT = "Đơn vị khác/không ghi"
NO_ACTIVITY = "–"
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
    def countable(self) -> int:
        """The activities the completion rate counts: a cancelled one is outside the rate."""
        return self.total - self.by_status[ActivityStatus.CANCELLED]

    @property
    def percent(self) -> str:
        return format_percent(self.done, self.countable)

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

    @property
    def symbol(self) -> str:
        """The report's symbol: "BC-" and the issuer's abbreviation ("BC-CTĐ")."""
        return f"BC-{self.issuer.abbreviation}" if self.issuer is not None else "BC"


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------
def _units_text(activity: Activity) -> str:
    leads = [
        organization.short_name or organization.name for organization in activity.lead_organizations.all()
    ]
    if leads:
        return ", ".join(leads)
    return "; ".join(line.strip(" -+") for line in activity.implementers_text.splitlines() if line.strip())


class _UnitTallies:
    """A tally per lead unit (activities without one under OTHER_UNIT, listed last)."""

    def __init__(self):
        self.by_unit: dict[int | None, Tally] = {}

    def add(self, activity: Activity, overdue: bool) -> None:
        for unit in list(activity.lead_organizations.all()) or [None]:
            if unit is None:
                tally = self.by_unit.setdefault(None, Tally(OTHER_UNIT))
            else:
                tally = self.by_unit.setdefault(unit.pk, Tally(unit.short_name or unit.name))
            tally.add(activity, overdue)

    def rows(self) -> list[Tally]:
        rows = sorted(
            (tally for key, tally in self.by_unit.items() if key is not None), key=lambda t: t.label
        )
        if None in self.by_unit:
            rows.append(self.by_unit[None])
        return rows


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
    total, units, lines = Tally("Tổng cộng"), _UnitTallies(), []
    for each in plans:
        for activity in each.activities.all():
            quarter = activity.effective_quarter
            if quarter not in quarters:
                continue
            overdue = is_overdue(activity, today, year=each.year, first_month=each.first_month)
            for tally in (quarters[quarter], total, units):
                tally.add(activity, overdue)
            lines.append(
                ReportLine(
                    activity=activity,
                    plan=each,
                    quarter=quarter,
                    period=period_label(activity, each.year, each.first_month),
                    units=_units_text(activity),
                    overdue=overdue,
                )
            )
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
        units=units.rows(),
        lines=lines,
    )


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------
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
